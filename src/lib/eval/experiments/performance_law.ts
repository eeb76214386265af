/**
 * MMLU from architecture and data factors, in the spirit of the Performance Law (Wu and Tang,
 * 2024: "Performance Law of Large Language Models", arXiv 2408.09895), beside the collaborative
 * methods' predictions of the same cells.
 *
 * The Performance Law predicts MMLU from a linear combination of log terms of a few
 * hyperparameters: the number of layers, the hidden size, the FFN size and the training tokens
 * (with the model size). The crowdsourced factor table has no hidden-size column, so we use:
 *
 * | feature | model factor | why |
 * |---|---|---|
 * | ln layers | 'Layers' | depth, as in the law |
 * | ln heads | 'Number Heads' | stands in for the hidden size (hidden = heads x head size; the head size is 128 for most models here) |
 * | ln FFN size | 'bottleneck activation size' | the FFN width as the table gives it (for some models, e.g. LLaMA-1 and Chinchilla, the value equals the hidden size: used as given) |
 * | ln params | 'Parameter Size(M)' | the model size |
 * | ln tokens | 'Pretraining Dataset Size(B)' | the training data |
 *
 * 'Key/Value Size' is not used: it mixes key-value group counts (8 for Llama 2) and head sizes (128
 * for Gopher). We do not cap tokens nor clip predictions.
 *
 * Regression: ridge on the five log features, standardized over the training models (mean 0, sd
 * 1), the intercept unpenalized: minimize `Σ (y - b - w·z)^2 + λ |w|^2`, y = MMLU in points. With
 * five correlated log features (params is nearly a product of the others) and about thirty models,
 * plain least squares is unstable; the penalty is chosen per fold.
 * - λ ("nested-loo", default): from {1e-3, 1e-2, 0.1, 1, 10, 100}, the one with the smallest
 *   leave-one-out squared error on the fold's training models (ties: the larger λ), so the
 *   held-out model never chooses its own λ. A number fixes λ for every fold.
 * - Models: those with a score on the MMLU task and every factor positive; the others are listed
 *   in `leftOut` with what they lack.
 * - Evaluation: leave-one-out over those models; `error` = predicted - actual (points); MAE and
 *   RMSE over the models.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { NormalizationKind } from "../../data/normalize.ts";
import type { BackendChoice, Method, MethodId } from "../../models/types.ts";
import { solveLinear } from "../_linear_algebra.ts";
import { type GeneralizationStatus, runGeneralization } from "./generalization.ts";

/** A feature of the regression: the natural log of a model factor. */
export interface PerformanceLawFeature {
  readonly name: string;
  readonly factor: string;
}

/** The default features (module documentation). */
export const PERFORMANCE_LAW_FEATURES: readonly PerformanceLawFeature[] = [
  { name: "ln layers", factor: "Layers" },
  { name: "ln heads", factor: "Number Heads" },
  { name: "ln FFN size", factor: "bottleneck activation size" },
  { name: "ln params", factor: "Parameter Size(M)" },
  { name: "ln tokens", factor: "Pretraining Dataset Size(B)" },
];

/** The default λ grid of the nested leave-one-out choice. */
export const PERFORMANCE_LAW_LAMBDAS: readonly number[] = [1e-3, 1e-2, 0.1, 1, 10, 100];

/** Options of {@linkcode performanceLaw}. */
export interface PerformanceLawOptions {
  /** The task to predict. Default: the task whose name starts with "MMLU". */
  readonly task?: string;
  readonly features?: readonly PerformanceLawFeature[];
  /** A fixed ridge penalty, or "nested-loo" (default). */
  readonly lambda?: number | "nested-loo";
  readonly lambdas?: readonly number[];
}

/** One model's leave-one-out prediction. */
export interface PerformanceLawRow {
  readonly model: string;
  readonly actual: number;
  readonly predicted: number;
  /** predicted - actual, points. */
  readonly error: number;
  readonly absError: number;
  /** The λ its fold used. */
  readonly lambda: number;
}

/** A ridge fit mapped back to the log features' own units. */
export interface RidgeFit {
  readonly lambda: number;
  readonly intercept: number;
  /** Per feature, the weight on its (unstandardized) value. */
  readonly weights: readonly number[];
}

