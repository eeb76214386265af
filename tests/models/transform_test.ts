import assert from "node:assert/strict";
import {
  fitTransform,
  forwardTransform,
  inverseTransform,
  transformed,
} from "../../src/lib/models/transform.ts";
import type { Job, Problem } from "../../src/lib/models/types.ts";
import { taskMean } from "../../src/lib/eval/mod.ts";
import { normalize } from "../../src/lib/data/normalize.ts";
import { datasetOf, near } from "../eval/_fixtures.ts";

/** 6 models x 4 tasks: percent, fraction, a lower-is-better percent task and an Elo task. */
function fixture() {
  const rows = Array.from({ length: 6 }, (_, i) => [
    10 + 15 * i, // percent, 10..85
    0.05 + 0.18 * i, // fraction, 0.05..0.95
    90 - 14 * i, // percent, lower is better
    1100 + 60 * i, // Elo, unbounded
  ]);
  rows[0][0] = 0.2; // within the clip of the bound
  const data = datasetOf(rows, "t2");
  const { dense, scale } = data.scores;
  const norm = normalize(dense, data.scores.lowerIsBetter, { kind: "task" });
  const { values: _, ...normalization } = norm;
  const problem: Problem = {
    nModels: 6,
    nTasks: 4,
    values: norm.values,
    taskScales: scale,
  };
  const train = Uint32Array.from({ length: 24 }, (_, k) => k);
  const job: Job = { train, seed: 0, values: norm.values, normalization };
  return { data, problem, job, norm };
}

Deno.test("transforms: the inverse undoes the forward map exactly, except within the clip", () => {
  const { problem, job, data } = fixture();
  assert.deepEqual(data.scores.scale, ["percent", "fraction", "percent", "unbounded"]);
  for (const id of ["none", "zscore", "logit"] as const) {
    const t = fitTransform(problem, job, id);
    for (let k = 0; k < 24; k++) {
      const [i, j] = [Math.floor(k / 4), k % 4];
      const v = job.values![k];
      near(forwardTransform(t, job, i, j, v), t.values[k], 1e-5, `${id} forward ${k}`);
      if (id === "logit" && k === 0) continue; // 0.2 points is clipped to 0.5
      near(inverseTransform(t, job, i, j, t.values[k]), v, 1e-5, `${id} inverse ${k}`);
    }
  }
  // the clipped cell comes back at the clip: 0.5 points on a 0.2-85 range
  const logit = fitTransform(problem, job, "logit");
  const back = inverseTransform(logit, job, 0, 0, logit.values[0]);
  near(back, (0.5 - 0.2) / (85 - 0.2), 1e-5, "clipped");
});

Deno.test("transforms: zscore and logit standardize per task; the Elo task is never a logit", () => {
  const { problem, job } = fixture();
  for (const id of ["zscore", "logit"] as const) {
    const t = fitTransform(problem, job, id);
    for (let j = 0; j < 4; j++) {
      const column = [0, 1, 2, 3, 4, 5].map((i) => t.values[i * 4 + j]);
      near(column.reduce((a, b) => a + b) / 6, 0, 1e-5, `${id} mean ${j}`);
      near(Math.sqrt(column.reduce((a, b) => a + b * b, 0) / 6), 1, 1e-5, `${id} sd ${j}`);
    }
    assert.deepEqual([...t.logitUnit], id === "logit" ? [1, 100, 1, 0] : [0, 0, 0, 0]);
  }
  // Elo: the same standardized values under both (evenly spaced scores stay evenly spaced)
  const z = fitTransform(problem, job, "zscore");
  const l = fitTransform(problem, job, "logit");
  for (let i = 0; i < 6; i++) near(l.values[i * 4 + 3], z.values[i * 4 + 3], 1e-6);
  // the logit is not linear on a bounded task: unevenly spaced there
  const gaps = [1, 2, 3, 4].map((i) => l.values[(i + 1) * 4 + 1] - l.values[i * 4 + 1]);
  assert.ok(gaps[0] < gaps[1] || gaps[0] > gaps[1]);
  // the transformed space keeps the scores' own direction (BenchPress's), also on the
  // lower-is-better task, whose scores fall with i
  for (let i = 0; i < 5; i++) assert.ok(l.values[(i + 1) * 4 + 2] < l.values[i * 4 + 2]);
});

Deno.test("transforms: a method behind one predicts on the job's scale; clear errors", async () => {
  const { problem, job } = fixture();
  const fit = await transformed(taskMean(), "logit").fit(problem, [job]);
  // the task mean in z space is 0: back, each task's prediction is its logit-space centre
  const t = fitTransform(problem, job, "logit");
  for (let j = 0; j < 4; j++) {
    near(fit.predictions[0][j], inverseTransform(t, job, 0, j, 0), 1e-5, `task ${j}`);
  }
  assert.equal(fit.config.transform, "logit");
  assert.equal(transformed(taskMean(), "none").id, "task-mean");
  assert.throws(() => transformed(transformed(taskMean(), "logit"), "zscore"), /already behind/);
  assert.throws(() => fitTransform(problem, job, "probit" as "logit"), /expected one of none/);
  const { normalization: _, ...bare } = job;
  assert.throws(() => fitTransform(problem, bare, "zscore"), /has no normalization/);
  assert.throws(
    () => fitTransform({ ...problem, taskScales: undefined }, job, "logit"),
    /no task scales/,
  );
});
