/**
 * The methods page's data: Table 1 on both scales for every method, per-seed rows for the spread,
 * the training curves and configurations, and the paper's values beside ours.
 */
import type { Dataset } from "../data/load_dataset.ts";
import { runTable1, type Table1Json, table1Json, type Table1Result } from "../eval/mod.ts";
import type { BackendChoice, Method } from "../models/types.ts";
import { PAPER_TABLE1 } from "./paper_reference.ts";

export interface MethodsReport {
  readonly dataset: string;
  readonly seeds: number;
  readonly holdout: number;
  /** `table1Json()` of the cpp and the task scale runs. */
  readonly tables: readonly Table1Json[];
  /** One row per (scale, method, seed, metric). */
  readonly perSeed: readonly {
    scale: string;
    method: string;
    seed: number;
    metric: string;
    value: number;
  }[];
  /** Per scale and method: backend, configuration, epochs per seed, seed 0's training curve. */
  readonly fits: readonly ({ scale: string } & Table1Result["fits"][number])[];
  readonly paper: typeof PAPER_TABLE1;
}

const PER_SEED_METRICS = [
  "mse",
  "l1",
  "rankAccuracy",
  "mae2",
  "pairwiseOrder",
  "maePoints",
] as const;

/**
 * Runs Table 1 on the `cpp` and `task` scales and gathers what the methods page shows.
 *
 * @example
 * ```ts
 * const report = await methodsReport(await loadDataset("cpp-crowdsource"), methodsFromList("all"));
 * ```
 */
export async function methodsReport(
  data: Dataset,
  methods: readonly Method[],
  options: {
    seeds?: number;
    holdout?: number;
    backend?: BackendChoice;
    onProgress?: (p: { done: number; total: number; label: string }) => void;
  } = {},
): Promise<MethodsReport> {
  const seeds = options.seeds ?? 20;
  const holdout = options.holdout ?? 0.05;
  const runs: Table1Result[] = [];
  for (const scale of ["cpp", "task"] as const) {
    runs.push(
      await runTable1(data, {
        methods,
        seeds,
        holdout,
        scale,
        backend: options.backend,
        onProgress: options.onProgress
          ? (p) => options.onProgress!({ ...p, label: `${scale} scale, ${p.label}` })
          : undefined,
      }),
    );
  }
  return {
    dataset: data.id,
    seeds,
    holdout,
    tables: runs.map(table1Json),
    perSeed: runs.flatMap((run) =>
      run.perSeed.flatMap((row) =>
        PER_SEED_METRICS.map((metric) => ({
          scale: run.scale,
          method: row.method,
          seed: row.seed,
          metric,
          value: row[metric],
        }))
      )
    ),
    fits: runs.flatMap((run) => run.fits.map((fit) => ({ scale: run.scale, ...fit }))),
    paper: PAPER_TABLE1,
  };
}
