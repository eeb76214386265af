/**
 * Held-out folds scored in the scores' own units (BenchPress's protocol; PROTOCOL.md, "The
 * BenchPress protocol"): the experiment behind `cpp evaluate --split per-model`,
 * `--holdout-file` and `--split new-release`, and the probe search.
 *
 * Exact definitions:
 * - Folds: each fold holds out its `test` cells and trains on `train` (default: every other
 *   observed cell). A held-out cell whose task has no training cell in its fold cannot be
 *   predicted by any method (nobody scored that task) and is left out of the metrics, counted in
 *   `unpredictable` (BenchPress marks such cells "not predictable" too).
 * - Scale: each fold's jobs learn on the `task` scale from the fold's training cells
 *   (splits/job_scale.ts); every fold is one job (seed: the fold's), all folds of a method one
 *   batch.
 * - Predictions are mapped back to original units and clipped to the task's range on bounded
 *   tasks (0-100, 0-1), never on unbounded ones; the point metrics (metrics/points.ts: MedAE,
 *   MedAPE, within 3 and 5 points, MAE) pool every scored cell of every fold.
 * - Intervals (`intervals`, default on): conformal, calibrated per fold on that fold's training
 *   cells only. The training cells are cut per model into `intervalFolds` folds
 *   (splits/per_model.ts, seeded by the fold's position); each trains a job without its cells and
 *   scores them. The score is the `task` score of intervals/intervals.ts with one member:
 *   `|gold - prediction|` on the normalized scale divided by the task's mean calibration
 *   residual (shrunk toward the global mean); its conformal quantile q (level 0.9) makes a held-out
 *   cell's interval `prediction ± q x (its task's scale)`, mapped back to original units and
 *   clipped like the prediction. Coverage is the share of scored cells whose gold lies inside,
 *   the width the median of upper - lower in points. Calibration never sees a held-out cell of
 *   its fold, and its jobs train in the method's one batch.
 * - Groups: folds with a `group` label (new-release targets, probe candidates) also get the
 *   point metrics of each group's cells.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { Normalization } from "../../data/normalize.ts";
import type { BackendChoice, Method, MethodId } from "../../models/types.ts";
import { baselineMethods } from "../baselines/closed_form.ts";
import {
  checkMethods,
  fitPlanned,
  type HeldOutFold,
  methodProgress,
  type PlannedJob,
  type Progress,
} from "../experiment.ts";
import {
  boundsOf,
  checkLevel,
  fitScore,
  heldOutCells,
  type IntervalScore,
  median,
  scaleOf,
  type ScoreModel,
  unitBounds,
} from "../intervals/_conformal.ts";
import { type PointMetrics, pointMetrics, pointsPerUnit } from "../metrics/points.ts";
import type { FoldPlan } from "../splits/folds.ts";
import { jobNormalization } from "../splits/job_scale.ts";
import { perModelFolds } from "../splits/per_model.ts";

/** Options of {@linkcode runHoldout}. */
export interface HoldoutOptions {
  /** Default: the three closed-form baselines. */
  readonly methods?: readonly Method[];
  /** Calibrate conformal intervals per fold and measure them. Default true. */
  readonly intervals?: boolean;
  /** Nominal coverage of the intervals. Default 0.9. */
  readonly level?: number;
  /** Per-model folds of each fold's training cells that calibrate its intervals. Default 5. */
  readonly intervalFolds?: number;
  /**
   * Nonconformity score of the intervals (intervals/intervals.ts). Default "task": the
   * normalized residual divided by the task's mean calibration residual (measured narrower than
   * "absolute" at the same coverage on BenchPress's folds).
   */
  readonly intervalScore?: IntervalScore;
  /** Also return every scored cell. Default false. */
  readonly predictions?: boolean;
  readonly backend?: BackendChoice;
  readonly onProgress?: Progress;
}

/** One method's point metrics over every scored cell, with its intervals' coverage and width. */
export interface HoldoutRow extends PointMetrics {
  readonly method: MethodId;
  readonly label: string;
  readonly backend: string;
  /** Share of scored cells inside their interval; null without intervals. */
  readonly coverage: number | null;
  /** Median interval width, points; null without intervals. */
  readonly intervalWidth: number | null;
  /** Wall time of the method's batch (folds and calibration jobs), seconds. */
  readonly fitSeconds: number;
}

/** One method's point metrics over the cells of one group of folds. */
export interface HoldoutGroupRow extends PointMetrics {
  readonly method: MethodId;
  readonly group: string;
}

