/**
 * How far the report's 90% intervals can be trusted, as the leaderboard and methods pages tabulate
 * it: the coverage measured on held-out known scores, per calibration setting, from the
 * leaderboards' calibrations and the predict page's fold-in calibration.
 *
 * It runs in the browser: no imports but types (pages import it as `interval_coverage.js`;
 * deno.json maps that name back for Deno).
 *
 * @example
 * ```ts
 * const rows = intervalCoverageRows([board], predictor);
 * ```
 */
import type { LeaderboardJson, PredictorJson, UnavailableJson } from "./site_json.ts";

/** Column headings of the coverage rows, for tables. */
export const COVERAGE_HEADERS: Readonly<Record<string, string>> = {
  dataset: "Dataset",
  method: "Method",
  setting: "Calibrated for",
  coverage: "Coverage",
  "median width": "Median width",
  cells: "Held-out cells",
  folds: "Folds",
  members: "Ensemble members",
};

/** One calibration of a leaderboard: the share of held-out scores inside, the median width. */
export interface BoardCoverageRow {
  readonly setting: string;
  readonly coverage: number;
  readonly "median width": number;
  readonly cells: number;
  readonly folds: number;
  readonly members: number;
}

/** A leaderboard's calibrations, one row each. */
export function boardCoverageRows(board: LeaderboardJson): BoardCoverageRow[] {
  return board.calibrations.map((c) => ({
    setting: c.setting === "gaps"
      ? "gaps of known models"
      : `models with at most ${c.known} scores known`,
    coverage: c.coverage,
    "median width": c.medianWidth,
    cells: c.n,
    folds: c.folds,
    members: c.seeds,
  }));
}

/** One calibration of any interval the report shows, with the dataset and method it is for. */
export interface CoverageRow {
  readonly dataset: string;
  readonly method: string;
  readonly setting: string;
  readonly coverage: number;
  readonly "median width": number;
  readonly cells: number;
  readonly members: number;
}

/**
 * Every calibration of the leaderboards, then the predict page's fold-in calibration (none for a
 * dataset this build could not have).
 */
export function intervalCoverageRows(
  boards: readonly (LeaderboardJson | UnavailableJson)[],
  foldIn: PredictorJson | UnavailableJson,
): CoverageRow[] {
  const available = boards.filter((b): b is LeaderboardJson => !("unavailable" in b));
  return [
    ...available.flatMap((b) =>
      b.calibrations.map((c) => ({
        dataset: b.dataset,
        method: b.method,
        setting: c.setting === "gaps"
          ? "gaps of known models"
          : `new model, ${c.known} scores known`,
        coverage: c.coverage,
        "median width": c.medianWidth,
        cells: c.n,
        members: c.seeds,
      }))
    ),
    ...("unavailable" in foldIn ? [] : foldIn.measured.map((m) => ({
      dataset: foldIn.dataset,
      method: `${foldIn.method} (fold-in, predict page)`,
      setting: `new model, ${m.known} scores known`,
      coverage: m.coverage,
      "median width": m.medianWidth,
      cells: m.n,
      members: foldIn.members.length,
    }))),
  ];
}
