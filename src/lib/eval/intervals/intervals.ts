/**
 * Calibrated prediction intervals (issue 5, "Prediction intervals"; PROTOCOL.md, "Metrics": the
 * empirical coverage of the nominal 90% interval and its median width, in points).
 *
 * Exact definitions:
 * - Ensemble: every fit trains `seeds` members (job seeds 0..seeds-1) on the same cells, in one
 *   batch with the folds; a cell's prediction is the members' mean, its spread their sample
 *   standard deviation (n - 1), both on the job's normalized scale.
 * - Calibration folds (cross-conformal). `gaps`: the observed cells shuffled by
 *   `seededRandom(seed)` and dealt into `folds` folds; fold f trains on the others and holds out
 *   its own. `new-model`: the models with at least `known + 2` observed scores dealt into `folds`
 *   folds over MODELS (not one fold per model: 10 folds train 10 x seeds jobs instead of
 *   72 x seeds on cpp-crowdsource, each hiding about 7 models at once, slightly harder than one);
 *   in fold f each of its models reveals `known` of its scores (drawn per (seed, model)) and
 *   hides the rest, which are held out. Every (fold, member) of a calibration is one job of ONE
 *   fit call. Each job is normalized from its own training cells (`scaleFrom` "train", the
 *   default on the `task` scale; "observed" on the `cpp` scale, as in Table 1).
 * - Score: `r = |y - mean|` on the job's normalized scale, divided by 1 (`absolute`), by the
 *   task's shrunk mean residual (`task`), or by `spread + ε` with ε the median spread of the
 *   calibration cells (`ensemble`); see {@linkcode IntervalScore}. The conformal quantile `q` is
 *   the `⌈(n + 1) · level⌉`-th smallest of the n scores of every fold's held-out cells
 *   ({@linkcode conformalQuantile}); a cell's interval is `mean ± q · divisor`, mapped back to
 *   original units with `denormalize` (on a lower-is-better task the two ends swap) and clipped
 *   to the task's unit range ([0, 100] for a `percent` task, [0, 1] for a `fraction` task), the
 *   prediction with them, unless `clip` is false.
 * - Measurement (`measured`, {@linkcode measureCoverage}): cross-fold, on data the calibration
 *   did not see. For each fold f the score is fitted (scales and quantile) on the OTHER folds'
 *   cells only and applied to fold f's held-out cells, predicted by fold f's ensemble (which
 *   never trained on them); coverage is the share of those cells whose gold (original units)
 *   lies in its interval, pooled over folds; widths are upper - lower in points (a fraction
 *   task's units x 100; and divided by the task's range: the normalized width). The same fits serve the calibration
 *   (all folds) and the measurement, so measuring costs nothing more.
 * - Deployment ({@linkcode predictWithIntervals}): `seeds` members trained on every observed cell,
 *   normalized over every observed cell (as `fillMatrix`, except that a task whose scores span
 *   no range takes its unit range, as in the folds). A missing cell of a model with at most
 *   `known` observed scores takes the `new-model` calibration when one is given, every other
 *   missing cell the `gaps` calibration; observed cells carry no interval.
 *
 * Defaults chosen by measurement on cpp-crowdsource (task scale, level 0.9, 10 folds, new-model
 * k = 2; `deno run -A bench/intervals_bench.ts --variants --nested`): every score covered
 * 0.885-0.905 in both settings, so the choice is the narrowest median width. Score `absolute`
 * with 5 seeds: ncf-factors 17.4 points (gaps; `task` 16.8, `ensemble` 16.9, one seed 20.0) and
 * 19.1 (new model; `ensemble` 20.2, `task` 21.2); mf 19.9 and 27.3 (`absolute` narrowest or
 * within 0.2). `task` and `ensemble` win little on ncf-factors gaps, lose elsewhere, and `task`
 * under-covers the sparse models (0.83-0.89 on models with at most 8 scores, against 0.88-0.94
 * for `absolute`). The ensemble's gain is its better mean (L1 0.098 to 0.089 for ncf-factors),
 * not its spread; 3 seeds cost 0.1-0.9 points of width and 40% less time. The `cpp` scale
 * covers as well but is wider (mf gaps 28.0 points): one quantile over per-model scales.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { NormalizationKind } from "../../data/normalize.ts";
import type { BackendChoice, FitResult, Method, MethodId } from "../../models/types.ts";
import {
  boundsOf,
  checkLevel,
  crossFoldEvaluate,
  ensembleAt,
  type EvaluatedCell,
  fitFolds,
  fitScore,
  heldOutCells,
  type IntervalScore,
  type IntervalSetting,
  median,
  scaleOf,
  TASK_SHRINKAGE,
  unitBounds,
} from "./_conformal.ts";
import { allCellsPlan, type FoldPlan, gapFolds, modelFolds } from "../splits/folds.ts";
import { coldStartReason } from "../experiment.ts";
import { coldEntities, type ColdEntity } from "./cold_entities.ts";

export { conformalQuantile, conformalRank } from "./_conformal.ts";
export type { IntervalScore, IntervalSetting } from "./_conformal.ts";

/** Options of {@linkcode calibrateIntervals} and {@linkcode measureCoverage}. */
export interface IntervalOptions {
  /** Nominal coverage, in (0, 1). Default 0.9. */
  readonly level?: number;
  /** Default "gaps". */
  readonly setting?: IntervalSetting;
  /** Calibration folds (over cells for `gaps`, over models for `new-model`). Default 10. */
  readonly folds?: number;
  /** Ensemble members per fold (job seeds 0..seeds-1). Default 5. */
  readonly seeds?: number;
  /** Nonconformity score. Default "absolute". */
  readonly score?: IntervalScore;
  /** Normalized scale the method learns on. Default "task". */
  readonly scale?: NormalizationKind;
  /** Default "train" on the `task` scale, "observed" on the `cpp` scale. */
  readonly scaleFrom?: "train" | "observed";
  /** `new-model`: scores each held-out model reveals (CPP-k). Default 2. */
  readonly known?: number;
  /** Seeds the fold assignment (and the reveal draws). Default 0. */
  readonly seed?: number;
  /** Clip intervals to the task's unit range (percent / fraction tasks). Default true. */
  readonly clip?: boolean;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** Coverage and width measured on cells the calibration did not see (cross-fold). */
export interface IntervalCoverage {
  readonly setting: IntervalSetting;
  readonly level: number;
  readonly method: MethodId;
  readonly score: IntervalScore;
  /** Share of evaluated cells whose gold lies in its interval. */
  readonly coverage: number;
  /** Median of upper - lower, in points (metrics/points.ts). */
  readonly medianWidth: number;
  /** Median of (upper - lower) / the task's range (model's, on the `cpp` scale). */
  readonly medianWidthNormalized: number;
  /** Evaluated cells (every held-out cell of every fold). */
  readonly n: number;
  readonly folds: number;
  readonly seeds: number;
  readonly perFold: readonly { readonly fold: number; readonly n: number; coverage: number }[];
}

/** A calibration: what turns an ensemble prediction into an interval, and how well it covered. */
export interface Calibration {
  readonly setting: IntervalSetting;
  readonly level: number;
  readonly method: MethodId;
  readonly score: IntervalScore;
  /** In words, for the report. */
  readonly scoreDefinition: string;
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
  /** Folds actually used (at most the cells, or the eligible models). */
  readonly folds: number;
  readonly seeds: number;
  /** `new-model`: revealed scores per held-out model; null for `gaps`. */
  readonly known: number | null;
  readonly seed: number;
  readonly clip: boolean;
  /** The conformal quantile of the n scores (Infinity when n is too small for `level`). */
  readonly quantile: number;
  /** Number of calibration scores (held-out cells over all folds). */
  readonly n: number;
  /** `ensemble`: ε; otherwise null. */
  readonly epsilon: number | null;
  /** `task`: τ per task name (normalized units); otherwise null. */
  readonly taskScale: Readonly<Record<string, number>> | null;
  /** `task`: the global mean residual (the scale of a task with no calibration cell). */
  readonly globalScale: number | null;
  /** `new-model`: the models dealt into folds, and those left out with why. */
  readonly targets: readonly string[] | null;
  readonly skipped: readonly { readonly model: string; readonly reason: string }[];
  /** Cross-fold coverage on cells the calibration of each fold did not see. */
  readonly measured: IntervalCoverage;
  readonly backend: string;
  /** Wall time of the single batch (all folds x members), seconds. */
  readonly fitSeconds: number;
}

const DEFINITIONS: Readonly<Record<IntervalScore, string>> = {
  absolute: "|y - mean| on the normalized scale; half-width q",
  task: `|y - mean| / tau_task, tau_task = the task's mean calibration residual shrunk toward ` +
    `the global mean with ${TASK_SHRINKAGE} pseudo-cells; half-width q * tau_task`,
  ensemble: "|y - mean| / (spread + eps), spread = std over the ensemble members, eps = median " +
    "calibration spread; half-width q * (spread + eps)",
};

interface Resolved {
  readonly level: number;
  readonly setting: IntervalSetting;
  readonly folds: number;
  readonly seeds: number;
  readonly score: IntervalScore;
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
  readonly known: number;
  readonly seed: number;
  readonly clip: boolean;
}

function resolve(options: IntervalOptions): Resolved {
  const level = options.level ?? 0.9;
  checkLevel(level);
  const setting = options.setting ?? "gaps";
  if (setting !== "gaps" && setting !== "new-model") {
    throw new RangeError(
      `Cannot calibrate intervals: setting is '${setting}' (expected gaps or new-model)`,
    );
  }
  const int = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(
        `Cannot calibrate intervals: ${name} is ${value} (expected an integer >= ${min})`,
      );
    }
    return value;
  };
  const scale = options.scale ?? "task";
  if (scale !== "task" && scale !== "cpp") {
    throw new RangeError(`Cannot calibrate intervals: scale is '${scale}' (expected task or cpp)`);
  }
  const scaleFrom = options.scaleFrom ?? (scale === "cpp" ? "observed" : "train");
  if (scaleFrom !== "train" && scaleFrom !== "observed") {
    throw new RangeError(`Cannot calibrate intervals: scaleFrom is '${scaleFrom}'`);
  }
  const score = options.score ?? "absolute";
  if (!(score in DEFINITIONS)) {
    throw new RangeError(
      `Cannot calibrate intervals: score is '${score}' (expected absolute, task or ensemble)`,
    );
  }
  return {
    level,
    setting,
    folds: int("folds", options.folds ?? 10, 2),
    seeds: int("seeds", options.seeds ?? 5, 1),
    score,
    scale,
    scaleFrom,
    known: int("known", options.known ?? 2, 0),
    seed: int("seed", options.seed ?? 0, 0),
    clip: options.clip ?? true,
  };
}

