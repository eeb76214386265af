import assert from "node:assert/strict";
import {
  createRng,
  mixSeed,
  mulberry32,
  seededRandom,
  shuffle,
  STREAMS,
  streamSeed,
} from "../../src/lib/util/random.ts";

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
  const a = shuffle([0, 1, 2, 3, 4, 5, 6, 7], createRng(2).next);
  const b = shuffle([0, 1, 2, 3, 4, 5, 6, 7], createRng(2).next);
  assert.deepEqual(a, b);
  assert.deepEqual([...a].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
});

Deno.test("mixSeed() rejects a seed that is not a finite number", () => {
  assert.throws(() => mixSeed(NaN), /Cannot seed: NaN is not a finite number/);
});

Deno.test("createRng() is mulberry32 on mixSeed(seed, stream): pinned first draws for seed 7", () => {
  assert.equal(mixSeed(7), 4250483677);
  const rng = createRng(7);
  assert.deepEqual(
    [rng.next(), rng.next(), rng.next()],
    [0.9595153615809977, 0.8760415043216199, 0.4245529288891703],
  );
  const normals = createRng(7, 1);
  assert.deepEqual(
    [normals.normal(), normals.normal()],
    [0.8597110516114586, 0.9490292248629439],
  );
});

Deno.test("mulberry32() is the core of both createRng() and seededRandom()", () => {
  const draw = (next: () => number) => Array.from({ length: 100 }, next);
  for (const seed of [0, 7, -1, 2 ** 32 + 5]) {
    assert.deepEqual(draw(createRng(seed, 3).next), draw(mulberry32(mixSeed(seed, 3))));
    assert.deepEqual(draw(seededRandom(seed)), draw(mulberry32(seed)));
  }
});

Deno.test("streamSeed() keeps the streams of each salt: pinned seeds, distinct per entity and salt", () => {
  assert.equal(streamSeed(0, 0, STREAMS.reveal), 1339598748);
  assert.equal(streamSeed(0, 0, STREAMS.target), 1714362232);
  const seeds = new Set<number>();
  for (const salt of Object.values(STREAMS)) {
    for (let seed = 0; seed < 5; seed++) {
      for (let i = 0; i < 50; i++) seeds.add(streamSeed(seed, i, salt));
    }
  }
  assert.equal(seeds.size, 2 * 5 * 50);
});
