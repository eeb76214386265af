/**
 * The factor-importance chart and table: one analysis (a player set, a method), a bar per factor
 * (its Shapley value, highest first) with error bars of ±2·se, a band of ±2·seSeeds (the spread
 * over seeds) in permutation mode, and beside each factor how many models (or tasks) have it.
 * Factor names are text, never markup.
 *
 * @example
 * ```ts
 * document.body.append(shapleyChart(report, { players: "model", method: "factors-only" }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h } from "./_dom.js";
import { emptyPlot, scrollTable } from "./_analyses.js";
import { formatSci, methodLabel } from "./_methods.js";
import {
  finite,
  modeText,
  playersLabel,
  resultOf,
  resultTitle,
  seMeaning,
  sortedValues,
  verdict,
  VERDICT_COLORS,
  VERDICT_LABELS,
  VERDICT_SHORT,
} from "./_shapley.js";
import type { ShapleyJson, ShapleyPlayers, ShapleyResultJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** Models and tasks of the matrix, to show `present` as "5 of 72". */
export interface ShapleyTotals {
  readonly model?: number;
  readonly task?: number;
}

type Verdict = ReturnType<typeof verdict>;

/** The colour of the ±2·seSeeds band. */
const SEEDS_COLOR = "#e6a23c";

export interface ShapleyChartOptions extends RenderOptions {
  /** Default "model". */
  players?: ShapleyPlayers;
  /** Default "factors-only". */
  method?: string;
  /** Models and tasks of the matrix, to show how many have each factor "of" how many. */
  totals?: ShapleyTotals;
  /** Available width in pixels (default 640). */
  width?: number;
}

/** One factor as the chart and the table show it. */
export interface ShapleyBar {
  readonly factor: string;
  readonly kind: string;
  readonly shapley: number | null;
  readonly se: number | null;
  readonly seSeeds: number | null;
  readonly present: number;
  readonly total: number | null;
  readonly verdict: Verdict;
  readonly verdictLabel: string;
  /** shapley ± 2·se, when both are known. */
  readonly low: number | null;
  readonly high: number | null;
  /** shapley ± 2·seSeeds, when both are known. */
  readonly lowSeeds: number | null;
  readonly highSeeds: number | null;
  /** "5 of 72 models" (or "5 models" when the total is unknown). */
  readonly presentText: string;
}

/** "models" / "tasks". */
function entities(players: ShapleyPlayers): string {
  return players === "model" ? "models" : "tasks";
}

/** The factors of one analysis, highest Shapley value first, with their error-bar ends. */
export function shapleyBars(result: ShapleyResultJson, totals: ShapleyTotals = {}): ShapleyBar[] {
  const total = totals[result.players] ?? null;
  return sortedValues(result).map((v) => {
    const x = finite(v.shapley) ? v.shapley : null;
    const around = (e: number | null) =>
      x !== null && finite(e) ? [x - 2 * e, x + 2 * e] : [null, null];
    const [low, high] = around(v.se);
    const [lowSeeds, highSeeds] = around(v.seSeeds);
    const d = verdict(v);
    return {
      factor: v.factor,
      kind: v.kind,
      shapley: x,
      se: finite(v.se) ? v.se : null,
      seSeeds: finite(v.seSeeds) ? v.seSeeds : null,
      present: v.present,
      total,
      verdict: d,
      verdictLabel: VERDICT_LABELS[d],
      low,
      high,
      lowSeeds,
      highSeeds,
      presentText: `${v.present}${total === null ? "" : ` of ${total}`} ${
        entities(result.players)
      }`,
    };
  });
}

