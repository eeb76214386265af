import assert from "node:assert/strict";
import {
  als,
  auto,
  type AutoChoice,
  biasAls,
  chooseOnce,
  defaultCandidates,
  fitPlanned,
  fixedEnsemble,
  innerFoldsOf,
  methodById,
  randomPlans,
  selectEnsemble,
  selectFamily,
  taskMean,
} from "../../src/lib/mod.ts";
import type { Dataset, Method } from "../../src/lib/mod.ts";
import { datasetOf } from "./_fixtures.ts";
import { type SpyCall, spyMethod, withModelFactors } from "./_factor_fixtures.ts";

/**
 * 40 models x 10 percent tasks whose logit is a task bias plus a per-task effect of the model's
 * family (a categorical design factor) and a little rank-1 structure; a third of the cells missing.
 */
function familyData(): Dataset {
  const family = Array.from({ length: 40 }, (_, i) => ["a", "b", "c", "d"][i % 4]);
  const effect = (f: string, j: number) => Math.sin((f.charCodeAt(0) - 96) * (j + 1) * 1.7);
  const rows = Array.from({ length: 40 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => {
      if ((i * 3 + j * 7) % 3 === 0) return null;
      const logit = 0.3 * Math.cos(j) + 1.2 * effect(family[i], j) +
        0.3 * Math.sin(i * 0.9) * Math.cos(j * 1.3);
      return Number((100 / (1 + Math.exp(-logit))).toFixed(3));
    }));
  return withModelFactors(datasetOf(rows), { family });
}

function jobsOf(data: Dataset, seeds = 3) {
  const plans = randomPlans(data, { seeds, holdout: 0.15, scale: "task", scaleFrom: "train" });
  return {
    plans,
    jobs: plans.map((p) => ({ seed: p.seed, train: p.split.train, norm: p.norm })),
  };
}

async function heldOutMae(data: Dataset, method: Method, seeds = 3) {
  const { plans, jobs } = jobsOf(data, seeds);
  const fit = await fitPlanned(data, method, jobs);
  let sum = 0;
  let n = 0;
  plans.forEach((p, s) => {
    for (const k of p.split.test) {
      sum += Math.abs(fit.predictions[s][k] - p.norm.values[k]);
      n++;
    }
  });
  return { mae: sum / n, fit };
}

Deno.test("als: the design factors as side features recover a family effect the ranks miss", async () => {
  const data = familyData();
  const plain = await heldOutMae(data, als({ rank: 1 }));
  const factors = await heldOutMae(data, als({ rank: 1, factors: true }));
  assert.ok(factors.mae < plain.mae * 0.7, `with factors ${factors.mae}, without ${plain.mae}`);
  assert.equal(als({ factors: true }).usesFactors, true);
  assert.equal(biasAls().usesFactors, false);
  // rank 0: biases and factors only; no biases at all
  const rank0 = await heldOutMae(data, als({ rank: 0, factors: true }));
  assert.ok(rank0.mae < plain.mae, `rank 0 with factors ${rank0.mae}`);
  const noBiases = await heldOutMae(data, als({ biases: false, transform: "zscore" }));
  assert.ok(Number.isFinite(noBiases.mae));
  assert.throws(() => als({ lambdaFactors: 0 }), /lambdaFactors 0/);
});

Deno.test("auto: inner folds split each model's training cells evenly, seeded", () => {
  const train = Uint32Array.from({ length: 60 }, (_, k) => k); // 6 models x 10 tasks
  const a = innerFoldsOf({ train, seed: 4 }, 10, 3);
  assert.deepEqual(a, innerFoldsOf({ train, seed: 4 }, 10, 3));
  assert.notDeepEqual(a, innerFoldsOf({ train, seed: 5 }, 10, 3));
  for (let i = 0; i < 6; i++) {
    const counts = [0, 0, 0];
    for (let j = 0; j < 10; j++) counts[a[i * 10 + j]]++;
    assert.deepEqual(counts.toSorted(), [3, 3, 4], `model ${i}: ${counts}`);
  }
});

Deno.test("auto: the family selection takes the family with the lowest mean inner error", () => {
  const gold = Float64Array.of(2, 2);
  const f = selectFamily(
    [Float64Array.of(1, 1), Float64Array.of(3, 3), Float64Array.of(2, 2.5), Float64Array.of(2, 9)],
    gold,
    ["a", "a", "b", "b"],
  );
  // family a: scores 1 and 1 (mean 1); family b: 0.25 and 3.5 (mean 1.875)
  assert.deepEqual([...f.weights], [0.5, 0.5, 0, 0]);
  assert.equal(f.score, 0); // the mean of 1 and 3 is 2
  assert.deepEqual([...f.scores], [1, 1, 0.25, 3.5]);
});

Deno.test("auto: the greedy ensemble weights the candidates that lower the inner error", () => {
  const gold = Float64Array.of(2, 2, 2, 2);
  const low = Float64Array.of(1, 1, 1, 1);
  const high = Float64Array.of(3, 3, 3, 3);
  const off = Float64Array.of(9, 9, 9, 9);
  const mixed = selectEnsemble([off, low, high], gold, 4);
  assert.deepEqual([...mixed.weights], [0, 0.5, 0.5]);
  assert.equal(mixed.score, 0);
  assert.deepEqual([...mixed.scores], [7, 1, 1]);
  const single = selectEnsemble([off, Float64Array.of(2, 2, 2, 2.4)], gold, 3);
  assert.deepEqual([...single.weights], [0, 1]);
});

