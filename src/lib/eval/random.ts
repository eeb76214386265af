/**
 * One small, fast, seeded random source (mulberry32) and the draws built on it. Library code takes
 * a {@linkcode Random} as an argument and never calls `Math.random`: the same seed gives the same
 * bytes out.
 *
 * @module
 */
import { mulberry32 } from "../train/rng.ts";

/** A uniform draw in [0, 1); each call advances the stream. */
export type Random = () => number;

/**
 * Mulberry32 ({@linkcode mulberry32}, the core shared with `createRng` in train/rng.ts) seeded
 * directly with `seed >>> 0`: a 32-bit state, period 2^32, passes the usual statistical batteries
 * for the sizes used here (splits, shuffles, initial weights). Not for cryptography.
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
