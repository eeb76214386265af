/**
 * The contract between the training engine (kernels, models, train) and the evaluation
 * (splits, metrics, experiments): a problem, a batch of jobs, and what a fit returns.
 * Everything here is on the normalized scale ("higher is better", see data/normalize.ts).
 */
import type { Normalization } from "../data/normalize.ts";
import type { FactorTable, TaskScale } from "../data/types.ts";
import type { PortableModel } from "./infer.ts";
import type { TransformId } from "./transform.ts";

/** The methods of the paper and the baselines. */
export type MethodId =
  | "mf"
  | "ncf"
  | "ncf-factors"
  | "factors-only"
  | "biases"
  | "bias-als"
  | "als"
  | "auto"
  | "task-mean"
  | "global-mean";

export type Backend = "cpu" | "webasm" | "webgpu";
export type BackendChoice = Backend | "auto";

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

/** What a fit of a batch returns. */
export interface FitResult {
  readonly method: MethodId;
  /** The backend that actually ran ("ts" for closed-form baselines). */
  readonly backend: Backend | "ts";
  /** Per job: the full n x m matrix of predictions, normalized scale. */
  readonly predictions: readonly Float32Array[];
  /** Wall time of the whole batch, seconds. */
  readonly seconds: number;
  /** Per job: epochs run before early stopping picked the best (0 for closed-form methods). */
  readonly epochs: readonly number[];
  /** Per job: training curve, one row per logged epoch. */
  readonly curves: readonly (readonly { epoch: number; train: number; valid: number }[])[];
  /** The hyperparameters used, for the report. */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * Per job, with `keepModels`: the trained model exported for inference (models/infer.ts);
   * absent for closed-form methods.
   */
  readonly models?: readonly PortableModel[];
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
  /** Progress for long runs (the CLI prints it on stderr); library code never prints. */
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** A method: fits a batch of jobs on one problem. */
export interface Method {
  readonly id: MethodId;
  readonly label: string;
  /** True when the method uses design factors (needs them to predict a model with no scores). */
  readonly usesFactors: boolean;
  /** True when the method can predict an entity with no training cell (cold start). */
  readonly coldStart: boolean;
  /** The transform the method learns behind (models/transform.ts); absent: none. */
  readonly transform?: TransformId;
  fit(problem: Problem, jobs: readonly Job[], options?: FitOptions): Promise<FitResult>;
}