/** What {@linkcode performanceLaw} returns. */
export interface PerformanceLawResult {
  readonly dataset: string;
  readonly task: string;
  readonly features: readonly PerformanceLawFeature[];
  readonly lambdaRule: string;
  readonly n: number;
  readonly models: readonly PerformanceLawRow[];
  readonly mae: number;
  readonly rmse: number;
  /** Models not used, with what they lack (factors by name, or the task's score). */
  readonly leftOut: readonly { readonly model: string; readonly missing: readonly string[] }[];
  /** The fit on every model (λ by leave-one-out over all of them), for the equation. */
  readonly fit: {
    readonly lambda: number;
    readonly intercept: number;
    readonly coefficients: readonly { readonly feature: string; readonly weight: number }[];
  };
}

/**
 * Ridge regression with an unpenalized intercept on standardized columns (a constant column gets
 * weight 0), returned in the columns' own units.
 *
 * @example
 * ```ts
 * ridgeFit([[1], [2], [3]], [2, 4, 6], 0).weights; // [2]
 * ```
 */
export function ridgeFit(x: readonly (readonly number[])[], y: readonly number[], lambda: number) {
  const n = x.length;
  const p = x[0]?.length ?? 0;
  if (n === 0 || y.length !== n) {
    throw new RangeError(`Cannot fit a ridge regression: ${n} rows for ${y.length} targets`);
  }
  if (!(lambda >= 0)) throw new RangeError(`Cannot fit a ridge regression: lambda is ${lambda}`);
  const mean = Array.from({ length: p }, (_, c) => x.reduce((s, r) => s + r[c], 0) / n);
  const sd = mean.map((m, c) => Math.sqrt(x.reduce((s, r) => s + (r[c] - m) ** 2, 0) / n));
  const live = sd.map((s) => s > 1e-12);
  const cols = live.flatMap((l, c) => (l ? [c] : []));
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const z = x.map((r) => cols.map((c) => (r[c] - mean[c]) / sd[c]));
  const a = cols.map((_, u) =>
    cols.map((_, v) => z.reduce((s, r) => s + r[u] * r[v], 0) + (u === v ? lambda : 0))
  );
  const b = cols.map((_, u) => z.reduce((s, r, i) => s + r[u] * (y[i] - ybar), 0));
  const w = cols.length ? solveLinear(a, b) : [];
  const weights = new Array<number>(p).fill(0);
  cols.forEach((c, u) => (weights[c] = w[u] / sd[c]));
  const intercept = ybar - weights.reduce((s, wc, c) => s + wc * mean[c], 0);
  return { lambda, intercept, weights } satisfies RidgeFit;
}

function predict(fit: RidgeFit, row: readonly number[]): number {
  return fit.intercept + fit.weights.reduce((s, w, c) => s + w * row[c], 0);
}

/** Leave-one-out mean squared error of ridge at `lambda` on (x, y). */
function looError(x: readonly (readonly number[])[], y: readonly number[], lambda: number): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const rest = x.filter((_, r) => r !== i);
    const fit = ridgeFit(rest, y.filter((_, r) => r !== i), lambda);
    sum += (predict(fit, x[i]) - y[i]) ** 2;
  }
  return sum / x.length;
}

function chooseLambda(
  x: readonly (readonly number[])[],
  y: readonly number[],
  rule: number | "nested-loo",
  grid: readonly number[],
): number {
  if (rule !== "nested-loo") return rule;
  let [best, bestError] = [grid[0], Infinity];
  for (const lambda of grid) {
    const error = looError(x, y, lambda);
    if (error <= bestError) [best, bestError] = [lambda, error];
  }
  return best;
}

/** The MMLU task of a dataset: the task whose name starts with "MMLU". */
export function mmluTask(data: Dataset): string {
  const found = data.scores.dense.tasks.filter((t) => /^MMLU/i.test(t));
  if (found.length !== 1) {
    throw new RangeError(
      `Cannot find the MMLU task of ${data.id}: ${found.length} task names start with "MMLU" ` +
        `(${found.join(", ") || "none"}); name it with the task option`,
    );
  }
  return found[0];
}

/**
 * The models with a score on `task` and every feature's factor positive (usable by the law), and
 * the others with what they lack.
 *
 * @example
 * ```ts
 * performanceLawModels(data).models.length;
 * ```
 */
