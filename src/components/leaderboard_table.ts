/**
 * The full leaderboard: models x tasks, observed scores plain and predicted ones in italics on a
 * hatched background with their interval on hover; a mean-rank column with its rank interval;
 * rows sortable by that rank or by any task; and the rank-interval chart.
 *
 * Rank intervals (the report's choice, see docs/protocol-choices.md): on each task a model ranks
 * at best 1 + the models whose LOWER bound is above its UPPER bound, and at worst 1 + the models
 * whose UPPER bound is above its LOWER bound (an observed score is its own interval); its mean
 * rank interval is the mean of those over the chosen tasks. It is the range of ranks the 90%
 * intervals allow, not a joint 90% statement.
 *
 * @example
 * ```ts
 * const ranks = rankIntervals(board, { tasks: board.tasks, models: board.models });
 * document.body.append(leaderboardTable(board, { ranks, sort: "rank" }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h } from "./_dom.js";
import type { LeaderboardJson, RenderOptions } from "./report_types.ts";

type Cell = LeaderboardJson["cells"][number];

/** A model's rank over the chosen tasks. */
export interface RankRow {
  readonly model: string;
  /** Mean over the tasks of the rank of its filled score (1 = best). */
  readonly rank: number;
  readonly best: number;
  readonly worst: number;
  /** Tasks whose score is predicted, among the chosen. */
  readonly predicted: number;
}

/** Index of the cells by model then task. */
export function cellIndex(board: LeaderboardJson): Map<string, Map<string, Cell>> {
  const index = new Map<string, Map<string, Cell>>();
  for (const c of board.cells) {
    if (!index.has(c.model)) index.set(c.model, new Map());
    index.get(c.model)!.set(c.task, c);
  }
  return index;
}

/** Signed so that higher is better, with the interval's ends in that order. */
function signed(board: LeaderboardJson, c: Cell): { v: number; lo: number; hi: number } {
  const j = board.tasks.indexOf(c.task);
  const s = board.lowerIsBetter?.[j] ? -1 : 1;
  const lo = c.observed || c.lower == null ? c.score : c.lower;
  const hi = c.observed || c.upper == null ? c.score : c.upper;
  return s > 0 ? { v: c.score, lo, hi } : { v: -c.score, lo: -hi, hi: -lo };
}

/**
 * Mean rank and rank interval of each model among `models` over `tasks` (ties share the best
 * rank). Sorted by mean rank, then name.
 */
export function rankIntervals(
  board: LeaderboardJson,
  choice: { tasks: readonly string[]; models: readonly string[] },
): RankRow[] {
  const index = cellIndex(board);
  const { models, tasks } = choice;
  const sum = new Map(models.map((m) => [m, { rank: 0, best: 0, worst: 0, predicted: 0 }]));
  for (const task of tasks) {
    const values = models.map((m) => signed(board, index.get(m)!.get(task)!));
    models.forEach((m, a) => {
      const me = values[a];
      let rank = 1;
      let best = 1;
      let worst = 1;
      values.forEach((other, b) => {
        if (b === a) return;
        if (other.v > me.v) rank++;
        if (other.lo > me.hi) best++;
        if (other.hi > me.lo) worst++;
      });
      const s = sum.get(m)!;
      s.rank += rank;
      s.best += best;
      s.worst += worst;
      if (!index.get(m)!.get(task)!.observed) s.predicted++;
    });
  }
  const T = Math.max(1, tasks.length);
  return models
    .map((model) => {
      const s = sum.get(model)!;
      return {
        model,
        rank: s.rank / T,
        best: s.best / T,
        worst: s.worst / T,
        predicted: s.predicted,
      };
    })
    .sort((a, b) => a.rank - b.rank || a.model.localeCompare(b.model));
}

const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toPrecision(3));

/** The hover text of a cell. */
export function cellTitle(c: Cell, level: number): string {
  if (c.observed) return `${c.model} · ${c.task}: ${fmt(c.score)} (observed)`;
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
  let rows = [...options.ranks];
  if (sort !== "rank" && board.tasks.includes(sort)) {
    rows.sort((a, b) =>
      signed(board, index.get(b.model)!.get(sort)!).v -
        signed(board, index.get(a.model)!.get(sort)!).v || a.model.localeCompare(b.model)
    );
  }
  rows = rows.slice();
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
            title: cellTitle(c, board.level ?? 0.9),
            "data-task": t,
          },
          fmt(c.score),
        );
      }),
    );
  });
  return h(
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

/** The rows of the current view as a flat table, for downloads. */
export function leaderboardRows(
  board: LeaderboardJson,
  ranks: readonly RankRow[],
  tasks: readonly string[],
): Record<string, unknown>[] {
  const index = cellIndex(board);
  return ranks.flatMap((r) =>
    tasks.map((t) => {
      const c = index.get(r.model)!.get(t)!;
      return {
        model: r.model,
        task: t,
        score: c.score,
        observed: c.observed,
        lower: c.lower,
        upper: c.upper,
        meanRank: Number(r.rank.toFixed(3)),
        rankBest: Number(r.best.toFixed(3)),
        rankWorst: Number(r.worst.toFixed(3)),
      };
    })
  );
}