/** Coverage summary of evaluated cells. */
function summarize(
  evaluated: readonly EvaluatedCell[],
  head: Pick<IntervalCoverage, "setting" | "level" | "method" | "score" | "folds" | "seeds">,
): IntervalCoverage {
  const folds = [...new Set(evaluated.map((c) => c.fold))].sort((a, b) => a - b);
  const share = (cells: readonly EvaluatedCell[]) =>
    cells.filter((c) => c.covered).length / cells.length;
  return {
    ...head,
    coverage: share(evaluated),
    medianWidth: median(evaluated.map((c) => c.width)),
    medianWidthNormalized: median(evaluated.map((c) => c.widthNormalized)),
    n: evaluated.length,
    perFold: folds.map((fold) => {
      const mine = evaluated.filter((c) => c.fold === fold);
      return { fold, n: mine.length, coverage: share(mine) };
    }),
  };
}

/**
 * Calibrates the intervals of `method` for one setting by cross-conformal prediction, and
 * measures their coverage on held-out folds (see the module documentation for every definition).
 * All folds x ensemble members train as one batch.
 *
 * Measured on cpp-crowdsource (task scale, level 0.9, 10 folds, 5 seeds, score `absolute`;
 * coverage / median width in points): ncf-factors gaps 0.900 / 17.4, new model (k = 2)
 * 0.901 / 19.1, new model (k = 0) 0.903 / 23.8; mf 0.897 / 19.9 and 0.901 / 27.3; biases
 * 0.901 / 23.7 and 0.899 / 30.1. A nested check (5 outer folds never seen by the calibration,
 * the whole pipeline through {@linkcode predictWithIntervals}) gave 0.908 and 0.910 for
 * ncf-factors, 0.916 and 0.913 for mf. One ncf-factors calibration (50 jobs) takes about 17 s
 * on 2 CPU cores.
 *
 * @example
 * ```ts
 * const data = await loadDataset("cpp-crowdsource");
 * const gaps = await calibrateIntervals(data, methodById("ncf-factors"), { setting: "gaps" });
 * gaps.quantile; // normalized half-width of the 90% interval
 * gaps.measured.coverage; // e.g. 0.9 on held-out folds
 * ```
 */