Deno.test("auto: chooses on the training cells only, reports its choice, same seed same bytes", async () => {
  const data = familyData();
  const { plans, jobs } = jobsOf(data, 2);
  const calls: SpyCall[] = [];
  const spy = spyMethod(calls, { id: "task-mean" }, taskMean());
  const method = auto({
    candidates: (problem) => [
      ...defaultCandidates(problem, { starts: 2, iterations: 5 }, { starts: 2, iterations: 10 }),
      { name: "spy", method: spy },
    ],
  });
  const fit = await fitPlanned(data, method, jobs);
  // the spy saw 2 jobs x 5 inner folds, then (if chosen) the outer jobs: never a held-out cell
  const [screen] = calls;
  assert.equal(screen.jobs.length, 10);
  for (const [x, job] of screen.jobs.entries()) {
    const held = plans[Math.floor(x / 5)].split.test;
    for (const k of held) assert.ok(Number.isNaN(job.values[k]), `inner job ${x} sees ${k}`);
    const outer = new Set(jobs[Math.floor(x / 5)].train);
    for (const k of job.train) assert.ok(outer.has(k));
    // each inner job hides about a fifth of its outer job's cells
    const share = job.train.length / outer.size;
    assert.ok(share > 0.72 && share < 0.88, `inner share ${share}`);
  }
  const choices = fit.config.choices as AutoChoice[];
  assert.equal(choices.length, 2);
  for (const choice of choices) {
    assert.equal(Object.keys(choice.scores).length, 9);
    const total = Object.values(choice.weights).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 1) < 1e-9);
    // the family effect is only visible through the factors: a factor candidate leads
    const best = Object.entries(choice.scores).sort((a, b) => a[1] - b[1])[0][0];
    assert.match(best, /factors/);
    // the default selection: one family (transform and factors), its ranks weighted equally
    const chosen = Object.keys(choice.weights);
    assert.equal(new Set(chosen.map((name) => name.replace(/ r\d/, ""))).size, 1);
    assert.ok(Object.values(choice.weights).every((w) => w === 1 / chosen.length));
  }
  assert.equal(fit.config.selection, "family");
  const again = await fitPlanned(data, method, jobs);
  assert.deepEqual(again.predictions, fit.predictions);
  assert.deepEqual(again.config, fit.config);
});

Deno.test("auto: beats the task mean and BenchPress's bias-als here; by name; clear errors", async () => {
  const data = familyData();
  const cheap = auto({
    candidates: (p) => defaultCandidates(p, { starts: 3, iterations: 10 }, { starts: 5 }),
  });
  const [a, b, m] = [
    await heldOutMae(data, cheap),
    await heldOutMae(data, biasAls()),
    await heldOutMae(data, taskMean()),
  ];
  assert.ok(a.mae < b.mae && a.mae < m.mae / 2, `auto ${a.mae}, bias-als ${b.mae}, mean ${m.mae}`);
  assert.equal(methodById("auto").id, "auto");
  assert.equal(methodById("als").id, "als");
  assert.throws(() => auto({ innerFolds: 1 }), /innerFolds is 1/);
  assert.throws(() => auto({ rounds: 0 }), /rounds is 0/);
  assert.throws(() => auto({ selection: "best" as "greedy" }), /selection is 'best'/);
  const greedy = await heldOutMae(
    data,
    auto({
      selection: "greedy",
      candidates: (p) => defaultCandidates(p, { starts: 3, iterations: 10 }, { starts: 5 }),
    }),
  );
  assert.ok(greedy.mae < m.mae / 2, `greedy ${greedy.mae}`);
  assert.equal(greedy.fit.config.rounds, 5);
  await assert.rejects(
    auto({ candidates: () => [] }).fit(
      { nModels: 1, nTasks: 1, values: Float32Array.of(1) },
      [{ train: Uint32Array.of(0), seed: 0 }],
    ),
    /no candidate/,
  );
  // without factors, the grid has no factor candidate
  const plain = datasetOf([[1, 2], [3, 4]]);
  const names = defaultCandidates({
    nModels: 2,
    nTasks: 2,
    values: new Float32Array(4),
    modelFactors: plain.modelFactors,
  }).map((c) => c.name);
  assert.deepEqual(names, ["als logit r1", "als logit r2", "als logit r3", "als zscore r2"]);
});

Deno.test("auto: its choice, fixed, predicts what auto predicted; chooseOnce picks on every cell", async () => {
  const data = familyData();
  const { jobs } = jobsOf(data, 1);
  const candidates = (p: Parameters<typeof defaultCandidates>[0]) =>
    defaultCandidates(p, { starts: 2, iterations: 5 }, { starts: 3, iterations: 10 });
  const fit = await fitPlanned(data, auto({ candidates }), jobs);
  const [choice] = fit.config.choices as AutoChoice[];
  const problem = {
    nModels: 40,
    nTasks: 10,
    values: new Float32Array(0),
    modelFactors: data.modelFactors,
  };
  const fixed = fixedEnsemble(candidates(problem), choice.weights);
  const again = await fitPlanned(data, fixed, jobs);
  assert.deepEqual(again.predictions, fit.predictions);
  assert.deepEqual(again.config, { weights: choice.weights });
  assert.throws(() => fixedEnsemble(candidates(problem), { "als probit r9": 1 }), /no candidate/);
  assert.throws(() => fixedEnsemble(candidates(problem), {}), /no weight/);
  const once = await chooseOnce(data, { auto: { candidates } });
  assert.equal(once.method.id, "auto");
  assert.match(Object.keys(once.choice.weights).join(), /factors/);
});
