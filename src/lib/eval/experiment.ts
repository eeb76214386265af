/**
 * The one path every experiment takes: a split plans which cells each job may learn from (and
 * how each job is scaled), {@linkcode fitPlanned} turns the plan into one batch of jobs and fits
 * it, and the experiment scores the held-out cells and aggregates them.
 *
 * - Plan (`splits/`): per seed or fold, the training cells and the job's normalization. Every
 *   other cell of the job's matrix is NaN, so a method cannot read a held-out value even by
 *   mistake.
 * - Fit (here): one `method.fit` call per method and plan, all jobs in one batch, its progress
 *   mapped into the experiment's, and the prediction matrices counted and sized.
 * - Score (`metrics/`) and aggregate (`experiments/`): the experiment's own.
 *
 * @module
 */
import type { Dataset } from "../data/load_dataset.ts";
import type { Normalization } from "../data/normalize.ts";
import type { FactorTable } from "../data/types.ts";
import type { BackendChoice, FitResult, Job, Method, Problem } from "../models/types.ts";
import type { GeneralizationAxis } from "./splits/new_entity.ts";

/** Progress as experiments report it: library code never prints. */
export type Progress = (p: { done: number; total: number; label: string }) => void;

/** One job of a plan: its seed, the cells it trains on and its scale; every other cell is hidden. */
export interface PlannedJob {
  readonly seed: number;
  /** Observed cells the job learns from, `i * nTasks + j`. */
  readonly train: Uint32Array;
  /** The job's normalization; the job's matrix is `norm.values` on `train`, NaN elsewhere. */
  readonly norm: Normalization;
  /** Shapley's coalitions: the factors the job may use (default all). */
  readonly modelFactorSet?: readonly number[];
  readonly taskFactorSet?: readonly number[];
}

/** One held-out fold of a split: which seed and fold it is and the cells it holds out. */
export interface HeldOutFold {
  /** A label for reports, e.g. "seed 0 fold 2". */
  readonly fold: string;
  /** The training seed of the fold's job (a learned method's initialization). */
  readonly seed: number;
  /** Held-out cells `i * nTasks + j`, ascending. */
  readonly test: Uint32Array;
  /** Cells the job trains on; default every observed cell that is not held out. */
  readonly train?: Uint32Array;
  /** What the fold's cells are aggregated under (new-release: the target model). */
  readonly group?: string;
}

/** Options of {@linkcode fitPlanned}. */
export interface FitPlannedOptions {
  readonly backend?: BackendChoice;
  readonly keepModels?: boolean;
  /** The method's own progress (map it into the experiment's with {@linkcode methodProgress}). */
  readonly onProgress?: Progress;
  /** What a failed check says the experiment could not do: "score" (default) or "calibrate". */
  readonly verb?: string;
}

/**
 * Fits `method` on every job of a plan in ONE batch and checks that it returned one full
 * prediction matrix (normalized scale, row-major n x m) per job.
 *
 * @example
 * ```ts
 * const jobs = randomPlans(data, { seeds: 3 }).map((r) => ({ seed: r.seed, train: r.split.train, norm: r.norm }));
 * const fit = await fitPlanned(data, methodById("biases"), jobs);
 * fit.predictions.length; // 3
 * ```
 */