export async function calibrateIntervals(
  data: Dataset,
  method: Method,
  options: IntervalOptions = {},
): Promise<Calibration> {
  const o = resolve(options);
  const { dense } = data.scores;
  let plans: FoldPlan[];
  let targets: string[] | null = null;
  let skipped: { model: string; reason: string }[] = [];
  if (o.setting === "gaps") {
    plans = gapFolds(data, o);
  } else {
    const reason = coldStartReason(method, o.known, "model", data);
    if (reason !== null) throw new RangeError(`Cannot calibrate new-model intervals: ${reason}`);
    ({ plans, targets, skipped } = modelFolds(data, o));
  }
  const { predictions, fit } = await fitFolds(data, method, plans, o.seeds, {
    backend: options.backend,
    onProgress: options.onProgress,
  });
  const cells = heldOutCells(data, plans, predictions);
  const model = fitScore(cells, o.score, o.level, dense.nTasks);
  const head = {
    setting: o.setting,
    level: o.level,
    method: method.id,
    score: o.score,
    folds: plans.length,
    seeds: o.seeds,
  };
  const measured = summarize(crossFoldEvaluate(data, cells, o.score, o.level, o.clip), head);
  return {
    ...head,
    scoreDefinition: DEFINITIONS[o.score],
    scale: o.scale,
    scaleFrom: o.scaleFrom,
    known: o.setting === "new-model" ? o.known : null,
    seed: o.seed,
    clip: o.clip,
    quantile: model.quantile,
    n: model.n,
    epsilon: model.epsilon,
    taskScale: model.taskScale
      ? Object.fromEntries(dense.tasks.map((t, j) => [t, model.taskScale![j]]))
      : null,
    globalScale: model.globalScale,
    targets,
    skipped,
    measured,
    backend: fit.backend,
    fitSeconds: fit.seconds,
  };
}

