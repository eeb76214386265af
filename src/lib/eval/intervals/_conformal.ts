/**
 * The pieces of intervals.ts: the conformal quantile, the batched fit of every (calibration fold,
 * ensemble member) (the folds themselves are splits/folds.ts), the nonconformity scores and the
 * bounds in original units. Pure functions except {@linkcode fitFolds}.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { denormalize, type Normalization } from "../../data/normalize.ts";
import { scaleBounds } from "../../data/types.ts";
import type { BackendChoice, FitResult, Method } from "../../models/types.ts";
import { fitPlanned } from "../experiment.ts";
import { pointsPerUnit } from "../metrics/points.ts";
import type { FoldPlan } from "../splits/folds.ts";

/** Which cells a calibration is for: ordinary gaps of known models, or a new model's cells. */
export type IntervalSetting = "gaps" | "new-model";

/**
 * The nonconformity score, `r = |y - mean|` on the normalized scale, divided by:
 * - `absolute`: 1 (one half-width for every cell);
 * - `task`: the task's scale `τ_j`, the mean `r` of the task's calibration cells shrunk toward
 *   the global mean `r` with {@linkcode TASK_SHRINKAGE} pseudo-cells;
 * - `ensemble`: `σ + ε`, the standard deviation of the cell's prediction over the ensemble
 *   members plus `ε`, the median `σ` of the calibration cells.
 */
export type IntervalScore = "absolute" | "task" | "ensemble";

/** Pseudo-cells at the global mean residual that each task's scale is shrunk toward. */
export const TASK_SHRINKAGE = 10;

/**
 * The 1-based rank of the split-conformal quantile among `n` sorted scores at coverage `level`:
 * `⌈(n + 1) · level⌉` (n + 1 when the scores are too few: the bound is then infinite).
 */
export function conformalRank(n: number, level: number): number {
  checkLevel(level);
  // The tolerance keeps float products such as 10 · 0.7 = 7.000000000000001 at their integer.
  return Math.min(n + 1, Math.ceil((n + 1) * level - 1e-9));
}

/**
 * The split-conformal quantile of `scores` at coverage `level`: the `⌈(n + 1) · level⌉`-th
 * smallest score, `Infinity` when that rank exceeds n. A new exchangeable score falls at or
 * below it with probability at least `level` (and below `level + 1 / (n + 1)` without ties).
 *
 * @example
 * ```ts
 * conformalQuantile([5, 1, 4, 2, 3, 9, 8, 7, 6], 0.9); // 9: the ⌈10 · 0.9⌉ = 9th smallest
 * conformalQuantile([1, 2, 3, 4, 5, 6, 7, 8], 0.9); // Infinity: rank 9 of 8 scores
 * ```
 */
export function conformalQuantile(scores: ArrayLike<number>, level: number): number {
  const sorted = Float64Array.from(scores).sort();
  for (const s of sorted) {
    if (Number.isNaN(s)) throw new RangeError("Cannot take a conformal quantile: a score is NaN");
  }
  const rank = conformalRank(sorted.length, level);
  return rank > sorted.length ? Infinity : sorted[rank - 1];
}

export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(
      `Cannot calibrate intervals: level is ${level} (expected a share in (0, 1))`,
    );
  }
}

/**
 * Fits every (fold, member) of `plans` as ONE batch: job `f * members + e` is fold f's member e
 * (seed e), trained on its own normalized matrix with the held-out cells NaN.
 */
export async function fitFolds(
  data: Dataset,
  method: Method,
  plans: readonly FoldPlan[],
  members: number,
  options: {
    backend?: BackendChoice;
    keepModels?: boolean;
    onProgress?: (p: { done: number; total: number; label: string }) => void;
  },
): Promise<{ predictions: Float32Array[][]; fit: FitResult }> {
  const jobs = plans.flatMap((plan) =>
    Array.from({ length: members }, (_, e) => ({ seed: e, train: plan.train, norm: plan.norm }))
  );
  const fit = await fitPlanned(data, method, jobs, { ...options, verb: "calibrate" });
  const predictions = plans.map((_, f) => fit.predictions.slice(f * members, (f + 1) * members));
  return { predictions, fit };
}

