/**
 * Errors in score points, as BenchPress defines them (microsoft/benchpress,
 * `compute_prediction_error`), pooled over every held-out cell given:
 * - `medae`: median absolute error, in points;
 * - `medape`: median of `|error| / |gold| x 100`, over the cells whose |gold| exceeds 1e-6
 *   (a gold of 0 has no relative error); unit-free;
 * - `within3`, `within5`: share of cells whose absolute error is at most 3 (5) points;
 * - `mae`: mean absolute error, in points.
 *
 * A point is a percentage point on a bounded task (a `percent` task's own unit, a `fraction`
 * task's unit / 100) and the task's own unit on an unbounded one (Elo, ratings, dollars), so a
 * file of fractions reports the same numbers as the same file in percent. Medians of an even
 * count are the mean of the two middle values.
 *
 * @module
 */
import { scaleBounds, type TaskScale } from "../../data/types.ts";

/** Gold scores below this (in absolute value) have no relative error (BenchPress's EPS_ZERO). */
export const ZERO_GOLD = 1e-6;

/** Points per unit of a task's scores: 100 for a `fraction` task, else 1. */
export function pointsPerUnit(scale: TaskScale): number {
  return scale === "fraction" ? 100 : 1;
}

/** Whether a task's scores are bounded (a `fraction` in [0, 1] or a `percent` in [0, 100]). */
export function isBounded(scale: TaskScale): boolean {
  return scale === "fraction" || scale === "percent";
}

/** Cells to score in points: gold and prediction in original units, points per unit. */
export interface PointCells {
  readonly gold: number[];
  readonly predicted: number[];
  readonly unit: number[];
}

/** An empty {@linkcode PointCells}. */
export function pointCells(): PointCells {
  return { gold: [], predicted: [], unit: [] };
}

/**
 * Adds a cell to `cells`: its gold and its prediction (original units; the prediction is clipped
 * to a bounded task's range, as BenchPress scores it) and the points per unit of its task.
 */
export function addPointCell(
  cells: PointCells,
  gold: number,
  predicted: number,
  scale: TaskScale,
): void {
  const bounds = scaleBounds(scale);
  cells.gold.push(gold);
  cells.predicted.push(bounds ? Math.min(bounds.hi, Math.max(bounds.lo, predicted)) : predicted);
  cells.unit.push(pointsPerUnit(scale));
}

/** The point metrics of a set of cells (see the module documentation). */
export interface PointMetrics {
  /** Cells scored. */
  readonly n: number;
  readonly medae: number;
  /** Percent; NaN when every gold is 0. */
  readonly medape: number;
  /** Shares 0-1. */
  readonly within3: number;
  readonly within5: number;
  readonly mae: number;
}

/** Median of a list (sorted in place); NaN when empty. */
export function medianOf(values: Float64Array): number {
  if (values.length === 0) return NaN;
  values.sort();
  const h = values.length >> 1;
  return values.length % 2 ? values[h] : (values[h - 1] + values[h]) / 2;
}

/**
 * The point metrics of cells given as gold and predicted scores in original units and each
 * cell's points per unit ({@linkcode pointsPerUnit}).
 *
 * @example
 * ```ts
 * pointMetrics([50, 0.5], [53, 0.56], [1, 100]);
 * // { n: 2, medae: 4.5, medape: 9, within3: 0.5, within5: 0.5, mae: 4.5 }
 * ```
 */
export function pointMetrics(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  unit: ArrayLike<number>,
): PointMetrics {
  const n = gold.length;
  if (predicted.length !== n || unit.length !== n) {
    throw new RangeError(
      `Cannot compute point errors: ${n} gold, ${predicted.length} predicted and ` +
        `${unit.length} unit values`,
    );
  }
  const errors = new Float64Array(n);
  const relative: number[] = [];
  let [sum, within3, within5] = [0, 0, 0];
  for (let c = 0; c < n; c++) {
    const error = Math.abs(predicted[c] - gold[c]);
    if (!Number.isFinite(error)) {
      throw new RangeError(
        `Cannot compute point errors: cell ${c} has gold ${gold[c]} and prediction ` +
          `${predicted[c]}`,
      );
    }
    const points = error * unit[c];
    errors[c] = points;
    sum += points;
    if (points <= 3) within3++;
    if (points <= 5) within5++;
    if (Math.abs(gold[c]) > ZERO_GOLD) relative.push((100 * error) / Math.abs(gold[c]));
  }
  return {
    n,
    medae: medianOf(errors),
    medape: medianOf(Float64Array.from(relative)),
    within3: n ? within3 / n : NaN,
    within5: n ? within5 / n : NaN,
    mae: n ? sum / n : NaN,
  };
}