/**
 * The coverage and median width of `method`'s intervals in one setting, measured cross-fold on
 * cells the calibration did not see (the `measured` part of {@linkcode calibrateIntervals}; one
 * batch of folds x seeds jobs). This is what `cpp evaluate --json` reports as `coverage` and
 * `intervalWidth`.
 *
 * @example
 * ```ts
 * const m = await measureCoverage(data, methodById("biases"), { setting: "new-model" });
 * [m.coverage, m.medianWidth]; // e.g. [0.9, 25.1] (share, score points)
 * ```
 */
export async function measureCoverage(
  data: Dataset,
  method: Method,
  options: IntervalOptions = {},
): Promise<IntervalCoverage> {
  return (await calibrateIntervals(data, method, options)).measured;
}

/** The interval fields of `cpp evaluate --json` (one method, one setting). */
export interface IntervalJson {
  readonly level: number;
  readonly setting: IntervalSetting;
  readonly score: IntervalScore;
  readonly coverage: number;
  /** Median width, points (metrics/points.ts). */
  readonly intervalWidth: number;
  readonly intervalWidthNormalized: number;
  readonly n: number;
  readonly folds: number;
  readonly seeds: number;
}

/**
 * The interval fields of a method's row in `cpp evaluate --json`, rounded to 4 significant digits.
 *
 * @example
 * ```ts
 * const row = { method: "mf", ...intervalJson(await measureCoverage(data, methodById("mf"))) };
 * ```
 */
