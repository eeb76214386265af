/**
 * The seed slides' pilot: matrix factorization on the HELM core leaderboard (its 16 core
 * scenarios, the models with at least half of them), trained on 10% and on 50% of the observed
 * cells, and the distribution of its errors on the rest.
 */
import type { Dataset } from "../data/load_dataset.ts";
import { denormalizeAll, normalize } from "../data/normalize.ts";
import { subsetDataset } from "../data/subset.ts";
import { cellMask, randomSplit } from "../eval/mod.ts";
import type { BackendChoice, Method } from "../models/types.ts";

export interface HelmPilotOptions {
  /** Shares of the observed cells trained on (default 0.1 and 0.5, as in the slides). */
  readonly trainShares?: readonly number[];
  /** Seeds 0..seeds-1 per share (default 5). */
  readonly seeds?: number;
  /** The first this many metric rows are the core scenarios (default 16: MMLU through RAFT). */
  readonly scenarios?: number;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

export interface HelmPilotReport {
  readonly dataset: string;
  readonly method: string;
  readonly backend: string;
  readonly shape: { models: number; tasks: number; observed: number; density: number };
  readonly tasks: readonly string[];
  /** Every evaluated cell: error = predicted - gold, in the metric's own units (0-1). */
  readonly errors: readonly {
    share: number;
    seed: number;
    model: string;
    task: string;
    gold: number;
    predicted: number;
    error: number;
  }[];
  /** Per training share: mean and median absolute error, share of cells within 0.05 and 0.1. */
  readonly summary: readonly {
    share: number;
    cells: number;
    mae: number;
    medianAe: number;
    within05: number;
    within10: number;
  }[];
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * Runs the HELM pilot with `method` (the slides use MF with 10 latent factors).
 *
 * @example
 * ```ts
 * const pilot = await helmPilot(await loadDataset("helm-core"), methodById("mf"));
 * pilot.summary; // [{ share: 0.1, mae: … }, { share: 0.5, mae: … }]
 * ```
 */
export async function helmPilot(
  helm: Dataset,
  method: Method,
  options: HelmPilotOptions = {},
): Promise<HelmPilotReport> {
  const shares = options.trainShares ?? [0.1, 0.5];
  const seeds = options.seeds ?? 5;
  const scenarios = options.scenarios ?? 16;
  const all = helm.scores.dense;
  const core = subsetDataset(helm, {
    tasks: all.tasks.slice(0, scenarios),
    minObserved: Math.ceil(scenarios / 2),
  });
  const { dense, lowerIsBetter } = core.scores;
  const size = dense.nModels * dense.nTasks;
  const observed = dense.observed.reduce((a, b) => a + b, 0);
  const errors: HelmPilotReport["errors"][number][] = [];
  const summary: HelmPilotReport["summary"][number][] = [];
  let backend = "";
  for (const [s, share] of shares.entries()) {
    // Hold out the complement of the training share; scale each task by its training cells.
    const runs = Array.from({ length: seeds }, (_, seed) => {
      const split = randomSplit(dense.observed, { holdout: 1 - share, seed });
      const norm = normalize(dense, lowerIsBetter, {
        kind: "task",
        train: cellMask(split.train, size),
      });
      const values = norm.values.slice();
      for (const k of split.test) values[k] = NaN;
      return { seed, split, norm, values };
    });
    const fit = await method.fit(
      { nModels: dense.nModels, nTasks: dense.nTasks, values: runs[0].values.slice() },
      runs.map((r) => ({ train: r.split.train, seed: r.seed, values: r.values })),
      {
        backend: options.backend,
        onProgress: options.onProgress
          ? (p) =>
            options.onProgress!({
              done: s + (p.total ? p.done / p.total : 0),
              total: shares.length,
              label: `train on ${share * 100}%: ${p.label}`,
            })
          : undefined,
      },
    );
    backend = fit.backend;
    const absolute: number[] = [];
    for (const { seed, split, norm } of runs) {
      const predicted = denormalizeAll(norm, fit.predictions[seed]);
      for (const k of split.test) {
        const gold = Number(dense.values[k].toPrecision(7));
        const error = predicted[k] - gold;
        absolute.push(Math.abs(error));
        errors.push({
          share,
          seed,
          model: dense.models[Math.floor(k / dense.nTasks)],
          task: dense.tasks[k % dense.nTasks],
          gold,
          predicted: predicted[k],
          error,
        });
      }
    }
    absolute.sort((a, b) => a - b);
    summary.push({
      share,
      cells: absolute.length,
      mae: absolute.reduce((a, b) => a + b, 0) / absolute.length,
      medianAe: median(absolute),
      within05: absolute.filter((e) => e <= 0.05).length / absolute.length,
      within10: absolute.filter((e) => e <= 0.1).length / absolute.length,
    });
  }
  return {
    dataset: helm.id,
    method: method.id,
    backend,
    shape: {
      models: dense.nModels,
      tasks: dense.nTasks,
      observed,
      density: observed / size,
    },
    tasks: dense.tasks,
    errors,
    summary,
  };
}
