// The inference module (models/infer.ts) against the training engine: exported weights predict
// every known model as the kernels did, a new model's factor embedding equals the embedding the
// engine gives a model with no training cell, and fold-in fits a model's known scores.
import assert from "node:assert/strict";
import { method } from "../../src/lib/models/mod.ts";
import {
  factorEmbedding,
  foldIn,
  fromNormalized,
  predictKnown,
  predictNewModel,
  predictRow,
  toNormalized,
  whatToRunNext,
} from "../../src/lib/models/infer.ts";
import type { FactorValue, PortableScale } from "../../src/lib/models/infer.ts";
import { observedCells, smallJobs, smallProblem, VARIANTS } from "../kernels/_fixtures.ts";

const problem = smallProblem();
const jobs = smallJobs(problem);

for (const [name, config] of Object.entries(VARIANTS)) {
  Deno.test(`exported ${name} weights predict every cell as the kernels do`, async () => {
    const fit = await method("mf", config).fit(problem, jobs, {
      backend: "cpu",
      keepModels: true,
      workers: 1,
    });
    assert.equal(fit.models?.length, jobs.length);
    fit.models!.forEach((model, b) => {
      for (let i = 0; i < problem.nModels; i++) {
        const row = predictKnown(model, i);
        for (let j = 0; j < problem.nTasks; j++) {
          const want = fit.predictions[b][i * problem.nTasks + j];
          assert.ok(
            Math.abs(row[j] - want) < 1e-4,
            `job ${b} cell (${i}, ${j}): inference ${row[j]}, kernels ${want}`,
          );
        }
      }
    });
  });
}

function factorsOf(i: number, set?: readonly number[]): Record<string, FactorValue> {
  const out: Record<string, FactorValue> = {};
  problem.modelFactors!.factors.forEach((f, q) => {
    if (!set || set.includes(q)) out[f.name] = f.values[i];
  });
  return out;
}

Deno.test("factorEmbedding() of a model's factors is the embedding the engine gives it without an ID", async () => {
  // model 6 has no training cell in this job: its ID embedding stays zero, so its embedding is
  // its factors' alone, and so is its row of predictions
  const cells = observedCells(problem).filter((c) => Math.floor(c / problem.nTasks) !== 6);
  const job = { train: Uint32Array.from(cells), seed: 3 };
  const fit = await method("ncf-factors", VARIANTS["ncf-factors"]).fit(problem, [job], {
    backend: "cpu",
    keepModels: true,
    workers: 1,
  });
  const model = fit.models![0];
  const emb = factorEmbedding(model, factorsOf(6));
  const row = predictRow(model, emb, 0);
  for (let j = 0; j < problem.nTasks; j++) {
    assert.ok(Math.abs(row[j] - fit.predictions[0][6 * problem.nTasks + j]) < 1e-4);
  }
  // a categorical value the training never saw takes the "unknown" row, as a missing one does
  const unseen = factorEmbedding(model, { ...factorsOf(6), family: "never seen" });
  const missing = factorEmbedding(model, { ...factorsOf(6), family: null });
  assert.deepEqual(Array.from(unseen), Array.from(missing));
  assert.throws(
    () => factorEmbedding(model, { colour: 3 }),
    /'colour' is not a factor of this model/,
  );
  assert.throws(() => factorEmbedding(model, { params: "big" }), /params is 'big'/);
});

Deno.test("foldIn() without known scores leaves the ID at zero; with them, moves toward them", async () => {
  const fit = await method("ncf-factors", VARIANTS["ncf-factors"]).fit(problem, [jobs[0]], {
    backend: "cpu",
    keepModels: true,
    workers: 1,
  });
  const model = fit.models![0];
  const base = factorEmbedding(model, factorsOf(2));
  const cold = foldIn(model, base, []);
  assert.deepEqual(Array.from(cold.id), new Array(model.k).fill(0));
  assert.deepEqual(Array.from(cold.predictions), Array.from(predictRow(model, base, 0)));
  const target = cold.predictions[1] + 0.3;
  const warm = foldIn(model, base, [{ task: 1, value: target }]);
  assert.ok(
    Math.abs(warm.predictions[1] - target) < Math.abs(cold.predictions[1] - target) - 0.05,
    `fold-in moved task 1 from ${cold.predictions[1]} to ${warm.predictions[1]} (target ${target})`,
  );
  assert.deepEqual(foldIn(model, base, [{ task: 1, value: target }]).id, warm.id);
  assert.throws(() => foldIn(model, base, [{ task: 9, value: 0 }]), /task index below 5/);
});

Deno.test("predictNewModel() gives every task an interval around its prediction; whatToRunNext() ranks the open tasks", async () => {
  const fit = await method("ncf-factors", VARIANTS["ncf-factors"]).fit(
    problem,
    [0, 1, 2].map((seed) => ({ train: jobs[0].train, seed })),
    { backend: "cpu", keepModels: true, workers: 1 },
  );
  const members = fit.models!;
  const m = problem.nTasks;
  const scale: PortableScale = {
    sign: new Array(m).fill(1),
    offset: new Array(m).fill(0),
    range: new Array(m).fill(100),
    unit: new Array(m).fill({ lo: 0, hi: 100 }),
  };
  assert.equal(fromNormalized(scale, 0, toNormalized(scale, 0, 42)), 42);
  const calibration = {
    level: 0.9,
    score: "ensemble" as const,
    quantiles: [3, 2, 1.5],
    epsilons: [0.01, 0.01, 0.01],
  };
  const rows = predictNewModel(members, scale, calibration, factorsOf(3), { task2: 55 });
  assert.equal(rows.length, m);
  for (const r of rows) {
    assert.ok(r.lower <= r.predicted && r.predicted <= r.upper, JSON.stringify(r));
    assert.ok(r.lower >= 0 && r.upper <= 100);
  }
  assert.equal(rows[2].known, 55);
  // a score far below the range pulls the predictions down: they stop at the task's range
  const low = predictNewModel(members, scale, calibration, {}, { task2: -400 });
  const unclipped = predictNewModel(
    members,
    { ...scale, unit: new Array(m).fill(null) },
    calibration,
    {},
    { task2: -400 },
  );
  assert.ok(unclipped.some((r) => r.predicted < 0), "the fixture never predicts below 0");
  low.forEach((r, j) => {
    assert.ok(r.predicted >= 0 && r.lower >= 0 && r.upper <= 100, JSON.stringify(r));
    assert.ok(r.lower <= r.predicted && r.predicted <= r.upper, JSON.stringify(r));
    assert.equal(r.predicted, Math.min(100, Math.max(0, unclipped[j].predicted)));
  });
  assert.throws(
    () => predictNewModel(members, scale, calibration, {}, { nope: 1 }),
    /'nope' is not a task/,
  );
  const next = whatToRunNext(members, scale, calibration, factorsOf(3), { task2: 55 });
  assert.deepEqual(next.map((n) => n.task).sort(), ["task0", "task1", "task3", "task4"]);
  for (let q = 1; q < next.length; q++) assert.ok(next[q - 1].gain >= next[q].gain);
  // one more known score takes the smaller quantile: every candidate shrinks the others
  for (const n of next) assert.ok(n.widthAfter < n.widthBefore, JSON.stringify(n));
});
