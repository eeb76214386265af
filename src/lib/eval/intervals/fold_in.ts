/**
 * A new model, predicted the way the report's predict page does it: an ensemble trained once on
 * every known model, exported (models/infer.ts), and a new model folded in from its design
 * factors and the few scores already known, with conformal intervals calibrated for exactly that
 * procedure.
 *
 * Calibration (cross-conformal over models): the models with at least 2 observed scores are
 * shuffled by `seededRandom(seed)` and dealt into `folds` folds; fold f's `seeds` members train
 * on every observed cell of the other models (task scale from those training cells, as the
 * `new-model` intervals). Each held-out model then plays a new model `maxKnown + 1` times: with
 * K = 0, 1, ..., maxKnown of its scores revealed (the first K of one shuffle of its cells, drawn
 * per (seed, model): the reveals are nested), whenever it has at least K + 2 observed scores.
 * Every member folds it in from its factors and the revealed scores; the members' mean and
 * spread predict its other cells. The score is `|y - mean| / (spread + ε_K)` (`ensemble`, the
 * default: intervals widen where the members disagree, which is what ranks the benchmarks to run
 * next) or `|y - mean|` (`absolute`), with one conformal quantile per K. Coverage and median width
 * are measured per K cross-fold, on folds the quantile did not see (as intervals.ts).
 *
 * Measured on cpp-crowdsource (ncf-factors, 10 folds, 5 members, level 0.9), coverage / median
 * width in points for K = 0..5: `ensemble` 0.903 / 24.2, 0.902 / 20.4, 0.901 / 19.7,
 * 0.899 / 18.5, 0.902 / 18.5, 0.903 / 16.7; `absolute` 0.903 / 23.8 down to 0.903 / 18.4 (as
 * wide or wider from K = 1 on, and the same width for every benchmark, so it cannot rank them).
 * MAE of the fold-in mean: 6.08 points with no score known, 4.84 with 2, 4.28 with 5. The 50
 * fits take about 20 s on 2 cores; folding in every held-out model at every K, about 2 s.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { BackendChoice, Method } from "../../models/types.ts";
import {
  factorEmbedding,
  type FactorValue,
  foldIn,
  type FoldInCalibration,
  type PortableModel,
  type PortableScale,
} from "../../models/infer.ts";
import {
  checkLevel,
  crossFoldEvaluate,
  ensembleAt,
  fitFolds,
  fitScore,
  type HeldOutCell,
  median,
  unitBounds,
} from "./_conformal.ts";
import { allCellsPlan, type FoldPlan, modelFolds } from "../splits/folds.ts";
import { seededRandom, shuffle, STREAMS, streamSeed } from "../../util/random.ts";

/** Options of {@linkcode calibrateFoldIn}. */
export interface FoldInCalibrationOptions {
  /** Nominal coverage. Default 0.9. */
  readonly level?: number;
  /** Folds over models. Default 10. */
  readonly folds?: number;
  /** Ensemble members. Default 5. */
  readonly seeds?: number;
  /** Largest number of revealed scores calibrated. Default 5. */
  readonly maxKnown?: number;
  /** Default "ensemble". */
  readonly score?: "ensemble" | "absolute";
  /** Seeds the folds and the reveals. Default 0. */
  readonly seed?: number;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** Coverage of the fold-in intervals with K scores known, measured cross-fold. */
export interface FoldInCoverage {
  readonly known: number;
  readonly coverage: number;
  /** Median width, points (metrics/points.ts), and divided by the task's range. */
  readonly medianWidth: number;
  readonly medianWidthNormalized: number;
  /** Held-out cells evaluated, and the models they belong to. */
  readonly n: number;
  readonly models: number;
  /** Mean absolute error of the ensemble mean (clipped to the task's unit range), points. */
  readonly mae: number;
}

/** What {@linkcode calibrateFoldIn} returns. */
export interface FoldInReport {
  readonly method: string;
  readonly calibration: FoldInCalibration;
  readonly measured: readonly FoldInCoverage[];
  readonly folds: number;
  readonly seeds: number;
  readonly seed: number;
  readonly backend: string;
  readonly fitSeconds: number;
}

/** A model's design factors by name, as the inference code takes them. */
export function modelFactorsOf(data: Dataset, i: number): Record<string, FactorValue> {
  const out: Record<string, FactorValue> = {};
  for (const f of data.modelFactors?.factors ?? []) out[f.name] = f.values[i];
  return out;
}

function resolved(options: FoldInCalibrationOptions) {
  const level = options.level ?? 0.9;
  checkLevel(level);
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(
        `Cannot calibrate fold-in: ${name} is ${v} (expected an integer >= ${min})`,
      );
    }
    return v;
  };
  const score = options.score ?? "ensemble";
  if (score !== "ensemble" && score !== "absolute") {
    throw new RangeError(
      `Cannot calibrate fold-in: score is '${score}' (expected ensemble or absolute)`,
    );
  }
  return {
    level,
    score,
    folds: int("folds", options.folds ?? 10, 2),
    seeds: int("seeds", options.seeds ?? 5, 1),
    maxKnown: int("maxKnown", options.maxKnown ?? 5, 0),
    seed: int("seed", options.seed ?? 0, 0),
  };
}

