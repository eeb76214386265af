/**
 * The metrics of PROTOCOL.md ("Metrics") on the held-out cells of a split.
 *
 * Exact definitions (cells are row-major `k = i * nTasks + j`; `H` is the set of held-out cells,
 * `O_j` the models observed on task j, `H_j` the held-out cells of task j):
 * - `mse`, `l1`: mean of `(p_k - g_k)^2` and of `|p_k - g_k|` over `H`, normalized scale.
 * - Ranks: on task j, the gold side scores every model of `O_j` with its gold score `g`; the
 *   predicted side with `q`, where `q = p` on `H_j` and `q = g` on the other cells of `O_j`. The
 *   rank of model i is `1 + #{k in O_j, k != i: score_k > score_i}` (1 = best; tied models share
 *   the lowest rank, i.e. the best position). `rankAccuracy` = share of cells of `H` whose gold
 *   rank equals their predicted rank; `mae2` = share whose ranks differ by at most 2. A task with
 *   a single observed model ranks it 1 on both sides (counts as a match).
 * - `pairwiseOrder`: over every unordered pair {a, b} of distinct models of `O_j` with at least
 *   one of the two held out (a pair of two held-out cells counts once, compared `p` against `p`),
 *   on every task: the share with `sign(q_a - q_b) = sign(g_a - g_b)`. Pairs tied in gold have no
 *   order and are left out; a predicted tie on a pair not tied in gold counts as a miss. NaN when
 *   no pair qualifies.
 * - `maePoints`, `medianAePoints`: mean and median (the mean of the two middle values for an even
 *   count) of `|denormalize(p_k) - gold_k|` over `H`, in points when the task scales are given
 *   (metrics/points.ts: a fraction task's units x 100), else in the task's original units.
 *
 * The rank functions compare whatever values they get within a task, higher = better.
 * {@linkcode scoreHeldOut} feeds them leaderboard values (original units, lower-is-better tasks
 * negated), not normalized ones: under the `cpp` scaling (per model) the normalized values of one
 * task are not in leaderboard order.
 *
 * @module
 */
import { denormalize, type Normalization } from "../../data/normalize.ts";
import type { TaskScale } from "../../data/types.ts";
import { pointsPerUnit } from "./points.ts";

/** Gold and predicted values on the same scale (higher = better), and the held-out cells. */
export interface HeldOutValues {
  /** Row-major n x m; finite on every observed cell. */
  readonly gold: ArrayLike<number>;
  /** Row-major n x m; finite on the held-out cells (other cells are not read). */
  readonly predicted: ArrayLike<number>;
  /** Held-out cell indices, distinct, all observed. */
  readonly test: ArrayLike<number>;
}

/** {@linkcode HeldOutValues} plus what the rank metrics need: who is observed on each task. */
export interface HeldOutRanking extends HeldOutValues {
  readonly observed: Uint8Array;
  readonly nTasks: number;
}

/** The input of {@linkcode scoreHeldOut}. */
export interface ScoreHeldOutInput {
  /** Gold, normalized with `normalization` (its `values`), row-major n x m. */
  readonly gold: ArrayLike<number>;
  readonly observed: Uint8Array;
  readonly test: ArrayLike<number>;
  /** Predictions, normalized scale, row-major n x m. */
  readonly predicted: ArrayLike<number>;
  readonly normalization: Normalization;
  /**
   * Gold in original units (`DenseScores.values`). Recommended: ranks then see exact ties.
   * Without it gold is mapped back with `denormalize`, which under `cpp` can split exact ties by
   * float rounding (53 of the 55 tied pairs of cpp-crowdsource).
   */
  readonly original?: ArrayLike<number>;
  /**
   * Per task, its scale kind: the point errors are then in points (a fraction task's units x
   * 100, metrics/points.ts). Without it they are in the scores' own units.
   */
  readonly taskScales?: readonly TaskScale[];
}

/** Every metric of one split; rank metrics are fractions in [0, 1]. */
export interface HeldOutMetrics {
  /** Number of held-out cells. */
  readonly n: number;
  readonly mse: number;
  readonly l1: number;
  readonly rankAccuracy: number;
  readonly mae2: number;
  readonly pairwiseOrder: number;
  readonly maePoints: number;
  readonly medianAePoints: number;
}

