/**
 * The BenchPress protocol page and the predict page's probe set: our methods on BenchPress's
 * held-out folds beside its published numbers (a table and a chart), new releases by K known
 * scores, the probe set's error as probes are added, and the command that reproduces each number.
 * BenchPress's figures are always drawn grey and labeled as theirs.
 *
 * @example
 * ```ts
 * document.body.append(benchpressFoldsTable(report), probeChart(probes, { width: 640 }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { approachColors, approachLabel, formatPoints, simpleTable } from "./_analyses.js";
import { documentOf, formatPercent, h } from "./_dom.js";
import type { BenchpressJson, ProbeSetJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** Options of the charts. */
export interface ChartOptions extends RenderOptions {
  width?: number;
}

const PEER = "BenchPress (published)";
const PEER_COLOR = "#888";

/** BenchPress's published MedAE by K (or probes) under one protocol, as points at `x`. */
function peerDots<X extends string>(
  figures: readonly { protocol: string; medae: Readonly<Record<string, number>> }[],
  protocol: string,
  x: X,
): (Record<X, number> & { medae: number })[] {
  const peer = figures.find((p) => p.protocol === protocol);
  return Object.entries(peer?.medae ?? {}).map(([k, medae]) =>
    ({ [x]: Number(k), medae }) as Record<X, number> & { medae: number }
  );
}

/** A chart in the figure every chart of the report sits in. */
function figure(doc: Document, name: string, chart: Element): HTMLElement {
  return h(doc, "figure", { class: "cpp-chart", "data-chart": name }, chart);
}

/** The held-out folds: each method's pooled metrics, and BenchPress's published row last. */
export function benchpressFoldsTable(
  report: BenchpressJson,
  options: RenderOptions = {},
): HTMLElement {
  const doc = documentOf(options, "benchpressFoldsTable");
  const num = (value: string) => ({ value, attributes: { class: "cpp-num" } });
  const peer = report.peer.holdout;
  return simpleTable(
    doc,
    { class: "cpp-benchpress-folds", "data-rows": report.folds.rows.length + 1 },
    null,
    [
      "Method",
      "MedAE (points)",
      "MedAPE",
      "Within 3 points",
      "Within 5 points",
      "90% interval coverage",
      "Median interval width",
      "Fit time (s)",
    ],
    [
      ...report.folds.rows.map((r) => ({
        attributes: { "data-method": r.method },
        cells: [
          approachLabel(r.method),
          num(formatPoints(r.medae, 2)),
          num(`${formatPoints(r.medape, 1)}%`),
          num(formatPercent(r.within3)),
          num(formatPercent(r.within5)),
          num(r.coverage === null ? "—" : r.coverage.toFixed(3)),
          num(formatPoints(r.intervalWidth, 1)),
          num(r.fitSeconds.toFixed(1)),
        ],
      })),
      {
        attributes: { "data-method": "benchpress", class: "cpp-peer" },
        cells: [
          PEER,
          num(peer.medae.toFixed(2)),
          num(`${peer.medape.toFixed(1)}%`),
          num(formatPercent(peer.within3)),
          num(formatPercent(peer.within5)),
          num(peer.coverage.toFixed(3)),
          num(peer.intervalWidth.toFixed(1)),
          num("—"),
        ],
      },
    ],
  );
}

/** MedAE per method on the held-out folds, with BenchPress's published MedAE as a grey rule. */
export function benchpressFoldsChart(report: BenchpressJson, options: ChartOptions = {}): Element {
  const doc = documentOf(options, "benchpressFoldsChart");
  return figure(doc, "benchpress-folds", foldsPlot(report, doc, options.width));
}