export function performanceLawModels(
  data: Dataset,
  options: { task?: string; features?: readonly PerformanceLawFeature[] } = {},
): {
  task: string;
  models: string[];
  x: number[][];
  y: number[];
  leftOut: { model: string; missing: string[] }[];
} {
  const task = options.task ?? mmluTask(data);
  const features = options.features ?? PERFORMANCE_LAW_FEATURES;
  const { dense } = data.scores;
  const j = dense.taskIndex.get(task);
  if (j === undefined) throw new RangeError(`Cannot fit the performance law: no task '${task}'`);
  const columns = features.map((f) => {
    const found = data.modelFactors?.factors.find((c) => c.name === f.factor);
    if (!found) {
      throw new RangeError(
        `Cannot fit the performance law: ${data.id} has no model factor '${f.factor}'`,
      );
    }
    return found.values;
  });
  const models: string[] = [];
  const x: number[][] = [];
  const y: number[] = [];
  const leftOut: { model: string; missing: string[] }[] = [];
  dense.models.forEach((model, i) => {
    const missing: string[] = [];
    if (!dense.observed[i * dense.nTasks + j]) missing.push(`${task} score`);
    const row = columns.map((values, c) => {
      const v = values[i];
      if (typeof v === "number" && Number.isFinite(v) && v > 0) return Math.log(v);
      missing.push(features[c].factor);
      return NaN;
    });
    if (missing.length) leftOut.push({ model, missing });
    else {
      models.push(model);
      x.push(row);
      y.push(Number(dense.values[i * dense.nTasks + j].toPrecision(7)));
    }
  });
  return { task, models, x, y, leftOut };
}

/**
 * Fits the Performance-Law-style regression and evaluates it leave-one-out.
 *
 * @example
 * ```ts
 * const law = performanceLaw(await loadDataset("cpp-crowdsource"));
 * law.mae; // points of MMLU
 * law.leftOut; // models lacking a factor or a score
 * ```
 */
export function performanceLaw(
  data: Dataset,
  options: PerformanceLawOptions = {},
): PerformanceLawResult {
  const features = options.features ?? PERFORMANCE_LAW_FEATURES;
  const rule = options.lambda ?? "nested-loo";
  const grid = options.lambdas ?? PERFORMANCE_LAW_LAMBDAS;
  if (rule !== "nested-loo" && !(rule >= 0)) {
    throw new RangeError(`Cannot fit the performance law: lambda is ${rule}`);
  }
  if (grid.length === 0) throw new RangeError("Cannot fit the performance law: empty λ grid");
  const { task, models, x, y, leftOut } = performanceLawModels(data, { ...options, features });
  if (models.length < 3) {
    throw new RangeError(
      `Cannot fit the performance law: ${models.length} models have every factor and a score ` +
        `(needs 3)`,
    );
  }
  const rows: PerformanceLawRow[] = models.map((model, i) => {
    const restX = x.filter((_, r) => r !== i);
    const restY = y.filter((_, r) => r !== i);
    const lambda = chooseLambda(restX, restY, rule, grid);
    const predicted = predict(ridgeFit(restX, restY, lambda), x[i]);
    return {
      model,
      actual: y[i],
      predicted,
      error: predicted - y[i],
      absError: Math.abs(predicted - y[i]),
      lambda,
    };
  });
  const lambda = chooseLambda(x, y, rule, grid);
  const all = ridgeFit(x, y, lambda);
  return {
    dataset: data.id,
    task,
    features: [...features],
    lambdaRule: rule === "nested-loo"
      ? `nested leave-one-out over {${grid.join(", ")}}, chosen per fold`
      : `fixed ${rule}`,
    n: models.length,
    models: rows,
    mae: rows.reduce((s, r) => s + r.absError, 0) / rows.length,
    rmse: Math.sqrt(rows.reduce((s, r) => s + r.error ** 2, 0) / rows.length),
    leftOut,
    fit: {
      lambda,
      intercept: all.intercept,
      coefficients: features.map((f, c) => ({ feature: f.name, weight: all.weights[c] })),
    },
  };
}

