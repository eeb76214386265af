/**
 * What the leaderboard and model pages compute from a leaderboard as the reader picks models
 * and tasks: which models a filter keeps, each model's mean rank with its rank interval, the
 * order of the rows, the rows of a download, and one model's scores with their relative widths.
 *
 * It runs in the browser: no imports but types. Components and pages import it as
 * `leaderboard_view.js` (Framework serves the `.ts` under that name; deno.json maps the name back
 * for Deno).
 *
 * Rank intervals (the report's choice, see docs/protocol-choices.md): on each task a model ranks
 * at best 1 + the models whose LOWER bound is above its UPPER bound, and at worst 1 + the models
 * whose UPPER bound is above its LOWER bound (an observed score is its own interval); its mean
 * rank interval is the mean of those over the chosen tasks. It is the range of ranks the 90%
 * intervals allow, not a joint 90% statement.
 *
 * @example
 * ```ts
 * const models = filterModels(board, { search: "llama" });
 * const ranks = rankIntervals(board, { tasks: board.tasks, models });
 * ```
 */
import type { LeaderboardCell, LeaderboardJson } from "./site_json.ts";

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
export function cellIndex(board: LeaderboardJson): Map<string, Map<string, LeaderboardCell>> {
  const index = new Map<string, Map<string, LeaderboardCell>>();
  for (const c of board.cells) {
    if (!index.has(c.model)) index.set(c.model, new Map());
    index.get(c.model)!.set(c.task, c);
  }
  return index;
}

/** A cell's score signed so that higher is better, with its interval's ends in that order. */
export function signedScore(
  board: LeaderboardJson,
  c: LeaderboardCell,
): { v: number; lo: number; hi: number } {
  const j = board.tasks.indexOf(c.task);
  const s = board.lowerIsBetter[j] ? -1 : 1;
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
    const values = models.map((m) => signedScore(board, index.get(m)!.get(task)!));
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

/**
 * The rows in the order a reader asked for: `"rank"` keeps the mean-rank order, a task name
 * orders by that task's filled score, best first (ties by name).
 */
export function orderRows(
  board: LeaderboardJson,
  ranks: readonly RankRow[],
  sort: string,
): RankRow[] {
  const rows = [...ranks];
  if (sort === "rank" || !board.tasks.includes(sort)) return rows;
  const index = cellIndex(board);
  const v = (model: string) => signedScore(board, index.get(model)!.get(sort)!).v;
  return rows.sort((a, b) => v(b.model) - v(a.model) || a.model.localeCompare(b.model));
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
        source: c.source?.url ?? null,
        sourceType: c.source?.type ?? null,
      };
    })
  );
}

/** What the leaderboard's filters offer: the factors behind them and their values. */
export interface FilterChoices {
  /** The model factor each filter reads; null where the dataset records none. */
  readonly family: string | null;
  readonly params: string | null;
  readonly openWeights: string | null;
  /** The families present, sorted. */
  readonly families: readonly string[];
  /** What the dataset does not record, e.g. "no family" (so those filters are not offered). */
  readonly absent: readonly string[];
}

/** The filters a leaderboard can offer. */
export function filterChoices(board: LeaderboardJson): FilterChoices {
  const { family, params, openWeights } = board.filters;
  const families = family
    ? [...new Set(board.modelInfo.map((m) => m.factors[family]).filter((v) => v !== null))]
      .map(String).sort()
    : [];
  const absent = [
    family ? null : "no family",
    params ? null : "no parameter count",
    openWeights ? null : "no open/closed-weights flag",
  ].filter((x): x is string => x !== null);
  return { family, params, openWeights, families, absent };
}

/** A reader's filter of the leaderboard's models; every field may be left out. */
export interface ModelFilter {
  /** Case-insensitive part of the name. */
  readonly search?: string;
  /** A family, or "All families". */
  readonly family?: string;
  /** Bounds on the parameter factor as typed ("" = none; "1,000" reads as 1000). */
  readonly paramsMin?: string;
  readonly paramsMax?: string;
  /** "open", "closed" or "Any". */
  readonly openWeights?: string;
}

