/**
 * The one JSON shape of `cpp evaluate --json`, whatever the split:
 *
 * ```
 * { dataset, split, settings: {...}, units, rows: [{ method, backend, status, ...metrics }], details: {...} }
 * ```
 *
 * - `split`: random, new-model, new-task, new-model-curve, new-task-curve, emergent, per-model,
 *   holdout-file or new-release; `settings`: what ran (seeds, folds, scale, ...).
 * - `rows`: one per method (emergent: per approach, the scaling laws included; a curve: per K
 *   and method), in the order given. `backend` is null where nothing was trained, `status` is
 *   "ok" or why the method did not run (with `reason`). The metrics of every split include
 *   BenchPress's point metrics `medae`, `medape`, `within3`, `within5` (metrics/points.ts) where
 *   the split scores cells, and `coverage` / `intervalWidth` where intervals were measured (null
 *   otherwise); each split keeps its own metrics beside them (Table 1's mean ± std over seeds,
 *   CPP-k's mean over targets, the emergent MAE).
 * - `units`: what the errors are measured in ({@linkcode UNITS}).
 * - `details`: the split's other outputs (targets and skipped ones, per-target or per-group
 *   rows, the peer's published numbers, ...).
 *
 * @module
 */
import type { EmergentResult } from "./experiments/emergent.ts";
import type { GeneralizationCurve, GeneralizationResult } from "./experiments/generalization.ts";
import type { HoldoutResult } from "./experiments/holdout.ts";
import type { NewReleaseResult } from "./experiments/new_release.ts";
import type { Table1Result } from "./experiments/table1.ts";
import type { IntervalJson } from "./intervals/intervals.ts";
import type { PointMetrics } from "./metrics/points.ts";

/** What the errors of `cpp evaluate` are measured in. */
export const UNITS = "points: percentage points on bounded tasks (a fraction task's scores x " +
  "100), the task's own units on unbounded tasks (Elo, ratings, dollars); mse and l1 on the " +
  "normalized scale; medape in percent of the gold score; coverage, within3, within5 and the " +
  "rank metrics as shares 0-1";

/** One method's row: who, how it ran, and its metrics. */
export interface EvaluationRow {
  readonly method: string;
  readonly backend: string | null;
  readonly status: string;
  readonly reason?: string;
  readonly [metric: string]: unknown;
}

/** The JSON of every split (see the module documentation). */
export interface EvaluationJson {
  readonly dataset: string;
  readonly split: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly units: string;
  readonly rows: readonly EvaluationRow[];
  readonly details: Readonly<Record<string, unknown>>;
}

/** The interval fields of a row: measured coverage and median width, or null. */
function intervalFields(interval: IntervalJson | undefined | null) {
  return {
    coverage: interval?.coverage ?? null,
    intervalWidth: interval?.intervalWidth ?? null,
  };
}

/** BenchPress's point metrics of a row, without the cell count (rows keep their own). */
function pointFields(points: PointMetrics | undefined) {
  return {
    medae: points?.medae ?? null,
    medape: points?.medape ?? null,
    within3: points?.within3 ?? null,
    within5: points?.within5 ?? null,
  };
}

/**
 * The JSON of the `random` split (Table 1) with each method's measured intervals.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(randomSplitJson(await runTable1(data, { methods }))));
 * ```
 */
export function randomSplitJson(
  result: Table1Result,
  intervals: ReadonlyMap<string, IntervalJson> = new Map(),
): EvaluationJson {
  return {
    dataset: result.dataset,
    split: "random",
    settings: {
      scale: result.scale,
      scaleFrom: result.scaleFrom,
      holdout: result.holdout,
      seeds: result.seeds,
      nObserved: result.nObserved,
      nTest: result.nTest,
    },
    units: UNITS,
    rows: result.methods.map((r) => ({
      method: r.method,
      backend: r.backend,
      status: "ok",
      mse: r.mse,
      l1: r.l1,
      rankAccuracy: r.rankAccuracy,
      mae2: r.mae2,
      pairwiseOrder: r.pairwiseOrder,
      maePoints: r.maePoints,
      ...pointFields(r.points),
      ...intervalFields(intervals.get(r.method)),
      fitSeconds: r.fitSeconds,
    })),
    details: {},
  };
}