/** Options of {@linkcode collaborativeMmlu}. */
export interface CollaborativeMmluOptions {
  /** Default: the three baselines. */
  readonly methods?: readonly Method[];
  /** Default [0, 2]. */
  readonly ks?: readonly number[];
  /** Default 5. */
  readonly seeds?: number;
  /** Default: the models the performance law uses (`performanceLawModels`). */
  readonly models?: readonly string[];
  readonly task?: string;
  readonly features?: readonly PerformanceLawFeature[];
  /** Default "task". */
  readonly scale?: NormalizationKind;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** One (model, k, method): the collaborative prediction of the model's MMLU score. */
export interface CollaborativeMmluRow {
  readonly model: string;
  readonly known: number;
  readonly method: MethodId;
  readonly status: GeneralizationStatus;
  readonly reason?: string;
  readonly actual: number;
  /** Mean over seeds (points); null when the method did not run. */
  readonly predicted: number | null;
  readonly predictedSd: number | null;
  /** Mean over seeds of |prediction - actual| (points). */
  readonly absError: number | null;
}

/** What {@linkcode collaborativeMmlu} returns. */
export interface CollaborativeMmluResult {
  readonly dataset: string;
  readonly task: string;
  readonly ks: readonly number[];
  readonly seeds: number;
  readonly models: readonly string[];
  readonly rows: readonly CollaborativeMmluRow[];
  /** Per (k, method): MAE over the models it predicted (points). */
  readonly mae: readonly {
    readonly known: number;
    readonly method: MethodId;
    readonly status: GeneralizationStatus;
    readonly n: number;
    readonly mae: number | null;
  }[];
  /** Models that could not be run at some k (fewer than k other scores). */
  readonly skipped: readonly { readonly model: string; readonly known: number; reason: string }[];
}

/**
 * The collaborative methods' leave-one-model-out predictions of the MMLU cell, CPP-k restricted
 * to that cell: per model and seed, k of its other observed scores are revealed, all its other
 * scores (MMLU included) are hidden, and MMLU is predicted (`runGeneralization` with `scoreOn`).
 *
 * @example
 * ```ts
 * const collab = await collaborativeMmlu(data, { ks: [0, 2], methods: baselineMethods() });
 * ```
 */
export async function collaborativeMmlu(
  data: Dataset,
  options: CollaborativeMmluOptions = {},
): Promise<CollaborativeMmluResult> {
  const task = options.task ?? mmluTask(data);
  const ks = options.ks ?? [0, 2];
  const seeds = options.seeds ?? 5;
  const models = options.models ??
    performanceLawModels(data, { task, features: options.features }).models;
  const { dense } = data.scores;
  const j = dense.taskIndex.get(task);
  if (j === undefined) throw new RangeError(`Cannot predict ${task}: no such task`);
  const actualOf = (model: string) =>
    Number(dense.values[dense.modelIndex.get(model)! * dense.nTasks + j].toPrecision(7));
  const rows: CollaborativeMmluRow[] = [];
  const mae: CollaborativeMmluResult["mae"][number][] = [];
  const skipped: { model: string; known: number; reason: string }[] = [];
  for (const known of ks) {
    const result = await runGeneralization(data, {
      axis: "model",
      known,
      methods: options.methods,
      seeds,
      scale: options.scale,
      targets: models,
      scoreOn: [task],
      predictions: true,
      backend: options.backend,
      onProgress: options.onProgress,
    });
    for (const s of result.skipped) skipped.push({ model: s.target, known, reason: s.reason });
    for (const row of result.rows) {
      if (row.status !== "ok") {
        for (const model of result.targets) {
          rows.push({
            model,
            known,
            method: row.method,
            status: row.status,
            reason: row.reason,
            actual: actualOf(model),
            predicted: null,
            predictedSd: null,
            absError: null,
          });
        }
        mae.push({ known, method: row.method, status: row.status, n: 0, mae: null });
        continue;
      }
      const mine = result.predictions!.filter((p) => p.method === row.method);
      let sum = 0;
      for (const model of result.targets) {
        const points = mine.filter((p) => p.target === model).map((p) => p.predicted);
        const actual = actualOf(model);
        const mean = points.reduce((a, b) => a + b, 0) / points.length;
        const sd = points.length > 1
          ? Math.sqrt(points.reduce((a, b) => a + (b - mean) ** 2, 0) / (points.length - 1))
          : 0;
        const absError = points.reduce((a, b) => a + Math.abs(b - actual), 0) / points.length;
        sum += absError;
        rows.push({
          model,
          known,
          method: row.method,
          status: "ok",
          actual,
          predicted: mean,
          predictedSd: sd,
          absError,
        });
      }
      mae.push({
        known,
        method: row.method,
        status: "ok",
        n: result.targets.length,
        mae: result.targets.length ? sum / result.targets.length : null,
      });
    }
  }
  return { dataset: data.id, task, ks: [...ks], seeds, models: [...models], rows, mae, skipped };
}
