/**
 * The shapes of the analyses data the generalization, emergent and Performance Law components
 * read: `src/data/generalization.json`, `emergent.json` and `performance-law.json`, emitted by
 * their loaders from `src/lib/report/analyses_report.ts` plus `title`, `notice` and
 * `skippedMethods`. Numbers the JSON writes as `null` (NaN, or a method that did not run) are typed
 * `number | null`.
 */
export type { RenderOptions } from "./overview_types.ts";

/** Whether a method ran on a (split, K); why not otherwise. */
export type RunStatus = "ok" | "cold-start unsupported" | "no target";

/** A method that could not run on the dataset at all (e.g. no design factors). */
export interface SkippedMethod {
  readonly method: string;
  readonly reason: string;
}

/** What every loader adds to the report. */
export interface LoaderExtras {
  readonly title: string;
  readonly notice: string | null;
  readonly skippedMethods: readonly SkippedMethod[];
}

/**
 * What a loader writes in place of the report when the data cannot support the analysis (offline,
 * the embedded sample standing in: no design factors, none of the target tasks).
 */
export interface UnavailableJson extends LoaderExtras {
  readonly unavailable: string;
}

/** The two generalization axes: new models (CPP-K) and new tasks (CPP-T-K). */
export type GeneralizationAxis = "model" | "task";

/** Normalized MSE and L1, mean absolute error in points. */
export interface ErrorSummaryJson {
  readonly mse: number;
  readonly l1: number;
  readonly maePoints: number;
}

/** One (axis, K, method) of the generalization curves. */
export interface GeneralizationRowJson {
  readonly axis: GeneralizationAxis;
  readonly known: number;
  readonly method: string;
  readonly label: string;
  readonly status: RunStatus;
  readonly reason?: string;
  /** Mean over targets of the per-target values; null when the method did not run. */
  readonly mse: number | null;
  readonly l1: number | null;
  readonly maePoints: number | null;
  readonly pooled: ErrorSummaryJson | null;
  readonly targets: number;
  readonly cells: number;
  readonly backend: string | null;
  readonly fitSeconds: number | null;
}

/** One (axis, K, method, target): the target's error over its scored cells of every seed. */
export interface GeneralizationTargetJson {
  readonly axis: string;
  readonly known: number;
  readonly method: string;
  readonly target: string;
  readonly cells: number;
  readonly mse: number;
  readonly l1: number;
  readonly maePoints: number;
}

/** `src/data/generalization.json`. */
export interface GeneralizationJson extends LoaderExtras {
  readonly dataset: string;
  readonly seeds: number;
  readonly ks: readonly number[];
  readonly axes: readonly {
    readonly axis: GeneralizationAxis;
    readonly targets: readonly string[];
    readonly skipped: readonly { target: string; known: number; reason: string }[];
  }[];
  readonly rows: readonly GeneralizationRowJson[];
  readonly perTarget: readonly GeneralizationTargetJson[];
  /** The paper's new-task MSE (its own cpp scale and split). */
  readonly paper: readonly { task: string; k: number; mse: number }[];
}

/** A collaborative method id or one of the two scaling laws. */
export type EmergentApproach = string;

/** One large model's prediction by one approach on one target task (points). */
export interface EmergentPredictionJson {
  readonly task: string;
  readonly model: string;
  readonly family: string | null;
  readonly paramsM: number;
  readonly actual: number;
  readonly approach: EmergentApproach;
  readonly kind: "collaborative" | "scaling law";
  readonly predicted: number;
  readonly predictedSd: number;
  readonly absError: number;
}

/** Mean absolute error (points) of one approach on one task (or all: `task` null) and scope. */
export interface EmergentMaeJson {
  readonly task: string | null;
  readonly approach: EmergentApproach;
  readonly scope: "common" | "own";
  readonly n: number;
  readonly mae: number | null;
}

/** How many of a task's large models with a score each approach predicts. */
export interface EmergentCoverageJson {
  readonly task: string;
  readonly largeWithScore: number;
  readonly approach: EmergentApproach;
  readonly predicted: number;
  readonly common: number;
}

