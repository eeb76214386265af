/**
 * What the training engine takes and gives: a problem, a batch of jobs, the options of a fit and
 * what training returns. Everything here is on the normalized scale ("higher is better", see
 * data/normalize.ts). The methods (models/) wrap a {@linkcode TrainResult} into their FitResult.
 *
 * @module
 */
import type { Normalization } from "../data/normalize.ts";
import type { FactorTable, TaskScale } from "../data/types.ts";
import type { Backend, BackendChoice } from "../kernels/backend.ts";
import type { Layout } from "../kernels/layout.ts";

/** One score matrix to learn from, shared by every job of a batch. */
export interface Problem {
  readonly nModels: number;
  readonly nTasks: number;
  /** Normalized scores, row-major n x m; NaN where missing. */
  readonly values: Float32Array;
  /** Raw design factors aligned with the matrix's models / tasks (encoded per job by the engine). */
  readonly modelFactors?: FactorTable;
  readonly taskFactors?: FactorTable;
  /**
   * Per task: its scale kind (bounded `fraction` or `percent`, or unbounded), for methods that
   * transform scores in their original units (bias-als).
   */
  readonly taskScales?: readonly TaskScale[];
  /** Names of the models and tasks, for exported models (default: the factor tables' names). */
  readonly modelNames?: readonly string[];
  readonly taskNames?: readonly string[];
}

/** One independent model to train: its training cells, its seed, its factor coalition. */
export interface Job {
  /** Cell indices `i * nTasks + j` the model may learn from (observed cells only). */
  readonly train: Uint32Array;
  readonly seed: number;
  /**
   * This job's own normalized matrix (n x m, NaN where missing), overriding `problem.values`.
   * Jobs whose normalization differs (the `cpp` scale is fitted per split) still share one batch:
   * engines MUST read a job's training targets from here when it is set.
   */
  readonly values?: Float32Array;
  /**
   * How this job's `values` were normalized (its scale, without the normalized matrix, which
   * holds held-out cells): methods that work in the scores' original units (bias-als) map the
   * training values back with it, and their predictions forward again.
   */
  readonly normalization?: Omit<Normalization, "values">;
  /** Indices into `problem.modelFactors.factors` this job may use (default: all). Shapley sets this. */
  readonly modelFactorSet?: readonly number[];
  readonly taskFactorSet?: readonly number[];
}

export interface FitOptions {
  readonly backend?: BackendChoice;
  /**
   * CPU workers to spread the jobs over (each trains a share of them in its own Deno worker; a
   * job's result does not depend on which batch or worker trains it). Default: `CPP_WORKERS`, else
   * the number of CPU cores (at most 4). Ignored on webgpu, which has one device.
   */
  readonly workers?: number;
  /** Export every job's trained model in `FitResult.models` (learned methods only). */
  readonly keepModels?: boolean;
  /**
   * Read and add to the fit cache (train/fit_cache.ts; learned methods only): false for off, a
   * folder for that one. Default: on, in `CPP_FIT_CACHE_DIR` or the cache folder's `fits/`,
   * unless `CPP_FIT_CACHE=0`. A result read from the cache has the bytes training would give.
   */
  readonly cache?: boolean | string;
  /** Progress for long runs (the CLI prints it on stderr); library code never prints. */
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** One logged row of a training curve. */
export interface CurveRow {
  epoch: number;
  train: number;
  valid: number;
}

/**
 * A job as trained, for export (models/export_model.ts): its layout, its predicting state
 * (parameters at the head, `layout.S` floats) and its packed data buffer (`layout.D` floats).
 */
export interface TrainedJob {
  readonly layout: Layout;
  readonly state: Float32Array;
  readonly data: Float32Array;
}

/**
 * Milliseconds a fit spent in each stage (a fit spread over workers: summed over them). The
 * compile time of a pipeline is its first call less the mean of its later calls (the whole first
 * call of the prediction pass, which runs once per batch).
 */
export interface FitStages {
  /** Measuring the backends for `auto` (once per process). */
  probe: number;
  /** Packing jobs into buffers: inner splits, factor encoding, initial states. */
  pack: number;
  /** Tracing and compiling the kernels into pipelines. */
  compile: number;
  /** The training epochs. */
  epochs: number;
  /** Copying states out between submits, and the prediction pass with its copy. */
  readback: number;
}

/** What training a list of jobs returns (the engine's half of a method's FitResult). */
export interface TrainResult {
  /** The backend that ran. */
  readonly backend: Backend;
  /** Per job: the full n x m matrix of predictions, normalized scale. */
  readonly predictions: readonly Float32Array[];
  /** Wall time of the whole fit, seconds. */
  readonly seconds: number;
  /** Per job: epochs run before early stopping picked the best. */
  readonly epochs: readonly number[];
  /** Per job: training curve, one row per logged epoch. */
  readonly curves: readonly (readonly CurveRow[])[];
  /** The hyperparameters used, for the report. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Per job, with `keepModels`: the trained state and data. */
  readonly trained?: readonly TrainedJob[];
  /** Where the time went. */
  readonly stages: FitStages;
  /** Jobs read from the fit cache rather than trained. */
  readonly cached?: number;
}