export function intervalJson(measured: IntervalCoverage): IntervalJson {
  const r = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : x);
  return {
    level: measured.level,
    setting: measured.setting,
    score: measured.score,
    coverage: r(measured.coverage),
    intervalWidth: r(measured.medianWidth),
    intervalWidthNormalized: r(measured.medianWidthNormalized),
    n: measured.n,
    folds: measured.folds,
    seeds: measured.seeds,
  };
}

/** One cell of the filled matrix with its interval (original units). */
export interface IntervalCell {
  readonly model: string;
  readonly task: string;
  /** The observed score, or null where the cell is predicted. */
  readonly observed: number | null;
  /**
   * The ensemble mean (for observed cells: the fit); null where the method cannot know the cell
   * (its model or task has no observed score: see `note`).
   */
  readonly predicted: number | null;
  /** Interval bounds of a predicted cell; null on observed cells and cells without prediction. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The calibration the interval comes from; null where there is no interval. */
  readonly setting: IntervalSetting | null;
  /** Why a cell has no prediction, or that it is a cold start; null for the others. */
  readonly note: string | null;
}

/** What {@linkcode predictWithIntervals} returns. */
export interface IntervalMatrix {
  readonly method: MethodId;
  readonly backend: string;
  readonly level: number;
  readonly scale: NormalizationKind;
  readonly seeds: number;
  /** A model with at most this many observed scores takes the new-model calibration. */
  readonly newModelAtMost: number | null;
  readonly cells: readonly IntervalCell[];
  /** The models and tasks with no observed score, and what the method made of them. */
  readonly cold: readonly ColdEntity[];
  readonly calibrations: readonly Calibration[];
  readonly fit: FitResult;
}

