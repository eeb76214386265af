/**
 * The leaderboard: a score matrix filled by a prediction method, models as rows and tasks as
 * columns, colour = the per-task normalized score. Observed cells are drawn solid; predicted
 * cells are lighter and carry a dot, and the legend says so. A tip gives model, task, score and
 * whether it was observed or predicted.
 *
 * @example
 * ```ts
 * document.body.append(leaderboardHeatmap(board, { width: 900, sort: "mean" }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, formatInteger, h, svg } from "./_dom.js";
import { heatmapFigure, heatmapFrame, legendSvg, legendText, rampGradient } from "./_heatmap.js";
import { formatSci, methodLabel } from "./_methods.js";
import type { LeaderboardCell, LeaderboardJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** How the rows (models) are ordered. */
export type LeaderboardSort = "mean" | "observed" | "name";

export const LEADERBOARD_SORTS: Readonly<Record<LeaderboardSort, string>> = {
  mean: "highest mean normalized score first (observed and predicted cells)",
  observed: "most observed scores first",
  name: "by name",
};

export interface LeaderboardOptions extends RenderOptions {
  /** Available width in pixels (default 640). */
  width?: number;
  /** Order of the rows (default "mean"); columns are ordered by observed scores, most first. */
  sort?: LeaderboardSort;
}

/** Fill opacity of predicted cells: lighter than the observed ones. */
export const PREDICTED_OPACITY = 0.45;
let nextId = 0;

/** Per model (or task): mean normalized score over all filled cells, and observed count. */
function stats(cells: readonly LeaderboardCell[], key: "model" | "task") {
  const out = new Map<string, { sum: number; n: number; observed: number }>();
  for (const c of cells) {
    const s = out.get(c[key]) ?? { sum: 0, n: 0, observed: 0 };
    s.sum += c.normalized;
    s.n += 1;
    if (c.observed) s.observed += 1;
    out.set(c[key], s);
  }
  return out;
}

/** Row and column order of the leaderboard for a sort option. */
export function leaderboardOrder(
  board: LeaderboardJson,
  sort: LeaderboardSort = "mean",
): { models: string[]; tasks: string[] } {
  const byModel = stats(board.cells, "model");
  const byTask = stats(board.cells, "task");
  const name = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
  const mean = (m: Map<string, { sum: number; n: number }>, k: string) => {
    const s = m.get(k);
    return s && s.n > 0 ? s.sum / s.n : -1;
  };
  const observed = (m: Map<string, { observed: number }>, k: string) => m.get(k)?.observed ?? 0;
  const models = [...board.models].sort(
    sort === "name"
      ? name
      : sort === "mean"
      ? (a, b) => mean(byModel, b) - mean(byModel, a) || name(a, b)
      : (a, b) =>
        observed(byModel, b) - observed(byModel, a) || mean(byModel, b) - mean(byModel, a) ||
        name(a, b),
  );
  const tasks = [...board.tasks].sort((a, b) =>
    observed(byTask, b) - observed(byTask, a) || name(a, b)
  );
  return { models, tasks };
}

/** Mean normalized score per model, as sorted for the "mean" order (for tables and CSV). */
export function modelMeans(
  board: LeaderboardJson,
): { model: string; mean: number; observed: number }[] {
  const byModel = stats(board.cells, "model");
  return leaderboardOrder(board, "mean").models.map((model) => {
    const s = byModel.get(model);
    return {
      model,
      mean: s && s.n > 0 ? Number((s.sum / s.n).toFixed(4)) : NaN,
      observed: s?.observed ?? 0,
    };
  });
}

