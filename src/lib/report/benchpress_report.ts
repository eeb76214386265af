/**
 * The "BenchPress protocol" page: the project's methods on BenchPress's own protocol, beside the
 * numbers BenchPress publishes (labeled as theirs). Three experiments, each the one the CLI runs
 * (the probe set is the predict page's "measure these first" too, so it has a report of its own):
 *
 * - held-out folds: BenchPress's 30 folds when its folds file can be had (mirror, cache or the
 *   pinned download), else the same protocol dealt here (`perModelFolds`, 3 folds x 10 seeds);
 *   `cpp evaluate frontier --holdout-file FILE` or `--split per-model`;
 * - new releases predicted from K of their scores by models trained on earlier releases
 *   (`cpp evaluate frontier --split new-release --known K`);
 * - a probe set chosen on some models and judged on the others (`cpp probes frontier`;
 *   {@linkcode probeSetReport}).
 *
 * @module
 */
import type { Dataset } from "../data/load_dataset.ts";
import { DataUnavailableError } from "../data/resolve.ts";
import type { HeldOutFold, Progress } from "../eval/experiment.ts";
import { runHoldout } from "../eval/experiments/holdout.ts";
import { runNewRelease } from "../eval/experiments/new_release.ts";
import { selectProbes } from "../eval/experiments/probes.ts";
import { readBenchpressFolds } from "../eval/splits/holdout_file.ts";
import { perModelFolds } from "../eval/splits/per_model.ts";
import type { BackendChoice, Method } from "../models/types.ts";
import {
  BENCHPRESS_HOLDOUT,
  BENCHPRESS_NEW_RELEASE,
  BENCHPRESS_PROBES,
} from "./benchpress_reference.ts";

/** Where the held-out folds came from. */
export interface BenchpressFolds {
  /** "benchpress": the peer's own folds file; "per-model": its protocol, dealt here. */
  readonly source: "benchpress" | "per-model";
  readonly folds: readonly HeldOutFold[];
  /** Why the peer's file was not used; null when it was. */
  readonly note: string | null;
}

/**
 * BenchPress's 30 folds of `data` (which must be the frontier matrix, in data.json's order) when
 * the folds file can be had and verified; else 3 per-model folds x 10 seeds dealt here.
 */
export async function benchpressFolds(data: Dataset): Promise<BenchpressFolds> {
  try {
    return { source: "benchpress", folds: await readBenchpressFolds(data), note: null };
  } catch (error) {
    if (!(error instanceof DataUnavailableError)) throw error;
    const { observed, nTasks } = data.scores.dense;
    return {
      source: "per-model",
      folds: perModelFolds(observed, nTasks, { folds: 3, seeds: 10 }),
      note: `BenchPress's folds file could not be had (${error.reason}): the same protocol ` +
        `(3 folds of each model's scores, 10 seeds) was dealt here instead`,
    };
  }
}

/** True for BenchPress's whole matrix (not a subset of it): its published figures apply. */
function isBenchpressMatrix(data: Dataset): boolean {
  const { nModels, nTasks } = data.scores.dense;
  return data.id === "frontier" && nModels === 84 && nTasks === 133;
}

/** Options of {@linkcode benchpressReport}. */
export interface BenchpressReportOptions {
  /** Methods of the held-out folds and the new releases. */
  readonly methods: readonly Method[];
  /** Known scores of a new release. Default 1, 5, 10 (BenchPress's). */
  readonly known?: readonly number[];
  /** Seeds of the new releases. Default 5. */
  readonly releaseSeeds?: number;
  readonly backend?: BackendChoice;
  readonly onProgress?: Progress;
}

/** One method's pooled point metrics on the held-out folds. */
export interface BenchpressHoldoutRow {
  readonly method: string;
  readonly label: string;
  readonly backend: string;
  readonly medae: number;
  readonly medape: number;
  readonly within3: number;
  readonly within5: number;
  readonly coverage: number | null;
  readonly intervalWidth: number | null;
  readonly fitSeconds: number;
}

/** One method at one K of the new releases. */
export interface BenchpressReleaseRow {
  readonly method: string;
  readonly known: number;
  /** Pooled over every hidden cell of every target and seed. */
  readonly medae: number;
  /** The median over targets of each target's MedAE. */
  readonly targetMedae: number;
  readonly cells: number;
}

/** What the page's loader emits. */
export interface BenchpressReport {
  readonly dataset: string;
  readonly title: string;
  /** Where the scores were read: mirror, cache, download or the embedded copy. */
  readonly origin: string;
  readonly folds: {
    readonly source: BenchpressFolds["source"];
    readonly note: string | null;
    readonly count: number;
    readonly cells: number;
    readonly level: number | null;
    readonly intervalFolds: number | null;
    readonly rows: readonly BenchpressHoldoutRow[];
  };
  readonly newRelease: {
    readonly seeds: number;
    readonly cutoff: number;
    readonly targets: readonly string[];
    readonly rows: readonly BenchpressReleaseRow[];
  };
  /** BenchPress's published numbers, always shown as theirs. */
  readonly peer: {
    readonly holdout: typeof BENCHPRESS_HOLDOUT;
    readonly newRelease: typeof BENCHPRESS_NEW_RELEASE;
  };
  /** The CLI lines that print each experiment's numbers. */
  readonly commands: {
    readonly folds: string;
    /** One per K. */
    readonly newRelease: readonly string[];
  };
}

