/**
 * The first leaderboard: a dataset's matrix filled by the method with the lowest held-out error,
 * every cell marked observed or predicted.
 */
import type { Dataset } from "../data/load_dataset.ts";
import { fillMatrix } from "../eval/fill_matrix.ts";
import { runTable1 } from "../eval/table1.ts";
import type { BackendChoice, Method } from "../models/types.ts";

export interface LeaderboardReport {
  readonly dataset: string;
  readonly title: string;
  readonly notice: string | null;
  /** How the method was chosen: held-out MSE per candidate on the task scale. */
  readonly selection: readonly { method: string; mse: number; seeds: number }[];
  readonly method: string;
  readonly backend: string;
  readonly models: readonly string[];
  readonly tasks: readonly string[];
  /** Every cell; `score` is the observed value, or the prediction where `observed` is false. */
  readonly cells: readonly {
    model: string;
    task: string;
    score: number;
    observed: boolean;
    /** Per task 0-1, higher is better, from the filled column's min and max. */
    normalized: number;
  }[];
}

/**
 * Picks the candidate with the lowest mean held-out MSE (task scale, `seeds` random splits), then
 * fills the matrix with it, trained on every observed cell.
 *
 * @example
 * ```ts
 * const board = await leaderboardReport(data, methodsFromList("mf,ncf,biases"));
 * ```
 */
export async function leaderboardReport(
  data: Dataset,
  candidates: readonly Method[],
  options: {
    seeds?: number;
    backend?: BackendChoice;
    onProgress?: (p: { done: number; total: number; label: string }) => void;
  } = {},
): Promise<LeaderboardReport> {
  const seeds = options.seeds ?? 5;
  const table = await runTable1(data, {
    methods: candidates,
    seeds,
    scale: "task",
    backend: options.backend,
    onProgress: options.onProgress,
  });
  const selection = table.methods.map((m) => ({ method: m.method, mse: m.mse.mean, seeds }));
  const best = selection.reduce((a, b) => (b.mse < a.mse ? b : a));
  const method = candidates.find((m) => m.id === best.method)!;
  const filled = await fillMatrix(data, method, { scale: "task", backend: options.backend });
  const { dense, lowerIsBetter } = data.scores;
  // Colour by position within each task's filled column, higher is better.
  const lo = new Array<number>(dense.nTasks).fill(Infinity);
  const hi = new Array<number>(dense.nTasks).fill(-Infinity);
  const scoreOf = (c: (typeof filled.cells)[number]) => c.observed ?? c.predicted;
  filled.cells.forEach((c, k) => {
    const j = k % dense.nTasks;
    lo[j] = Math.min(lo[j], scoreOf(c));
    hi[j] = Math.max(hi[j], scoreOf(c));
  });
  return {
    dataset: data.id,
    title: data.title,
    notice: data.notice,
    selection,
    method: method.id,
    backend: filled.backend,
    models: dense.models,
    tasks: dense.tasks,
    cells: filled.cells.map((c, k) => {
      const j = k % dense.nTasks;
      const score = scoreOf(c);
      const t = hi[j] > lo[j] ? (score - lo[j]) / (hi[j] - lo[j]) : 0.5;
      return {
        model: c.model,
        task: c.task,
        score: Number(score.toPrecision(6)),
        observed: c.observed !== null,
        normalized: Number((lowerIsBetter[j] ? 1 - t : t).toFixed(4)),
      };
    }),
  };
}
