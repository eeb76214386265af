import assert from "node:assert/strict";
import { cellMask, heldOutCount, randomSplit } from "../../src/lib/eval/mod.ts";

Deno.test("heldOutCount() rounds p * n half up, at least 1, leaving a training cell", () => {
  assert.equal(heldOutCount(878, 0.05), 44); // 43.9
  assert.equal(heldOutCount(30, 0.05), 2); // 1.5
  assert.equal(heldOutCount(100, 0.05), 5);
  assert.equal(heldOutCount(4, 0.05), 1); // 0.2, raised to 1
  assert.equal(heldOutCount(2, 0.5), 1);
  assert.throws(() => heldOutCount(1, 0.05), /leaves no training cell/);
  assert.throws(() => heldOutCount(10, 0), /holdout is 0/);
  assert.throws(() => heldOutCount(10, 1), /holdout is 1/);
});

const observed = Uint8Array.from({ length: 40 }, (_, k) => (k % 3 === 1 ? 0 : 1)); // 27 observed

Deno.test("randomSplit() partitions the observed cells into sorted train and test", () => {
  const { train, test } = randomSplit(observed, { holdout: 0.2, seed: 0 });
  assert.equal(test.length, 5); // round(5.4)
  assert.equal(train.length, 22);
  const all = [...train, ...test].sort((a, b) => a - b);
  assert.deepEqual(all, [...observed.keys()].filter((k) => observed[k]));
  for (const part of [train, test]) {
    for (let t = 1; t < part.length; t++) assert.ok(part[t - 1] < part[t]);
  }
});

Deno.test("randomSplit() is the same for a seed and differs between seeds", () => {
  const a = randomSplit(observed, { seed: 3, holdout: 0.2 });
  assert.deepEqual(a, randomSplit(observed, { seed: 3, holdout: 0.2 }));
  assert.notDeepEqual(a.test, randomSplit(observed, { seed: 4, holdout: 0.2 }).test);
});

Deno.test("randomSplit() holds out every observed cell equally often over seeds", () => {
  const mask = new Uint8Array(20).fill(1);
  const counts = new Array(20).fill(0);
  for (let seed = 0; seed < 4000; seed++) {
    for (const k of randomSplit(mask, { holdout: 0.25, seed }).test) counts[k]++;
  }
  // Expected 1000 each; the standard deviation is about 27.
  for (const c of counts) assert.ok(Math.abs(c - 1000) < 120, `count ${c}`);
});

Deno.test("randomSplit() defaults to 5% and holds out at least one cell", () => {
  assert.equal(randomSplit(new Uint8Array(878).fill(1), { seed: 0 }).test.length, 44);
  assert.equal(randomSplit(Uint8Array.of(1, 0, 1), { seed: 0 }).test.length, 1);
});

Deno.test("cellMask() marks the given cells and rejects one outside", () => {
  assert.deepEqual([...cellMask(Uint32Array.of(0, 2), 4)], [1, 0, 1, 0]);
  assert.throws(() => cellMask([4], 4), /cell 4 is outside 0..3/);
});
