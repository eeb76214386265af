import assert from "node:assert/strict";
import {
  biasAls,
  denormalize,
  fitPlanned,
  pointMetrics,
  randomPlans,
  taskMean,
} from "../../src/lib/mod.ts";
import { datasetOf } from "./_fixtures.ts";

/** A 30 x 12 matrix with BenchPress's structure: logit(score) = mu + a_i + c_j + u_i . v_j. */
function lowRank(scale: "percent" | "fraction", elo = false): (number | null)[][] {
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  return Array.from({ length: 30 }, (_, i) =>
    Array.from({ length: 12 }, (_, j) => {
      if ((i * 7 + j * 5) % 4 === 0) return null; // a quarter missing
      const a = Math.sin(i * 1.3);
      const [u1, u2, v1, v2] = [Math.cos(i), Math.sin(i * 0.7), Math.cos(j * 1.1), Math.sin(j)];
      const logit = 0.2 + a + 0.5 * Math.cos(j * 2.1) + 0.6 * (u1 * v1 + u2 * v2);
      if (elo && j === 11) return 1200 + 120 * (a + u1); // an unbounded Elo-like task
      const p = sigmoid(logit);
      return scale === "percent" ? Number((100 * p).toFixed(3)) : Number(p.toFixed(5));
    }));
}

/** bias-als and the task mean on 5 random 10% splits: point metrics and the raw predictions. */
async function run(rows: (number | null)[][], seedOffset = 0) {
  const data = datasetOf(rows);
  const plans = randomPlans(data, { seeds: 5, holdout: 0.1, scale: "task", scaleFrom: "train" });
  const jobs = plans.map((p) => ({
    seed: p.seed + seedOffset,
    train: p.split.train,
    norm: p.norm,
  }));
  const score = async (method: ReturnType<typeof biasAls>) => {
    const fit = await fitPlanned(data, method, jobs);
    const [gold, predicted, unit] = [[] as number[], [] as number[], [] as number[]];
    plans.forEach((p, s) => {
      for (const k of p.split.test) {
        const [i, j] = [Math.floor(k / 12), k % 12];
        gold.push(data.scores.dense.values[k]);
        predicted.push(denormalize(p.norm, i, j, fit.predictions[s][k]));
        unit.push(data.scores.scale[j] === "fraction" ? 100 : 1);
      }
    });
    return { metrics: pointMetrics(gold, predicted, unit), predicted, fit };
  };
  return { data, als: await score(biasAls()), mean: await score(taskMean()) };
}

Deno.test("bias-als recovers a rank-2 logit matrix far better than the task mean", async () => {
  const { als, mean, data } = await run(lowRank("percent"));
  assert.deepEqual(new Set(data.scores.scale), new Set(["percent"]));
  assert.ok(als.metrics.medae < 1.5, `bias-als MedAE ${als.metrics.medae}`);
  assert.ok(
    als.metrics.medae < mean.metrics.medae / 4,
    `${als.metrics.medae} vs ${mean.metrics.medae}`,
  );
  assert.equal(als.fit.backend, "ts");
  assert.deepEqual(als.fit.config, { rank: 2, lambda: 0.1, iterations: 40, starts: 10, clip: 0.5 });
  // bounded predictions stay in 0-100 on every cell
  for (const p of als.predicted) assert.ok(p >= 0 && p <= 100);
});

Deno.test("bias-als gives the same points whether a file holds percentages or fractions", async () => {
  const percent = await run(lowRank("percent"));
  const fraction = await run(lowRank("fraction"));
  assert.deepEqual(new Set(fraction.data.scores.scale), new Set(["fraction"]));
  assert.ok(Math.abs(percent.als.metrics.medae - fraction.als.metrics.medae) < 0.01);
  percent.als.predicted.forEach((p, c) =>
    assert.ok(Math.abs(p - 100 * fraction.als.predicted[c]) < 0.01, `cell ${c}`)
  );
});

Deno.test("bias-als leaves an unbounded task in its own units, unclipped", async () => {
  const rows = lowRank("percent", true);
  const { als, data } = await run(rows);
  assert.equal(data.scores.scale[11], "unbounded");
  const fit = als.fit;
  // on the Elo task, predictions are Elo values (hundreds to thousands), never clipped to 100
  const plans = randomPlans(data, { seeds: 5, holdout: 0.1, scale: "task", scaleFrom: "train" });
  let seen = 0;
  plans.forEach((p, s) => {
    for (let i = 0; i < 30; i++) {
      const value = denormalize(p.norm, i, 11, fit.predictions[s][i * 12 + 11]);
      assert.ok(value > 900 && value < 1600, `${value}`);
      seen++;
    }
  });
  assert.equal(seen, 150);
});

Deno.test("bias-als: same seed, same bytes; another seed, other starts; clear errors", async () => {
  const rows = lowRank("percent");
  const a = await run(rows);
  const b = await run(rows);
  assert.deepEqual(a.als.predicted, b.als.predicted);
  const c = await run(rows, 1);
  assert.notDeepEqual(a.als.predicted, c.als.predicted);
  const data = datasetOf(rows);
  const problem = {
    nModels: 30,
    nTasks: 12,
    values: new Float32Array(360).fill(0.5),
    taskScales: data.scores.scale,
  };
  await assert.rejects(
    biasAls().fit(problem, [{ train: Uint32Array.of(0, 1), seed: 0 }]),
    /Cannot fit bias-als: job 0 has no normalization/,
  );
  assert.throws(() => biasAls({ rank: 0 }), /rank, iterations and starts must be positive/);
  assert.throws(() => biasAls({ lambda: 0 }), /lambda is 0/);
});
