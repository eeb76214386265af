/**
 * The shapes of the report data the methods, HELM pilot and leaderboard components read:
 * `src/data/methods.json`, `helm-pilot.json` and `leaderboard.json` (emitted by their loaders from
 * `src/lib/report/`). Numbers the JSON writes as `null` (NaN, e.g. a standard deviation over one
 * seed) are typed `number | null`.
 */
export type { RenderOptions } from "./overview_types.ts";

/** A metric's mean and sample standard deviation over the seeds. */
export interface MeanStd {
  readonly mean: number;
  readonly std: number | null;
}

/** The two scales of Table 1 (PROTOCOL.md, "Normalization"). */
export type Scale = "cpp" | "task";

/** One method's row of Table 1. */
export interface Table1Row {
  readonly method: string;
  readonly backend: string;
  readonly mse: MeanStd;
  readonly l1: MeanStd;
  readonly rankAccuracy: MeanStd;
  readonly mae2: MeanStd;
  readonly pairwiseOrder: MeanStd;
  readonly maePoints: MeanStd;
  readonly fitSeconds: MeanStd;
}

/** Table 1 on one scale. */
export interface Table1Table {
  readonly dataset: string;
  readonly scale: Scale;
  readonly scaleFrom: "train" | "observed";
  readonly split: string;
  readonly holdout: number;
  readonly seeds: number;
  readonly methods: readonly Table1Row[];
}

/** One metric of one method on one seed. */
export interface PerSeedRow {
  readonly scale: Scale;
  readonly method: string;
  readonly seed: number;
  readonly metric: string;
  readonly value: number | null;
}

/** How one method was trained on one scale (every seed in one batch). */
export interface FitInfo {
  readonly scale: Scale;
  readonly method: string;
  readonly backend: string;
  /** Hyperparameters; empty for the closed-form baselines. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Wall time of the whole batch (all seeds), seconds. */
  readonly seconds: number;
  /** Epochs trained, per seed (0 for closed-form methods). */
  readonly epochs: readonly number[];
  /** Seed 0's curve: training and inner-validation MSE per logged epoch (empty if closed-form). */
  readonly curve: readonly { epoch: number; train: number | null; valid: number | null }[];
}

/** The paper's Table 1 values for one of its four methods. */
export interface PaperRow {
  readonly method: string;
  readonly mse: MeanStd;
  readonly l1: MeanStd;
  readonly rankAccuracy: MeanStd;
  readonly mae2: MeanStd;
}

/** `src/data/methods.json`. */
export interface MethodsReportJson {
  readonly dataset: string;
  readonly title: string;
  readonly notice: string | null;
  readonly seeds: number;
  readonly holdout: number;
  /** One per scale: "cpp" and "task". */
  readonly tables: readonly Table1Table[];
  readonly perSeed: readonly PerSeedRow[];
  readonly fits: readonly FitInfo[];
  readonly paper: readonly PaperRow[];
  /** Methods that could not run on this dataset, with the reason. */
  readonly skipped: readonly { method: string; reason: string }[];
}

/** One held-out cell of the HELM pilot, in the metric's own units (0-1). */
export interface PilotError {
  readonly share: number;
  readonly seed: number;
  readonly model: string;
  readonly task: string;
  readonly gold: number;
  readonly predicted: number;
  /** predicted - gold */
  readonly error: number;
}

/** Per training share: absolute-error summary over every evaluated cell of every seed. */
export interface PilotSummary {
  readonly share: number;
  readonly cells: number;
  readonly mae: number;
  readonly medianAe: number;
  readonly within05: number;
  readonly within10: number;
}

/** `src/data/helm-pilot.json`. */
export interface HelmPilotJson {
  readonly dataset: string;
  readonly method: string;
  readonly backend: string;
  readonly notice: string | null;
  readonly shape: { models: number; tasks: number; observed: number; density: number };
  readonly tasks: readonly string[];
  readonly errors: readonly PilotError[];
  readonly summary: readonly PilotSummary[];
}

/** A cell of the filled matrix. */
export interface LeaderboardCell {
  readonly model: string;
  readonly task: string;
  /** The observed score, or the prediction where `observed` is false (original units). */
  readonly score: number;
  readonly observed: boolean;
  /** Per task 0-1, higher is better, from the filled column's min and max. */
  readonly normalized: number;
  /** The method's prediction (on an observed cell: its fit). */
  readonly predicted?: number;
  /** The interval of a predicted cell; null on observed cells. */
  readonly lower?: number | null;
  readonly upper?: number | null;
  readonly setting?: "gaps" | "new-model" | null;
}

/** A model row of the leaderboard (mirrors lib/report/leaderboard.ts). */
export interface LeaderboardModelJson {
  readonly name: string;
  readonly slug: string;
  readonly observed: number;
  readonly factors: Readonly<Record<string, number | string | null>>;
  readonly neighbors: readonly { readonly name: string; readonly similarity: number }[];
}

/** A calibration's measured coverage (mirrors lib/report/leaderboard.ts). */
export interface LeaderboardCalibrationJson {
  readonly setting: "gaps" | "new-model";
  readonly known: number | null;
  readonly level: number;
  readonly coverage: number;
  readonly medianWidth: number;
  readonly n: number;
  readonly folds: number;
  readonly seeds: number;
  readonly score: string;
}

/** `src/data/leaderboard-<dataset>.json`. */
export interface LeaderboardJson {
  readonly dataset: string;
  readonly title: string;
  readonly notice: string | null;
  /** How the method was chosen: held-out MSE (task scale) per candidate. */
  readonly selection: readonly { method: string; mse: number; seeds: number }[];
  readonly method: string;
  readonly backend: string;
  readonly models: readonly string[];
  readonly tasks: readonly string[];
  readonly cells: readonly LeaderboardCell[];
  readonly level?: number;
  readonly seeds?: number;
  readonly lowerIsBetter?: readonly boolean[];
  readonly modelInfo?: readonly LeaderboardModelJson[];
  readonly filters?: {
    readonly family: string | null;
    readonly params: string | null;
    readonly openWeights: string | null;
  };
  readonly calibrations?: readonly LeaderboardCalibrationJson[];
  readonly calibrationNotes?: readonly string[];
}
