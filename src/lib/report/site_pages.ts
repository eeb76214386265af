/**
 * The data of each page of the report site, exactly as its loader (`src/data/*.json.ts`) writes
 * it: the report function of the page, run with the settings the site uses, plus what the page
 * says about the dataset (title, stand-in notice, methods that could not run). Loaders only load
 * the dataset, call one of these and write the result; the contract test
 * (tests/report/site_contract_test.ts) runs them on a small dataset and checks the page fixtures
 * against the JSON they give.
 */
import type { Dataset } from "../data/load_dataset.ts";
import { applicableMethods, methodById, methodsFromList } from "../methods.ts";
import { runShapley, type ShapleyResult } from "../eval/shapley.ts";
import { calibrateFoldIn, type Predictor, trainPredictor } from "../eval/fold_in.ts";
import type { BackendChoice } from "../models/types.ts";
import {
  emergentReport,
  type GeneralizationReport,
  generalizationReport,
  type PerformanceLawReport,
  performanceLawReport,
} from "./analyses_report.ts";
import type { EmergentResult } from "../eval/emergent.ts";
import { helmPilot, type HelmPilotReport } from "./helm_pilot.ts";
import { type LeaderboardReport, leaderboardReport } from "./leaderboard.ts";
import { type MethodsReport, methodsReport } from "./methods_report.ts";

type Progress = (p: { done: number; total: number; label: string }) => void;

/** What every page function takes beside its own settings. */
export interface PageOptions {
  readonly backend?: BackendChoice;
  readonly onProgress?: Progress;
}

/** The options of a page that compares methods. */
export interface MethodsPageOptions extends PageOptions {
  /** The candidate methods, comma-separated (default: the page's own list). */
  readonly methods?: string;
  /** Seeds (random splits, or repetitions) per method. */
  readonly seeds?: number;
}

/** A method that could not run on the dataset at all (no design factors), with the reason. */
export interface SkippedMethod {
  readonly method: string;
  readonly reason: string;
}

/** What the analysis pages say beside the analysis: the dataset's title and stand-in notice. */
export interface DatasetFacts {
  readonly title: string;
  /** Set when the embedded sample stands in for the dataset asked for. */
  readonly notice: string | null;
}

/** What an analysis page gets when the data shown cannot support the analysis. */
export interface Unavailable {
  /** Why, ending with "(the full dataset was not available)". */
  readonly unavailable: string;
}

/**
 * Runs an analysis; when the dataset is a stand-in that cannot support it (the embedded sample:
 * no design factors, none of the target tasks), returns why instead of failing the build.
 */
export async function unlessUnavailable<T>(
  data: Dataset,
  run: () => Promise<T>,
): Promise<T | Unavailable> {
  try {
    return await run();
  } catch (error) {
    if (!data.notice || !(error instanceof RangeError)) throw error;
    return { unavailable: `${error.message} (the full dataset was not available)` };
  }
}

/** Whether an analysis page's data says the analysis could not run. */
export function isUnavailable(page: object): page is Unavailable {
  return "unavailable" in page;
}

/** `src/data/methods.json`: Table 1 on both scales, every method that can run. */
export type MethodsPage = MethodsReport & DatasetFacts & { readonly skipped: SkippedMethod[] };

/**
 * The methods page: Table 1 with every method (20 seeds by default).
 *
 * @example
 * ```ts
 * const page = await methodsPage(await loadDataset("cpp-crowdsource"), { seeds: 2 });
 * ```
 */
export async function methodsPage(
  data: Dataset,
  options: MethodsPageOptions = {},
): Promise<MethodsPage> {
  const { methods, skipped } = applicableMethods(data, methodsFromList(options.methods ?? "all"));
  const report = await methodsReport(data, methods, {
    seeds: options.seeds ?? 20,
    backend: options.backend,
    onProgress: options.onProgress,
  });
  return { ...report, title: data.title, notice: data.notice, skipped };
}

/** What the generalization, emergent and Performance Law pages add to their analysis. */
export type AnalysisPage<T> = (T | Unavailable) & DatasetFacts & {
  readonly skippedMethods: SkippedMethod[];
};

async function analysisPage<T>(
  data: Dataset,
  list: string,
  run: (methods: ReturnType<typeof applicableMethods>["methods"]) => Promise<T>,
): Promise<AnalysisPage<T>> {
  const { methods, skipped } = applicableMethods(data, methodsFromList(list));
  const report = await unlessUnavailable(data, () => run(methods));
  return { ...report, title: data.title, notice: data.notice, skippedMethods: skipped };
}

/** `src/data/generalization.json`. */
export type GeneralizationPage = AnalysisPage<GeneralizationReport>;

/**
 * New models and new tasks: the error against the number of known scores. The methods and the
 * single seed are what a 10-minute site build affords; `cpp evaluate --split new-model|new-task
 * --known K` runs any method with more seeds.
 */
export function generalizationPage(
  data: Dataset,
  options: MethodsPageOptions & { ks?: readonly number[] } = {},
): Promise<GeneralizationPage> {
  return analysisPage(
    data,
    options.methods ?? "mf,ncf-factors,factors-only,task-mean,biases",
    (methods) =>
      generalizationReport(data, methods, {
        seeds: options.seeds ?? 1,
        ks: options.ks,
        backend: options.backend,
        onProgress: options.onProgress,
      }),
  );
}

/** `src/data/emergent.json`. */
export type EmergentPage = AnalysisPage<EmergentResult>;

/** Emergent reasoning tasks of large models predicted from small ones, every method. */
export function emergentPage(
  data: Dataset,
  options: MethodsPageOptions = {},
): Promise<EmergentPage> {
  return analysisPage(data, options.methods ?? "all", (methods) =>
    emergentReport(data, methods, {
      seeds: options.seeds ?? 5,
      backend: options.backend,
      onProgress: options.onProgress,
    }));
}