/**
 * Calibrates and measures the intervals of fold-in predictions for new models (see the module
 * documentation). All folds x members train as one batch.
 *
 * @example
 * ```ts
 * const report = await calibrateFoldIn(data, methodById("ncf-factors"));
 * report.measured.map((m) => [m.known, m.coverage]); // e.g. [[0, 0.9], [1, 0.91], ...]
 * ```
 */
export async function calibrateFoldIn(
  data: Dataset,
  method: Method,
  options: FoldInCalibrationOptions = {},
): Promise<FoldInReport> {
  const o = resolved(options);
  const { dense } = data.scores;
  const { nTasks } = dense;
  const { plans } = modelFolds(data, {
    folds: o.folds,
    seed: o.seed,
    known: 0,
    scale: "task",
    scaleFrom: "train",
  });
  const { fit } = await fitFolds(data, method, plans, o.seeds, {
    backend: options.backend,
    keepModels: true,
    onProgress: options.onProgress,
  });
  if (!fit.models) {
    throw new RangeError(`Cannot calibrate fold-in: ${method.id} does not export trained models`);
  }
  const byK: HeldOutCell[][] = Array.from({ length: o.maxKnown + 1 }, () => []);
  plans.forEach((plan: FoldPlan, f) => {
    const members = fit.models!.slice(f * o.seeds, (f + 1) * o.seeds);
    const byModel = new Map<number, number[]>();
    for (const k of plan.heldOut) {
      const i = Math.floor(k / nTasks);
      const cells = byModel.get(i);
      if (cells) cells.push(k);
      else byModel.set(i, [k]);
    }
    for (const [i, cells] of byModel) {
      const order = shuffle(cells.slice(), seededRandom(streamSeed(o.seed + 1, i, STREAMS.reveal)));
      const factors = modelFactorsOf(data, i);
      const bases = members.map((member) => factorEmbedding(member, factors));
      for (let K = 0; K <= o.maxKnown && cells.length >= K + 2; K++) {
        const known = order.slice(0, K).map((k) => ({
          task: k % nTasks,
          value: plan.norm.values[k],
        }));
        const rows = members.map((member, e) => foldIn(member, bases[e], known).predictions);
        for (const k of order.slice(K)) {
          const j = k % nTasks;
          const { mean, spread } = ensembleAt(rows, j);
          byK[K].push({
            fold: plan.fold,
            cell: k,
            model: i,
            task: j,
            gold: plan.norm.values[k],
            mean,
            spread,
            norm: plan.norm,
          });
        }
      }
    }
  });
  const quantiles: number[] = [];
  const epsilons: number[] = [];
  const measured: FoldInCoverage[] = [];
  byK.forEach((cells, K) => {
    if (cells.length === 0) return;
    const model = fitScore(cells, o.score, o.level, nTasks);
    quantiles.push(model.quantile);
    epsilons.push(model.epsilon ?? 0);
    const evaluated = crossFoldEvaluate(data, cells, o.score, o.level, true);
    measured.push({
      known: K,
      coverage: evaluated.filter((c) => c.covered).length / evaluated.length,
      medianWidth: median(evaluated.map((c) => c.width)),
      medianWidthNormalized: median(evaluated.map((c) => c.widthNormalized)),
      n: cells.length,
      models: new Set(cells.map((c) => c.model)).size,
      mae: evaluated.reduce((sum, c) => sum + c.absError, 0) / evaluated.length,
    });
  });
  return {
    method: method.id,
    calibration: { level: o.level, score: o.score, quantiles, epsilons },
    measured,
    folds: plans.length,
    seeds: o.seeds,
    seed: o.seed,
    backend: fit.backend,
    fitSeconds: fit.seconds,
  };
}

