/**
 * The data of each page of the report site, exactly as its loader (`src/data/*.json.ts`) writes
 * it: the report function of the page, run with the settings the site uses, plus what the page
 * says about the dataset (its title, the methods that could not run on it). Loaders only load
 * the dataset, call one of these and write the result; the contract test
 * (tests/report/site_contract_test.ts) runs them on a small dataset and checks the page fixtures
 * against the JSON they give.
 */
import type { Dataset } from "../data/load_dataset.ts";
import { applicableMethods, methodById, methodsFromList } from "../methods.ts";
import {
  calibrateFoldIn,
  type EmergentResult,
  type Predictor,
  runShapley,
  type ShapleyResult,
  trainPredictor,
} from "../eval/mod.ts";
import type { BackendChoice } from "../models/types.ts";
import {
  emergentReport,
  type GeneralizationReport,
  generalizationReport,
  type PerformanceLawReport,
  performanceLawReport,
} from "./analyses_report.ts";
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

/** What a page's loader writes instead when the dataset cannot be had in this build. */
export interface UnavailablePage {
  readonly dataset: string;
  readonly title: string;
  /** What the page says at its top: which dataset, and why it is missing. */
  readonly notice: string;
  /** Why, without local paths (fit for a published page). */
  readonly unavailable: string;
}

/** Whether a page's data says its dataset could not be had. */
export function isUnavailable(page: object): page is UnavailablePage {
  return "unavailable" in page;
}

/**
 * The page a loader writes for a dataset this build cannot have (`reason` from
 * `DataUnavailableError.reason`, or why the report does not cover it).
 */
export function unavailablePage(id: string, title: string, reason: string): UnavailablePage {
  return {
    dataset: id,
    title,
    notice: `The dataset '${id}' is not available in this build: ${reason}.`,
    unavailable: reason,
  };
}

/** `src/data/methods.json`: Table 1 on both scales, every method that can run. */
export type MethodsPage = MethodsReport & {
  readonly title: string;
  readonly skipped: SkippedMethod[];
};

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
  return { ...report, title: data.title, skipped };
}

/** What the generalization, emergent and Performance Law pages add to their analysis. */
export type AnalysisPage<T> = T & {
  readonly title: string;
  readonly skippedMethods: SkippedMethod[];
};

async function analysisPage<T>(
  data: Dataset,
  list: string,
  run: (methods: ReturnType<typeof applicableMethods>["methods"]) => Promise<T>,
): Promise<AnalysisPage<T>> {
  const { methods, skipped } = applicableMethods(data, methodsFromList(list));
  return { ...await run(methods), title: data.title, skippedMethods: skipped };
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
export type HelmPilotPage = HelmPilotReport;

/** The slides' pilot: MF on the 16 HELM core scenarios. */
export async function helmPilotPage(
  helm: Dataset,
  options: PageOptions & { seeds?: number } = {},
): Promise<HelmPilotPage> {
  return await helmPilot(helm, methodById("mf"), {
    scenarios: 16,
    seeds: options.seeds,
    backend: options.backend,
    onProgress: options.onProgress,
  });
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
export type PredictorPage = Predictor & { readonly title: string };

/**
 * The predict page's model: an ncf-factors ensemble exported for the inference code, with
 * fold-in intervals calibrated for 0..5 known scores.
 */
export async function predictorPage(
  data: Dataset,
  options: PageOptions & { folds?: number; seeds?: number } = {},
): Promise<PredictorPage> {
  const method = methodById("ncf-factors");
  const report = await calibrateFoldIn(data, method, {
    folds: options.folds,
    seeds: options.seeds,
    backend: options.backend,
    onProgress: options.onProgress && relabel(options.onProgress, "fold-in calibration"),
  });
  const predictor = await trainPredictor(data, method, report, {
    backend: options.backend,
    onProgress: options.onProgress && relabel(options.onProgress, "predictor"),
  });
  return { ...predictor, title: data.title };
}

/** `src/data/shapley.json`. */
export interface ShapleyPage {
  readonly dataset: string;
  readonly title: string;
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
  return { dataset: data.id, title: data.title, results, skipped };
}

/** Progress under a heading of its own (the loaders print each heading's share). */
function relabel(onProgress: Progress, what: string): Progress {
  return (p) => onProgress({ ...p, label: `${what}: ${p.label}` });
}