/** A bound as typed in a text box: empty is none (NaN), thousands separators are ignored. */
function bound(text: string | undefined): number {
  return text === undefined || text.trim() === "" ? NaN : Number(text.replace(/,/g, ""));
}

/** The models the filter keeps, in the leaderboard's order. */
export function filterModels(board: LeaderboardJson, filter: ModelFilter): string[] {
  const info = new Map(board.modelInfo.map((m) => [m.name, m]));
  const { family, params, openWeights } = board.filters;
  const min = bound(filter.paramsMin);
  const max = bound(filter.paramsMax);
  const needle = (filter.search ?? "").trim().toLowerCase();
  const chosenFamily = filter.family ?? "All families";
  const chosenWeights = filter.openWeights ?? "Any";
  return board.models.filter((name) => {
    const m = info.get(name)!;
    if (needle && !name.toLowerCase().includes(needle)) return false;
    if (family && chosenFamily !== "All families" && String(m.factors[family]) !== chosenFamily) {
      return false;
    }
    if (params && (Number.isFinite(min) || Number.isFinite(max))) {
      const p = m.factors[params];
      if (typeof p !== "number" || p < min || p > max) return false;
    }
    if (openWeights && chosenWeights !== "Any") {
      const v = String(m.factors[openWeights] ?? "").toLowerCase();
      const open = /^(open|yes|true|1)/.test(v);
      if (v === "" || (chosenWeights === "open") !== open) return false;
    }
    return true;
  });
}

/** A model's row of the leaderboard, one entry per task. */
export interface ModelScoreRow {
  readonly task: string;
  readonly status: "observed" | "predicted";
  readonly score: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Interval width divided by the spread of the task's filled column (0 when observed). */
  readonly relativeWidth: number;
  /** Where an observed score was reported, and the kind of source; null when not recorded. */
  readonly source: string | null;
  readonly sourceType: string | null;
  /**
   * The score and its interval as positions within the task's filled column (0 = its lowest
   * score, 1 = its highest): one axis for tasks on different scales (percent, Elo, dollars).
   */
  readonly position: number;
  readonly lowerPosition: number | null;
  readonly upperPosition: number | null;
}

/**
 * How one model's scores are best drawn on one axis: as scores when every task shares one
 * bounded scale (all percent, or all fractions), else as positions within each task's scores.
 */
export function scoreAxis(board: LeaderboardJson): "score" | "position" {
  const kinds = new Set(board.scales);
  return kinds.size === 1 && !kinds.has("unbounded") ? "score" : "position";
}

/** The model's scores, in the leaderboard's task order. */
export function modelScoreRows(board: LeaderboardJson, model: string): ModelScoreRow[] {
  const low = new Map<string, number>();
  const spread = new Map<string, number>();
  for (const task of board.tasks) {
    const values = board.cells.filter((c) => c.task === task).map((c) => c.score);
    low.set(task, Math.min(...values));
    spread.set(task, Math.max(...values) - Math.min(...values) || 1);
  }
  return board.cells
    .filter((c) => c.model === model)
    .map((c) => {
      const lower = c.observed ? null : c.lower ?? null;
      const upper = c.observed ? null : c.upper ?? null;
      const at = (x: number) => Number(((x - low.get(c.task)!) / spread.get(c.task)!).toFixed(4));
      return {
        task: c.task,
        status: c.observed ? "observed" : "predicted",
        score: c.score,
        lower,
        upper,
        relativeWidth: lower === null || upper === null
          ? 0
          : Number(((upper - lower) / spread.get(c.task)!).toFixed(4)),
        source: c.source?.url ?? null,
        sourceType: c.source?.type ?? null,
        position: at(c.score),
        lowerPosition: lower === null ? null : at(lower),
        upperPosition: upper === null ? null : at(upper),
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