/** Options of {@linkcode probeSetReport}. */
export interface ProbeSetReportOptions {
  /** Benchmarks in the set. Default 5. */
  readonly size?: number;
  /** The method that predicts from the probes. Default `bias-als`. */
  readonly method?: Method;
  readonly backend?: BackendChoice;
  readonly onProgress?: Progress;
}

/** A probe set: "measure these first", and how well they predict a held-out model's other scores. */
export interface ProbeSetReport {
  readonly dataset: string;
  readonly title: string;
  readonly method: string;
  readonly probes: readonly string[];
  readonly selectionModels: number;
  readonly heldOutModels: number;
  readonly steps: readonly {
    readonly step: number;
    readonly task: string;
    readonly selectionMedae: number;
    /** On the held-out models' other cells, points. */
    readonly medae: number;
    readonly within5: number;
    readonly cells: number;
  }[];
  /** BenchPress's published probe figures, on its frontier matrix only; else null. */
  readonly peer: typeof BENCHPRESS_PROBES | null;
  readonly command: string;
}

/**
 * Runs the held-out folds and the new releases of the page on `data`.
 *
 * @example
 * ```ts
 * const data = await loadDataset("frontier");
 * const report = await benchpressReport(data, await benchpressFolds(data), {
 *   methods: [methodById("bias-als")],
 *   probeMethod: methodById("bias-als"),
 * });
 * report.folds.rows[0].medae; // points
 * ```
 */
export async function benchpressReport(
  data: Dataset,
  folds: BenchpressFolds,
  options: BenchpressReportOptions,
): Promise<BenchpressReport> {
  const known = options.known ?? [1, 5, 10];
  const releaseSeeds = options.releaseSeeds ?? 5;
  const stages = 1 + known.length;
  let stage = 0;
  const progress = (what: string): Progress | undefined => {
    const report = options.onProgress;
    if (!report) return undefined;
    const at = stage++;
    return (p) =>
      report({
        done: at * 1000 + (p.total > 0 ? Math.round((1000 * p.done) / p.total) : 0),
        total: stages * 1000,
        label: `${what}: ${p.label}`,
      });
  };
  const holdout = await runHoldout(data, folds.folds, {
    methods: options.methods,
    backend: options.backend,
    onProgress: progress("held-out folds"),
  });
  const releaseRows: BenchpressReleaseRow[] = [];
  let release: { cutoff: number; targets: readonly string[] } | null = null;
  for (const k of known) {
    const r = await runNewRelease(data, {
      known: k,
      seeds: releaseSeeds,
      methods: options.methods,
      backend: options.backend,
      onProgress: progress(`new releases, K = ${k}`),
    });
    release ??= { cutoff: r.cutoff, targets: r.targets.map((t) => t.model) };
    for (const row of r.rows) {
      releaseRows.push({
        method: row.method,
        known: k,
        medae: row.medae,
        targetMedae: row.targetMedae,
        cells: row.n,
      });
    }
  }
  const holdoutCommand = folds.source === "benchpress"
    ? `deno task cpp evaluate ${data.id} --holdout-file benchpress`
    : `deno task cpp evaluate ${data.id} --split per-model --folds 3 --seeds 10`;
  const methodList = options.methods.map((m) => m.id).join(",");
  return {
    dataset: data.id,
    title: data.title,
    origin: data.provenance.origin,
    folds: {
      source: folds.source,
      note: folds.note,
      count: holdout.folds,
      cells: holdout.cells,
      level: holdout.level,
      intervalFolds: holdout.intervalFolds,
      rows: holdout.rows.map((r) => ({
        method: r.method,
        label: r.label,
        backend: r.backend,
        medae: r.medae,
        medape: r.medape,
        within3: r.within3,
        within5: r.within5,
        coverage: r.coverage,
        intervalWidth: r.intervalWidth,
        fitSeconds: r.fitSeconds,
      })),
    },
    newRelease: {
      seeds: releaseSeeds,
      cutoff: release!.cutoff,
      targets: release!.targets,
      rows: releaseRows,
    },
    peer: { holdout: BENCHPRESS_HOLDOUT, newRelease: BENCHPRESS_NEW_RELEASE },
    commands: {
      folds: `${holdoutCommand} --method ${methodList}`,
      newRelease: known.map((k) =>
        `deno task cpp evaluate ${data.id} --split new-release --known ${k} --seeds ${releaseSeeds} --method ${methodList}`
      ),
    },
  };
}

/**
 * The probe set of `data` (`selectProbes`: chosen on some models, judged on the others), as the
 * predict page and the BenchPress page show it.
 *
 * @example
 * ```ts
 * const report = await probeSetReport(await loadDataset("frontier"));
 * report.probes; // "measure these first"
 * ```
 */
export async function probeSetReport(
  data: Dataset,
  options: ProbeSetReportOptions = {},
): Promise<ProbeSetReport> {
  const size = options.size ?? 5;
  const result = await selectProbes(data, {
    size,
    method: options.method,
    backend: options.backend,
    onProgress: options.onProgress,
  });
  return {
    dataset: data.id,
    title: data.title,
    method: result.method,
    probes: result.probes,
    selectionModels: result.selectionModels.length,
    heldOutModels: result.heldOutModels.length,
    steps: result.steps.map((s) => ({
      step: s.step,
      task: s.task,
      selectionMedae: s.selectionMedae,
      medae: s.heldOut.medae,
      within5: s.heldOut.within5,
      cells: s.heldOut.n,
    })),
    peer: isBenchpressMatrix(data) ? BENCHPRESS_PROBES : null,
    command: `deno task cpp probes ${data.id} --size ${size} --method ${result.method}`,
  };
}