export async function fitPlanned(
  data: Dataset,
  method: Method,
  jobs: readonly PlannedJob[],
  options: FitPlannedOptions = {},
): Promise<FitResult> {
  const { nModels, nTasks, models, tasks } = data.scores.dense;
  const size = nModels * nTasks;
  const problem: Problem = {
    nModels,
    nTasks,
    values: new Float32Array(size).fill(NaN),
    modelFactors: data.modelFactors,
    taskFactors: data.taskFactors,
    taskScales: data.scores.scale,
    modelNames: models,
    taskNames: tasks,
  };
  const batch: Job[] = jobs.map((job) => {
    const values = new Float32Array(size).fill(NaN);
    for (const k of job.train) values[k] = job.norm.values[k];
    const { values: _, ...normalization } = job.norm;
    return {
      train: job.train,
      seed: job.seed,
      values,
      normalization,
      ...(job.modelFactorSet ? { modelFactorSet: job.modelFactorSet } : {}),
      ...(job.taskFactorSet ? { taskFactorSet: job.taskFactorSet } : {}),
    };
  });
  const fit = await method.fit(problem, batch, {
    backend: options.backend,
    keepModels: options.keepModels,
    onProgress: options.onProgress,
  });
  const verb = options.verb ?? "score";
  if (fit.predictions.length !== batch.length) {
    throw new RangeError(
      `Cannot ${verb} ${method.id}: it returned ${fit.predictions.length} prediction matrices ` +
        `for ${batch.length} jobs`,
    );
  }
  fit.predictions.forEach((predicted, index) => {
    if (predicted.length !== size) {
      throw new RangeError(
        `Cannot ${verb} ${method.id}: the prediction matrix of job ${index} (seed ` +
          `${batch[index].seed}) has ${predicted.length} cells (expected ${size})`,
      );
    }
  });
  return fit;
}

/**
 * A method's progress mapped into an experiment's: `span` units of the experiment's `total` start
 * at `done`, and the method's label follows `label`.
 *
 * @example
 * ```ts
 * // Table 1: each method is `seeds` units of `seeds * methods` in all
 * method.fit(problem, jobs, { onProgress: methodProgress(onProgress, { done, span: seeds, total, label: "mf" }) });
 * ```
 */
export function methodProgress(
  onProgress: Progress | undefined,
  at: { readonly done: number; readonly span: number; readonly total: number; label: string },
): Progress | undefined {
  if (!onProgress) return undefined;
  return (p) =>
    onProgress({
      done: at.done + (p.total > 0 ? (at.span * p.done) / p.total : 0),
      total: at.total,
      label: `${at.label}: ${p.label}`,
    });
}

/**
 * Checks an experiment's method list: at least one method (unless `allowEmpty`) and none listed
 * twice; a RangeError names the experiment.
 *
 * @example
 * ```ts
 * checkMethods([biases(), biases()], "Table 1"); // RangeError: Cannot run Table 1: method 'biases' is listed twice
 * ```
 */
export function checkMethods(
  methods: readonly Method[],
  experiment: string,
  options: { allowEmpty?: boolean } = {},
): void {
  if (methods.length === 0 && !options.allowEmpty) {
    throw new RangeError(`Cannot run ${experiment}: no method given`);
  }
  const ids = methods.map((m) => m.id);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice) throw new RangeError(`Cannot run ${experiment}: method '${twice}' is listed twice`);
}

/** Checks a seed count: a positive integer, or a RangeError naming the experiment. */
export function checkSeeds(seeds: number, experiment: string): void {
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw new RangeError(
      `Cannot run ${experiment}: seeds is ${seeds} (expected a positive integer)`,
    );
  }
}

/**
 * Why `method` cannot predict an entity of `axis` with `known` revealed scores, or null when it
 * can: a cold entity (k = 0) needs a cold-start path and, for a factor method, the axis's factors.
 *
 * @example
 * ```ts
 * coldStartReason(methodById("mf"), 0, "model", data); // "cannot predict a cold model: ..."
 * ```
 */
export function coldStartReason(
  method: Method,
  known: number,
  axis: GeneralizationAxis,
  factors: { modelFactors?: FactorTable; taskFactors?: FactorTable },
): string | null {
  if (known > 0) return null;
  const entity = axis === "model" ? "model" : "task";
  if (!method.coldStart) {
    return `cannot predict a cold ${entity}: ${method.label} (${method.id}) has no cold-start ` +
      `path (coldStart is false) and k = 0 reveals none of the ${entity}'s scores`;
  }
  const table = axis === "model" ? factors.modelFactors : factors.taskFactors;
  if (method.usesFactors && (table?.factors.length ?? 0) === 0) {
    return `cannot predict a cold ${entity}: ${method.label} (${method.id}) predicts cold ` +
      `${entity}s from ${entity} factors and the dataset has none`;
  }
  return null;
}
