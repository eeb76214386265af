// Helpers shared by the factor-importance (Shapley) components: finding an analysis, sorting its
// factors, and telling a factor that clearly matters from one indistinguishable from zero.
// JavaScript with JSDoc types, like _dom.js (see there why).
import { methodLabel } from "./_methods.js";

/** @typedef {import("../lib/report/site_json.ts").ShapleyJson} ShapleyJson */
/** @typedef {import("../lib/report/site_json.ts").ShapleyResultJson} ShapleyResultJson */
/** @typedef {import("../lib/report/site_json.ts").ShapleyValueJson} ShapleyValueJson */
/** @typedef {import("../lib/report/site_json.ts").ShapleyPlayers} ShapleyPlayers */
/** @typedef {"useful" | "harmful" | "unclear" | "unknown"} Verdict */

/** The factor-using methods of the analyses, in the page's order. */
export const SHAPLEY_METHODS = ["factors-only", "ncf-factors"];

/** The two player sets, model factors first. */
export const SHAPLEY_PLAYERS = /** @type {const} */ (["model", "task"]);

/**
 * "model factors" / "task factors".
 * @param {ShapleyPlayers} players
 * @returns {string}
 */
export function playersLabel(players) {
  return players === "model" ? "model factors" : "task factors";
}

/**
 * The methods of the report in the page's order (factors only first), then any other by name.
 * @param {ShapleyJson} report
 * @returns {string[]}
 */
export function shapleyMethods(report) {
  const ids = [...new Set(report.results.map((r) => r.method))];
  /** @param {string} id */
  const rank = (id) => {
    const i = SHAPLEY_METHODS.indexOf(id);
    return i < 0 ? SHAPLEY_METHODS.length : i;
  };
  return ids.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "en"));
}

/**
 * The analysis of these players for this method, or null.
 * @param {ShapleyJson} report
 * @param {ShapleyPlayers} players
 * @param {string} method
 * @returns {ShapleyResultJson | null}
 */
export function resultOf(report, players, method) {
  return report.results.find((r) => r.players === players && r.method === method) ?? null;
}

/**
 * Whether a number from the JSON is usable (the JSON writes NaN as null).
 * @param {number | null | undefined} x
 * @returns {x is number}
 */
export function finite(x) {
  return x !== null && x !== undefined && Number.isFinite(x);
}

/**
 * Clearly useful (value > 2·se), clearly harmful (value < −2·se), indistinguishable from zero,
 * or unknown (no value or no standard error).
 * @param {ShapleyValueJson} row
 * @returns {Verdict}
 */
export function verdict(row) {
  if (!finite(row.shapley) || !finite(row.se)) return "unknown";
  if (row.shapley > 2 * row.se) return "useful";
  if (row.shapley < -2 * row.se) return "harmful";
  return "unclear";
}

/** @type {Readonly<Record<Verdict, string>>} */
export const VERDICT_LABELS = {
  useful: "clearly useful (value > 2·se)",
  unclear: "indistinguishable from 0 (|value| ≤ 2·se)",
  harmful: "clearly harmful (value < −2·se)",
  unknown: "no standard error",
};

/** @type {Readonly<Record<Verdict, string>>} */
export const VERDICT_SHORT = {
  useful: "clearly useful",
  unclear: "≈ 0 (within ±2·se)",
  harmful: "clearly harmful",
  unknown: "no se",
};

/** @type {Readonly<Record<Verdict, string>>} */
export const VERDICT_COLORS = {
  useful: "#4269d0",
  unclear: "#a0a0a0",
  harmful: "#d62728",
  unknown: "#9c6b4e",
};

/**
 * The factors of an analysis, highest Shapley value first (missing values last, then by name).
 * @param {ShapleyResultJson} result
 * @returns {ShapleyValueJson[]}
 */
export function sortedValues(result) {
  return [...result.values].sort((a, b) => {
    const fa = finite(a.shapley);
    const fb = finite(b.shapley);
    if (fa && fb) {
      return /** @type {number} */ (b.shapley) - /** @type {number} */ (a.shapley) ||
        a.factor.localeCompare(b.factor, "en");
    }
    if (fa !== fb) return fa ? -1 : 1;
    return a.factor.localeCompare(b.factor, "en");
  });
}

/**
 * How the analysis was run, in words: "exact enumeration: all 16 coalitions × 3 seeds" or
 * "permutation sampling: 80 permutations (antithetic), 612 of 8,192 coalitions × 3 seeds".
 * @param {ShapleyResultJson} result
 * @returns {string}
 */
export function modeText(result) {
  const p = result.values.length;
  const all = 2 ** p;
  const seeds = `${result.seeds} seed${result.seeds === 1 ? "" : "s"}`;
  if (result.mode === "exact") {
    return `exact enumeration of all ${all.toLocaleString("en-US")} coalitions × ${seeds}`;
  }
  return `permutation sampling: ${result.permutations} permutation` +
    `${result.permutations === 1 ? "" : "s"}${
      result.antithetic ? " (each with its reverse)" : ""
    }, ${result.coalitionsTrained.toLocaleString("en-US")} of ${
      all.toLocaleString("en-US")
    } coalitions trained × ${seeds}`;
}

/**
 * "Factors only, model factors".
 * @param {ShapleyResultJson} result
 * @returns {string}
 */
export function resultTitle(result) {
  return `${methodLabel(result.method)}, ${playersLabel(result.players)}`;
}

/**
 * What `se` is for this analysis, in words.
 * @param {ShapleyResultJson} result
 * @returns {string}
 */
export function seMeaning(result) {
  return result.mode === "exact"
    ? "exact enumeration has no sampling error, so se is the spread over seeds (seSeeds): " +
      "the standard deviation of the per-seed values / √seeds, the noise of training and " +
      "splitting"
    : "se is the sampling error of the permutation estimate (the spread of the per-permutation " +
      "contributions / √units); seSeeds, the spread over seeds, is shown apart and is not part " +
      "of se";
}
