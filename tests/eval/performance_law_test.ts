import assert from "node:assert/strict";
import {
  biases,
  collaborativeMmlu,
  performanceLaw,
  ridgeFit,
  seededRandom,
} from "../../src/lib/eval/mod.ts";
import { datasetOf, near } from "./_fixtures.ts";
import { neverFitted, type SpyCall, spyMethod, withModelFactors } from "./_factor_fixtures.ts";

Deno.test("ridgeFit() with lambda 0 is least squares; a constant column gets weight 0", () => {
  const fit = ridgeFit([[1, 5], [2, 5], [3, 5]], [2, 4, 6], 0);
  near(fit.weights[0], 2, 1e-12);
  assert.equal(fit.weights[1], 0);
  near(fit.intercept, 0, 1e-12);
  // The penalty shrinks the slope toward 0.
  assert.ok(ridgeFit([[1], [2], [3]], [2, 4, 6], 10).weights[0] < 2);
});

// 14 models whose MMLU (t0) follows an exact law in the logs of the five factors; m12 lacks a
// layer count and m13 an MMLU score.
const random = seededRandom(7);
const draw = (lo: number, hi: number) => Math.round(lo + (hi - lo) * random());
const factors = Array.from({ length: 14 }, () => ({
  layers: draw(12, 96),
  heads: draw(8, 128),
  ffn: draw(2000, 50000),
  params: draw(1000, 100000),
  tokens: draw(100, 3000),
}));
const exact = (f: (typeof factors)[number]) =>
  -40 + 3 * Math.log(f.layers) + 2 * Math.log(f.heads) + 1 * Math.log(f.ffn) +
  4 * Math.log(f.params) + 2 * Math.log(f.tokens);
const lawData = withModelFactors(
  datasetOf(factors.map((f, i) => [i === 13 ? null : exact(f), 30 + i])),
  {
    Layers: factors.map((f, i) => (i === 12 ? null : f.layers)),
    "Number Heads": factors.map((f) => f.heads),
    "bottleneck activation size": factors.map((f) => f.ffn),
    "Parameter Size(M)": factors.map((f) => f.params),
    "Pretraining Dataset Size(B)": factors.map((f) => f.tokens),
  },
);

Deno.test("performanceLaw() leave-one-out recovers an exact law with ~0 error", () => {
  const result = performanceLaw(lawData, { task: "t0", lambda: 1e-9 });
  assert.equal(result.n, 12);
  assert.ok(result.mae < 1e-4, `MAE ${result.mae}`);
  for (const row of result.models) near(row.predicted, row.actual, 1e-3, row.model);
  const weights = result.fit.coefficients.map((c) => c.weight);
  [3, 2, 1, 4, 2].forEach((w, c) => near(weights[c], w, 1e-3, result.features[c].name));
  assert.deepEqual(result.leftOut, [
    { model: "m12", missing: ["Layers"] },
    { model: "m13", missing: ["t0 score"] },
  ]);
  // The default nested choice picks a small penalty here and stays close.
  const nested = performanceLaw(lawData, { task: "t0" });
  assert.match(nested.lambdaRule, /nested leave-one-out/);
  assert.ok(nested.mae < 0.5, `nested MAE ${nested.mae}`);
});

Deno.test("performanceLaw() names the MMLU task or says why it cannot", () => {
  assert.throws(() => performanceLaw(lawData), /0 task names start with "MMLU"/);
});

// Additive scores (equal task ranges whichever model is hidden, see generalization_test.ts);
// t3 plays MMLU.
const b = [1.5, 1.5, 0, 0, 3, 3, 2, 0.5];
const c = [0, 1, 2, 3, 4, 5];
const additive = withModelFactors(
  datasetOf(b.map((bi) => c.map((cj) => 10 + 10 * bi + 5 * cj))),
  {
    Layers: b.map((_, i) => 10 + i),
    "Number Heads": b.map((_, i) => 8 + 2 * i),
    "bottleneck activation size": b.map((_, i) => 1000 + 300 * i),
    "Parameter Size(M)": b.map((_, i) => 100 * (i + 1)),
    "Pretraining Dataset Size(B)": b.map((_, i) => 50 + 7 * i),
  },
);

Deno.test("collaborativeMmlu() predicts only the MMLU cell; k=0 without cold start has no numbers", async () => {
  const calls: SpyCall[] = [];
  const result = await collaborativeMmlu(additive, {
    task: "t3",
    ks: [0, 2],
    seeds: 2,
    methods: [biases({ lambda: 1e-9 }), spyMethod(calls, { id: "mf", coldStart: false })],
  });
  assert.equal(result.models.length, 8);
  const at = (known: number, method: string) =>
    result.rows.filter((r) => r.known === known && r.method === method);
  for (const row of at(0, "mf")) {
    assert.equal(row.status, "cold-start unsupported");
    assert.equal(row.predicted, null);
    assert.equal(row.absError, null);
  }
  assert.equal(calls.length, 1, "mf is fitted at k = 2 only");
  for (const row of at(2, "biases")) near(row.absError!, 0, 1e-3, row.model);
  const mae = result.mae.find((m) => m.known === 2 && m.method === "biases")!;
  assert.equal(mae.n, 8);
  assert.equal(result.mae.find((m) => m.known === 0 && m.method === "mf")!.mae, null);
  // Every job hides its model's t3 cell.
  const { nTasks } = additive.scores.dense;
  calls[0].jobs.forEach((job, index) => {
    const i = Math.floor(index / 2);
    assert.ok(Number.isNaN(job.values[i * nTasks + 3]));
    assert.ok(!job.train.includes(i * nTasks + 3));
  });
});

Deno.test("collaborativeMmlu() never fits a method without cold start at k=0", async () => {
  const result = await collaborativeMmlu(additive, {
    task: "t3",
    ks: [0],
    methods: [neverFitted({ id: "ncf", coldStart: false })],
  });
  assert.ok(result.rows.every((r) => r.status === "cold-start unsupported"));
});
