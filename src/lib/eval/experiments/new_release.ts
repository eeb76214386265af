/**
 * New releases (BenchPress's temporal deployment test): every model released after a cutoff is
 * predicted from `known` of its scores by methods trained only on the models released before
 * it (splits/new_release.ts), scored like every held-out fold (experiments/holdout.ts, without
 * intervals: their calibration would have to be a release-order one too).
 *
 * Aggregates: the point metrics pooled over every scored cell of every target and seed (`rows`),
 * each target's own (`groups`), and per method the median over targets of the per-target MedAE
 * (`targetMedae`), the figure BenchPress's table reports (its median is over landmark families).
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { BackendChoice, Method } from "../../models/types.ts";
import { checkSeeds, type Progress } from "../experiment.ts";
import { medianOf } from "../metrics/points.ts";
import { newReleaseFolds, type NewReleasePlan } from "../splits/new_release.ts";
import { type HoldoutResult, type HoldoutRow, runHoldout } from "./holdout.ts";

/** Options of {@linkcode runNewRelease}. */
export interface NewReleaseRunOptions {
  /** Scores of each new release revealed to training. Default 5. */
  readonly known?: number;
  /** Seeds 0..seeds-1. Default 5. */
  readonly seeds?: number;
  /** The numeric model factor that orders releases. Default `release date`. */
  readonly factor?: string;
  /** Targets are released after this value. Default: the last third of the models. */
  readonly cutoff?: number;
  readonly methods?: readonly Method[];
  readonly predictions?: boolean;
  readonly backend?: BackendChoice;
  readonly onProgress?: Progress;
}

/** A method's pooled metrics and the median over targets of each target's MedAE. */
export interface NewReleaseRow extends HoldoutRow {
  readonly targetMedae: number;
}

/** What {@linkcode runNewRelease} returns. */
export interface NewReleaseResult
  extends Omit<HoldoutResult, "rows">, Omit<NewReleasePlan, "folds"> {
  readonly known: number;
  readonly seeds: number;
  readonly rows: readonly NewReleaseRow[];
}

/**
 * Runs the new-release split.
 *
 * @example
 * ```ts
 * const r = await runNewRelease(await loadDataset("frontier"), { known: 5, methods: [methodById("bias-als")] });
 * [r.rows[0].medae, r.rows[0].targetMedae]; // points
 * ```
 */
export async function runNewRelease(
  data: Dataset,
  options: NewReleaseRunOptions = {},
): Promise<NewReleaseResult> {
  const known = options.known ?? 5;
  const seeds = options.seeds ?? 5;
  checkSeeds(seeds, "new-release");
  const { folds, ...plan } = newReleaseFolds(data, {
    known,
    seeds,
    factor: options.factor,
    cutoff: options.cutoff,
  });
  const result = await runHoldout(data, folds, {
    methods: options.methods,
    intervals: false,
    predictions: options.predictions,
    backend: options.backend,
    onProgress: options.onProgress,
  });
  const rows = result.rows.map((row) => ({
    ...row,
    targetMedae: medianOf(
      Float64Array.from(
        result.groups.filter((g) => g.method === row.method).map((g) => g.medae),
      ),
    ),
  }));
  return { ...result, ...plan, known, seeds, rows };
}
