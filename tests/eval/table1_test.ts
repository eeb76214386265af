import assert from "node:assert/strict";
import { normalize } from "../../src/lib/mod.ts";
import type { Method, Problem } from "../../src/lib/models/types.ts";
import {
  baselineMethods,
  biases,
  cellMask,
  globalMean,
  meanStd,
  randomSplit,
  runTable1,
  TABLE1_METRICS,
  table1Json,
  taskMean,
} from "../../src/lib/eval/mod.ts";
import { datasetOf, near } from "./_fixtures.ts";
import { mirroredDataset } from "../_prerequisites.ts";

// s_ij = -10 + 2 b_i + 5 c_j. Three models share the largest b and three the smallest, three tasks
// the smallest c and three the largest, so that every task's (and every model's) training range
// survives a 5% split; every score is negative on a smallest-c task, so the cpp scaling's
// "min with 0" never bites. Then both scalings keep the matrix exactly additive.
const b = [3, 3, 3, 0, 0, 0, 1, 2, 0.5, 2.5, 1.5, 1.2];
const c = [0, 0, 0, 2, 2, 2, 1, 0.5, 1.5];
const missing = new Set([6 * 9 + 6, 7 * 9 + 7, 10 * 9 + 8, 11 * 9 + 1]);
const rows = b.map((bi, i) =>
  c.map((cj, j) => (missing.has(i * 9 + j) ? null : -10 + 2 * bi + 5 * cj))
);
const additive = datasetOf(rows);

for (const scale of ["task", "cpp"] as const) {
  Deno.test(`runTable1() ${scale}: biases reach ~0 MSE on an exactly additive matrix`, async () => {
    const result = await runTable1(additive, {
      methods: [globalMean(), taskMean(), biases({ lambda: 1e-9 })],
      seeds: 5,
      scale,
    });
    assert.equal(result.nObserved, 104);
    assert.equal(result.nTest, 5); // round(5.2)
    const [global, task, bias] = result.methods;
    assert.ok(bias.mse.mean < 1e-10, `biases MSE ${bias.mse.mean}`);
    assert.ok(bias.maePoints.mean < 1e-3, `biases ${bias.maePoints.mean} points`);
    assert.equal(bias.rankAccuracy.mean, 1);
    assert.equal(bias.pairwiseOrder.mean, 1);
    assert.ok(global.mse.mean > 0.01, `global-mean MSE ${global.mse.mean}`);
    // Under task scaling the matrix is a pure model effect, so the task mean cannot fit it.
    if (scale === "task") assert.ok(task.mse.mean > 0.01);
  });
}

Deno.test("runTable1() hides held-out cells and scales by the training cells only", async () => {
  const seen: { seed: number; values: Float32Array; train: Uint32Array }[] = [];
  const spy: Method = {
    id: "mf",
    label: "spy",
    usesFactors: false,
    coldStart: false,
    fit(problem: Problem, jobs) {
      for (const job of jobs) {
        seen.push({
          seed: job.seed,
          values: (job.values ?? problem.values).slice(),
          train: job.train,
        });
      }
      return globalMean().fit(problem, jobs).then((fit) => ({ ...fit, method: "mf" as const }));
    },
  };
  const result = await runTable1(additive, {
    methods: [spy],
    seeds: 3,
    scale: "task",
    predictions: true,
  });
  const { dense, lowerIsBetter } = additive.scores;
  assert.deepEqual(seen.map((s) => s.seed), [0, 1, 2]);
  for (const { seed, values, train } of seen) {
    const split = randomSplit(dense.observed, { holdout: 0.05, seed });
    assert.deepEqual(train, split.train);
    for (const k of split.test) assert.ok(Number.isNaN(values[k]), `test cell ${k} leaked`);
    // Task scaling from the training cells: every task's training cells span exactly [0, 1].
    for (let j = 0; j < dense.nTasks; j++) {
      const column = [...train].filter((k) => k % dense.nTasks === j).map((k) => values[k]);
      near(Math.min(...column), 0, 1e-6);
      near(Math.max(...column), 1, 1e-6);
    }
    // Gold is scored with the same per-seed normalization.
    const norm = normalize(dense, lowerIsBetter, { train: cellMask(split.train, 108) });
    const gold = result.predictions!.filter((r) => r.seed === seed).map((r) => r.gold);
    assert.deepEqual(gold, [...split.test].map((k) => norm.values[k]));
  }
  assert.equal(result.predictions!.length, 15);
  assert.deepEqual(Object.keys(result.predictions![0]), [
    "seed",
    "method",
    "model",
    "task",
    "gold",
    "predicted",
  ]);
});

