import assert from "node:assert/strict";
import {
  randomInt,
  sampleWithoutReplacement,
  seededRandom,
  shuffle,
} from "../../src/lib/eval/mod.ts";

Deno.test("seededRandom() is mulberry32: pinned first draws for seed 0", () => {
  const random = seededRandom(0);
  assert.deepEqual(
    [random(), random(), random()],
    [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197],
  );
});

Deno.test("seededRandom() gives the same stream for the same seed, another for another", () => {
  const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
});

Deno.test("seededRandom() draws in [0, 1) with mean about 1/2", () => {
  const random = seededRandom(3);
  let sum = 0;
  for (let t = 0; t < 100_000; t++) {
    const u = random();
    assert.ok(u >= 0 && u < 1);
    sum += u;
  }
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.005);
});

Deno.test("seededRandom() rejects a seed that is not an integer", () => {
  assert.throws(() => seededRandom(0.5), /seed 0.5 is not an integer/);
});

Deno.test("randomInt() stays in [0, n) and reaches every value", () => {
  const random = seededRandom(1);
  const seen = new Set<number>();
  for (let t = 0; t < 600; t++) seen.add(randomInt(random, 6));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5]);
  assert.throws(() => randomInt(random, 0), RangeError);
});

Deno.test("shuffle() permutes in place and returns the same array", () => {
  const array = Uint32Array.from({ length: 50 }, (_, i) => i);
  const out = shuffle(array, seededRandom(2));
  assert.equal(out, array);
  assert.deepEqual([...array].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual([...array], Array.from({ length: 50 }, (_, i) => i));
});

Deno.test("sampleWithoutReplacement() draws k distinct values below n, uniformly", () => {
  const random = seededRandom(4);
  const counts = new Array(10).fill(0);
  for (let t = 0; t < 5000; t++) {
    const s = sampleWithoutReplacement(10, 3, random);
    assert.equal(s.length, 3);
    assert.equal(new Set(s).size, 3);
    for (const v of s) counts[v]++;
  }
  // Expected 1500 each; the standard deviation is about 32.
  for (const c of counts) assert.ok(Math.abs(c - 1500) < 150, `count ${c}`);
  assert.deepEqual([...sampleWithoutReplacement(4, 4, random)].sort(), [0, 1, 2, 3]);
  assert.equal(sampleWithoutReplacement(4, 0, random).length, 0);
  assert.throws(() => sampleWithoutReplacement(3, 4, random), /Cannot sample 4 of 3/);
});
