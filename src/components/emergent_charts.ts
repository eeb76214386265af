/**
 * The charts of the emergent page: predicted against actual for every large model on one target
 * task, a panel per approach (collaborative methods and the two scaling laws), and the scaling
 * laws' family fits as curves with the small members' actual scores and the large members' actual
 * and extrapolated ones.
 *
 * @example
 * ```ts
 * document.body.append(emergentScatter(report, { task: "GSM8K(4-shot)", width: 900 }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h } from "./_dom.js";
import {
  approachColors,
  approachLabel,
  approachOrder,
  formatPoints,
  formatThreshold,
} from "./_analyses.js";
import type { EmergentJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export interface EmergentChartOptions extends RenderOptions {
  /** A target task (default: the first). */
  task?: string;
  width?: number;
}

/** Panels in rows of at most `cols`: fx is the column, fy the row. */
function grid<T extends string>(keys: readonly T[], cols: number) {
  return new Map(keys.map((k, i) => [k, { fx: i % cols, fy: Math.floor(i / cols) }]));
}

/** One target task's predictions, per approach, with each approach's panel. */
export function emergentScatterData(report: EmergentJson, task: string, cols: number) {
  const approaches = approachOrder(report.approaches);
  const cells = grid(approaches, cols);
  const points = report.predictions.filter((p) => p.task === task).map((p) => ({
    ...p,
    label: approachLabel(p.approach),
    ...cells.get(p.approach)!,
  })).filter((p) => p.fx !== undefined);
  const panels = approaches.map((a) => ({
    approach: a,
    label: approachLabel(a),
    n: points.filter((p) => p.approach === a).length,
    ...cells.get(a)!,
  }));
  return { approaches, points, panels };
}

/** Predicted against actual on one task, one panel per approach, y = x in each. */
export function emergentScatter(
  report: EmergentJson,
  options: EmergentChartOptions = {},
): HTMLElement {
  const doc = documentOf(options, "emergentScatter");
  const task = options.task ?? report.targets[0];
  const width = Math.max(320, options.width ?? 640);
  const cols = Math.max(1, Math.min(4, Math.floor(width / 220)));
  const { approaches, points, panels } = emergentScatterData(report, task, cols);
  const values = points.flatMap((p) => [p.actual, p.predicted]).filter(Number.isFinite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const rows = Math.ceil(panels.length / cols);
  const panel = (width - 60) / cols;
  const color = approachColors(approaches);
  const plot = Plot.plot({
    document: doc,
    width,
    height: 40 + rows * panel,
    marginLeft: 50,
    marginBottom: 40,
    marginTop: 10,
    x: { domain: [lo, hi], label: "Actual score →", grid: true, ticks: 4 },
    y: { domain: [lo, hi], label: "↑ Predicted", grid: true, ticks: 4 },
    fx: { axis: null, domain: [...Array(cols).keys()] },
    fy: { axis: null, domain: [...Array(rows).keys()] },
    color: { ...color, type: "categorical" },
    marks: [
      Plot.frame({ strokeOpacity: 0.2 }),
      Plot.link(panels, {
        x1: () => lo,
        y1: () => lo,
        x2: () => hi,
        y2: () => hi,
        fx: "fx",
        fy: "fy",
        stroke: "currentColor",
        strokeOpacity: 0.4,
        className: "cpp-diagonal",
      }),
      Plot.text(panels, {
        fx: "fx",
        fy: "fy",
        text: (d: { label: string; n: number }) =>
          d.n ? d.label : `${d.label}: no prediction on this task`,
        frameAnchor: "top-left",
        dx: 4,
        dy: 4,
        lineWidth: panel / 7,
        className: "cpp-panel-label",
      }),
      Plot.dot(points, {
        x: "actual",
        y: "predicted",
        fx: "fx",
        fy: "fy",
        fill: "label",
        r: 3.5,
        fillOpacity: 0.85,
        className: "cpp-predictions",
        channels: { Model: "model", Family: "family", Approach: "label" },
        tip: {
          format: {
            fx: false,
            fy: false,
            fill: false,
            x: (x: number) => formatPoints(x, 1),
            y: (y: number) => formatPoints(y, 1),
          },
        },
      }),
    ],
  });
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-emergent-scatter",
      "data-chart": "emergent-scatter",
      "data-task": task,
      "data-points": points.length,
      "data-panels": panels.length,
    },
    plot,
    h(
      doc,
      "figcaption",
      {},
      `${task}: each dot is a large model (more than ${formatThreshold(report.threshold)} ` +
        "parameters) with a score, placed at its actual score and the approach's prediction " +
        "(the mean over seeds for the collaborative methods); on the diagonal the prediction " +
        "is exact, below it too low. Hover a dot for the model.",
    ),
  );
}

