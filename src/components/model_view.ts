/**
 * One model of the leaderboard: the chart of its scores (observed, or predicted with the
 * interval), from the rows `modelScoreRows()` (src/lib/report/leaderboard_view.ts) computes.
 *
 * @example
 * ```ts
 * document.body.append(modelScoreChart(modelScoreRows(board, "LLama-2-7B"), { width: 800 }));
 * ```
 */
import { documentOf, h } from "./_dom.js";
import { scoreDots } from "./_score_dots.js";
import type { ModelScoreRow } from "../lib/report/leaderboard_view.ts";
import type { RenderOptions } from "./_options.ts";

/** The axis label of each way of drawing the scores. */
export const SCORE_AXIS_LABELS = {
  score: "Score →",
  position: "Position within the task's scores (0 = its lowest, 1 = its highest) →",
} as const;

/**
 * Every task's score: observed as a filled square, predicted as a ring with its interval; on the
 * scores' own axis, or (`axis: "position"`, tasks on different scales) at each score's position
 * within its task's scores, the score itself in the hover text.
 */
export function modelScoreChart(
  rows: readonly ModelScoreRow[],
  options: RenderOptions & { width?: number; axis?: "score" | "position" } = {},
): HTMLElement {
  const doc = documentOf(options, "modelScoreChart");
  const axis = options.axis ?? "score";
  const relative = axis === "position";
  const plot = scoreDots(
    doc,
    rows.map((r) => ({
      task: r.task,
      known: r.status === "observed",
      x: relative ? r.position : r.score,
      lower: relative ? r.lowerPosition : r.lower,
      upper: relative ? r.upperPosition : r.upper,
      title: r.status === "observed"
        ? `${r.task}: ${r.score} (observed)`
        : `${r.task}: ${r.score} predicted, interval [${r.lower}, ${r.upper}]`,
    })),
    {
      domain: rows.map((r) => r.task),
      width: options.width,
      legend: true,
      label: SCORE_AXIS_LABELS[axis],
    },
  );
  return h(
    doc,
    "figure",
    { class: "cpp-chart cpp-model-chart", "data-tasks": rows.length, "data-axis": axis },
    plot,
  );
}