function check(input: HeldOutValues, what: string): void {
  const { gold, predicted, test } = input;
  if (predicted.length !== gold.length) {
    throw new RangeError(
      `Cannot compute ${what}: ${predicted.length} predictions for ${gold.length} gold cells`,
    );
  }
  if (test.length === 0) throw new RangeError(`Cannot compute ${what}: no held-out cell`);
  const seen = new Set<number>();
  for (let t = 0; t < test.length; t++) {
    const k = test[t];
    if (!(Number.isInteger(k) && k >= 0 && k < gold.length)) {
      throw new RangeError(`Cannot compute ${what}: held-out cell ${k} is outside the matrix`);
    }
    if (seen.has(k)) throw new RangeError(`Cannot compute ${what}: cell ${k} is held out twice`);
    seen.add(k);
    if (!Number.isFinite(gold[k])) {
      throw new RangeError(`Cannot compute ${what}: held-out cell ${k} has gold ${gold[k]}`);
    }
    if (!Number.isFinite(predicted[k])) {
      throw new RangeError(
        `Cannot compute ${what}: the prediction for held-out cell ${k} is ${predicted[k]}`,
      );
    }
  }
}

function checkRanking(input: HeldOutRanking, what: string): void {
  check(input, what);
  const { gold, observed, test, nTasks } = input;
  if (!(Number.isInteger(nTasks) && nTasks > 0 && gold.length % nTasks === 0)) {
    throw new RangeError(`Cannot compute ${what}: ${gold.length} cells is not n x ${nTasks}`);
  }
  if (observed.length !== gold.length) {
    throw new RangeError(
      `Cannot compute ${what}: the observed mask has ${observed.length} cells (expected ` +
        `${gold.length})`,
    );
  }
  for (let t = 0; t < test.length; t++) {
    if (!observed[test[t]]) {
      throw new RangeError(`Cannot compute ${what}: held-out cell ${test[t]} is not observed`);
    }
  }
  for (let k = 0; k < gold.length; k++) {
    if (observed[k] && !Number.isFinite(gold[k])) {
      throw new RangeError(`Cannot compute ${what}: observed cell ${k} has gold ${gold[k]}`);
    }
  }
}

/**
 * Mean squared error over the held-out cells.
 *
 * @example
 * ```ts
 * mse({ gold: [0, 1], predicted: [0.5, 1], test: [0, 1] }); // 0.125
 * ```
 */
export function mse(input: HeldOutValues): number {
  check(input, "mse");
  const { gold, predicted, test } = input;
  let sum = 0;
  for (let t = 0; t < test.length; t++) sum += (predicted[test[t]] - gold[test[t]]) ** 2;
  return sum / test.length;
}

/**
 * Mean absolute error (L1) over the held-out cells.
 *
 * @example
 * ```ts
 * l1({ gold: [0, 1], predicted: [0.5, 1], test: [0, 1] }); // 0.25
 * ```
 */
export function l1(input: HeldOutValues): number {
  check(input, "l1");
  const { gold, predicted, test } = input;
  let sum = 0;
  for (let t = 0; t < test.length; t++) sum += Math.abs(predicted[test[t]] - gold[test[t]]);
  return sum / test.length;
}

/** Per held-out cell (in `test` order): its leaderboard rank under gold and under prediction. */
export interface HeldOutRanks {
  readonly gold: Uint32Array;
  readonly predicted: Uint32Array;
}

/**
 * The two ranks of every held-out cell among the models observed on its task (see the module
 * documentation): 1 = best, ties take the lowest rank.
 *
 * @example
 * ```ts
 * // one task, three models; model 2 held out and predicted best
 * const task = { observed: Uint8Array.of(1, 1, 1), nTasks: 1 };
 * heldOutRanks({ ...task, gold: [3, 2, 1], predicted: [0, 0, 4], test: [2] });
 * // { gold: Uint32Array [3], predicted: Uint32Array [1] }
 * ```
 */
export function heldOutRanks(input: HeldOutRanking): HeldOutRanks {
  checkRanking(input, "ranks");
  return ranks(input);
}

