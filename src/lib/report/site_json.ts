/**
 * The contract between the library and the site: the JSON each data loader writes
 * (`src/data/*.json.ts`), as the pages and components read it. Each type is the page function's
 * result (`site_pages.ts`, `overview.ts`, `datasets_report.ts`) seen through JSON; components
 * `import type` them, so the browser never loads the library.
 *
 * @example
 * ```ts
 * import type { LeaderboardJson } from "../lib/report/site_json.ts";
 * const board: LeaderboardJson = await FileAttachment("data/leaderboard-helm-core.json").json();
 * ```
 */
import type { Json } from "./json.ts";
import type { Overview } from "./overview.ts";
import type { DatasetsReport } from "./datasets_report.ts";
import type {
  EmergentPage,
  GeneralizationPage,
  HelmPilotPage,
  LeaderboardPage,
  MethodsPage,
  PerformanceLawPage,
  PredictorPage,
  ShapleyPage,
  SkippedMethod,
  UnavailablePage,
} from "./site_pages.ts";
import type { BenchpressReport, ProbeSetReport } from "./benchpress_report.ts";
import type { SiteIndex } from "./site_config.ts";

export type { Json } from "./json.ts";

/** `src/data/overview.json`: the datasets of the overview page, with their observed cells. */
export type OverviewJson = Json<Overview>;
/** One dataset of the overview. */
export type DatasetOverview = OverviewJson["datasets"][number];
/** An observed cell of the overview's heatmap. */
export type ScoreCell = DatasetOverview["cells"][number];
/** A matrix's shape: models, tasks, observed cells and their share. */
export type MatrixShape = DatasetOverview["shape"];

/** `src/data/datasets.json`: every registry dataset, its files and where this build found them. */
export type DatasetsJson = Json<DatasetsReport>;
/** One dataset's record on the datasets page. */
export type DatasetRecordJson = DatasetsJson["datasets"][number];
/** One pinned file, as pinned and as this build found it. */
export type DatasetFileJson = DatasetsJson["files"][number];
/** Where a file was found in the build. */
export type FileOrigin = NonNullable<DatasetFileJson["origin"]>;

/** Where a dataset came from, as the overview and the datasets page both show it. */
export interface ProvenanceJson {
  /** Where the files were found; null when the build could not read them. */
  readonly origin: DatasetOverview["provenance"]["origin"] | null;
  readonly commit: string | null;
  readonly citation?: string | null;
  readonly retrieved: string | null;
  readonly files: readonly {
    readonly role: string;
    readonly name: string;
    readonly url: string | null;
    readonly sha256: string;
    /** Size read; null when the file was not read. */
    readonly bytes: number | null;
  }[];
}

/** `src/data/methods.json`. Spreads over one seed, and curves' missing points, are null. */
export type MethodsJson = Json<MethodsPage, "std" | "value" | "train" | "valid">;
/** The two scales of Table 1. */
export type Scale = MethodsJson["tables"][number]["scale"];
/** Table 1 on one scale. */
export type Table1Table = MethodsJson["tables"][number];
/** One method's row of Table 1. */
export type Table1Row = Table1Table["methods"][number];
/** A metric's mean and sample standard deviation over the seeds (null for one seed). */
export type MeanStdJson = Table1Row["mse"];
/** How one method was trained on one scale (every seed in one batch). */
export type FitInfo = MethodsJson["fits"][number];
/** The paper's Table 1 values for one of its four methods. */
export type PaperRow = MethodsJson["paper"][number];

/** `src/data/helm-pilot.json`. */
export type HelmPilotJson = Json<HelmPilotPage>;
/** One held-out cell of the HELM pilot. */
export type PilotError = HelmPilotJson["errors"][number];

/** `src/data/leaderboard-<dataset>.json`. */
export type LeaderboardJson = Json<LeaderboardPage>;
/** A cell of the filled matrix. */
export type LeaderboardCell = LeaderboardJson["cells"][number];

/** What a page's loader writes instead when its dataset cannot be had in this build. */
export type UnavailableJson = Json<UnavailablePage>;

/** `src/data/generalization.json` when the analysis ran (else {@linkcode UnavailableJson}). */
export type GeneralizationJson = Json<GeneralizationPage>;
/** One (axis, K, method) of the generalization curves. */
export type GeneralizationRowJson = GeneralizationJson["rows"][number];
/** One (axis, K, method, target): the target's error over its scored cells of every seed. */
export type GeneralizationTargetJson = GeneralizationJson["perTarget"][number];
/** The two generalization axes: new models (CPP-K) and new tasks (CPP-T-K). */
export type GeneralizationAxis = GeneralizationRowJson["axis"];

/**
 * `src/data/emergent.json` when the analysis ran (else {@linkcode UnavailableJson}). A task's
 * MAE is null where no large model was scored.
 */
export type EmergentJson = Json<EmergentPage, "mae">;
/** One MAE row of the emergent page (an approach on a task, or on all: `task` null). */
export type EmergentMaeJson = EmergentJson["mae"][number];

/** `src/data/performance-law.json` when the analysis ran (else {@linkcode UnavailableJson}). */
export type PerformanceLawJson = Json<PerformanceLawPage>;

/** `src/data/predictor.json` when the predictor could be trained. */
export type PredictorJson = Json<PredictorPage>;

/** `src/data/shapley.json`. Values from one seed or one permutation unit have null errors. */
export type ShapleyJson = Json<
  ShapleyPage,
  "shapley" | "se" | "seSeeds" | "mse" | "value" | "mseEmpty" | "mseAll"
>;
/** One analysis: one player set, one method. */
export type ShapleyResultJson = ShapleyJson["results"][number];
/** One factor's importance. */
export type ShapleyValueJson = ShapleyResultJson["values"][number];
/** Which factors are the players. */
export type ShapleyPlayers = ShapleyResultJson["players"];

/** `src/data/site.json`: the site's datasets with their shapes, for the dataset switches. */
export type SiteIndexJson = Json<SiteIndex>;

/** `src/data/benchpress.json`: BenchPress's protocol on the frontier matrix, beside its numbers. */
export type BenchpressJson = Json<
  BenchpressReport & { readonly skippedMethods: readonly SkippedMethod[] }
>;
/** One method's pooled metrics on the held-out folds. */
export type BenchpressHoldoutRowJson = BenchpressJson["folds"]["rows"][number];

/** `src/data/probes/<dataset>.json`: the probe set, "measure these first". */
export type ProbeSetJson = Json<ProbeSetReport>;