export interface EmergentCurveOptions extends EmergentChartOptions {
  /** "log-linear" (score against log10 params, default) or "sigmoid" (against log10 compute). */
  law?: "log-linear" | "sigmoid";
}

/** The fitted families of (task, law), their curves, and their members' points. */
export function emergentCurveData(
  report: EmergentJson,
  task: string,
  law: "log-linear" | "sigmoid",
) {
  const fits = report.fits.filter((f) => f.task === task && f.law === law && f.status === "fitted")
    .sort((a, b) => a.family.localeCompare(b.family, "en"));
  const families = fits.map((f) => f.family);
  const curve = report.curves.filter((c) =>
    c.task === task && c.law === law && families.includes(c.family)
  );
  const haveMembers = report.points !== undefined;
  const xOf = (p: { log10Params: number; log10Compute: number | null }) =>
    law === "log-linear" ? p.log10Params : p.log10Compute;
  const members = (report.points ?? []).filter((p) =>
    p.task === task && families.includes(p.family) && xOf(p) !== null
  ).map((p) => ({ ...p, x: xOf(p) as number }));
  const small = members.filter((p) =>
    p.group === "small" && fits.find((f) => f.family === p.family)!.small.includes(p.model)
  );
  const approach = law === "log-linear" ? "scaling-law-linear" : "scaling-law-sigmoid";
  const xByModel = new Map(members.map((m) => [m.model, m.x]));
  // Without member points, a large model's log10 params still follow from its parameter count.
  const largeX = (model: string, paramsM: number) =>
    xByModel.get(model) ??
      (law === "log-linear" && !haveMembers ? Math.log10(paramsM * 1e6) : null);
  const large = report.predictions.filter((p) =>
    p.task === task && p.approach === approach && p.family !== null &&
    families.includes(p.family)
  ).map((p) => ({ ...p, x: largeX(p.model, p.paramsM) }))
    .filter((p): p is typeof p & { x: number } => p.x !== null);
  return { fits, families, curve, small, large, haveMembers };
}

