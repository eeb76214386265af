/**
 * The factor-importance page's text: the setup in numbers, one row per analysis (mode,
 * coalitions × seeds, permutations, seconds, the MSE without and with every factor), the player
 * sets not analysed, and a reading computed from the numbers: which factors clearly matter
 * (value > 2·se), which are indistinguishable from zero, the factors missing for most models, and
 * whether the NCF + factors values are dominated by noise compared with factors only.
 *
 * @example
 * ```ts
 * document.body.append(shapleyReadingView(report, { totals: { model: 72, task: 29 } }));
 * ```
 */
import { documentOf, h, readingList } from "./_dom.js";
import { listText, reasonList, scrollTable } from "./_analyses.js";
import { formatSci, methodLabel } from "./_methods.js";
import {
  finite,
  playersLabel,
  resultOf,
  SHAPLEY_PLAYERS,
  shapleyMethods,
  sortedValues,
  verdict,
} from "./_shapley.js";
import type {
  ShapleyJson,
  ShapleyPlayers,
  ShapleyResultJson,
  ShapleyValueJson,
} from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";
import type { ShapleyTotals } from "./shapley_chart.ts";

export interface ShapleyReadingOptions extends RenderOptions {
  /** Models and tasks of the matrix (default: the most `present` of any factor). */
  totals?: ShapleyTotals;
}

/** "Model factors" / "Task factors". */
function capital(players: ShapleyPlayers): string {
  const s = playersLabel(players);
  return s[0].toUpperCase() + s.slice(1);
}

/** The setup shared by the analyses, in one paragraph. */
export function shapleySetup(report: ShapleyJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "shapleySetup");
  const first = report.results[0];
  const text = first
    ? `Data: ${report.title} (${report.dataset}). Each coalition is trained on the same ` +
      `${first.seeds} seed${first.seeds === 1 ? "" : "s"} (a random ${
        Number((first.holdout * 100).toPrecision(3))
      }% of the observed cells held out per seed, ${first.scale} scale) and scored by its mean ` +
      `held-out MSE; the other axis's factors are ${
        first.otherFactors === "all" ? "all on" : "all off"
      } in every coalition. Training: at most ${first.config.maxEpochs ?? "?"} epochs, ` +
      `patience ${first.config.patience ?? "?"}, on ${first.backend}.`
    : `Data: ${report.title} (${report.dataset}). No analysis ran.`;
  return h(doc, "p", { class: "cpp-shapley-setup" }, text);
}

/** One row per analysis: how it was run and the MSE it decomposes. */
export function shapleyRunsTable(report: ShapleyJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "shapleyRunsTable");
  const rows = SHAPLEY_PLAYERS.flatMap((players) =>
    shapleyMethods(report).map((m) => resultOf(report, players, m))
      .filter((r): r is ShapleyResultJson => r !== null)
  );
  const num = (value: string, x?: number | null) => ({
    value,
    attributes: { class: "cpp-num", ...(finite(x) ? { "data-value": x } : {}) },
  });
  return scrollTable(
    doc,
    { class: "cpp-shapley-runs", "data-rows": rows.length },
    "Exact: every coalition trained; permutation: the coalitions met along random orders of " +
      "the factors (Perm.: how many orders). Sum of values: the Shapley values of an " +
      "analysis add up to MSE(no factor) − MSE(all factors), exactly in exact mode and per " +
      "permutation in permutation mode.",
    [
      "Factors",
      "Method",
      "Mode",
      "Coalitions × seeds",
      "Perm.",
      "Seconds",
      "MSE: no factor → all",
      "Sum of values",
    ],
    rows.map((r) => {
      const sum = r.values.every((v) => finite(v.shapley))
        ? r.values.reduce((a, v) => a + (v.shapley as number), 0)
        : null;
      return {
        attributes: { "data-players": r.players, "data-method": r.method, "data-mode": r.mode },
        cells: [
          r.players,
          methodLabel(r.method),
          r.mode === "exact" ? "exact" : "permutation",
          num(
            `${r.coalitionsTrained.toLocaleString("en-US")} of ${
              (2 ** r.values.length).toLocaleString("en-US")
            } × ${r.seeds}`,
            r.coalitionsTrained,
          ),
          num(r.mode === "exact" ? "—" : String(r.permutations), r.permutations),
          num(r.seconds.toFixed(1), r.seconds),
          num(`${formatSci(r.mseEmpty)} → ${formatSci(r.mseAll)}`),
          num(formatSci(sum), sum),
        ],
      };
    }),
  );
}

