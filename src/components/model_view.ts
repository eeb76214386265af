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
