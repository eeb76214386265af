import assert from "node:assert/strict";
import { innerSplit } from "../../src/lib/train/split.ts";
import { createRng } from "../../src/lib/util/random.ts";

/** All cells of a 10 x 6 matrix but a few. */
const cells = Uint32Array.from({ length: 60 }, (_, c) => c).filter((c) => c % 7 !== 3);

Deno.test("innerSplit() holds out about the fraction asked, at least one cell, seeded", () => {
  const a = innerSplit(cells, 6, 0.1, createRng(1));
  assert.equal(a.valid.length, Math.round(0.1 * cells.length));
  assert.equal(a.fit.length + a.valid.length, cells.length);
  const again = innerSplit(cells, 6, 0.1, createRng(1));
  assert.deepEqual(again, a);
  assert.notDeepEqual(innerSplit(cells, 6, 0.1, createRng(2)).valid, a.valid);
  assert.equal(innerSplit(cells.subarray(0, 3), 6, 0.01, createRng(1)).valid.length, 1);
  const all = new Set([...a.fit, ...a.valid]);
  assert.equal(all.size, cells.length);
});

Deno.test("innerSplit() never takes a model's or a task's last training cell", () => {
  // model 0 has one cell, task 5 has one cell
  const sparse = Uint32Array.of(0, 7, 8, 13, 14, 15, 19, 20, 21, 23);
  for (let seed = 0; seed < 30; seed++) {
    const { fit } = innerSplit(sparse, 6, 0.5, createRng(seed));
    const models = new Set([...fit].map((c) => Math.floor(c / 6)));
    const tasks = new Set([...fit].map((c) => c % 6));
    assert.ok(models.has(0) && tasks.has(5), `seed ${seed}`);
    assert.deepEqual(models, new Set([...sparse].map((c) => Math.floor(c / 6))));
    assert.deepEqual(tasks, new Set([...sparse].map((c) => c % 6)));
  }
});

Deno.test("a single cell is never held out (there is nothing to stop on)", () => {
  const { fit, valid } = innerSplit(Uint32Array.of(4), 6, 0.1, createRng(0));
  assert.deepEqual([...fit], [4]);
  assert.equal(valid.length, 0);
});
