import assert from "node:assert/strict";
import type { Problem } from "../../src/lib/models/types.ts";
import { baselineMethods, biases, globalMean, taskMean } from "../../src/lib/eval/mod.ts";
import { near } from "./_fixtures.ts";

// 3 models x 2 tasks. Cell 5 (m2, t1) is observed but not trained on: a huge value there must not
// reach any prediction; cell 3 is missing.
const problem: Problem = {
  nModels: 3,
  nTasks: 2,
  values: Float32Array.of(0.2, 0.4, 0.6, NaN, 1.0, 1e6),
};
const job = { train: Uint32Array.of(0, 1, 2, 4), seed: 0 };

Deno.test("globalMean() predicts the mean of the job's training cells everywhere", async () => {
  const fit = await globalMean().fit(problem, [job]);
  assert.equal(fit.predictions.length, 1);
  for (const v of fit.predictions[0]) near(v, 0.55, 1e-6);
});

Deno.test("taskMean() predicts task means, the global mean for a task with no cell", async () => {
  const fit = await taskMean().fit(problem, [job, { train: Uint32Array.of(0, 2, 4), seed: 1 }]);
  const [a, b] = fit.predictions;
  // Job 0: t0 mean(0.2, 0.6, 1.0) = 0.6, t1 mean(0.4) = 0.4.
  assert.deepEqual([...a].map((v) => +v.toFixed(6)), [0.6, 0.4, 0.6, 0.4, 0.6, 0.4]);
  // Job 1 has no training cell on t1: global mean 0.6.
  for (const v of b) near(v, 0.6, 1e-6);
});

Deno.test("biases() shrinks by the ridge penalty: a closed-form two-model case", async () => {
  // One task, scores 0 and 1, λ = 1: mu = 0.5, b = ∓0.5 / (1 + λ) = ∓0.25, task bias 0.
  const two: Problem = { nModels: 2, nTasks: 1, values: Float32Array.of(0, 1) };
  const fit = await biases({ lambda: 1 }).fit(two, [{ train: Uint32Array.of(0, 1), seed: 0 }]);
  near(fit.predictions[0][0], 0.25, 1e-6);
  near(fit.predictions[0][1], 0.75, 1e-6);
});

Deno.test("biases() recovers an exactly additive matrix, missing cells included", async () => {
  const mu = 0.5;
  const b = [0.1, -0.2, 0.05, 0.3, -0.1];
  const c = [0, 0.2, -0.15, 0.1];
  const values = new Float32Array(20);
  for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) values[i * 4 + j] = mu + b[i] + c[j];
  const hidden = [3, 6, 13, 16]; // one per row for four rows, spread over tasks
  const train = Uint32Array.from([...values.keys()].filter((k) => !hidden.includes(k)));
  const sparse = values.slice();
  for (const k of hidden) sparse[k] = NaN;
  const additive: Problem = { nModels: 5, nTasks: 4, values: sparse };
  const fit = await biases({ lambda: 1e-9 }).fit(additive, [{ train, seed: 0 }]);
  for (let k = 0; k < 20; k++) near(fit.predictions[0][k], values[k], 1e-5, `cell ${k}`);
  // The default penalty shrinks a little but still beats the task mean by far.
  const shrunk = (await biases().fit(additive, [{ train, seed: 0 }])).predictions[0];
  const means = (await taskMean().fit(additive, [{ train, seed: 0 }])).predictions[0];
  const err = (p: Float32Array) => hidden.reduce((s, k) => s + (p[k] - values[k]) ** 2, 0);
  assert.ok(err(shrunk) < err(means) / 5, `${err(shrunk)} vs ${err(means)}`);
});

Deno.test("biases() gives a model with no training cell bias 0", async () => {
  // m0 = mu - 0.1 + c_j, m1 = mu + 0.1 + c_j with mu 0.5, c = (-0.2, 0.2); m2 has no cell.
  const p: Problem = {
    nModels: 3,
    nTasks: 2,
    values: Float32Array.of(0.2, 0.6, 0.4, 0.8, NaN, NaN),
  };
  const train = Uint32Array.of(0, 1, 2, 3);
  const fit = await biases({ lambda: 1e-9 }).fit(p, [{ train, seed: 0 }]);
  const predicted = [...fit.predictions[0]];
  [0.2, 0.6, 0.4, 0.8, 0.3, 0.7].forEach((v, k) => near(predicted[k], v, 1e-6, `cell ${k}`));
});

Deno.test("baselines return a full matrix per job, backend ts, 0 epochs, no curve", async () => {
  for (const method of baselineMethods()) {
    const jobs = [job, { train: Uint32Array.of(0, 4), seed: 1 }];
    const seen: number[] = [];
    const fit = await method.fit(problem, jobs, { onProgress: (p) => seen.push(p.done) });
    assert.equal(fit.method, method.id);
    assert.equal(fit.backend, "ts");
    assert.equal(fit.predictions.length, 2);
    for (const p of fit.predictions) assert.equal(p.length, 6);
    assert.deepEqual(fit.epochs, [0, 0]);
    assert.deepEqual(fit.curves, [[], []]);
    assert.ok(fit.seconds >= 0);
    assert.deepEqual(seen, [1, 2]);
    assert.equal(method.usesFactors, false);
    for (const p of fit.predictions[0]) assert.ok(p < 2, `${method.id} read a held-out value`);
  }
});

Deno.test("baselines reject a training cell that is not finite, or none", async () => {
  const bad = { train: Uint32Array.of(0, 3), seed: 0 };
  await assert.rejects(
    globalMean().fit(problem, [bad]),
    /cell 3 \(model 1, task 1\), whose value is NaN/,
  );
  await assert.rejects(
    biases().fit(problem, [{ train: new Uint32Array(0), seed: 0 }]),
    /job 0 has no training cell/,
  );
});

Deno.test("a closed-form job with the cells and values of the job before is not refitted wrongly", async () => {
  const method = biases();
  const other = Float32Array.of(0.9, 0.4, 0.6, NaN, 1.0, 1e6);
  const fit = await method.fit(problem, [
    job,
    { ...job, seed: 1 }, // an ensemble member: the same fit, its own copy
    { ...job, seed: 2, values: other }, // the same cells with other values: a fit of its own
    { train: Uint32Array.of(0, 1, 2), seed: 3 }, // other cells: a fit of its own
  ]);
  const [a, b, c, d] = fit.predictions;
  assert.deepEqual(b, a);
  assert.notEqual(b, a);
  const alone = async (j: typeof job & { values?: Float32Array }) =>
    (await biases().fit(problem, [j])).predictions[0];
  assert.deepEqual(c, await alone({ ...job, values: other }));
  assert.notDeepEqual(c, a);
  assert.deepEqual(d, await alone({ train: Uint32Array.of(0, 1, 2), seed: 0 }));
});