function ranks(input: HeldOutRanking): HeldOutRanks {
  const { gold, predicted, test, observed, nTasks } = input;
  const nModels = gold.length / nTasks;
  const held = new Uint8Array(gold.length);
  for (let t = 0; t < test.length; t++) held[test[t]] = 1;
  const q = (k: number) => (held[k] ? predicted[k] : gold[k]);
  const goldRank = new Uint32Array(test.length);
  const predictedRank = new Uint32Array(test.length);
  for (let t = 0; t < test.length; t++) {
    const k = test[t];
    const j = k % nTasks;
    let [g, p] = [1, 1];
    for (let i = 0; i < nModels; i++) {
      const o = i * nTasks + j;
      if (o === k || !observed[o]) continue;
      if (gold[o] > gold[k]) g++;
      if (q(o) > q(k)) p++;
    }
    goldRank[t] = g;
    predictedRank[t] = p;
  }
  return { gold: goldRank, predicted: predictedRank };
}

/**
 * Share of held-out cells whose predicted leaderboard rank equals their gold rank (0-1).
 *
 * @example
 * ```ts
 * const task = { observed: Uint8Array.of(1, 1, 1), nTasks: 1 };
 * rankAccuracy({ ...task, gold: [3, 2, 1], predicted: [0, 0, 1.5], test: [2] }); // 0 (2 vs 3)
 * ```
 */
export function rankAccuracy(input: HeldOutRanking): number {
  const r = heldOutRanks(input);
  let hits = 0;
  for (let t = 0; t < r.gold.length; t++) if (r.gold[t] === r.predicted[t]) hits++;
  return hits / r.gold.length;
}

/**
 * MAE@2: share of held-out cells whose predicted rank is within 2 of their gold rank (0-1).
 *
 * @example
 * ```ts
 * const task = { observed: Uint8Array.of(1, 1, 1, 1), nTasks: 1 };
 * mae2({ ...task, gold: [4, 3, 2, 1], predicted: [0, 0, 0, 5], test: [3] }); // 0 (4 vs 1)
 * ```
 */
export function mae2(input: HeldOutRanking): number {
  const r = heldOutRanks(input);
  let hits = 0;
  for (let t = 0; t < r.gold.length; t++) if (Math.abs(r.gold[t] - r.predicted[t]) <= 2) hits++;
  return hits / r.gold.length;
}

/**
 * Pairwise order accuracy (0-1): the share of pairs {held-out cell, other model observed on the
 * same task}, each unordered pair once, ordered alike by prediction and gold; gold ties left out.
 * NaN when no pair qualifies.
 *
 * @example
 * ```ts
 * const task = { observed: Uint8Array.of(1, 1, 1), nTasks: 1 };
 * pairwiseOrder({ ...task, gold: [1, 2, 3], predicted: [0, 0, 2.5], test: [2] }); // 1
 * ```
 */
export function pairwiseOrder(input: HeldOutRanking): number {
  checkRanking(input, "pairwiseOrder");
  const { gold, predicted, test, observed, nTasks } = input;
  const nModels = gold.length / nTasks;
  const held = new Uint8Array(gold.length);
  for (let t = 0; t < test.length; t++) held[test[t]] = 1;
  const q = (k: number) => (held[k] ? predicted[k] : gold[k]);
  let [pairs, same] = [0, 0];
  for (let t = 0; t < test.length; t++) {
    const k = test[t];
    const j = k % nTasks;
    for (let i = 0; i < nModels; i++) {
      const o = i * nTasks + j;
      if (o === k || !observed[o]) continue;
      // A pair of two held-out cells is counted from its lower cell only.
      if (held[o] && o < k) continue;
      const g = Math.sign(gold[k] - gold[o]);
      if (g === 0) continue;
      pairs++;
      if (Math.sign(q(k) - q(o)) === g) same++;
    }
  }
  return pairs === 0 ? NaN : same / pairs;
}

