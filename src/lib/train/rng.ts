/**
 * The one seeded random source of the engine (no `Math.random` in lib): a 32-bit SplitMix /
 * Mulberry32 generator, passed explicitly. Same seed, same stream, on every platform.
 *
 * @example
 * ```ts
 * const rng = createRng(7);
 * rng.next(); // in [0, 1)
 * rng.normal(); // standard normal
 * ```
 *
 * @module
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** A new independent generator seeded from this one. */
  fork(): Rng;
}

/** Mixes a seed (any finite number) and a stream id into a 32-bit state. */
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
 * The Mulberry32 core shared by {@linkcode createRng} and `seededRandom` (eval/random.ts): a 32-bit
 * state, period 2^32; each call advances it and returns a uniform draw in [0, 1). Not for
 * cryptography.
 *
 * @example
 * ```ts
 * const next = mulberry32(mixSeed(7));
 * next(); // in [0, 1), the same on every run and every machine
 * ```
 */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded generator (Mulberry32). */
export function createRng(seed: number, stream = 0): Rng {
  const next = mulberry32(mixSeed(seed, stream));
  let spare: number | null = null;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
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
    fork: () => createRng(Math.floor(next() * 4294967296), 1),
  };
}

/** Fisher-Yates shuffle in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}
