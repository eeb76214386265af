/**
 * The full leaderboard: models x tasks, observed scores plain and predicted ones in italics on a
 * hatched background with their interval on hover; a mean-rank column with its rank interval;
 * rows in the order the reader picked; and the rank-interval chart. The ranks and the order are
 * computed in src/lib/report/leaderboard_view.ts.
 *
 * @example
 * ```ts
 * const ranks = rankIntervals(board, { tasks: board.tasks, models: board.models });
 * document.body.append(leaderboardTable(board, { ranks, sort: "rank" }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, externalLink, h, wideFrame } from "./_dom.js";
import { cellIndex, orderRows, type RankRow } from "../lib/report/leaderboard_view.js";
import type { LeaderboardCell, LeaderboardJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toPrecision(3));

/** The hover text of a cell. */
export function cellTitle(c: LeaderboardCell, level: number): string {
  if (c.observed) {
    const source = c.source?.type ? `; source: ${c.source.type.replaceAll("_", " ")}` : "";
    return `${c.model} · ${c.task}: ${fmt(c.score)} (observed${source})`;
  }
  const interval = c.lower == null || c.upper == null
    ? "no interval"
    : `${Math.round(level * 100)}% interval [${fmt(c.lower)}, ${fmt(c.upper)}]`;
  return `${c.model} · ${c.task}: ${fmt(c.score)} predicted, ${interval}` +
    (c.setting === "new-model" ? " (calibrated for models with few scores)" : "");
}

/** Options of {@linkcode leaderboardTable}. */
export interface LeaderboardTableOptions extends RenderOptions {
  readonly ranks: readonly RankRow[];
  /** The tasks shown (columns), in order. Default: every task. */
  readonly tasks?: readonly string[];
  /** "rank", or a task name: the rows are ordered by it (best first). Default "rank". */
  readonly sort?: string;
  /** The link of a model's page, or null for none. */
  readonly href?: (model: string) => string | null;
  /**
   * Called with "rank" or a task name when a reader clicks that column's header; without it the
   * headers are plain text.
   */
  readonly onSort?: (key: string) => void;
}

/** The leaderboard as an HTML table (rows = `options.ranks`' models). */
export function leaderboardTable(
  board: LeaderboardJson,
  options: LeaderboardTableOptions,
): HTMLElement {
  const doc = documentOf(options, "leaderboardTable");
  const tasks = options.tasks ?? board.tasks;
  const sort = options.sort ?? "rank";
  const index = cellIndex(board);
  const rows = orderRows(board, options.ranks, sort);
  const sortable = (key: string, label: string, attributes: Record<string, string>) => {
    const active = key === sort || (key === "rank" && !board.tasks.includes(sort));
    let content: string | HTMLElement = label;
    if (options.onSort) {
      const onSort = options.onSort;
      content = h(doc, "button", {
        type: "button",
        class: "cpp-sort",
        title: `Order the rows by ${key === "rank" ? "mean predicted rank" : key}, best first`,
      }, label);
      content.addEventListener("click", () => onSort(key));
    }
    const aria = active ? "descending" : null;
    return h(
      doc,
      "th",
      { scope: "col", ...attributes, "data-sort": key, "aria-sort": aria },
      content,
    );
  };
  const head = h(
    doc,
    "tr",
    {},
    h(doc, "th", { scope: "col" }, "#"),
    h(doc, "th", { scope: "col" }, "Model"),
    sortable("rank", "Mean rank [range]", { class: "num" }),
    ...tasks.map((t) => sortable(t, t, { class: "num cpp-task", title: t })),
  );
  const body = rows.map((r, q) => {
    const href = options.href?.(r.model) ?? null;
    const name = href ? h(doc, "a", { href, "data-model-link": r.model }, r.model) : r.model;
    return h(
      doc,
      "tr",
      { "data-model": r.model },
      h(doc, "td", { class: "num" }, String(q + 1)),
      h(doc, "th", { scope: "row" }, name),
      h(
        doc,
        "td",
        {
          class: "num",
          title: `mean rank ${r.rank.toFixed(2)} over ${tasks.length} tasks; the intervals allow ` +
            `${r.best.toFixed(1)} to ${r.worst.toFixed(1)}; ${r.predicted} of the scores predicted`,
        },
        `${r.rank.toFixed(1)} [${r.best.toFixed(1)}–${r.worst.toFixed(1)}]`,
      ),
      ...tasks.map((t) => {
        const c = index.get(r.model)!.get(t)!;
        return h(
          doc,
          "td",
          {
            class: c.observed ? "num cpp-observed" : "num cpp-predicted",
            title: cellTitle(c, board.level),
            "data-task": t,
          },
          c.observed && c.source?.url
            ? externalLink(doc, c.source.url, fmt(c.score))
            : fmt(c.score),
        );
      }),
    );
  });
  const scroller = h(
    doc,
    "div",
    { class: "cpp-board-scroll" },
    h(
      doc,
      "table",
      { class: "cpp-board", "data-rows": rows.length, "data-sort": sort },
      h(doc, "thead", {}, head),
      h(doc, "tbody", {}, ...body),
    ),
  );
  return wideFrame(
    doc,
    scroller,
    `${tasks.length} tasks: the table scrolls sideways (shift + wheel, or the scroll bar); the ` +
      "model names stay in view.",
  );
}

/** The mean rank of each model with its range, best at the top (at most `limit` models). */
export function rankChart(
  ranks: readonly RankRow[],
  options: RenderOptions & { width?: number; limit?: number } = {},
): HTMLElement {
  const doc = documentOf(options, "rankChart");
  const rows = ranks.slice(0, options.limit ?? 40);
  const plot = Plot.plot({
    document: doc,
    width: Math.max(360, options.width ?? 640),
    height: 60 + 16 * rows.length,
    marginLeft: 200,
    x: { label: "Mean rank over the chosen tasks (1 = best) →", grid: true },
    y: { domain: rows.map((r) => r.model), label: null },
    marks: [
      Plot.ruleY(rows, { y: "model", x1: "best", x2: "worst", stroke: "#888", strokeWidth: 3 }),
      Plot.dot(rows, {
        y: "model",
        x: "rank",
        fill: "currentColor",
        r: 3.5,
        title: (r: RankRow) =>
          `${r.model}: mean rank ${r.rank.toFixed(2)}, range ${r.best.toFixed(1)}–${
            r.worst.toFixed(1)
          }`,
      }),
    ],
  });
  return h(doc, "figure", { class: "cpp-chart cpp-rank-chart", "data-models": rows.length }, plot);
}