/** `src/data/performance-law.json`. */
export type PerformanceLawPage = AnalysisPage<PerformanceLawReport>;

/** MMLU from architecture factors beside the collaborative methods at K = 0 and K = 2. */
export function performanceLawPage(
  data: Dataset,
  options: MethodsPageOptions = {},
): Promise<PerformanceLawPage> {
  return analysisPage(
    data,
    options.methods ?? "mf,ncf-factors,factors-only,biases",
    (methods) =>
      performanceLawReport(data, methods, {
        seeds: options.seeds ?? 3,
        backend: options.backend,
        onProgress: options.onProgress,
      }),
  );
}

/** `src/data/helm-pilot.json`. */
export type HelmPilotPage = HelmPilotReport & { readonly notice: string | null };

/**
 * The slides' pilot: MF on the HELM core scenarios (all tasks of a stand-in sample, which has
 * fewer than the 16 core scenarios).
 */
export async function helmPilotPage(
  helm: Dataset,
  options: PageOptions & { seeds?: number } = {},
): Promise<HelmPilotPage> {
  const report = await helmPilot(helm, methodById("mf"), {
    scenarios: helm.notice ? helm.scores.dense.nTasks : 16,
    seeds: options.seeds,
    backend: options.backend,
    onProgress: options.onProgress,
  });
  return { ...report, notice: helm.notice };
}

/** `src/data/leaderboard-<dataset>.json`: the report as {@linkcode leaderboardReport} gives it. */
export type LeaderboardPage = LeaderboardReport;

/**
 * A dataset's leaderboard: the candidates that can run on it, 3 splits to choose the method and
 * 3 members per fit (what three leaderboards cost in a 10-minute build).
 */
export async function leaderboardPage(
  data: Dataset,
  options: MethodsPageOptions & { intervalSeeds?: number } = {},
): Promise<LeaderboardPage> {
  const { methods } = applicableMethods(
    data,
    methodsFromList(options.methods ?? "mf,ncf,ncf-factors,factors-only,biases"),
  );
  return await leaderboardReport(data, methods, {
    seeds: options.seeds ?? 3,
    intervalSeeds: options.intervalSeeds ?? 3,
    backend: options.backend,
    onProgress: options.onProgress,
  });
}

/** `src/data/predictor.json`: what the predict page runs the inference code on. */
export type PredictorPage = (Predictor | Unavailable) & DatasetFacts;

/**
 * The predict page's model: an ncf-factors ensemble exported for the inference code, with
 * fold-in intervals calibrated for 0..5 known scores.
 */
export async function predictorPage(
  data: Dataset,
  options: PageOptions & { folds?: number; seeds?: number } = {},
): Promise<PredictorPage> {
  const method = methodById("ncf-factors");
  const predictor = await unlessUnavailable(data, async () => {
    const report = await calibrateFoldIn(data, method, {
      folds: options.folds,
      seeds: options.seeds,
      backend: options.backend,
      onProgress: options.onProgress && relabel(options.onProgress, "fold-in calibration"),
    });
    return await trainPredictor(data, method, report, {
      backend: options.backend,
      onProgress: options.onProgress && relabel(options.onProgress, "predictor"),
    });
  });
  return { ...predictor, title: data.title, notice: data.notice };
}

/** `src/data/shapley.json`. */
export interface ShapleyPage extends DatasetFacts {
  readonly dataset: string;
  readonly results: readonly ShapleyResult[];
  /** Player sets not analysed (the dataset has no such factors). */
  readonly skipped: readonly { readonly players: "model" | "task"; readonly reason: string }[];
}

/**
 * Coalitions of model factors per method: permutation sampling within this budget (about 60 s
 * each here) keeps the site build in minutes; `cpp shapley --budget N` gives the same numbers.
 */
export const SHAPLEY_MODEL_BUDGET = { "factors-only": 400, "ncf-factors": 240 } as const;

/**
 * Shapley values of the task factors (exact: 16 coalitions) and the model factors (sampled within
 * {@linkcode SHAPLEY_MODEL_BUDGET}), for factors only and NCF with factors.
 */
export async function shapleyPage(
  data: Dataset,
  options: PageOptions & {
    seeds?: number;
    /** The factor-using methods analysed (default both). */
    methods?: readonly ("factors-only" | "ncf-factors")[];
    /** Coalitions of model factors per method (default {@linkcode SHAPLEY_MODEL_BUDGET}). */
    modelBudget?: Partial<Record<string, number>>;
  } = {},
): Promise<ShapleyPage> {
  const results: ShapleyResult[] = [];
  const skipped: ShapleyPage["skipped"][number][] = [];
  for (const players of ["task", "model"] as const) {
    const table = players === "model" ? data.modelFactors : data.taskFactors;
    if (!table?.factors.length) {
      skipped.push({ players, reason: `${data.id} has no ${players} factors` });
      continue;
    }
    for (const method of options.methods ?? ["factors-only", "ncf-factors"] as const) {
      const coalitions = options.modelBudget?.[method] ?? SHAPLEY_MODEL_BUDGET[method];
      results.push(
        await runShapley(data, {
          players,
          method,
          seeds: options.seeds ?? 3,
          budget: players === "model" ? { coalitions } : undefined,
          backend: options.backend,
          onProgress: options.onProgress &&
            relabel(options.onProgress, `shapley ${players} ${method}`),
        }),
      );
    }
  }
  return { dataset: data.id, title: data.title, notice: data.notice, results, skipped };
}

/** Progress under a heading of its own (the loaders print each heading's share). */
function relabel(onProgress: Progress, what: string): Progress {
  return (p) => onProgress({ ...p, label: `${what}: ${p.label}` });
}
