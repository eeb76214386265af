/**
 * The normalization of one job of an experiment whose jobs each hide different cells
 * (generalization, emergent, calibration folds): built from the job's training cells, with the
 * fallbacks that keep it free of hidden gold. See experiments/generalization.ts and
 * experiments/emergent.ts for where each rule applies.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { type Normalization, type NormalizationKind, normalize } from "../../data/normalize.ts";
import { scaleBounds, type TaskScale } from "../../data/types.ts";

/**
 * The unit range of a task in signed units: offset and range of `[0, 100]` for a percent task,
 * `[0, 1]` for a fraction task (negated for a lower-is-better task); null for an unbounded task.
 *
 * @example
 * ```ts
 * unitRange("percent", false); // { offset: 0, range: 100 }
 * unitRange("percent", true); // { offset: -100, range: 100 }
 * ```
 */
export function unitRange(
  scale: TaskScale,
  lowerIsBetter: boolean,
): { offset: number; range: number } | null {
  const top = scaleBounds(scale)?.hi ?? null;
  if (top === null) return null;
  return lowerIsBetter ? { offset: -top, range: top } : { offset: 0, range: top };
}

/** How a job is scaled. */
export interface JobScale {
  readonly kind: NormalizationKind;
  /** "train": the job's training cells set the scale; "observed": every observed cell. */
  readonly from: "train" | "observed";
  /** Tasks scaled by their unit range whatever their training cells (task scale, "train"). */
  readonly unitTasks?: ReadonlySet<number>;
}

/**
 * A job's normalization, or the reason it cannot be built without hidden gold.
 *
 * With `from` "train" on the `task` scale: per task, min and max over the job's training cells;
 * a task in `unitTasks`, or whose training cells span no range (none, or all equal), takes its
 * unit range; a task with a scored cell, no training cell and no unit range is the reason
 * returned. On the `cpp` scale: a model with a scored cell and no training cell is the reason.
 * With `from` "observed": `normalize()` over every observed cell, nothing else.
 */
export function jobNormalization(
  data: Dataset,
  trainMask: Uint8Array,
  scored: ArrayLike<number>,
  scale: JobScale,
): Normalization | string {
  const { dense, lowerIsBetter, scale: units } = data.scores;
  const mask = scale.from === "train" ? trainMask : dense.observed;
  const norm = normalize(dense, lowerIsBetter, { kind: scale.kind, train: mask });
  if (scale.from === "observed") return norm;
  const { nModels, nTasks } = dense;
  const scoredEntities = new Set<number>();
  for (let s = 0; s < scored.length; s++) {
    const k = scored[s];
    scoredEntities.add(scale.kind === "task" ? k % nTasks : Math.floor(k / nTasks));
  }
  if (scale.kind === "cpp") {
    for (const i of scoredEntities) {
      let count = 0;
      for (let j = 0; j < nTasks; j++) {
        count += mask[i * nTasks + j] & dense.observed[i * nTasks + j];
      }
      if (count === 0) {
        return `the cpp scale of model '${dense.models[i]}' needs at least one of its scores in ` +
          `training (scaleFrom "train")`;
      }
    }
    return norm;
  }
  const offset = Float64Array.from(norm.offset);
  const range = Float64Array.from(norm.range);
  const changed: number[] = [];
  for (let j = 0; j < nTasks; j++) {
    let [count, lo, hi] = [0, Infinity, -Infinity];
    for (let i = 0; i < nModels; i++) {
      const k = i * nTasks + j;
      if (!mask[k] || !dense.observed[k]) continue;
      const s = norm.sign[j] * dense.values[k];
      count++;
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    if (!(scale.unitTasks?.has(j)) && count > 0 && hi > lo) continue;
    const unit = unitRange(units[j], lowerIsBetter[j]);
    if (unit) {
      offset[j] = unit.offset;
      range[j] = unit.range;
      changed.push(j);
    } else if (count === 0 && scoredEntities.has(j)) {
      return `task '${dense.tasks[j]}' has no training cell and no unit range (scale ` +
        `'${units[j]}'), so it cannot be scaled without its hidden scores`;
    }
  }
  if (changed.length === 0) return norm;
  const values = norm.values.slice();
  for (const j of changed) {
    for (let i = 0; i < nModels; i++) {
      const k = i * nTasks + j;
      if (dense.observed[k]) values[k] = (norm.sign[j] * dense.values[k] - offset[j]) / range[j];
    }
  }
  return { ...norm, values, offset, range };
}