/** Mean and sample standard deviation (n - 1; 0 for one member) of the members at cell k. */
export function ensembleAt(members: readonly ArrayLike<number>[], k: number): {
  mean: number;
  spread: number;
} {
  let sum = 0;
  for (const m of members) sum += m[k];
  const mean = sum / members.length;
  if (members.length < 2) return { mean, spread: 0 };
  let ss = 0;
  for (const m of members) ss += (m[k] - mean) ** 2;
  return { mean, spread: Math.sqrt(ss / (members.length - 1)) };
}

/** A held-out cell of a fold: gold and ensemble on that fold's normalized scale. */
export interface HeldOutCell {
  readonly fold: number;
  readonly cell: number;
  readonly model: number;
  readonly task: number;
  readonly gold: number;
  readonly mean: number;
  readonly spread: number;
  readonly norm: Normalization;
}

/** Every held-out cell of every fold (with `use`, only those ensemble members). */
export function heldOutCells(
  data: Dataset,
  plans: readonly FoldPlan[],
  predictions: readonly (readonly Float32Array[])[],
  use?: readonly number[],
): HeldOutCell[] {
  const { nTasks } = data.scores.dense;
  const out: HeldOutCell[] = [];
  plans.forEach((plan, f) => {
    const members = use ? use.map((e) => predictions[f][e]) : predictions[f];
    for (const k of plan.heldOut) {
      const { mean, spread } = ensembleAt(members, k);
      if (!Number.isFinite(mean)) {
        throw new RangeError(
          `Cannot calibrate intervals: the prediction of cell ${k} in fold ${f} is ${mean}`,
        );
      }
      out.push({
        fold: plan.fold,
        cell: k,
        model: Math.floor(k / nTasks),
        task: k % nTasks,
        gold: plan.norm.values[k],
        mean,
        spread,
        norm: plan.norm,
      });
    }
  });
  return out;
}