function foldsPlot(report: BenchpressJson, doc: Document, width = 640): Element {
  const rows = report.folds.rows;
  const peer = report.peer.holdout.medae;
  return Plot.plot({
    document: doc,
    width,
    height: 60 + 36 * rows.length,
    marginLeft: 190,
    style: { fontSize: "12px" },
    x: { label: "MedAE on the held-out cells (points)", grid: true, zero: true },
    y: { label: null, domain: rows.map((r) => approachLabel(r.method)) },
    color: approachColors(rows.map((r) => r.method)),
    marks: [
      Plot.barX(rows, {
        x: "medae",
        y: (r) => approachLabel(r.method),
        fill: (r) => approachLabel(r.method),
        tip: true,
      }),
      Plot.text(rows, {
        x: "medae",
        y: (r) => approachLabel(r.method),
        text: (r) => r.medae.toFixed(2),
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([peer], { stroke: PEER_COLOR, strokeDasharray: "4 3", strokeWidth: 2 }),
      Plot.text([peer], {
        x: (d) => d,
        frameAnchor: "top",
        text: () => `${PEER}: ${peer.toFixed(2)}`,
        dy: -2,
        fill: PEER_COLOR,
        textAnchor: "start",
        dx: 4,
      }),
    ],
  }) as Element;
}

/**
 * New releases: pooled MedAE of the hidden cells by K known scores, per method, with BenchPress's
 * hidden-cells-only figures (the comparable protocol) as grey diamonds.
 */
export function releaseChart(report: BenchpressJson, options: ChartOptions = {}): Element {
  const doc = documentOf(options, "releaseChart");
  const rows = report.newRelease.rows;
  const methods = [...new Set(rows.map((r) => r.method))];
  const colors = approachColors(methods);
  const peer = peerDots(report.peer.newRelease, "hidden cells only", "known");
  return figure(
    doc,
    "new-releases",
    Plot.plot({
      document: doc,
      width: options.width ?? 640,
      height: 320,
      style: { fontSize: "12px" },
      x: { label: "scores of the new release known (K)", ticks: rows.map((r) => r.known) },
      y: { label: "MedAE of its other scores (points)", grid: true, zero: true },
      color: {
        legend: true,
        domain: [...colors.domain, PEER],
        range: [...colors.range, PEER_COLOR],
      },
      marks: [
        Plot.line(rows, { x: "known", y: "medae", stroke: (r) => approachLabel(r.method) }),
        Plot.dot(rows, { x: "known", y: "medae", fill: (r) => approachLabel(r.method), tip: true }),
        Plot.dot(peer, { x: "known", y: "medae", stroke: () => PEER, symbol: "diamond", r: 5 }),
      ],
    }) as Element,
  );
}

/** The probe set's error on held-out models as probes are added, beside BenchPress's figures. */
export function probeChart(probes: ProbeSetJson, options: ChartOptions = {}): Element {
  const doc = documentOf(options, "probeChart");
  const peer = peerDots(probes.peer ?? [], "held-out models", "step")
    .filter((p) => p.step <= probes.steps.length);
  return figure(
    doc,
    "probes",
    Plot.plot({
      document: doc,
      width: options.width ?? 640,
      height: 300,
      style: { fontSize: "12px" },
      x: { label: "probe benchmarks measured", ticks: probes.steps.map((s) => s.step) },
      y: { label: "MedAE of a held-out model's other scores (points)", grid: true, zero: true },
      marks: [
        Plot.line(probes.steps, { x: "step", y: "medae", stroke: "steelblue" }),
        Plot.dot(probes.steps, { x: "step", y: "medae", fill: "steelblue", tip: true }),
        Plot.text(probes.steps, { x: "step", y: "medae", text: "task", dy: -10, fontSize: 12 }),
        Plot.dot(peer, { x: "step", y: "medae", stroke: PEER_COLOR, symbol: "diamond", r: 5 }),
      ],
    }) as Element,
  );
}

/**
 * "Measure these first": the probe set in order, with the error each step leaves on models the
 * choice never saw, and the command that prints it.
 */
export function probeList(probes: ProbeSetJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "probeList");
  return h(
    doc,
    "div",
    { class: "cpp-probes" },
    h(
      doc,
      "ol",
      {},
      ...probes.steps.map((s) =>
        h(
          doc,
          "li",
          { "data-task": s.task },
          h(doc, "strong", {}, s.task),
          ` (then MedAE ${formatPoints(s.medae, 2)} points on the other benchmarks)`,
        )
      ),
    ),
    h(
      doc,
      "p",
      { class: "muted" },
      `Chosen by greedy forward selection with ${approachLabel(probes.method)} on ` +
        `${probes.selectionModels} models, judged on ${probes.heldOutModels} others the choice ` +
        "never saw. ",
      h(doc, "code", {}, probes.command),
    ),
  );
}

/** A command line to copy. */
export function commandLine(command: string, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "commandLine");
  return h(doc, "pre", { class: "cpp-command" }, h(doc, "code", {}, command));
}