export function leaderboardHeatmap(
  board: LeaderboardJson,
  options: LeaderboardOptions = {},
): HTMLElement {
  const doc = documentOf(options, "leaderboardHeatmap");
  const sort = options.sort ?? "mean";
  const { models, tasks } = leaderboardOrder(board, sort);
  const rows = board.cells.map((c) => ({ ...c, status: c.observed ? "observed" : "predicted" }));
  const observed = rows.filter((c) => c.observed);
  const predicted = rows.filter((c) => !c.observed);

  const frame = heatmapFrame(doc, models, tasks, options.width ?? 640);
  const channels = { Model: "model", Task: "task", Score: "score", Cell: "status" };
  const tip = {
    lineWidth: 40,
    format: { x: false, y: false, Model: true, Task: true, Score: true, Cell: true },
  };

  const plot = Plot.plot({
    ...frame.options,
    marks: [
      Plot.cell(observed, {
        x: "task",
        y: "model",
        fill: "normalized",
        inset: 0.5,
        className: "cpp-observed",
        ariaDescription: "observed scores",
      }),
      Plot.cell(predicted, {
        x: "task",
        y: "model",
        fill: "normalized",
        fillOpacity: PREDICTED_OPACITY,
        inset: 0.5,
        className: "cpp-predicted",
        ariaDescription: "predicted scores",
      }),
      Plot.dot(predicted, {
        x: "task",
        y: "model",
        r: Math.max(1.2, Math.min(frame.cellWidth, frame.cellHeight) / 8),
        fill: "#222",
        fillOpacity: 0.7,
        className: "cpp-predicted-dot",
        ariaHidden: "true",
      }),
      // One tip for every cell, observed or predicted (a tip per mark would show two at once).
      Plot.tip(rows, Plot.pointer({ x: "task", y: "model", channels, ...tip })),
      ...frame.axes,
    ],
  });
  // The dots mark cells, they are not targets: hovering one reaches the cell beneath.
  plot.querySelector("g.cpp-predicted-dot")?.setAttribute("pointer-events", "none");

  return heatmapFigure(
    doc,
    {
      class: "cpp-chart cpp-heatmap cpp-leaderboard",
      "data-chart": "leaderboard-heatmap",
      "data-dataset": board.dataset,
      "data-method": board.method,
      "data-sort": sort,
      "data-models": models.length,
      "data-tasks": tasks.length,
      "data-observed": observed.length,
      "data-predicted": predicted.length,
    },
    legend(doc),
    plot,
    `${models.length} models (rows) × ${tasks.length} tasks (columns), rows ` +
      `${LEADERBOARD_SORTS[sort]}; columns by observed scores, most first. ` +
      `${formatInteger(observed.length)} observed cells (solid) and ` +
      `${formatInteger(predicted.length)} predicted by ${methodLabel(board.method)} ` +
      "(lighter, with a dot). Colour: the score normalized per task over the filled column, " +
      "0 for the worst and 1 for the best (lower-is-better tasks flipped). Hover a cell for " +
      "its score.",
  );
}

/** Two colour ramps, solid for observed and lighter with dots for predicted, drawn without a canvas. */
function legend(doc: Document): SVGElement {
  const id = `cpp-leaderboard-ramp-${++nextId}`;
  const root = legendSvg(doc, {
    width: 460,
    height: 58,
    label: "Legend: solid cells are observed scores, lighter cells with a dot are " +
      "predicted; colour is the normalized score from 0 (worst) to 1 (best)",
  });
  const defs = svg(doc, "defs");
  defs.append(rampGradient(doc, id));
  const dots = Array.from(
    { length: 12 },
    (_, i) =>
      svg(doc, "circle", { cx: 10 + i * 20, cy: 37, r: 1.5, fill: "#222", "fill-opacity": 0.7 }),
  );
  root.append(
    defs,
    legendText(doc, 0, 10, "Normalized score (per task, higher is better)"),
    svg(doc, "rect", { x: 0, y: 15, width: 240, height: 10, fill: `url(#${id})` }),
    legendText(doc, 248, 24, "observed", "start", "cpp-legend-observed"),
    svg(doc, "rect", {
      x: 0,
      y: 32,
      width: 240,
      height: 10,
      fill: `url(#${id})`,
      "fill-opacity": PREDICTED_OPACITY,
    }),
    ...dots,
    legendText(doc, 248, 41, "predicted (lighter, dotted)", "start", "cpp-legend-predicted"),
    legendText(doc, 0, 55, "0 worst"),
    legendText(doc, 240, 55, "1 best", "end"),
  );
  return root;
}

/** How the method was chosen: each candidate's held-out MSE, lowest first, the chosen marked. */
export function selectionTable(board: LeaderboardJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "selectionTable");
  const rows = [...board.selection].sort((a, b) => a.mse - b.mse);
  return h(
    doc,
    "table",
    { class: "cpp-selection", "data-method": board.method, "data-rows": rows.length },
    h(
      doc,
      "caption",
      {},
      "Candidates by held-out MSE (task scale, mean over random splits of the observed cells); " +
        "the lowest fills the leaderboard.",
    ),
    h(
      doc,
      "thead",
      {},
      h(
        doc,
        "tr",
        {},
        ...["Method", "Held-out MSE", "Seeds", ""].map((t) => h(doc, "th", {}, t)),
      ),
    ),
    h(
      doc,
      "tbody",
      {},
      ...rows.map((r) =>
        h(
          doc,
          "tr",
          {
            "data-method": r.method,
            class: r.method === board.method ? "cpp-chosen" : null,
          },
          h(doc, "td", {}, methodLabel(r.method), " ", h(doc, "code", {}, r.method)),
          h(doc, "td", { class: "cpp-num" }, formatSci(r.mse)),
          h(doc, "td", { class: "cpp-num" }, String(r.seeds)),
          h(doc, "td", {}, r.method === board.method ? "chosen" : ""),
        )
      ),
    ),
  );
}