/** Options of {@linkcode predictWithIntervals}. */
export interface PredictIntervalOptions {
  /**
   * Models with at most this many observed scores take the `new-model` calibration (default:
   * its `known`). Ignored without a new-model calibration.
   */
  readonly newModelAtMost?: number;
  /** Keep the ensemble's trained models (`IntervalMatrix.fit.models`; learned methods only). */
  readonly keepModels?: boolean;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/**
 * Fills the whole matrix with `method` (an ensemble of the calibrations' `seeds` members trained
 * on every observed cell, one batch) and gives every missing cell an interval in original units:
 * from the `new-model` calibration for a model with at most `newModelAtMost` observed scores,
 * from the `gaps` calibration otherwise (either alone serves every cell).
 *
 * @example
 * ```ts
 * const method = methodById("ncf-factors");
 * const gaps = await calibrateIntervals(data, method, { setting: "gaps" });
 * const fresh = await calibrateIntervals(data, method, { setting: "new-model" });
 * const filled = await predictWithIntervals(data, method, [gaps, fresh]);
 * filled.cells.filter((c) => c.observed === null)[0]; // { model, task, predicted, lower, upper }
 * ```
 */
export async function predictWithIntervals(
  data: Dataset,
  method: Method,
  calibrations: Calibration | readonly Calibration[],
  options: PredictIntervalOptions = {},
): Promise<IntervalMatrix> {
  const list: readonly Calibration[] = Array.isArray(calibrations)
    ? calibrations
    : [calibrations as Calibration];
  if (list.length === 0) throw new RangeError("Cannot predict with intervals: no calibration");
  const bySetting = new Map<IntervalSetting, Calibration>();
  for (const c of list) {
    if (bySetting.has(c.setting)) {
      throw new RangeError(`Cannot predict with intervals: two '${c.setting}' calibrations`);
    }
    if (c.method !== method.id) {
      throw new RangeError(
        `Cannot predict with intervals: a ${c.setting} calibration is for '${c.method}', ` +
          `not '${method.id}'`,
      );
    }
    bySetting.set(c.setting, c);
  }
  const first = list[0];
  for (const c of list) {
    for (const key of ["seeds", "scale", "scaleFrom", "level", "clip"] as const) {
      if (c[key] !== first[key]) {
        throw new RangeError(
          `Cannot predict with intervals: the calibrations differ in ${key} ` +
            `(${first[key]} and ${c[key]})`,
        );
      }
    }
  }
  const gaps = bySetting.get("gaps");
  const fresh = bySetting.get("new-model");
  const atMost = fresh ? options.newModelAtMost ?? fresh.known! : null;

  const { dense } = data.scores;
  const { nModels, nTasks } = dense;
  const plan = allCellsPlan(data, { scale: first.scale, scaleFrom: first.scaleFrom });
  const { norm } = plan;
  const counts = new Uint32Array(nModels);
  for (const k of plan.train) counts[Math.floor(k / nTasks)]++;
  const { predictions, fit } = await fitFolds(data, method, [plan], first.seeds, {
    backend: options.backend,
    keepModels: options.keepModels,
    onProgress: options.onProgress,
  });
  const members = predictions[0];
  const taskIndex = (c: Calibration) =>
    c.taskScale ? Float64Array.from(dense.tasks, (t) => c.taskScale![t] ?? c.globalScale!) : null;
  const models = new Map(list.map((c) => [c, { ...c, taskScale: taskIndex(c) }]));
  const clipFits = list.some((c) => c.clip);
  const cold = coldEntities(data, method, first.scale);
  const cells: IntervalCell[] = [];
  for (let i = 0; i < nModels; i++) {
    for (let j = 0; j < nTasks; j++) {
      const k = i * nTasks + j;
      const { mean, spread } = ensembleAt(members, k);
      if (dense.observed[k]) {
        cells.push({
          model: dense.models[i],
          task: dense.tasks[j],
          observed: data.scores.exact[k],
          // the fit of an observed cell is clipped as the predictions are
          predicted: boundsOf(norm, i, j, mean, 0, clipFits ? unitBounds(data, j) : null).predicted,
          lower: null,
          upper: null,
          setting: null,
          note: null,
        });
        continue;
      }
      const note = cold.note(k);
      if (note && !note.predicted) {
        cells.push({
          model: dense.models[i],
          task: dense.tasks[j],
          observed: null,
          predicted: null,
          lower: null,
          upper: null,
          setting: null,
          note: note.note,
        });
        continue;
      }
      const c = fresh && (counts[i] <= atMost! || !gaps) ? fresh : gaps!;
      const m = models.get(c)!;
      const half = c.quantile * scaleOf(m, j, spread);
      const b = boundsOf(norm, i, j, mean, half, c.clip ? unitBounds(data, j) : null);
      cells.push({
        model: dense.models[i],
        task: dense.tasks[j],
        observed: null,
        predicted: b.predicted,
        lower: b.lower,
        upper: b.upper,
        setting: c.setting,
        note: note?.note ?? null,
      });
    }
  }
  return {
    method: method.id,
    backend: fit.backend,
    level: first.level,
    scale: first.scale,
    seeds: first.seeds,
    newModelAtMost: atMost,
    cells,
    cold: cold.entities,
    calibrations: list,
    fit,
  };
}