/** The Shapley value of every factor of one analysis, as bars with ±2·se error bars. */
export function shapleyChart(report: ShapleyJson, options: ShapleyChartOptions = {}): HTMLElement {
  const doc = documentOf(options, "shapleyChart");
  const players = options.players ?? "model";
  const method = options.method ?? "factors-only";
  const width = Math.max(300, options.width ?? 640);
  const result = resultOf(report, players, method);
  const attributes = {
    class: "cpp-chart cpp-shapley-chart",
    "data-chart": "shapley",
    "data-players": players,
    "data-method": method,
  };
  if (!result) {
    const skipped = report.skipped.find((s) => s.players === players);
    const why = skipped
      ? `No ${playersLabel(players)}: ${skipped.reason}`
      : `No analysis of the ${playersLabel(players)} for ${methodLabel(method)}`;
    return h(
      doc,
      "figure",
      { ...attributes, "data-factors": 0, "data-errorbars": 0 },
      emptyPlot(doc, width, why),
    );
  }
  const bars = shapleyBars(result, options.totals);
  const shown = bars.filter((b) => b.shapley !== null);
  const withSe = bars.filter((b) => b.low !== null);
  const withSeeds = result.mode === "permutation" ? bars.filter((b) => b.lowSeeds !== null) : [];
  const verdicts = (Object.keys(VERDICT_LABELS) as Verdict[]).filter((v) =>
    bars.some((b) => b.verdict === v)
  );
  const format = (x: number) => formatSci(x);
  const total = options.totals?.[players];
  // Each factor's row: its name and how many have it on a line, the bar with its error bar below,
  // so that the bars get the whole width even when two charts stand side by side.
  const ROW = 34;
  const BAR_TOP = 16;
  const BAR_BOTTOM = 3;
  const barMid = (BAR_TOP - BAR_BOTTOM) / 2;
  const plot = Plot.plot({
    document: doc,
    width,
    height: 40 + bars.length * ROW,
    marginTop: 6,
    marginLeft: 8,
    marginRight: 12,
    x: { label: "Shapley value: drop in held-out MSE →", grid: true, nice: true, zero: true },
    y: { domain: bars.map((b) => b.factor), padding: 0 },
    color: {
      type: "categorical",
      domain: verdicts.map((v) => VERDICT_LABELS[v]),
      range: verdicts.map((v) => VERDICT_COLORS[v]),
    },
    marks: [
      Plot.ruleY(withSeeds, {
        y: "factor",
        dy: barMid,
        x1: "lowSeeds",
        x2: "highSeeds",
        stroke: SEEDS_COLOR,
        strokeOpacity: 0.4,
        strokeWidth: 11,
        className: "cpp-se-seeds",
      }),
      // The zero line under each bar only, not across the names.
      Plot.ruleX(bars, { x: 0, y: "factor", insetTop: BAR_TOP - 3, strokeOpacity: 0.6 }),
      Plot.barX(shown, {
        x: "shapley",
        y: "factor",
        insetTop: BAR_TOP,
        insetBottom: BAR_BOTTOM,
        fill: "verdictLabel",
        fillOpacity: 0.85,
        className: "cpp-shapley-bars",
        channels: {
          "±2·se": (b: ShapleyBar) => (b.se === null ? "—" : `± ${formatSci(2 * b.se)}`),
          seSeeds: (b: ShapleyBar) => formatSci(b.seSeeds),
          [`With the factor (${entities(players)})`]: "presentText",
        },
        tip: { format: { x: format, y: true, fill: false } },
      }),
      Plot.ruleY(withSe, {
        y: "factor",
        dy: barMid,
        x1: "low",
        x2: "high",
        stroke: "currentColor",
        strokeWidth: 1.5,
        className: "cpp-se",
      }),
      Plot.tickX(withSe.flatMap((b) => [{ ...b, end: b.low }, { ...b, end: b.high }]), {
        x: "end",
        y: "factor",
        stroke: "currentColor",
        strokeWidth: 1.5,
        insetTop: BAR_TOP + 2,
        insetBottom: BAR_BOTTOM + 2,
        className: "cpp-se-caps",
      }),
      // The factor names: the y axis, written left-aligned on each row's first line.
      Plot.axisY({
        tickSize: 0,
        tickPadding: 0,
        textAnchor: "start",
        dy: -(ROW / 2 - 7),
        label: null,
        fontSize: 11,
      }),
      Plot.text(bars, {
        y: "factor",
        dy: -(ROW / 2 - 7),
        text: "presentText",
        frameAnchor: "right",
        textAnchor: "end",
        fill: (b: ShapleyBar) =>
          b.total !== null && b.present < b.total / 2 ? "#d62728" : "currentColor",
        fillOpacity: 0.8,
        className: "cpp-present",
      }),
    ],
  });
  const legend = plot.legend("color") as HTMLElement;
  legend.classList.add("cpp-swatches");
  const key = withSe.length || withSeeds.length
    ? h(
      doc,
      "div",
      { class: "cpp-shapley-key" },
      withSe.length ? h(doc, "span", {}, h(doc, "span", {}, "├─┤"), " ±2·se   ") : null,
      withSeeds.length
        ? h(
          doc,
          "span",
          {},
          h(doc, "span", { style: `color: ${SEEDS_COLOR}` }, "▬▬"),
          " ±2·seSeeds (spread over seeds)",
        )
        : null,
    )
    : null;
  const sparse = total ? bars.filter((b) => b.present < total / 2).length : 0;
  return h(
    doc,
    "figure",
    {
      ...attributes,
      "data-mode": result.mode,
      "data-factors": bars.length,
      "data-errorbars": withSe.length,
      "data-seeds-bands": withSeeds.length,
    },
    legend,
    key,
    plot,
    h(
      doc,
      "figcaption",
      {},
      `${resultTitle(result)}: ${modeText(result)}, ${result.seconds.toFixed(1)} s. Bars: each ` +
        "factor's Shapley value, highest first. Error bars: ±2·se; " + seMeaning(result) + "." +
        (withSeeds.length
          ? " Orange band behind the bar: ±2·seSeeds (the noise of training on other seeds)."
          : "") +
        (withSe.length < bars.length
          ? ` ${bars.length - withSe.length} of ${bars.length} factors have no standard ` +
            (result.seeds < 2 && result.mode === "exact"
              ? "error (one seed)."
              : "error (too few seeds or permutations).")
          : "") +
        ` Beside each name: the ${entities(players)} with a value of the factor` +
        (total ? ` (of ${total}; red: missing for most ${entities(players)})` : "") +
        (sparse ? `; ${sparse} factor${sparse === 1 ? " is" : "s are"} missing for most` : "") +
        ".",
    ),
  );
}