/** A fitted score: what turns a cell's ensemble into a normalized half-width. */
export interface ScoreModel {
  readonly score: IntervalScore;
  readonly level: number;
  /** The conformal quantile of the calibration scores (Infinity when they are too few). */
  readonly quantile: number;
  readonly n: number;
  /** `ensemble`: the ε added to every spread. */
  readonly epsilon: number | null;
  /** `task`: τ_j per task index (the global scale where a task had no calibration cell). */
  readonly taskScale: Float64Array | null;
  /** `task`: the global mean residual. */
  readonly globalScale: number | null;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** The divisor of a cell's residual under `model` (its half-width is `quantile` times it). */
export function scaleOf(
  model: Pick<ScoreModel, "score" | "epsilon" | "taskScale" | "globalScale">,
  task: number,
  spread: number,
): number {
  if (model.score === "ensemble") return spread + model.epsilon!;
  if (model.score === "task") return model.taskScale![task] ?? model.globalScale!;
  return 1;
}

/** Fits the score on calibration cells: its scales, then the conformal quantile. */
export function fitScore(
  cells: readonly HeldOutCell[],
  score: IntervalScore,
  level: number,
  nTasks: number,
): ScoreModel {
  if (cells.length === 0) {
    throw new RangeError("Cannot calibrate intervals: no calibration cell");
  }
  const residual = cells.map((c) => Math.abs(c.gold - c.mean));
  let epsilon: number | null = null;
  let taskScale: Float64Array | null = null;
  let globalScale: number | null = null;
  if (score === "ensemble") {
    epsilon = median(cells.map((c) => c.spread));
    // Deterministic methods (spread 0 everywhere): the score falls back to `absolute`.
    if (!(epsilon > 0)) epsilon = 1;
  } else if (score === "task") {
    const sum = new Float64Array(nTasks);
    const count = new Float64Array(nTasks);
    cells.forEach((c, q) => {
      sum[c.task] += residual[q];
      count[c.task]++;
    });
    globalScale = residual.reduce((a, b) => a + b, 0) / residual.length;
    if (!(globalScale > 0)) globalScale = 1;
    const g = globalScale;
    taskScale = Float64Array.from(
      sum,
      (s, j) => (s + TASK_SHRINKAGE * g) / (count[j] + TASK_SHRINKAGE),
    );
  } else if (score !== "absolute") {
    throw new RangeError(
      `Cannot calibrate intervals: score is '${score}' (expected absolute, task or ensemble)`,
    );
  }
  const model = { score, epsilon, taskScale, globalScale };
  const scores = cells.map((c, q) => residual[q] / scaleOf(model, c.task, c.spread));
  return { ...model, level, quantile: conformalQuantile(scores, level), n: cells.length };
}

/** The range every score of task j lies in, in original units, or null on an unbounded scale. */
export function unitBounds(data: Dataset, j: number): { lo: number; hi: number } | null {
  return scaleBounds(data.scores.scale[j]);
}

/**
 * The interval `center ± half` (normalized) of cell (i, j) in original units: both ends mapped
 * back with `denormalize` (a lower-is-better task swaps them), then, with `unit`, the prediction
 * and both ends clipped to the task's unit range. Clipping is monotone, so lower <= predicted <=
 * upper still holds, and a gold score inside the range is covered exactly when it was before; the
 * clipped prediction is never further from such a score than the raw one.
 */
export function boundsOf(
  norm: Normalization,
  i: number,
  j: number,
  center: number,
  half: number,
  unit: { lo: number; hi: number } | null,
): { predicted: number; lower: number; upper: number } {
  const raw = denormalize(norm, i, j, center);
  const a = denormalize(norm, i, j, center - half);
  const b = denormalize(norm, i, j, center + half);
  const clip = (x: number) => (unit ? Math.min(unit.hi, Math.max(unit.lo, x)) : x);
  return {
    predicted: clip(raw),
    lower: clip(Math.min(a, b, raw)),
    upper: clip(Math.max(a, b, raw)),
  };
}

/** Per-cell outcome of the cross-fold evaluation. */
export interface EvaluatedCell {
  readonly fold: number;
  readonly model: number;
  readonly task: number;
  readonly covered: boolean;
  /**
   * Width in points (metrics/points.ts: a fraction task's units x 100, otherwise its own units),
   * and in the fold's normalized units (width / |range|).
   */
  readonly width: number;
  readonly widthNormalized: number;
  /** |gold - prediction| in points, the prediction clipped as its bounds are. */
  readonly absError: number;
}

/**
 * Cross-fold evaluation: each fold's held-out cells get the intervals of a score fitted on the
 * OTHER folds' cells only, and are checked against their gold in original units.
 */
export function crossFoldEvaluate(
  data: Dataset,
  cells: readonly HeldOutCell[],
  score: IntervalScore,
  level: number,
  clip: boolean,
): EvaluatedCell[] {
  const { dense } = data.scores;
  const folds = [...new Set(cells.map((c) => c.fold))].sort((a, b) => a - b);
  const out: EvaluatedCell[] = [];
  for (const f of folds) {
    const model = fitScore(cells.filter((c) => c.fold !== f), score, level, dense.nTasks);
    for (const c of cells) {
      if (c.fold !== f) continue;
      const half = model.quantile * scaleOf(model, c.task, c.spread);
      const b = boundsOf(
        c.norm,
        c.model,
        c.task,
        c.mean,
        half,
        clip ? unitBounds(data, c.task) : null,
      );
      const gold = dense.values[c.cell];
      const range = Math.abs(c.norm.range[c.norm.axis === "task" ? c.task : c.model]);
      const points = pointsPerUnit(data.scores.scale[c.task]);
      out.push({
        fold: f,
        model: c.model,
        task: c.task,
        covered: gold >= b.lower && gold <= b.upper,
        width: (b.upper - b.lower) * points,
        widthNormalized: (b.upper - b.lower) / range,
        absError: Math.abs(gold - b.predicted) * points,
      });
    }
  }
  return out;
}

/** Median (mean of the two middle values for an even count); NaN when empty. */
export { median };