/** A model factor as the predict page's form shows it. */
export interface FactorField {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  /** Categorical: the values seen in training. */
  readonly levels: readonly string[];
  /** Numeric: the smallest and largest value among the known models (null when none). */
  readonly min: number | null;
  readonly max: number | null;
}

/** Everything the browser needs to predict a new model (JSON-friendly). */
export interface Predictor {
  readonly dataset: string;
  readonly method: string;
  readonly members: readonly PortableModel[];
  readonly scale: PortableScale;
  readonly tasks: readonly string[];
  readonly factors: readonly FactorField[];
  readonly calibration: FoldInCalibration;
  readonly measured: readonly FoldInCoverage[];
  /** The known models, with their factors and observed scores (to start from one of them). */
  readonly models: readonly {
    readonly name: string;
    readonly factors: Readonly<Record<string, FactorValue>>;
    readonly scores: Readonly<Record<string, number>>;
  }[];
  readonly backend: string;
}

/**
 * Trains the deployed ensemble (`seeds` members on every observed cell, task scale from every
 * observed cell) and bundles it with a fold-in calibration: what the
 * notebooks and the predict page run {@linkcode predictNewModel} on.
 */
export async function trainPredictor(
  data: Dataset,
  method: Method,
  report: FoldInReport,
  options: { backend?: BackendChoice; onProgress?: FoldInCalibrationOptions["onProgress"] } = {},
): Promise<Predictor> {
  const { dense } = data.scores;
  const { nTasks } = dense;
  // scaled as the calibration folds were (task scale from the training cells, here all of them)
  const plan = allCellsPlan(data, { scale: "task", scaleFrom: "train" });
  const all = plan.norm;
  const { fit } = await fitFolds(data, method, [plan], report.seeds, {
    backend: options.backend,
    keepModels: true,
    onProgress: options.onProgress,
  });
  const round = (x: number) => Number(x.toPrecision(7));
  const factors: FactorField[] = (data.modelFactors?.factors ?? []).map((f) => {
    const numbers = f.values.filter((v): v is number =>
      typeof v === "number" && Number.isFinite(v)
    );
    return {
      name: f.name,
      kind: f.kind,
      levels: f.kind === "categorical"
        ? [...new Set(f.values.filter((v) => v !== null).map(String))].sort()
        : [],
      min: f.kind === "numeric" && numbers.length ? Math.min(...numbers) : null,
      max: f.kind === "numeric" && numbers.length ? Math.max(...numbers) : null,
    };
  });
  return {
    dataset: data.id,
    method: method.id,
    members: fit.models!,
    scale: {
      sign: Array.from(all.sign),
      offset: Array.from(all.offset, round),
      range: Array.from(all.range, round),
      unit: dense.tasks.map((_, j) => unitBounds(data, j)),
    },
    tasks: dense.tasks,
    factors,
    calibration: report.calibration,
    measured: report.measured,
    models: dense.models.map((name, i) => {
      const scores: Record<string, number> = {};
      for (let j = 0; j < nTasks; j++) {
        const k = i * nTasks + j;
        if (dense.observed[k]) scores[dense.tasks[j]] = round(dense.values[k]);
      }
      return { name, factors: modelFactorsOf(data, i), scores };
    }),
    backend: fit.backend,
  };
}