Deno.test("runTable1() rows: per seed by method, mean and sample std, JSON shape", async () => {
  const progress: string[] = [];
  const result = await runTable1(additive, {
    methods: baselineMethods(),
    seeds: 4,
    onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.label}`),
  });
  assert.equal(result.scale, "cpp");
  assert.equal(result.scaleFrom, "observed");
  assert.equal(result.split, "random");
  assert.equal(result.seeds, 4);
  assert.equal(result.predictions, undefined);
  // One batch of the 4 seeds per method; the methods' own progress is scaled into the whole run.
  assert.deepEqual(progress.filter((p) => p.endsWith("done")), [
    "4/12 global-mean done",
    "8/12 task-mean done",
    "12/12 biases done",
  ]);
  assert.ok(progress.includes("2/12 global-mean: Global mean"), progress.join("; "));
  assert.ok(progress.includes("6/12 task-mean: Task mean"), progress.join("; "));
  assert.deepEqual(
    result.perSeed.map((r) => `${r.method}:${r.seed}`),
    ["global-mean", "task-mean", "biases"].flatMap((m) => [0, 1, 2, 3].map((s) => `${m}:${s}`)),
  );
  for (const [m, row] of result.methods.entries()) {
    const mine = result.perSeed.slice(4 * m, 4 * m + 4);
    for (const key of TABLE1_METRICS) assert.deepEqual(row[key], meanStd(mine.map((r) => r[key])));
    assert.equal(row.backend, "ts");
  }
  const json = table1Json(result);
  assert.deepEqual(Object.keys(json), [
    "dataset",
    "scale",
    "scaleFrom",
    "split",
    "holdout",
    "seeds",
    "methods",
  ]);
  assert.deepEqual(Object.keys(json.methods[0]), [
    "method",
    "backend",
    "mse",
    "l1",
    "rankAccuracy",
    "mae2",
    "pairwiseOrder",
    "maePoints",
    "fitSeconds",
  ]);
  // Same seeds, same numbers (fit times aside).
  const again = await runTable1(additive, { methods: baselineMethods(), seeds: 4 });
  const strip = (r: typeof result) => r.perSeed.map(({ fitSeconds: _, ...rest }) => rest);
  assert.deepEqual(strip(again), strip(result));
});

Deno.test("meanStd() uses the sample standard deviation, NaN for one value", () => {
  assert.deepEqual(meanStd([1, 2, 3]), { mean: 2, std: 1 });
  const one = meanStd([5]);
  assert.equal(one.mean, 5);
  assert.ok(Number.isNaN(one.std));
});

Deno.test("runTable1() rejects a method listed twice and a bad seed count", async () => {
  await assert.rejects(
    runTable1(additive, { methods: [biases(), biases()] }),
    /'biases' is listed twice/,
  );
  await assert.rejects(runTable1(additive, { seeds: 0 }), /seeds is 0/);
  await assert.rejects(runTable1(additive, { methods: [] }), /no method given/);
});

Deno.test("runTable1() rejects a method that returns the wrong number of predictions", async () => {
  const broken: Method = {
    ...globalMean(),
    fit: (problem, jobs) =>
      globalMean().fit(problem, jobs).then((f) => ({ ...f, predictions: [] })),
  };
  await assert.rejects(
    runTable1(additive, { methods: [broken], seeds: 1 }),
    /returned 0 prediction/,
  );
});

// The three baselines on cpp-crowdsource, 20 seeds; figures pinned so that a change shows.
Deno.test("runTable1() on cpp-crowdsource: the baselines, 20 seeds, both scales", async () => {
  const data = await mirroredDataset("cpp-crowdsource");
  if (!data) return;
  const pinned = {
    task: {
      "global-mean": [0.10318614348314134, 0.27480918148311584],
      "task-mean": [0.08570812472883786, 0.22986404334905358],
      biases: [0.03941622347386641, 0.1427516982129336],
    },
    // The CPP scaling from every observed cell (the default of the cpp scale).
    cpp: {
      "global-mean": [0.08544565472699778, 0.25169038794278586],
      "task-mean": [0.03452448923004805, 0.13872293033742938],
      biases: [0.021494527678737003, 0.1077121814202242],
    },
    // From the training cells only, the mean MSE is dominated by seeds that hold out a model's
    // only or top score (see table1.ts).
    cppTrain: {
      "global-mean": [0.9258466895722053, 0.2983290234083225],
      "task-mean": [0.8724753445361827, 0.18484087124234064],
      biases: [0.8564411715573037, 0.14931940009118988],
    },
  };
  for (const run of ["task", "cpp", "cppTrain"] as const) {
    const scale = run === "task" ? "task" : "cpp";
    const scaleFrom = run === "cppTrain" ? "train" : undefined;
    const result = await runTable1(data, { methods: baselineMethods(), scale, scaleFrom });
    assert.equal(result.nObserved, 878);
    assert.equal(result.nTest, 44);
    assert.equal(result.perSeed.length, 60);
    for (const row of result.perSeed) {
      for (const key of ["rankAccuracy", "mae2", "pairwiseOrder"] as const) {
        assert.ok(row[key] >= 0 && row[key] <= 1, `${key} ${row[key]}`);
      }
    }
    const [global, task, bias] = result.methods;
    assert.ok(bias.l1.mean < task.l1.mean && task.l1.mean < global.l1.mean);
    for (const row of result.methods) {
      const [mse, l1] = pinned[run][row.method as "biases"];
      near(row.mse.mean, mse, 1e-6, `${run} ${row.method} MSE`);
      near(row.l1.mean, l1, 1e-6, `${run} ${row.method} L1`);
    }
  }
});