/** The family fits of one law on one task: curve, small members, large actual and predicted. */
export function emergentCurves(
  report: EmergentJson,
  options: EmergentCurveOptions = {},
): HTMLElement {
  const doc = documentOf(options, "emergentCurves");
  const task = options.task ?? report.targets[0];
  const law = options.law ?? "log-linear";
  const width = Math.max(320, options.width ?? 640);
  const { families, curve, small, large, haveMembers } = emergentCurveData(report, task, law);
  const xLabel = law === "log-linear"
    ? "log10 parameters →"
    : `log10 training compute (FLOPs, ${report.compute}) →`;
  let plot: Element;
  if (families.length === 0) {
    plot = Plot.plot({
      document: doc,
      width,
      height: 80,
      x: { axis: null, domain: [0, 1] },
      y: { axis: null, domain: [0, 1] },
      marks: [
        Plot.frame({ strokeOpacity: 0.2 }),
        Plot.text([`No family could be fitted with the ${law} law on ${task}.`], {
          x: 0.5,
          y: 0.5,
          text: (d: string) => d,
          className: "cpp-empty",
        }),
      ],
    });
  } else {
    const cols = Math.max(1, Math.min(families.length, 3, Math.floor(width / 260)));
    const cells = grid(families, cols);
    const at = <T extends { family: string | null }>(rows: readonly T[]) =>
      rows.map((r) => ({ ...r, ...cells.get(r.family as string)! }));
    const rows = Math.ceil(families.length / cols);
    const panel = Math.min(320, (width - 60) / cols);
    const labels = families.map((f) => ({ family: f, ...cells.get(f)! }));
    const f = { fx: "fx", fy: "fy" } as const;
    plot = Plot.plot({
      document: doc,
      width: 60 + panel * cols,
      height: 50 + rows * panel * 0.8,
      marginLeft: 50,
      marginBottom: 40,
      marginTop: 10,
      x: { label: xLabel, grid: true, ticks: 4, inset: 10 },
      y: { label: "↑ Score", grid: true, ticks: 5, inset: 6 },
      fx: { axis: null, domain: [...Array(cols).keys()] },
      fy: { axis: null, domain: [...Array(rows).keys()] },
      marks: [
        Plot.frame({ strokeOpacity: 0.2 }),
        Plot.text(labels, {
          ...f,
          text: "family",
          frameAnchor: "top-left",
          dx: 4,
          dy: 4,
          fontWeight: "bold",
        }),
        Plot.line(at(curve), {
          ...f,
          x: "x",
          y: "score",
          z: "family",
          stroke: "currentColor",
          strokeOpacity: 0.7,
          className: "cpp-curve",
        }),
        Plot.link(at(large), {
          ...f,
          x1: "x",
          x2: "x",
          y1: "actual",
          y2: "predicted",
          stroke: "#d62728",
          strokeDasharray: "3,2",
          strokeOpacity: 0.7,
        }),
        Plot.dot(at(small), {
          ...f,
          x: "x",
          y: "actual",
          r: 4,
          fill: "currentColor",
          className: "cpp-small",
          channels: { Model: "model", Member: () => "small (fitted on)" },
          tip: { format: { fx: false, fy: false } },
        }),
        Plot.dot(at(large), {
          ...f,
          x: "x",
          y: "actual",
          r: 4.5,
          fill: "#d62728",
          className: "cpp-large-actual",
          channels: { Model: "model", Member: () => "large: actual" },
          tip: { format: { fx: false, fy: false } },
        }),
        Plot.dot(at(large), {
          ...f,
          x: "x",
          y: "predicted",
          r: 4.5,
          symbol: "times",
          stroke: "#d62728",
          strokeWidth: 2,
          className: "cpp-large-predicted",
          channels: { Model: "model", Member: () => "large: extrapolated" },
          tip: { format: { fx: false, fy: false } },
        }),
      ],
    });
  }
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-emergent-curves",
      "data-chart": "emergent-curves",
      "data-task": task,
      "data-law": law,
      "data-families": families.length,
      "data-small": small.length,
      "data-large": large.length,
    },
    plot,
    h(
      doc,
      "figcaption",
      {},
      `${task}, ${
        law === "log-linear"
          ? "log-linear law: score = a + b·log10(params)"
          : "sigmoid law: score = lo + (hi − lo)·σ(α + β·(log10 compute − c)), lo and hi the " +
            "task's 0-100 range"
      }, fitted per family on its small members. Black dots: the small members the fit used; ` +
        "red dots: the large members' actual scores; red crosses: the law's extrapolation, " +
        "joined to the actual score by a dashed line. Only families with a fit are drawn (see " +
        "the table below for the others)." +
        (haveMembers ? "" : " The data has no member points: the small members are not drawn" +
          (law === "sigmoid" ? ", nor the large ones (their compute is not in the data)." : ".")),
    ),
  );
}
