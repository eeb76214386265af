/**
 * The library's one seeded random source (no `Math.random` in lib): the Mulberry32 generator and
 * the draws built on it, passed explicitly. Same seed, same stream, on every platform.
 *
 * Two ways to seed it, kept apart because each fixes streams that published numbers depend on:
 * - {@linkcode seededRandom}`(seed)`: Mulberry32 on the integer seed itself (splits, folds,
 *   permutations in the evaluation), with {@linkcode streamSeed} deriving one seed per entity;
 * - {@linkcode createRng}`(seed, stream)`: Mulberry32 on {@linkcode mixSeed}`(seed, stream)`, with
 *   normal draws (the training engine: inner validation splits, initial weights).
 *
 * @example
 * ```ts
 * const random = seededRandom(0);
 * shuffle([1, 2, 3, 4], random); // the same permutation for seed 0 on every run
 * const rng = createRng(7, 2);
 * rng.normal(); // standard normal
 * ```
 *
 * @module
 */

/** A uniform draw in [0, 1); each call advances the stream. */
export type Random = () => number;

/** A seeded generator with uniform and normal draws (see {@linkcode createRng}). */
export interface Rng {
  /** Uniform in [0, 1). */
  readonly next: Random;
  /** Standard normal (Box-Muller, the second draw of each pair kept for the next call). */
  normal(): number;
}

/**
 * The Mulberry32 core: a 32-bit state, period 2^32; each call advances it and returns a uniform
 * draw in [0, 1). It passes the usual statistical batteries for the sizes used here. Not for
 * cryptography.
 *
 * @example
 * ```ts
 * const next = mulberry32(mixSeed(7));
 * next(); // in [0, 1), the same on every run and every machine
 * ```
 */
export function mulberry32(state: number): Random {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mulberry32 seeded directly with `seed >>> 0`.
 *
 * @example
 * ```ts
 * const random = seededRandom(0);
 * random(); // the same number on every run and every machine
 * ```
 */
export function seededRandom(seed: number): Random {
  if (!Number.isInteger(seed)) {
    throw new RangeError(`Cannot seed the random source: seed ${seed} is not an integer`);
  }
  return mulberry32(seed);
}

/**
 * Mixes a seed (any finite number) and a stream id into a 32-bit state, so that the streams of
 * one seed are unrelated.
 *
 * @example
 * ```ts
 * mixSeed(7, 1); // a 32-bit unsigned integer
 * ```
 */
export function mixSeed(seed: number, stream = 0): number {
  if (!Number.isFinite(seed)) throw new RangeError(`Cannot seed: ${seed} is not a finite number`);
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = (h + Math.imul(stream + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f) >>> 0;
  // high bits of a non-integer seed, so 0.5 and 0 differ
  h = (h ^ Math.floor((seed - Math.floor(seed)) * 0x100000000)) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * A seeded generator: Mulberry32 on `mixSeed(seed, stream)`.
 *
 * @example
 * ```ts
 * const rng = createRng(7);
 * rng.next(); // in [0, 1)
 * rng.normal(); // standard normal
 * ```
 */
export function createRng(seed: number, stream = 0): Rng {
  const next = mulberry32(mixSeed(seed, stream));
  let spare: number | null = null;
  return {
    next,
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = next();
      while (u <= 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** The salts of {@linkcode streamSeed}: one per experiment whose draws must not coincide. */
export const STREAMS = {
  /** The revealed cells of a held-out model (conformal new-model folds, fold-in calibration). */
  reveal: [0x3c6ef372, 0x1b873593],
  /** The revealed cells of a generalization target (new models, new tasks). */
  target: [0x51ed27, 0x2545f491],
} as const satisfies Record<string, readonly [number, number]>;

/**
 * A 32-bit seed for (seed, index) under a salt: distinct streams per entity and per seed, for
 * {@linkcode seededRandom}.
 *
 * @example
 * ```ts
 * const random = seededRandom(streamSeed(0, 12, STREAMS.reveal)); // model 12's draws, seed 0
 * ```
 */
export function streamSeed(
  seed: number,
  index: number,
  salt: readonly [number, number],
): number {
  let h = Math.imul(seed + salt[0], 0x9e3779b1) ^ Math.imul(index + salt[1], 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return (h ^ (h >>> 15)) | 0;
}

/**
 * A uniform integer in [0, n). The bias of `floor(u * n)` on a 32-bit `u` is below n / 2^32.
 *
 * @example
 * ```ts
 * randomInt(seededRandom(1), 6); // 0..5
 * ```
 */
export function randomInt(random: Random, n: number): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`Cannot draw an integer below ${n}: expected a positive integer`);
  }
  return Math.floor(random() * n);
}

/**
 * Shuffles an array (or typed array) in place, Fisher-Yates, and returns it.
 *
 * @example
 * ```ts
 * shuffle([1, 2, 3, 4], seededRandom(2)); // a permutation, the same for seed 2 every time
 * ```
 */
export function shuffle<A extends { length: number; [index: number]: unknown }>(
  array: A,
  random: Random,
): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}

/**
 * `k` distinct integers drawn uniformly from [0, n), in the order drawn (a partial Fisher-Yates
 * shuffle of 0..n-1: O(n) memory, O(n + k) time).
 *
 * @example
 * ```ts
 * sampleWithoutReplacement(10, 3, seededRandom(3)); // e.g. Uint32Array [7, 0, 4]
 * ```
 */
export function sampleWithoutReplacement(n: number, k: number, random: Random): Uint32Array {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(
      `Cannot sample ${k} of ${n} without replacement: expected integers with 0 <= k <= n`,
    );
  }
  const pool = new Uint32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k);
}