/** The player sets the loader could not analyse, with the reason; null when none. */
export function shapleySkipped(
  report: ShapleyJson,
  options: RenderOptions = {},
): HTMLElement | null {
  const doc = documentOf(options, "shapleySkipped");
  return reasonList(
    doc,
    "cpp-shapley-skipped",
    "Not analysed:",
    report.skipped.map((s) => ({
      name: playersLabel(s.players),
      reason: s.reason,
      attributes: { "data-players": s.players },
    })),
  );
}

/** The facts of one analysis the reading is made of. */
export interface AnalysisFacts {
  readonly players: ShapleyPlayers;
  readonly method: string;
  readonly factors: number;
  /** Value > 2·se, highest first. */
  readonly useful: readonly ShapleyValueJson[];
  /** Value < −2·se. */
  readonly harmful: readonly ShapleyValueJson[];
  /** |value| ≤ 2·se. */
  readonly unclear: readonly ShapleyValueJson[];
  /** No value or no se. */
  readonly unknown: readonly ShapleyValueJson[];
  /**
   * Permutation mode: useful or harmful by se, yet within 2·seSeeds of zero (the value moves
   * between seeds more than the sampling error says).
   */
  readonly fragile: readonly ShapleyValueJson[];
  /** MSE(no factor) − MSE(all factors): what the factors together bring. */
  readonly gain: number | null;
  /** Median over factors of |value| / se (null when no factor has an se). */
  readonly signalToNoise: number | null;
  /** Median se over the factors that have one. */
  readonly medianSe: number | null;
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Computes the facts of one analysis. */
export function analysisFacts(result: ShapleyResultJson): AnalysisFacts {
  const sorted = sortedValues(result);
  const by = (v: ReturnType<typeof verdict>) => sorted.filter((r) => verdict(r) === v);
  const withSe = sorted.filter((r) => finite(r.shapley) && finite(r.se) && (r.se as number) > 0);
  return {
    players: result.players,
    method: result.method,
    factors: sorted.length,
    useful: by("useful"),
    harmful: by("harmful"),
    unclear: by("unclear"),
    unknown: by("unknown"),
    fragile: result.mode === "permutation"
      ? sorted.filter((r) =>
        (verdict(r) === "useful" || verdict(r) === "harmful") && finite(r.seSeeds) &&
        Math.abs(r.shapley as number) <= 2 * r.seSeeds
      )
      : [],
    gain: finite(result.mseEmpty) && finite(result.mseAll) ? result.mseEmpty - result.mseAll : null,
    signalToNoise: median(
      withSe.map((r) => Math.abs(r.shapley as number) / (r.se as number)),
    ),
    medianSe: median(withSe.map((r) => r.se as number)),
  };
}

/** "Finetuning (1.40e-2 ± 3.1e-3)". */
function withValue(v: ShapleyValueJson): string {
  return `${v.factor} (${formatSci(v.shapley)}${
    finite(v.se) ? ` ± ${formatSci(2 * v.se, 1)}` : ""
  })`;
}

/** A list of factor names, at most `max` of them, then "and N more". */
function someNames(values: readonly ShapleyValueJson[], max = 6): string {
  const names = values.map((v) => v.factor);
  if (names.length <= max) return listText(names);
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

function analysisSentence(result: ShapleyResultJson, f: AnalysisFacts): string {
  const head = `${capital(f.players)}, ${methodLabel(f.method)} (${
    result.mode === "exact" ? "exact" : `${result.permutations} permutations`
  }, ${result.seeds} seed${result.seeds === 1 ? "" : "s"}): `;
  const gain = f.gain === null
    ? ""
    : ` Together the factors lower the MSE by ${formatSci(f.gain)} (from ${
      formatSci(result.mseEmpty)
    } to ${formatSci(result.mseAll)}).`;
  if (f.unknown.length === f.factors) {
    const top = sortedValues(result).filter((v) => finite(v.shapley)).slice(0, 3);
    return head + "no factor has a standard error (" +
      (result.seeds < 2 ? "one seed" : "too few permutations") +
      "), so none can be told apart from noise; by value alone the largest are " +
      `${listText(top.map(withValue))}.` + gain;
  }
  const parts: string[] = [];
  parts.push(
    f.useful.length
      ? `${f.useful.length} of ${f.factors} clearly matter (value > 2·se): ${
        listText(f.useful.map(withValue))
      }`
      : `none of the ${f.factors} clearly matters (no value exceeds 2·se)`,
  );
  if (f.unclear.length) {
    parts.push(
      `${f.unclear.length} ${f.unclear.length === 1 ? "is" : "are"} indistinguishable from zero: ${
        someNames(f.unclear)
      }`,
    );
  }
  if (f.harmful.length) {
    parts.push(
      `${f.harmful.length} clearly raise${f.harmful.length === 1 ? "s" : ""} the error ` +
        `(value < −2·se): ${listText(f.harmful.map(withValue))}`,
    );
  }
  if (f.unknown.length) {
    parts.push(`${f.unknown.length} ha${f.unknown.length === 1 ? "s" : "ve"} no standard error`);
  }
  if (f.fragile.length) {
    parts.push(
      `but ${listText(f.fragile.map((v) => v.factor))} ${
        f.fragile.length === 1 ? "is" : "are"
      } within 2·seSeeds of zero: ${
        f.fragile.length === 1 ? "its value moves" : "their values move"
      } between seeds more than the sampling error shows`,
    );
  }
  return head + parts.join("; ") + "." + gain;
}

/** The noise comparison of NCF + factors with factors only on one player set, or null. */
function noiseSentence(
  players: ShapleyPlayers,
  fo: AnalysisFacts,
  ncf: AnalysisFacts,
): string | null {
  if (fo.signalToNoise === null || ncf.signalToNoise === null) return null;
  const x = (r: number) => `${r.toFixed(r >= 10 ? 0 : 1)}×`;
  let s = `${capital(players)}: the typical factor's |value| is ${x(ncf.signalToNoise)} its se ` +
    `with NCF + factors (${ncf.useful.length} of ${ncf.factors} clear) against ` +
    `${x(fo.signalToNoise)} with factors only (${fo.useful.length} of ${fo.factors} clear)`;
  const noisier = ncf.signalToNoise < fo.signalToNoise / 2 ||
    (ncf.signalToNoise < fo.signalToNoise && ncf.useful.length < fo.useful.length);
  if (noisier) {
    s += ": the NCF + factors values are dominated by noise compared with factors only";
    if (ncf.gain !== null && fo.gain !== null && ncf.gain < fo.gain) {
      s += ` (the factors together bring it ${formatSci(ncf.gain)}, against ` +
        `${formatSci(fo.gain)} for factors only: its per-${players} embeddings, learned from ` +
        "the scores, leave the factors little to add)";
    }
    s += ". Read factors only's ranking for a design question.";
  } else if (ncf.signalToNoise >= fo.signalToNoise) {
    s += ": the NCF + factors values are no noisier than factors only's.";
  } else {
    s += ": somewhat noisier with NCF + factors, not dominated by noise.";
  }
  return s;
}

/** The factors missing for most models (or tasks) and how each analysis rates them, or null. */
function sparseSentence(
  report: ShapleyJson,
  players: ShapleyPlayers,
  totals: ShapleyTotals,
): string | null {
  const results = shapleyMethods(report).map((m) => resultOf(report, players, m))
    .filter((r): r is ShapleyResultJson => r !== null);
  if (results.length === 0) return null;
  const total = totals[players] ?? Math.max(...results[0].values.map((v) => v.present));
  const sparse = results[0].values.filter((v) => v.present < total / 2);
  if (sparse.length === 0) return null;
  const noun = players === "model" ? "models" : "tasks";
  const rating = (factor: string) =>
    results.map((r) => {
      const v = r.values.find((x) => x.factor === factor);
      const d = v ? verdict(v) : "unknown";
      const word = d === "useful"
        ? "clearly useful"
        : d === "harmful"
        ? "clearly harmful"
        : d === "unclear"
        ? "indistinguishable from zero"
        : "no se";
      return `${word} with ${methodLabel(r.method)}`;
    }).join(", ");
  return `Missing for most ${noun} (known for fewer than half of the ${total}): ` +
    sparse.map((v) => `${v.factor} (${v.present} ${noun}: ${rating(v.factor)})`).join("; ") +
    `. They are players like the others: where a ${players} lacks the factor the method sees ` +
    "it as missing, so a small value can mean the factor is rare rather than uninformative.";
}

/** The model-designer summary: factors clear under every method, under one only, under none. */
function designSentence(report: ShapleyJson): string | null {
  const results = shapleyMethods(report).map((m) => resultOf(report, "model", m))
    .filter((r): r is ShapleyResultJson => r !== null);
  if (results.length === 0) return null;
  const facts = results.map(analysisFacts);
  if (facts.every((f) => f.unknown.length === f.factors)) {
    return "For someone designing a model: with no standard errors this run cannot say which " +
      "model factors matter; rerun with more seeds (the cpp shapley command).";
  }
  const clearIn = (factor: string) =>
    facts.filter((f) => f.useful.some((v) => v.factor === factor)).map((f) => f.method);
  // Highest value first, by the first method's order.
  const names = sortedValues(results[0]).map((v) => v.factor);
  const everywhere = names.filter((n) => clearIn(n).length === facts.length);
  const none = names.filter((n) => clearIn(n).length === 0);
  const every = facts.length === 1 ? `with ${methodLabel(facts[0].method)}` : "with both methods";
  let s = "For someone designing a model: ";
  s += everywhere.length
    ? `${listText(everywhere)} clearly help${everywhere.length === 1 ? "s" : ""} predict ` +
      `performance ${every}`
    : `no model factor clearly helps ${every}`;
  if (facts.length > 1) {
    for (const f of facts) {
      const only = names.filter((n) => clearIn(n).length === 1 && clearIn(n)[0] === f.method);
      const others = facts.filter((g) => g !== f).map((g) => methodLabel(g.method));
      if (only.length) {
        s += `; ${listText(only)} with ${methodLabel(f.method)} but not ${listText(others)}`;
      }
    }
  }
  s += ".";
  const fragile = names.filter((n) =>
    clearIn(n).length > 0 && facts.some((f) => f.fragile.some((v) => v.factor === n))
  );
  if (fragile.length) {
    s += ` Of these, ${listText(fragile)} ${fragile.length === 1 ? "is" : "are"} within ` +
      "2·seSeeds of zero with some method: rerunning on other seeds could change the verdict.";
  }
  if (none.length) {
    s += ` The other ${none.length === 1 ? "one" : none.length} (${listText(none)}) ` +
      `${none.length === 1 ? "does" : "do"} not clearly help with ` +
      `${facts.length === 1 ? "it" : "either"}.`;
  }
  s += " ";
  s += "A factor within ±2·se of zero is not proven useless (more seeds or permutations shrink " +
    "se), and factors that carry the same information (parameters and compute, say) split the " +
    "credit.";
  return s;
}

/** The reading as sentences, computed from the numbers. */
export function shapleyReading(
  report: ShapleyJson,
  options: ShapleyReadingOptions = {},
): string[] {
  const totals = options.totals ?? {};
  const sentences: string[] = [];
  const design = designSentence(report);
  if (design) sentences.push(design);
  for (const players of SHAPLEY_PLAYERS) {
    const facts = new Map<string, AnalysisFacts>();
    for (const method of shapleyMethods(report)) {
      const result = resultOf(report, players, method);
      if (!result) continue;
      const f = analysisFacts(result);
      facts.set(method, f);
      sentences.push(analysisSentence(result, f));
    }
    const fo = facts.get("factors-only");
    const ncf = facts.get("ncf-factors");
    const noise = fo && ncf ? noiseSentence(players, fo, ncf) : null;
    if (noise) sentences.push(noise);
    const sparse = sparseSentence(report, players, totals);
    if (sparse) sentences.push(sparse);
  }
  for (const s of report.skipped) {
    sentences.push(`${capital(s.players)} were not analysed: ${s.reason}.`);
  }
  return sentences;
}

/** The reading as a list. */
export function shapleyReadingView(
  report: ShapleyJson,
  options: ShapleyReadingOptions = {},
): HTMLElement {
  const doc = documentOf(options, "shapleyReadingView");
  return readingList(
    doc,
    { class: "cpp-reading cpp-shapley-reading" },
    shapleyReading(report, options),
  );
}