/** One scored cell (with `predictions: true`), original units. */
export interface HoldoutPrediction {
  readonly fold: string;
  readonly method: MethodId;
  readonly model: string;
  readonly task: string;
  readonly gold: number;
  readonly predicted: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** What {@linkcode runHoldout} returns. */
export interface HoldoutResult {
  readonly dataset: string;
  /** Folds run (folds with no predictable cell are skipped). */
  readonly folds: number;
  /** Scored cells, pooled over folds. */
  readonly cells: number;
  /** Held-out cells left out: their task had no training cell in their fold. */
  readonly unpredictable: number;
  /** Interval level, and calibration folds per fold; null without intervals. */
  readonly level: number | null;
  readonly intervalFolds: number | null;
  readonly rows: readonly HoldoutRow[];
  /** Per method, per group (in the order groups first appear); empty when no fold has a group. */
  readonly groups: readonly HoldoutGroupRow[];
  readonly predictions?: readonly HoldoutPrediction[];
}

/** A fold ready to train: its cells, its scale and its calibration plans. */
interface Prepared {
  readonly fold: HeldOutFold;
  readonly train: Uint32Array;
  readonly test: Uint32Array;
  readonly norm: Normalization;
  readonly calibration: FoldPlan[];
}

/** Observed cells of `mask` whose task has a training cell; the others are unpredictable. */
function trainable(cells: ArrayLike<number>, mask: Uint8Array, nTasks: number): number[] {
  const hasTrain = new Uint8Array(nTasks);
  for (let k = 0; k < mask.length; k++) if (mask[k]) hasTrain[k % nTasks] = 1;
  return Array.from(cells).filter((k) => hasTrain[k % nTasks]);
}

/** The plan of one fold: training mask, predictable test cells, scale, calibration folds. */
function prepare(
  data: Dataset,
  fold: HeldOutFold,
  position: number,
  intervalFolds: number | null,
): Prepared | { skipped: number } {
  const { dense } = data.scores;
  const { nTasks } = dense;
  const size = dense.observed.length;
  const fail = (what: string) =>
    new RangeError(`Cannot run the holdout folds: ${fold.fold} ${what}`);
  const held = new Uint8Array(size);
  for (const k of fold.test) held[k] = 1;
  const mask = new Uint8Array(size);
  if (fold.train) {
    for (const k of fold.train) {
      if (held[k]) throw fail(`trains on cell ${k}, which it holds out`);
      if (!dense.observed[k]) throw fail(`trains on cell ${k}, which has no score`);
      mask[k] = 1;
    }
  } else {
    for (let k = 0; k < size; k++) if (dense.observed[k] && !held[k]) mask[k] = 1;
  }
  const test = trainable(fold.test, mask, nTasks);
  if (test.length === 0) return { skipped: fold.test.length };
  const norm = jobNormalization(data, mask, test, { kind: "task", from: "train" });
  if (typeof norm === "string") throw fail(`cannot be scaled: ${norm}`);
  const train: number[] = [];
  for (let k = 0; k < size; k++) if (mask[k]) train.push(k);
  const calibration: FoldPlan[] = [];
  if (intervalFolds !== null) {
    const inner = perModelFolds(mask, nTasks, {
      folds: intervalFolds,
      seeds: 1,
      firstSeed: position,
    });
    for (const [g, cal] of inner.entries()) {
      const innerMask = mask.slice();
      for (const k of cal.test) innerMask[k] = 0;
      const heldOut = trainable(cal.test, innerMask, nTasks);
      if (heldOut.length === 0) continue;
      const innerNorm = jobNormalization(data, innerMask, heldOut, { kind: "task", from: "train" });
      if (typeof innerNorm === "string") throw fail(`cannot be calibrated: ${innerNorm}`);
      const innerTrain: number[] = [];
      for (let k = 0; k < size; k++) if (innerMask[k]) innerTrain.push(k);
      calibration.push({
        fold: g,
        train: Uint32Array.from(innerTrain),
        heldOut: Uint32Array.from(heldOut),
        norm: innerNorm,
      });
    }
    if (calibration.length === 0) throw fail("has no cell to calibrate its intervals on");
  }
  return {
    fold,
    train: Uint32Array.from(train),
    test: Uint32Array.from(test),
    norm,
    calibration,
  };
}

/**
 * Scores `methods` on held-out folds (see the module documentation): every fold and its
 * calibration jobs train as one batch per method.
 *
 * @example
 * ```ts
 * const folds = perModelFolds(data.scores.dense.observed, data.scores.dense.nTasks, { folds: 3, seeds: 10 });
 * const result = await runHoldout(data, folds, { methods: [methodById("bias-als")] });
 * result.rows[0].medae; // points
 * ```
 */
export async function runHoldout(
  data: Dataset,
  folds: readonly HeldOutFold[],
  options: HoldoutOptions = {},
): Promise<HoldoutResult> {
  const methods = options.methods ?? baselineMethods();
  checkMethods(methods, "the holdout folds");
  if (folds.length === 0) throw new RangeError("Cannot run the holdout folds: no fold given");
  const intervals = options.intervals ?? true;
  const level = options.level ?? 0.9;
  checkLevel(level);
  const intervalFolds = intervals ? options.intervalFolds ?? 5 : null;
  const intervalScore = options.intervalScore ?? "task";
  if (intervalFolds !== null && !(Number.isInteger(intervalFolds) && intervalFolds >= 2)) {
    throw new RangeError(
      `Cannot run the holdout folds: intervalFolds is ${intervalFolds} (expected an integer >= 2)`,
    );
  }
  const { dense } = data.scores;
  const { nTasks } = dense;
  const prepared: Prepared[] = [];
  let unpredictable = 0;
  folds.forEach((fold, position) => {
    const plan = prepare(data, fold, position, intervalFolds);
    if ("skipped" in plan) unpredictable += plan.skipped;
    else {
      unpredictable += fold.test.length - plan.test.length;
      prepared.push(plan);
    }
  });
  if (prepared.length === 0) {
    throw new RangeError("Cannot run the holdout folds: no fold has a cell any method can predict");
  }
  // One batch per method: every fold's job, then every calibration job.
  const jobs: PlannedJob[] = [
    ...prepared.map((p) => ({ seed: p.fold.seed, train: p.train, norm: p.norm })),
    ...prepared.flatMap((p) =>
      p.calibration.map((c) => ({ seed: p.fold.seed, train: c.train, norm: c.norm }))
    ),
  ];
  const units = data.scores.scale.map(pointsPerUnit);
  const groupNames = [...new Set(prepared.flatMap((p) => (p.fold.group ? [p.fold.group] : [])))];
  const rows: HoldoutRow[] = [];
  const groups: HoldoutGroupRow[] = [];
  const predictionRows: HoldoutPrediction[] = [];
  for (const [m, method] of methods.entries()) {
    const fit = await fitPlanned(data, method, jobs, {
      backend: options.backend,
      onProgress: methodProgress(options.onProgress, {
        done: m,
        span: 1,
        total: methods.length,
        label: method.id,
      }),
    });
    const gold: number[] = [];
    const predicted: number[] = [];
    const unit: number[] = [];
    const group: (string | undefined)[] = [];
    const widths: number[] = [];
    let covered = 0;
    let next = prepared.length;
    for (const [f, plan] of prepared.entries()) {
      const ownPredictions = fit.predictions[f];
      let score: ScoreModel | null = null;
      if (intervalFolds !== null) {
        const members = plan.calibration.map((_, c) => [fit.predictions[next + c]]);
        next += plan.calibration.length;
        score = fitScore(
          heldOutCells(data, plan.calibration, members),
          intervalScore,
          level,
          nTasks,
        );
      }
      for (const k of plan.test) {
        const [i, j] = [Math.floor(k / nTasks), k % nTasks];
        const value = ownPredictions[k];
        if (!Number.isFinite(value)) {
          throw new RangeError(
            `Cannot score ${method.id}: its prediction for cell ${k} of ${plan.fold.fold} is ${value}`,
          );
        }
        const half = score ? score.quantile * scaleOf(score, j, 0) : 0;
        const b = boundsOf(plan.norm, i, j, value, half, unitBounds(data, j));
        const g = dense.values[k];
        gold.push(g);
        predicted.push(b.predicted);
        unit.push(units[j]);
        group.push(plan.fold.group);
        if (intervalFolds !== null) {
          if (g >= b.lower && g <= b.upper) covered++;
          widths.push((b.upper - b.lower) * units[j]);
        }
        if (options.predictions) {
          predictionRows.push({
            fold: plan.fold.fold,
            method: method.id,
            model: dense.models[i],
            task: dense.tasks[j],
            gold: Number(g.toPrecision(7)),
            predicted: b.predicted,
            lower: intervalFolds !== null ? b.lower : null,
            upper: intervalFolds !== null ? b.upper : null,
          });
        }
      }
    }
    rows.push({
      method: method.id,
      label: method.label,
      backend: fit.backend,
      ...pointMetrics(gold, predicted, unit),
      coverage: intervalFolds !== null ? covered / gold.length : null,
      intervalWidth: intervalFolds !== null ? median(widths) : null,
      fitSeconds: fit.seconds,
    });
    for (const name of groupNames) {
      const mine = group.flatMap((g, c) => (g === name ? [c] : []));
      groups.push({
        method: method.id,
        group: name,
        ...pointMetrics(
          mine.map((c) => gold[c]),
          mine.map((c) => predicted[c]),
          mine.map((c) => unit[c]),
        ),
      });
    }
    options.onProgress?.({ done: m + 1, total: methods.length, label: `${method.id} done` });
  }
  return {
    dataset: data.id,
    folds: prepared.length,
    cells: rows[0].n,
    unpredictable,
    level: intervalFolds !== null ? level : null,
    intervalFolds,
    rows,
    groups,
    ...(options.predictions ? { predictions: predictionRows } : {}),
  };
}