/** One (task, family, law) scaling-law fit, or why there is none. */
export interface ScalingLawFitJson {
  readonly task: string;
  readonly family: string;
  readonly law: "log-linear" | "sigmoid";
  readonly status: "fitted" | "not fitted";
  readonly reason?: string;
  readonly small: readonly string[];
  readonly large: readonly string[];
  readonly params?: Readonly<Record<string, number>>;
  readonly sse?: number;
  readonly converged?: boolean;
}

/** A point of a fitted curve. */
export interface ScalingLawCurveJson {
  readonly task: string;
  readonly family: string;
  readonly law: "log-linear" | "sigmoid";
  readonly axis: "log10 params" | "log10 compute";
  readonly x: number;
  readonly score: number;
}

/**
 * A family member's actual score on a target task with its place on both axes of the laws
 * (optional: drawn as the small members' points when the data carries it).
 */
export interface EmergentPointJson {
  readonly task: string;
  readonly family: string;
  readonly model: string;
  readonly group: "small" | "large";
  readonly log10Params: number;
  readonly log10Compute: number | null;
  readonly actual: number;
}

/** `src/data/emergent.json`. */
export interface EmergentJson extends LoaderExtras {
  readonly dataset: string;
  readonly threshold: number;
  readonly thresholdUnit: string;
  readonly targets: readonly string[];
  readonly seeds: number;
  readonly scale: string;
  readonly small: readonly string[];
  readonly large: readonly string[];
  readonly leftOut: readonly { readonly model: string; readonly reason: string }[];
  readonly methods: readonly {
    readonly method: string;
    readonly label: string;
    readonly backend: string;
    readonly fitSeconds: number;
  }[];
  readonly approaches: readonly EmergentApproach[];
  readonly predictions: readonly EmergentPredictionJson[];
  readonly mae: readonly EmergentMaeJson[];
  readonly coverage: readonly EmergentCoverageJson[];
  readonly fits: readonly ScalingLawFitJson[];
  readonly curves: readonly ScalingLawCurveJson[];
  readonly points?: readonly EmergentPointJson[];
  readonly compute: string;
}

/** One model's leave-one-out Performance Law prediction (points). */
export interface PerformanceLawRowJson {
  readonly model: string;
  readonly actual: number;
  readonly predicted: number;
  readonly error: number;
  readonly absError: number;
  readonly lambda: number;
}

/** The Performance Law regression. */
export interface PerformanceLawJsonLaw {
  readonly dataset: string;
  readonly task: string;
  readonly features: readonly { readonly name: string; readonly factor: string }[];
  readonly lambdaRule: string;
  readonly n: number;
  readonly models: readonly PerformanceLawRowJson[];
  readonly mae: number;
  readonly rmse: number;
  readonly leftOut: readonly { readonly model: string; readonly missing: readonly string[] }[];
  readonly fit: {
    readonly lambda: number;
    readonly intercept: number;
    readonly coefficients: readonly { readonly feature: string; readonly weight: number }[];
  };
}

/** One (model, K, method) collaborative prediction of the MMLU cell. */
export interface CollaborativeMmluRowJson {
  readonly model: string;
  readonly known: number;
  readonly method: string;
  readonly status: RunStatus;
  readonly reason?: string;
  readonly actual: number;
  readonly predicted: number | null;
  readonly predictedSd: number | null;
  readonly absError: number | null;
}

/** The collaborative methods' leave-one-model-out MMLU predictions. */
export interface CollaborativeMmluJson {
  readonly dataset: string;
  readonly task: string;
  readonly ks: readonly number[];
  readonly seeds: number;
  readonly models: readonly string[];
  readonly rows: readonly CollaborativeMmluRowJson[];
  readonly mae: readonly {
    readonly known: number;
    readonly method: string;
    readonly status: RunStatus;
    readonly n: number;
    readonly mae: number | null;
  }[];
  readonly skipped: readonly { readonly model: string; readonly known: number; reason: string }[];
}

/** `src/data/performance-law.json`. */
export interface PerformanceLawJson extends LoaderExtras {
  readonly law: PerformanceLawJsonLaw;
  readonly collaborative: CollaborativeMmluJson;
}
