/**
 * The game-theory half of the Shapley analysis, free of training: coalitions as bit masks, exact
 * Shapley values from every coalition's value, permutations and their marginal contributions.
 * Player `i` is bit `1 << i` of a mask; at most 30 players.
 *
 * @module
 */
import { type Random, shuffle } from "../../util/random.ts";

/** Most players a bit-mask coalition can hold (bit 30 keeps masks positive 32-bit integers). */
export const MAX_PLAYERS = 30;

/** The players of a mask, ascending. */
export function playersOf(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; mask >>> i; i++) if ((mask >>> i) & 1) out.push(i);
  return out;
}

/** Number of players in a mask. */
export function sizeOf(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m; m &= m - 1) n++;
  return n;
}

/**
 * Shapley weights `w[k] = k! (p - k - 1)! / p!`: the weight of the marginal contribution of a player
 * to a coalition of `k` other players.
 */
export function shapleyWeights(p: number): Float64Array {
  const w = new Float64Array(p);
  // w[k] = 1 / (p * C(p - 1, k)), built from C(p - 1, k) = C(p - 1, k - 1) (p - k) / k
  let binomial = 1;
  for (let k = 0; k < p; k++) {
    if (k > 0) binomial = (binomial * (p - k)) / k;
    w[k] = 1 / (p * binomial);
  }
  return w;
}

/**
 * Exact Shapley values of a game with `p` players from the value of every coalition
 * (`values[mask]`, length `2^p`): `phi_i = sum over S without i of w(|S|) (v(S + i) - v(S))`.
 *
 * @example
 * ```ts
 * // v(S) = |S|^2 on two players: phi = [2, 2], and phi_0 + phi_1 = v({0, 1}) - v({})
 * exactShapley([0, 1, 1, 4], 2); // Float64Array [2, 2]
 * ```
 */
export function exactShapley(values: ArrayLike<number>, p: number): Float64Array {
  if (!Number.isInteger(p) || p < 1 || p > 20) {
    throw new RangeError(`Cannot enumerate coalitions: ${p} players (expected 1 to 20)`);
  }
  const size = 2 ** p;
  if (values.length !== size) {
    throw new RangeError(
      `Cannot compute exact Shapley values: ${values.length} coalition values for ${p} players ` +
        `(expected ${size})`,
    );
  }
  const w = shapleyWeights(p);
  const phi = new Float64Array(p);
  for (let mask = 0; mask < size; mask++) {
    const k = sizeOf(mask);
    for (let i = 0; i < p; i++) {
      const bit = 1 << i;
      if (mask & bit) continue;
      phi[i] += w[k] * (values[mask | bit] - values[mask]);
    }
  }
  return phi;
}

/**
 * The next draw of permutations: one uniform permutation, followed by its reverse when
 * `antithetic` (the reverse puts every player early where the first put it late, which cancels
 * much of the variance of a marginal contribution that grows or shrinks with the coalition).
 */
export function drawPermutations(p: number, random: Random, antithetic: boolean): Uint8Array[] {
  const first = shuffle(Uint8Array.from({ length: p }, (_, i) => i), random);
  return antithetic ? [first, first.slice().reverse()] : [first];
}

/** The coalitions a permutation visits: its prefixes of sizes 0..p (masks). */
export function prefixMasks(permutation: ArrayLike<number>): number[] {
  const out = [0];
  let mask = 0;
  for (let t = 0; t < permutation.length; t++) {
    mask |= 1 << permutation[t];
    out.push(mask);
  }
  return out;
}

/**
 * Marginal contributions along a permutation: `out[i] = v(prefix + i) - v(prefix)` where prefix is
 * the players before `i`. They sum to `v(all) - v(empty)` (telescoping).
 */
export function marginals(
  permutation: ArrayLike<number>,
  value: (mask: number) => number,
): Float64Array {
  const out = new Float64Array(permutation.length);
  let mask = 0;
  let before = value(0);
  for (let t = 0; t < permutation.length; t++) {
    const i = permutation[t];
    mask |= 1 << i;
    const after = value(mask);
    out[i] = after - before;
    before = after;
  }
  return out;
}

/** Mean and sample standard deviation (n - 1; NaN below two values) of a list. */
export function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  for (let q = 0; q < n; q++) sum += values[q];
  const mean = sum / n;
  if (n < 2) return { mean, sd: NaN };
  let ss = 0;
  for (let q = 0; q < n; q++) ss += (values[q] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}
