import assert from "node:assert/strict";
import { encodeFactors, factorShape, signedLog1p } from "../../src/lib/train/encode_factors.ts";
import { smallProblem } from "../kernels/_fixtures.ts";

const problem = smallProblem();
const table = problem.modelFactors!;
const shape = factorShape(table, 7);

Deno.test("signedLog1p() is log1p for positive values and keeps the sign of negative ones", () => {
  assert.equal(signedLog1p(0), 0);
  assert.equal(signedLog1p(Math.E - 1), 1);
  assert.equal(signedLog1p(-(Math.E - 1)), -1);
});

Deno.test("factorShape() gives two features per numeric factor and a table with an unknown row per categorical one", () => {
  assert.deepEqual(shape.numeric, [0, 2]);
  assert.deepEqual(shape.categorical, [1, 3]);
  assert.equal(shape.features, 4);
  assert.deepEqual(shape.levels, [["a", "b", "c", "d"], ["no", "yes"]]);
  assert.deepEqual(shape.rowOffset, [0, 5]);
  assert.equal(shape.rows, 8);
  assert.equal(factorShape(undefined, 3).rows, 0);
});

Deno.test("numeric factors are log1p'd and standardized over the training entities only", () => {
  const trained = [1, 1, 1, 0, 1, 0, 0];
  const { z } = encodeFactors(table, shape, trained, undefined);
  // params: 7, 13, 70, null, 1.5, 3000, 0.5 -> statistics over models 0, 1, 2, 4
  const t = [7, 13, 70, 1.5].map(Math.log1p);
  const mean = t.reduce((a, b) => a + b) / 4;
  const sd = Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
  const F = shape.features;
  for (const [e, v] of [[0, 7], [1, 13], [5, 3000], [6, 0.5]]) {
    assert.ok(Math.abs(z[e * F] - (Math.log1p(v) - mean) / sd) < 1e-5, `model ${e}`);
    assert.equal(z[e * F + 1], 0);
  }
  let sum = 0;
  for (const e of [0, 1, 2, 4]) sum += z[e * F];
  assert.ok(Math.abs(sum) < 1e-5, "zero mean over the training entities");
});

Deno.test("a missing numeric value becomes 0 with its missing indicator set", () => {
  const { z } = encodeFactors(table, shape, [1, 1, 1, 1, 1, 1, 1], undefined);
  const F = shape.features;
  assert.equal(z[3 * F], 0);
  assert.equal(z[3 * F + 1], 1);
  // "delta" (features 2, 3) is missing for models 2 and 6, and negative for models 0 and 4
  assert.deepEqual([z[2 * F + 2], z[2 * F + 3], z[6 * F + 3]], [0, 1, 1]);
  assert.ok(z[0 * F + 2] < 0 && z[4 * F + 2] < 0);
});

Deno.test("categorical values no training entity has, and missing ones, map to the unknown row", () => {
  // models 3 ("c") and 6 ("d") have no training cell: their families are unknown to the job
  const trained = [1, 1, 1, 0, 1, 1, 0];
  const { catIdx } = encodeFactors(table, shape, trained, undefined);
  const family = (e: number) => catIdx[e * 2];
  assert.equal(family(0), 1); // "a"
  assert.equal(family(2), 2); // "b"
  assert.equal(family(3), 0); // "c": unknown
  assert.equal(family(4), 0); // missing: unknown
  assert.equal(family(6), 0); // "d": unknown
  assert.equal(catIdx[1 * 2 + 1], 5 + 2); // "tuned" = "yes", second table
});

Deno.test("a factor outside the job's factor set gives zero features and no row", () => {
  const { z, catIdx } = encodeFactors(table, shape, [1, 1, 1, 1, 1, 1, 1], [1]);
  assert.ok(z.every((v) => v === 0), "no numeric factor is on");
  for (let e = 0; e < 7; e++) {
    assert.ok(catIdx[e * 2] >= 0, "family is on");
    assert.equal(catIdx[e * 2 + 1], -1, "tuned is off");
  }
  const none = encodeFactors(table, shape, [1, 1, 1, 1, 1, 1, 1], []);
  assert.ok(none.z.every((v) => v === 0) && none.catIdx.every((r) => r === -1));
});

Deno.test("encodeFactors() rejects a factor index out of range, naming it", () => {
  assert.throws(
    () => encodeFactors(table, shape, [1, 1, 1, 1, 1, 1, 1], [4]),
    /factor index 4 is out of range \(the table has 4 factors\)/,
  );
});
