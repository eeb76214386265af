/**
 * The normalizations of PROTOCOL.md ("Normalization") and their exact inverse.
 *
 * Every score is first multiplied by its task's sign (-1 where lower is better), so that higher is
 * better everywhere, then mapped by `(sign * s - offset) / range`:
 * - `task`: per task, `offset` and `range` are the min and max - min of the signed training cells;
 * - `cpp`, "the CPP reference scaling": per model, `offset` is the smallest signed training score,
 *   taken together with 0 when the model lacks a training score on any task (the reference code
 *   fills gaps with 0 before taking the minimum; with nonnegative scores that makes it 0), and
 *   `range` is the largest signed training score minus `offset`.
 *
 * Zero ranges: a task (or model) whose training cells are all equal, or that has none, gets
 * `range` 1 (and, with no training cell, `offset` 0), so its cells map to `s - offset` (0 for the
 * constant training value) and the inverse stays exact; there is never a division by zero.
 *
 * @module
 */
import type { DenseScores } from "./types.ts";

/** `task` (per task, the report's default) or `cpp` (per model, to compare with the paper). */
export type NormalizationKind = "task" | "cpp";

/** A normalized matrix and what it takes to map values back. */
export interface Normalization {
  readonly kind: NormalizationKind;
  readonly nModels: number;
  readonly nTasks: number;
  /** Row-major like `DenseScores.values`: normalized, higher is better, NaN where missing. */
  readonly values: Float32Array;
  /** Per task: -1 where lower is better (scores negated first), else 1. */
  readonly sign: Int8Array;
  /** Per task (`axis` "task") or per model (`axis` "model"). */
  readonly offset: Float64Array;
  /** Per task or per model; never 0. */
  readonly range: Float64Array;
  readonly axis: "task" | "model";
}

/** Options of {@linkcode normalize}. */
export interface NormalizeOptions {
  /** Default "task". */
  kind?: NormalizationKind;
  /** 1 for the training cells whose min and max set the scale; default: every observed cell. */
  train?: Uint8Array;
}

/**
 * Normalizes a dense score matrix. Missing cells stay NaN; observed cells outside the training
 * mask are normalized with the training scale (and may fall outside [0, 1]).
 *
 * @example
 * ```ts
 * const norm = normalize(scores.dense, scores.lowerIsBetter, { kind: "task" });
 * denormalize(norm, 0, 0, norm.values[0]); // scores.dense.values[0], to float32 precision
 * ```
 */
export function normalize(
  dense: DenseScores,
  lowerIsBetter: readonly boolean[],
  options: NormalizeOptions = {},
): Normalization {
  const kind = options.kind ?? "task";
  const { nModels, nTasks, values, observed } = dense;
  if (kind !== "task" && kind !== "cpp") {
    throw new RangeError(`Cannot normalize: unknown kind '${kind}' (expected task or cpp)`);
  }
  if (lowerIsBetter.length !== nTasks) {
    throw new RangeError(
      `Cannot normalize: lowerIsBetter has ${lowerIsBetter.length} entries but the matrix has ` +
        `${nTasks} tasks (expected one per task)`,
    );
  }
  const train = options.train ?? observed;
  if (train.length !== values.length) {
    throw new RangeError(
      `Cannot normalize: the training mask has ${train.length} cells but the matrix has ` +
        `${values.length} (expected ${nModels} x ${nTasks})`,
    );
  }
  const sign = Int8Array.from(lowerIsBetter, (lower) => (lower ? -1 : 1));
  const axis = kind === "task" ? "task" : "model";
  const size = axis === "task" ? nTasks : nModels;
  const min = new Float64Array(size).fill(Infinity);
  const max = new Float64Array(size).fill(-Infinity);
  const gap = new Uint8Array(size);
  for (let i = 0; i < nModels; i++) {
    for (let j = 0; j < nTasks; j++) {
      const k = i * nTasks + j;
      const a = axis === "task" ? j : i;
      if (!train[k] || !observed[k]) {
        gap[a] = 1;
        continue;
      }
      const s = sign[j] * values[k];
      if (s < min[a]) min[a] = s;
      if (s > max[a]) max[a] = s;
    }
  }
  const offset = new Float64Array(size);
  const range = new Float64Array(size).fill(1);
  for (let a = 0; a < size; a++) {
    if (min[a] > max[a]) continue;
    // cpp: the reference fills gaps with 0 before taking the minimum.
    const lo = kind === "cpp" && gap[a] ? Math.min(min[a], 0) : min[a];
    offset[a] = lo;
    if (max[a] > lo) range[a] = max[a] - lo;
  }
  const out = new Float32Array(values.length).fill(NaN);
  for (let i = 0; i < nModels; i++) {
    for (let j = 0; j < nTasks; j++) {
      const k = i * nTasks + j;
      if (!observed[k]) continue;
      const a = axis === "task" ? j : i;
      out[k] = (sign[j] * values[k] - offset[a]) / range[a];
    }
  }
  return { kind, nModels, nTasks, values: out, sign, offset, range, axis };
}

/**
 * Maps one normalized value of cell (model `i`, task `j`) back to the original units and
 * direction.
 *
 * @example
 * ```ts
 * denormalize(norm, 3, 7, 0.5); // the score halfway between task 7's min and max (for "task")
 * ```
 */
export function denormalize(norm: Normalization, i: number, j: number, v: number): number {
  const a = norm.axis === "task" ? j : i;
  return norm.sign[j] * (v * norm.range[a] + norm.offset[a]);
}

/**
 * Maps a whole row-major matrix of normalized values (predictions, say) back to the original
 * units and direction; NaN stays NaN.
 *
 * @example
 * ```ts
 * const original = denormalizeAll(norm, predictions); // Float64Array, nModels * nTasks
 * ```
 */
export function denormalizeAll(
  norm: Normalization,
  values: ArrayLike<number>,
): Float64Array {
  const { nModels, nTasks } = norm;
  if (values.length !== nModels * nTasks) {
    throw new RangeError(
      `Cannot denormalize: got ${values.length} values (expected ${nModels} x ${nTasks})`,
    );
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < nModels; i++) {
    for (let j = 0; j < nTasks; j++) {
      out[i * nTasks + j] = denormalize(norm, i, j, values[i * nTasks + j]);
    }
  }
  return out;
}