function pointErrors(input: ScoreHeldOutInput, what: string): Float64Array {
  const { normalization: norm, test, predicted } = input;
  const size = norm.nModels * norm.nTasks;
  if (input.gold.length !== size) {
    throw new RangeError(
      `Cannot compute ${what}: ${input.gold.length} gold cells for a ${norm.nModels} x ` +
        `${norm.nTasks} normalization`,
    );
  }
  check(input, what);
  const original = input.original;
  if (original && original.length !== size) {
    throw new RangeError(
      `Cannot compute ${what}: ${original.length} original cells (expected ${size})`,
    );
  }
  const errors = new Float64Array(test.length);
  for (let t = 0; t < test.length; t++) {
    const k = test[t];
    const [i, j] = [Math.floor(k / norm.nTasks), k % norm.nTasks];
    const gold = original ? original[k] : denormalize(norm, i, j, input.gold[k]);
    const unit = input.taskScales ? pointsPerUnit(input.taskScales[j]) : 1;
    errors[t] = Math.abs(denormalize(norm, i, j, predicted[k]) - gold) * unit;
  }
  return errors;
}

/**
 * Mean absolute error in the tasks' original units (score points), after `denormalize`.
 *
 * @example
 * ```ts
 * const original = dense.values;
 * maePoints({ gold: norm.values, observed, test, predicted, normalization: norm, original });
 * ```
 */
export function maePoints(input: ScoreHeldOutInput): number {
  const errors = pointErrors(input, "maePoints");
  return errors.reduce((a, b) => a + b, 0) / errors.length;
}

/**
 * Median absolute error in original units; the mean of the two middle errors for an even count.
 *
 * @example
 * ```ts
 * medianAePoints({ gold: norm.values, observed, test, predicted, normalization: norm });
 * ```
 */
export function medianAePoints(input: ScoreHeldOutInput): number {
  return median(pointErrors(input, "medianAePoints"));
}

function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Leaderboard values: original units, lower-is-better tasks negated (higher = better). */
function leaderboard(input: ScoreHeldOutInput): { gold: Float64Array; predicted: Float64Array } {
  const { normalization: norm, observed, test } = input;
  const { nTasks } = norm;
  const gold = new Float64Array(input.gold.length).fill(NaN);
  const predicted = new Float64Array(input.gold.length).fill(NaN);
  for (let k = 0; k < gold.length; k++) {
    if (!observed[k]) continue;
    const [i, j] = [Math.floor(k / nTasks), k % nTasks];
    gold[k] = input.original
      ? norm.sign[j] * input.original[k]
      : norm.sign[j] * denormalize(norm, i, j, input.gold[k]);
  }
  for (let t = 0; t < test.length; t++) {
    const k = test[t];
    predicted[k] = norm.sign[k % nTasks] *
      denormalize(norm, Math.floor(k / nTasks), k % nTasks, input.predicted[k]);
  }
  return { gold, predicted };
}

/**
 * Every metric of PROTOCOL.md on one split's held-out cells: MSE and L1 on the normalized scale,
 * the rank metrics on leaderboard values (original units, higher = better), the point errors in
 * original units.
 *
 * @example
 * ```ts
 * const train = cellMask(split.train, size);
 * const norm = normalize(dense, lowerIsBetter, { kind: "task", train });
 * const m = scoreHeldOut({
 *   gold: norm.values, observed: dense.observed, test: split.test, predicted,
 *   normalization: norm, original: dense.values,
 * });
 * m.mse; m.rankAccuracy; // 0-1
 * ```
 */
export function scoreHeldOut(input: ScoreHeldOutInput): HeldOutMetrics {
  const errors = pointErrors(input, "scoreHeldOut");
  const ranking = {
    ...leaderboard(input),
    test: input.test,
    observed: input.observed,
    nTasks: input.normalization.nTasks,
  };
  checkRanking(ranking, "scoreHeldOut");
  const r = ranks(ranking);
  let [exact, within2] = [0, 0];
  for (let t = 0; t < r.gold.length; t++) {
    const diff = Math.abs(r.gold[t] - r.predicted[t]);
    if (diff === 0) exact++;
    if (diff <= 2) within2++;
  }
  return {
    n: input.test.length,
    mse: mse(input),
    l1: l1(input),
    rankAccuracy: exact / r.gold.length,
    mae2: within2 / r.gold.length,
    pairwiseOrder: pairwiseOrder(ranking),
    maePoints: errors.reduce((a, b) => a + b, 0) / errors.length,
    medianAePoints: median(errors),
  };
}
