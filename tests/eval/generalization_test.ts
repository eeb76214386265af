import assert from "node:assert/strict";
import {
  biases,
  eligibleTargets,
  generalizationCurve,
  globalMean,
  runGeneralization,
  taskMean,
} from "../../src/lib/eval/mod.ts";
import { datasetOf, near } from "./_fixtures.ts";
import { neverFitted, type SpyCall, spyMethod } from "./_factor_fixtures.ts";

// s_ij = 10 b_i + 5 c_j (points). Models 2, 3 hold the smallest b and 4, 5 the largest, so every
// task keeps the same training range (30 points) whichever single model is held out: the task
// scale keeps the matrix exactly additive. Model 0 equals model 1.
const b = [1.5, 1.5, 0, 0, 3, 3, 2, 0.5];
const c = [0, 1, 2, 3, 4, 5];
const additive = datasetOf(b.map((bi) => c.map((cj) => 10 + 10 * bi + 5 * cj)));

Deno.test("runGeneralization() new-model k=2: biases recover a model equal to another", async () => {
  const result = await runGeneralization(additive, {
    axis: "model",
    known: 2,
    methods: [globalMean(), biases({ lambda: 1e-9 })],
    seeds: 3,
  });
  assert.equal(result.split, "new-model");
  assert.equal(result.targets.length, 8);
  const [global, bias] = result.rows;
  assert.equal(bias.status, "ok");
  const m0 = bias.perTarget.find((t) => t.target === "m0")!;
  assert.equal(m0.cells, 4);
  near(m0.mse, 0, 1e-10, "m0 mse");
  near(m0.maePoints, 0, 1e-4, "m0 points");
  assert.ok(bias.mse! < 1e-10, `biases mse ${bias.mse}`);
  assert.ok(global.mse! > 0.01, `global-mean mse ${global.mse}`);
});

Deno.test("runGeneralization() k=0: a method without cold start gets a row with no numbers", async () => {
  for (const axis of ["model", "task"] as const) {
    const result = await runGeneralization(additive, {
      axis,
      known: 0,
      methods: [neverFitted({ id: "mf", coldStart: false }), taskMean()],
      seeds: 2,
    });
    const [mf, mean] = result.rows;
    assert.equal(mf.status, "cold-start unsupported");
    assert.match(mf.reason!, new RegExp(`cannot predict a cold ${axis}`));
    assert.equal(mf.mse, null);
    assert.equal(mf.l1, null);
    assert.equal(mf.maePoints, null);
    assert.equal(mf.pooled, null);
    assert.deepEqual(mf.perTarget, []);
    assert.equal(mean.status, "ok");
    assert.ok(Number.isFinite(mean.mse));
  }
});

Deno.test("runGeneralization() k=0: a factor method on a dataset without factors is unsupported", async () => {
  const result = await runGeneralization(additive, {
    axis: "model",
    known: 0,
    methods: [neverFitted({ id: "factors-only", coldStart: true, usesFactors: true })],
  });
  assert.equal(result.rows[0].status, "cold-start unsupported");
  assert.match(result.rows[0].reason!, /has none/);
});

Deno.test("runGeneralization() k>0 runs a method without cold start", async () => {
  const calls: SpyCall[] = [];
  const result = await runGeneralization(additive, {
    axis: "model",
    known: 1,
    methods: [spyMethod(calls, { coldStart: false })],
    seeds: 2,
  });
  assert.equal(result.rows[0].status, "ok");
  assert.equal(calls.length, 1);
});

// m0 scores 1000 on t0 where the others score 10..40: were it in the scale, every other t0 value
// would normalize below 0.05.
const outlier = datasetOf([
  [1000, 20, 30, 40, 50],
  [10, 20, 30, 40, 50],
  [20, 30, 40, 50, 60],
  [30, 40, null, 60, 70],
  [40, 50, 60, 70, 80],
]);