/** The JSON of a `new-model` or `new-task` split, with each method's measured intervals. */
export function generalizationJson(
  result: GeneralizationResult,
  intervals: ReadonlyMap<string, IntervalJson> = new Map(),
): EvaluationJson {
  const {
    rows,
    points,
    dataset,
    split,
    targets,
    skipped,
    scoreOn,
    paper,
    predictions: _,
    ...rest
  } = result;
  return {
    dataset,
    split,
    settings: rest,
    units: UNITS,
    rows: rows.map(({ label: __, method, backend, status, reason, ...metrics }) => ({
      method,
      backend,
      status,
      ...(reason !== undefined ? { reason } : {}),
      ...metrics,
      ...pointFields(points.find((p) => p.method === method)),
      ...intervalFields(intervals.get(method)),
    })),
    details: { targets, skipped, scoreOn, paper },
  };
}

/** The JSON of a generalization curve (K = 0..5 on the same targets): one row per K and method. */
export function curveJson(curve: GeneralizationCurve): EvaluationJson {
  const first = curve.results[0];
  return {
    dataset: curve.dataset,
    split: `${first.split}-curve`,
    settings: {
      ks: curve.ks,
      sameTargets: curve.sameTargets,
      seeds: first.seeds,
      scale: first.scale,
      scaleFrom: first.scaleFrom,
    },
    units: UNITS,
    rows: curve.results.flatMap((result) =>
      result.rows.map((
        { label: _, perSeed: __, perTarget: ___, method, backend, status, reason, ...metrics },
      ) => ({
        method,
        backend,
        status,
        ...(reason !== undefined ? { reason } : {}),
        ...metrics,
        ...pointFields(result.points.find((p) => p.method === method)),
      }))
    ),
    details: { targets: curve.targets, skipped: curve.skipped },
  };
}

/** The JSON of the `emergent` split: one row per approach, its MAE on every target pooled. */
export function emergentJson(result: EmergentResult): EvaluationJson {
  const { dataset, approaches, methods, threshold, thresholdUnit, seeds, scale, compute, ...rest } =
    result;
  const pooled = (approach: string, scope: "common" | "own") =>
    result.mae.find((m) => m.task === null && m.approach === approach && m.scope === scope)!;
  return {
    dataset,
    split: "emergent",
    settings: { threshold, thresholdUnit, seeds, scale, compute },
    units: UNITS,
    rows: approaches.map((approach) => {
      const method = methods.find((m) => m.method === approach);
      return {
        method: approach,
        backend: method?.backend ?? null,
        status: "ok",
        kind: method ? "collaborative" : "scaling law",
        maePoints: pooled(approach, "common").mae,
        n: pooled(approach, "common").n,
        maePointsOwn: pooled(approach, "own").mae,
        nOwn: pooled(approach, "own").n,
        fitSeconds: method?.fitSeconds ?? null,
      };
    }),
    details: rest,
  };
}

/**
 * The JSON of held-out folds: `per-model`, `holdout-file` (its `settings` say which) or
 * `new-release` ({@linkcode NewReleaseResult}, with its targets).
 */
export function holdoutJson(
  split: "per-model" | "holdout-file" | "held-tasks" | "new-release",
  settings: Readonly<Record<string, unknown>>,
  result: HoldoutResult | NewReleaseResult,
  reference?: unknown,
): EvaluationJson {
  const { rows, dataset, predictions: _, ...rest } = result;
  return {
    dataset,
    split,
    settings,
    units: UNITS,
    rows: rows.map(({ label: __, method, backend, ...metrics }) => ({
      method,
      backend,
      status: "ok",
      ...metrics,
    })),
    details: reference === undefined ? rest : { ...rest, benchpress: reference },
  };
}
