import assert from "node:assert/strict";
import { perModelFolds } from "../../src/lib/eval/mod.ts";

// 4 models x 6 tasks; model 0 has 6 cells, model 1 has 5, model 2 one, model 3 none
const observed = Uint8Array.from([
  [1, 1, 1, 1, 1, 1],
  [1, 1, 0, 1, 1, 1],
  [0, 0, 1, 0, 0, 0],
  [0, 0, 0, 0, 0, 0],
].flat());

Deno.test("perModelFolds() holds every observed cell out exactly once per seed, in near-equal pieces per model", () => {
  const folds = perModelFolds(observed, 6, { folds: 3, seeds: 2 });
  assert.deepEqual(folds.map((f) => f.fold), [
    "seed 0 fold 0",
    "seed 0 fold 1",
    "seed 0 fold 2",
    "seed 1 fold 0",
    "seed 1 fold 1",
    "seed 1 fold 2",
  ]);
  for (const seed of [0, 1]) {
    const mine = folds.filter((f) => f.seed === seed);
    const all = mine.flatMap((f) => [...f.test]).sort((a, b) => a - b);
    const cells = [...observed.keys()].filter((k) => observed[k]);
    assert.deepEqual(all, cells);
    const perModel = (f: { test: Uint32Array }, i: number) =>
      [...f.test].filter((k) => Math.floor(k / 6) === i).length;
    assert.deepEqual(mine.map((f) => perModel(f, 0)), [2, 2, 2]);
    assert.deepEqual(mine.map((f) => perModel(f, 1)), [2, 2, 1]);
    assert.deepEqual(mine.map((f) => perModel(f, 2)), [1, 0, 0]);
  }
  assert.notDeepEqual(folds[0].test, folds[3].test);
  // same seed, same folds
  assert.deepEqual(perModelFolds(observed, 6, { folds: 3, seeds: 2 }), folds);
  assert.throws(() => perModelFolds(observed, 6, { folds: 1, seeds: 1 }), /folds is 1/);
});