Deno.test("runGeneralization() batches every (target, seed) in one fit and hides the test cells", async () => {
  const calls: SpyCall[] = [];
  const seeds = 3;
  const known = 2;
  const result = await runGeneralization(outlier, {
    axis: "model",
    known,
    methods: [spyMethod(calls)],
    seeds,
    predictions: true,
  });
  assert.equal(calls.length, 1, "one fit call per method");
  const { jobs, problemValues } = calls[0];
  assert.equal(jobs.length, result.targets.length * seeds);
  assert.ok(problemValues.every((v) => Number.isNaN(v)), "the shared problem carries no value");
  const { observed, nTasks } = outlier.scores.dense;
  const scoredBySeed = new Map<string, Set<number>>();
  for (const p of result.predictions!) {
    const k = outlier.scores.dense.modelIndex.get(p.model)! * nTasks +
      outlier.scores.dense.taskIndex.get(p.task)!;
    const key = `${p.target}/${p.seed}`;
    scoredBySeed.set(key, (scoredBySeed.get(key) ?? new Set()).add(k));
  }
  jobs.forEach((job, index) => {
    const target = result.targets[Math.floor(index / seeds)];
    const i = outlier.scores.dense.modelIndex.get(target)!;
    assert.equal(job.seed, index % seeds);
    const train = new Set(job.train);
    const scored = scoredBySeed.get(`${target}/${job.seed}`)!;
    let revealed = 0;
    for (let k = 0; k < observed.length; k++) {
      if (!observed[k]) continue;
      if (Math.floor(k / nTasks) === i) {
        if (train.has(k)) revealed++;
        else {
          assert.ok(scored.has(k), `hidden cell ${k} is scored`);
          assert.ok(Number.isNaN(job.values[k]), `test cell ${k} reached job ${index}`);
        }
      } else assert.ok(train.has(k), `cell ${k} of another model trains`);
    }
    assert.equal(revealed, known);
    for (const k of job.train) assert.ok(Number.isFinite(job.values[k]));
    // The task scale comes from the training cells: each task's training values span [0, 1].
    for (let j = 0; j < nTasks; j++) {
      const vals = job.train.filter((k) => k % nTasks === j).map((k) => job.values[k]);
      near(Math.min(...vals), 0, 1e-6, `job ${index} task ${j} min`);
      near(Math.max(...vals), 1, 1e-6, `job ${index} task ${j} max`);
    }
  });
  // Hidden gold above the training range normalizes above 1 (m0's 1000 on t0 when hidden).
  const big = result.predictions!.filter((p) => p.model === "m0" && p.task === "t0");
  assert.ok(big.length > 0 && big.every((p) => p.goldNormalized > 10));
});

Deno.test("runGeneralization() reveals nested cells as k grows, the same for the same seed", async () => {
  const revealedAt = async (known: number) => {
    const calls: SpyCall[] = [];
    await runGeneralization(additive, { axis: "model", known, methods: [spyMethod(calls)] });
    const { nTasks } = additive.scores.dense;
    return calls[0].jobs.map((job, index) => {
      const target = Math.floor(index / 5);
      return new Set([...job.train].filter((k) => Math.floor(k / nTasks) === target));
    });
  };
  const [one, two, again] = [await revealedAt(1), await revealedAt(2), await revealedAt(2)];
  one.forEach((cells, index) => {
    assert.equal(cells.size, 1);
    for (const k of cells) assert.ok(two[index].has(k), `job ${index}: cell ${k} stays revealed`);
    assert.deepEqual([...two[index]], [...again[index]]);
  });
  const distinct = new Set(two.map((s) => [...s].join(",")));
  assert.ok(distinct.size > 1, "seeds and targets draw different cells");
});

Deno.test("runGeneralization() task axis: the target task is on its unit scale", async () => {
  const calls: SpyCall[] = [];
  const result = await runGeneralization(additive, {
    axis: "task",
    known: 2,
    methods: [spyMethod(calls, { id: "ncf" }, biases())],
    seeds: 2,
    predictions: true,
  });
  assert.equal(result.split, "new-task");
  assert.equal(result.targetTaskScale, "unit");
  for (const p of result.predictions!) {
    assert.equal(p.target, p.task);
    near(p.goldNormalized, p.gold / 100, 1e-6, `${p.model} ${p.task}`);
  }
  const { nTasks } = additive.scores.dense;
  calls[0].jobs.forEach((job, index) => {
    const j = Math.floor(index / 2);
    const own = [...job.train].filter((k) => k % nTasks === j);
    assert.equal(own.length, 2);
    for (const k of own) near(job.values[k], additive.scores.dense.values[k] / 100, 1e-6);
  });
  const train = await runGeneralization(additive, {
    axis: "task",
    known: 2,
    methods: [biases()],
    seeds: 2,
    targetTaskScale: "train",
    predictions: true,
  });
  assert.equal(train.targetTaskScale, "train");
  assert.ok(train.predictions!.some((p) => Math.abs(p.goldNormalized - p.gold / 100) > 0.1));
});