/** The numbers of one analysis as a table, in the chart's order. */
export function shapleyValuesTable(
  report: ShapleyJson,
  options: ShapleyChartOptions = {},
): HTMLElement | null {
  const doc = documentOf(options, "shapleyValuesTable");
  const players = options.players ?? "model";
  const method = options.method ?? "factors-only";
  const result = resultOf(report, players, method);
  if (!result) return null;
  const bars = shapleyBars(result, options.totals);
  const num = (x: number | null, attrs: Record<string, string | number> = {}) => ({
    value: formatSci(x),
    attributes: { class: "cpp-num", ...attrs, ...(x === null ? {} : { "data-value": x }) },
  });
  return scrollTable(
    doc,
    {
      class: "cpp-shapley-table",
      "data-players": players,
      "data-method": method,
      "data-rows": bars.length,
    },
    `${resultTitle(result)}, highest value first. se: ${seMeaning(result)}.`,
    [
      "Factor",
      "Kind",
      "Shapley value",
      "±2·se",
      "se",
      "se over seeds",
      `${players === "model" ? "Models" : "Tasks"} with it`,
      "Reading",
    ],
    bars.map((b) => ({
      attributes: { "data-factor": b.factor, "data-verdict": b.verdict },
      cells: [
        h(doc, "span", { class: "cpp-name" }, b.factor),
        b.kind,
        num(b.shapley, { "data-column": "shapley" }),
        {
          value: b.se === null ? "—" : `± ${formatSci(2 * b.se)}`,
          attributes: { class: "cpp-num" },
        },
        num(b.se, { "data-column": "se" }),
        num(b.seSeeds, { "data-column": "seSeeds" }),
        {
          value: b.total === null ? String(b.present) : `${b.present} of ${b.total}`,
          attributes: {
            class: `cpp-num${b.total !== null && b.present < b.total / 2 ? " cpp-sparse" : ""}`,
            "data-present": b.present,
          },
        },
        { value: VERDICT_SHORT[b.verdict], attributes: { "data-verdict": b.verdict } },
      ],
    })),
  );
}
