/**
 * The contract between the methods (learned and closed-form) and the evaluation (splits,
 * metrics, experiments): a problem, a batch of jobs, and what a fit returns. Problems, jobs and
 * fit options are the training engine's (train/types.ts); backends are the kernels'.
 * Everything here is on the normalized scale ("higher is better", see data/normalize.ts).
 *
 * @module
 */
import type { Backend } from "../kernels/backend.ts";
import type { FitOptions, FitStages, Job, Problem, TrainResult } from "../train/types.ts";
import type { PortableModel } from "./infer.ts";

export type { Backend, BackendChoice } from "../kernels/backend.ts";
export type { CurveRow, FitOptions, FitStages, Job, Problem } from "../train/types.ts";

/** A transform of the stage every method can learn behind (models/transform.ts). */
export type TransformId = "none" | "zscore" | "logit";

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

/**
 * What a fit of a batch returns: the engine's TrainResult (train/types.ts) with the method, for
 * closed-form methods the backend "ts" (0 epochs, no curves), and the exported models.
 */
export interface FitResult extends Omit<TrainResult, "backend" | "trained" | "stages"> {
  readonly method: MethodId;
  /** The backend that actually ran ("ts" for closed-form baselines). */
  readonly backend: Backend | "ts";
  /**
   * Per job, with `keepModels`: the trained model exported for inference (models/infer.ts);
   * absent for closed-form methods.
   */
  readonly models?: readonly PortableModel[];
  /** Where the time went (learned methods). */
  readonly stages?: FitStages;
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