Deno.test("runGeneralization() overall = mean over targets; pooled = over cells", async () => {
  const ragged = datasetOf([
    [10, 20, 30, 40, 50, 60],
    [15, null, 35, null, 55, null],
    [20, 25, 45, 40, 60, 70],
    [5, 30, 20, 50, 40, 65],
  ]);
  const result = await runGeneralization(ragged, {
    axis: "model",
    known: 1,
    methods: [taskMean()],
    seeds: 2,
  });
  const row = result.rows[0];
  assert.equal(result.aggregate, "mean over targets");
  const per = row.perTarget;
  near(row.mse!, per.reduce((s, t) => s + t.mse, 0) / per.length, 1e-12);
  const cells = per.reduce((s, t) => s + t.cells, 0);
  assert.equal(row.cells, cells);
  near(row.pooled!.mse, per.reduce((s, t) => s + t.mse * t.cells, 0) / cells, 1e-12);
  near(row.maePoints!, row.perSeed.reduce((s, p) => s + p.maePoints, 0) / 2, 1e-9);
  assert.deepEqual(per.map((t) => t.cells), [5, 2, 5, 5]);
});

Deno.test("eligibleTargets() needs k + 2 scores, or k outside and one inside scoreOn", () => {
  const data = datasetOf([
    [1, 2, 3, 4],
    [1, 2, null, null],
    [null, null, 3, null],
  ]);
  const at2 = eligibleTargets(data, { axis: "model", known: 2 });
  assert.deepEqual(at2.targets, ["m0"]);
  assert.deepEqual(at2.skipped.map((s) => s.target), ["m1", "m2"]);
  assert.match(at2.skipped[0].reason, /2 observed scores \(needs at least k \+ 2 = 4\)/);
  const on = eligibleTargets(data, { axis: "model", known: 2, scoreOn: ["t0"] });
  assert.deepEqual(on.targets, ["m0"]);
  assert.match(on.skipped[0].reason, /1 observed scores outside/);
  assert.match(on.skipped[1].reason, /no observed score on the scored cells/);
  assert.throws(() => eligibleTargets(data, { axis: "model", known: 0, targets: ["zz"] }), /zz/);
});

Deno.test("runGeneralization() scoreOn scores only those cells and never reveals them", async () => {
  const calls: SpyCall[] = [];
  const result = await runGeneralization(additive, {
    axis: "model",
    known: 2,
    methods: [spyMethod(calls)],
    seeds: 2,
    scoreOn: ["t3"],
    predictions: true,
  });
  assert.ok(result.predictions!.every((p) => p.task === "t3"));
  assert.equal(result.predictions!.length, 8 * 2);
  const { nTasks } = additive.scores.dense;
  calls[0].jobs.forEach((job, index) => {
    const i = Math.floor(index / 2);
    assert.ok(!job.train.includes(i * nTasks + 3), "the scored cell is never revealed");
    assert.equal([...job.train].filter((k) => Math.floor(k / nTasks) === i).length, 2);
  });
});

Deno.test("generalizationCurve() runs every k on the targets of the largest k", async () => {
  const ragged = datasetOf([
    [10, 20, 30, 40, 50],
    [15, 25, null, 45, 55],
    [20, 25, 45, null, null],
    [5, 30, 20, 50, 40],
  ]);
  const calls: SpyCall[] = [];
  const curve = await generalizationCurve(ragged, {
    axis: "model",
    ks: [0, 1, 2],
    methods: [taskMean(), spyMethod(calls, { id: "mf", coldStart: false })],
    seeds: 2,
  });
  assert.deepEqual(curve.targets, ["m0", "m1", "m3"]);
  assert.deepEqual(curve.skipped.map((s) => [s.target, s.known]), [["m2", 2]]);
  assert.deepEqual(curve.rows.map((r) => [r.known, r.method, r.status]), [
    [0, "task-mean", "ok"],
    [0, "mf", "cold-start unsupported"],
    [1, "task-mean", "ok"],
    [1, "mf", "ok"],
    [2, "task-mean", "ok"],
    [2, "mf", "ok"],
  ]);
  assert.equal(calls.length, 2, "mf is fitted at k = 1 and 2 only");
  for (const result of curve.results) assert.deepEqual(result.targets, ["m0", "m1", "m3"]);
});
