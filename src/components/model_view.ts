/**
 * One model of the leaderboard: its scores (observed, or predicted with the interval), the chart
 * of them, and which of its predictions are least certain.
 *
 * @example
 * ```ts
 * document.body.append(modelScoreChart(board, "LLama-2-7B", { width: 800 }));
 * ```
 */
import { documentOf, h } from "./_dom.js";
import { scoreDots } from "./_score_dots.js";
import type { LeaderboardJson, RenderOptions } from "./report_types.ts";

/** A model's row of the leaderboard, one entry per task. */
export interface ModelScoreRow {
  readonly task: string;
  readonly status: "observed" | "predicted";
  readonly score: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Interval width divided by the spread of the task's filled column (0 when observed). */
  readonly relativeWidth: number;
}

/** The model's scores, in the leaderboard's task order. */
export function modelScoreRows(board: LeaderboardJson, model: string): ModelScoreRow[] {
  const spread = new Map<string, number>();
  for (const task of board.tasks) {
    const values = board.cells.filter((c) => c.task === task).map((c) => c.score);
    spread.set(task, Math.max(...values) - Math.min(...values) || 1);
  }
  return board.cells
    .filter((c) => c.model === model)
    .map((c) => {
      const lower = c.observed ? null : c.lower ?? null;
      const upper = c.observed ? null : c.upper ?? null;
      return {
        task: c.task,
        status: c.observed ? "observed" : "predicted",
        score: c.score,
        lower,
        upper,
        relativeWidth: lower === null || upper === null
          ? 0
          : Number(((upper - lower) / spread.get(c.task)!).toFixed(4)),
      };
    });
}

/** The `count` predicted scores with the widest intervals relative to their task's spread. */
export function leastCertain(rows: readonly ModelScoreRow[], count = 5): ModelScoreRow[] {
  return rows
    .filter((r) => r.status === "predicted")
    .sort((a, b) => b.relativeWidth - a.relativeWidth || a.task.localeCompare(b.task))
    .slice(0, count);
}

/** Every task's score: observed as a filled square, predicted as a ring with its interval. */
export function modelScoreChart(
  rows: readonly ModelScoreRow[],
  options: RenderOptions & { width?: number } = {},
): HTMLElement {
  const doc = documentOf(options, "modelScoreChart");
  const plot = scoreDots(
    doc,
    rows.map((r) => ({
      task: r.task,
      known: r.status === "observed",
      score: r.score,
      lower: r.lower,
      upper: r.upper,
      title: r.status === "observed"
        ? `${r.task}: ${r.score} (observed)`
        : `${r.task}: ${r.score} predicted, interval [${r.lower}, ${r.upper}]`,
    })),
    { domain: rows.map((r) => r.task), width: options.width, legend: true },
  );
  return h(doc, "figure", { class: "cpp-chart cpp-model-chart", "data-tasks": rows.length }, plot);
}
