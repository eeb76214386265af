import assert from "node:assert/strict";
import { createRng, mixSeed, shuffle } from "../../src/lib/train/rng.ts";

Deno.test("createRng() gives the same stream for the same seed and another for another seed", () => {
  const draw = (seed: number, stream = 0) => {
    const rng = createRng(seed, stream);
    return Array.from({ length: 5 }, () => rng.next());
  };
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
  assert.notDeepEqual(draw(7, 0), draw(7, 1));
  assert.ok(draw(3).every((u) => u >= 0 && u < 1));
});

Deno.test("normal() draws have mean about 0 and variance about 1", () => {
  const rng = createRng(1);
  const xs = Array.from({ length: 20000 }, () => rng.normal());
  const mean = xs.reduce((a, b) => a + b) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
});

Deno.test("shuffle() permutes in place, the same way for the same seed", () => {
  const a = shuffle(createRng(2), [0, 1, 2, 3, 4, 5, 6, 7]);
  const b = shuffle(createRng(2), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(a, b);
  assert.deepEqual([...a].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
});

Deno.test("mixSeed() rejects a seed that is not a finite number", () => {
  assert.throws(() => mixSeed(NaN), /Cannot seed: NaN is not a finite number/);
});
