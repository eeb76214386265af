/**
 * The data of the analyses pages beyond Table 1: generalization to new models and new tasks
 * (error against the number of known scores), emergent tasks against scaling laws, and the
 * Performance Law baseline beside the collaborative methods. Each is a function of a dataset and
 * the methods, so the CLI, a notebook and the site compute the same numbers.
 */
import type { Dataset } from "../data/load_dataset.ts";
import { generalizationCurve, type GeneralizationRow } from "../eval/mod.ts";
import { type EmergentResult, runEmergent } from "../eval/mod.ts";
import {
  collaborativeMmlu,
  type CollaborativeMmluResult,
  performanceLaw,
  type PerformanceLawResult,
} from "../eval/mod.ts";
import type { BackendChoice, Method } from "../models/types.ts";
import { PAPER_NEW_TASK } from "./paper_reference.ts";

type Progress = (p: { done: number; total: number; label: string }) => void;

export interface GeneralizationReport {
  readonly dataset: string;
  readonly seeds: number;
  readonly ks: readonly number[];
  /** Per axis: the targets every k ran on, and those left out with the reason. */
  readonly axes: readonly {
    axis: "model" | "task";
    targets: readonly string[];
    skipped: readonly { target: string; known: number; reason: string }[];
  }[];
  /** One row per (axis, k, method), without the per-seed detail. */
  readonly rows: readonly (Omit<GeneralizationRow, "perSeed" | "perTarget">)[];
  /** One row per (axis, k, method, target). */
  readonly perTarget: readonly {
    axis: string;
    known: number;
    method: string;
    target: string;
    cells: number;
    mse: number;
    l1: number;
    maePoints: number;
  }[];
  readonly paper: typeof PAPER_NEW_TASK;
}

/**
 * CPP-K and CPP-T-K for K in `ks`, every method, on the same targets at every K.
 *
 * @example
 * ```ts
 * const report = await generalizationReport(data, methodsFromList("all"), { seeds: 2 });
 * ```
 */
export async function generalizationReport(
  data: Dataset,
  methods: readonly Method[],
  options: {
    ks?: readonly number[];
    seeds?: number;
    backend?: BackendChoice;
    onProgress?: Progress;
  } = {},
): Promise<GeneralizationReport> {
  const ks = options.ks ?? [0, 1, 2, 3, 4, 5];
  const seeds = options.seeds ?? 2;
  const axes: GeneralizationReport["axes"][number][] = [];
  const rows: GeneralizationReport["rows"][number][] = [];
  const perTarget: GeneralizationReport["perTarget"][number][] = [];
  for (const axis of ["model", "task"] as const) {
    const curve = await generalizationCurve(data, {
      axis,
      ks,
      methods,
      seeds,
      backend: options.backend,
      onProgress: options.onProgress
        ? (p) => options.onProgress!({ ...p, label: `new ${axis}s: ${p.label}` })
        : undefined,
    });
    axes.push({ axis, targets: curve.targets, skipped: curve.skipped });
    for (const { perSeed: _, perTarget: targets, ...row } of curve.rows) {
      rows.push(row);
      for (const t of targets) {
        perTarget.push({
          axis,
          known: row.known,
          method: row.method,
          target: t.target,
          cells: t.cells,
          mse: t.mse,
          l1: t.l1,
          maePoints: t.maePoints,
        });
      }
    }
  }
  return { dataset: data.id, seeds, ks, axes, rows, perTarget, paper: PAPER_NEW_TASK };
}

/** Emergent tasks: the collaborative methods against per-family scaling laws. */
export async function emergentReport(
  data: Dataset,
  methods: readonly Method[],
  options: { seeds?: number; threshold?: number; backend?: BackendChoice; onProgress?: Progress } =
    {},
): Promise<EmergentResult> {
  return await runEmergent(data, {
    methods,
    seeds: options.seeds ?? 5,
    threshold: options.threshold,
    backend: options.backend,
    onProgress: options.onProgress,
  });
}

export interface PerformanceLawReport {
  readonly law: PerformanceLawResult;
  readonly collaborative: CollaborativeMmluResult;
}

/** The Performance Law regression (leave-one-out) beside collaborative CPP-0 and CPP-2 on MMLU. */
export async function performanceLawReport(
  data: Dataset,
  methods: readonly Method[],
  options: { seeds?: number; backend?: BackendChoice; onProgress?: Progress } = {},
): Promise<PerformanceLawReport> {
  const law = performanceLaw(data);
  const collaborative = await collaborativeMmlu(data, {
    methods,
    seeds: options.seeds ?? 3,
    backend: options.backend,
    models: law.models.map((m) => m.model),
    onProgress: options.onProgress,
  });
  return { law, collaborative };
}
