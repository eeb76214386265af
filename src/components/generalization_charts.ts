/**
 * The charts of the generalization page: error against K per method on one axis (new models or
 * new tasks), the paper's new-task points beside ours on its four tasks, and the error of every
 * target at one K for one method. A method that cannot predict a cold entity has no mark at K = 0
 * (it did not run: its error is unknown, not zero) and is listed under the chart with the reason.
 *
 * @example
 * ```ts
 * document.body.append(generalizationCurves(report, { axis: "model", metric: "mse" }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h, maxLabelWidth } from "./_dom.js";
import {
  approachColors,
  approachLabel,
  approachOrder,
  axisTitle,
  emptyPlot,
  errorMetric,
  reasonList,
} from "./_analyses.js";
import { formatMetric } from "./_methods.js";
import type {
  GeneralizationAxis,
  GeneralizationJson,
  GeneralizationRowJson,
} from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** The error metrics a generalization row carries. */
export type ErrorMetricId = "mse" | "l1" | "maePoints";

export interface CurveOptions extends RenderOptions {
  /** "model" (CPP-K, default) or "task" (CPP-T-K). */
  axis?: GeneralizationAxis;
  /** Default "mse". */
  metric?: ErrorMetricId;
  /** Available width in pixels (default 640). */
  width?: number;
}

/** The methods of the report in display order. */
export function generalizationMethods(report: GeneralizationJson): string[] {
  return approachOrder(report.rows.map((r) => r.method));
}

function formatError(metric: ErrorMetricId, x: number | null): string {
  return formatMetric(errorMetric(metric).kind, x);
}

/**
 * The chart's data on one axis: a point per (method, K) that ran, and every (method, K) that did
 * not run with the reason.
 */
export function curveData(
  report: GeneralizationJson,
  axis: GeneralizationAxis,
  metric: ErrorMetricId,
) {
  const rows = report.rows.filter((r) => r.axis === axis);
  const methods = approachOrder(rows.map((r) => r.method));
  const ran = (r: GeneralizationRowJson) => r.status === "ok" && Number.isFinite(r[metric] ?? NaN);
  const points = rows.filter(ran).map((r) => ({
    method: r.method,
    label: approachLabel(r.method),
    known: r.known,
    value: r[metric] as number,
    targets: r.targets,
    cells: r.cells,
  }));
  const absent = rows.filter((r) => !ran(r)).map((r) => ({
    method: r.method,
    label: approachLabel(r.method),
    known: r.known,
    status: r.status,
    reason: r.reason ?? r.status,
  }));
  return { methods, points, absent };
}

/** Error against K per method on one axis, with the methods absent at some K listed. */
export function generalizationCurves(
  report: GeneralizationJson,
  options: CurveOptions = {},
): HTMLElement {
  const doc = documentOf(options, "generalizationCurves");
  const axis = options.axis ?? "model";
  const metric = options.metric ?? "mse";
  const info = errorMetric(metric);
  const { methods, points, absent } = curveData(report, axis, metric);
  const color = approachColors(methods);
  const format = (x: number) => formatError(metric, x);
  const plot = Plot.plot({
    document: doc,
    width: Math.max(320, options.width ?? 640),
    height: 320,
    marginLeft: 60,
    marginRight: 20,
    x: { label: "K: scores of the target known →", ticks: report.ks, tickFormat: "d" },
    y: { label: `↑ ${info.label}`, grid: true, zero: true, nice: true },
    color: { ...color, type: "categorical" },
    marks: [
      Plot.line(points, {
        x: "known",
        y: "value",
        z: "label",
        stroke: "label",
        strokeWidth: 1.8,
        className: "cpp-line",
      }),
      Plot.dot(points, {
        x: "known",
        y: "value",
        fill: "label",
        r: 3.5,
        className: "cpp-point",
        channels: { Method: "label", Targets: "targets" },
        tip: { format: { fill: false, x: (k: number) => `K = ${k}`, y: format } },
      }),
    ],
  });
  const legend = plot.legend("color") as HTMLElement;
  legend.classList.add("cpp-swatches");
  const list = reasonList(
    doc,
    "cpp-absent",
    "Not shown where they did not run (no value, not a zero):",
    absent.map((a) => ({
      name: `${a.label} at K = ${a.known}`,
      reason: a.reason,
      attributes: { "data-method": a.method, "data-known": a.known },
    })),
  );
  const targets = report.axes.find((a) => a.axis === axis)?.targets.length ?? 0;
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-generalization-curve",
      "data-chart": "generalization-curve",
      "data-axis": axis,
      "data-metric": metric,
      "data-points": points.length,
      "data-absent": absent.length,
    },
    legend,
    plot,
    h(
      doc,
      "figcaption",
      {},
      `${info.label} on ${axisTitle(axis)}: ${info.definition}, averaged over the ` +
        `${targets} targets (each target weighs the same) and ${report.seeds} ` +
        `seed${report.seeds === 1 ? "" : "s"}. K is how many of the target's scores training sees.`,
    ),
    list,
  );
}

export interface PaperTaskOptions extends RenderOptions {
  width?: number;
}

/** Our per-task MSE (every method, every K) on the paper's new-task targets, and the paper's. */
export function paperTaskData(report: GeneralizationJson) {
  const tasks: string[] = [...new Set(report.paper.map((p) => p.task))];
  const ours = report.perTarget
    .filter((t) => t.axis === "task" && tasks.includes(t.target) && Number.isFinite(t.mse))
    .map((t) => ({
      task: t.target,
      method: t.method,
      label: approachLabel(t.method),
      known: t.known,
      mse: t.mse,
    }));
  const paper = report.paper.map((p) => ({ task: p.task, known: p.k, mse: p.mse }));
  const methods = approachOrder(ours.map((o) => o.method));
  const missing = tasks.filter((t) => !ours.some((o) => o.task === t));
  return { tasks, ours, paper, methods, missing };
}

/** The paper's four new tasks, one panel each: our MSE against K per method, the paper's marked. */
export function paperTaskChart(
  report: GeneralizationJson,
  options: PaperTaskOptions = {},
): HTMLElement {
  const doc = documentOf(options, "paperTaskChart");
  const { tasks, ours, paper, methods, missing } = paperTaskData(report);
  const color = approachColors(methods);
  const width = Math.max(320, options.width ?? 640);
  const plot = Plot.plot({
    document: doc,
    width,
    height: 300,
    marginLeft: 60,
    marginRight: 10,
    marginTop: 30,
    x: { label: "K →", ticks: report.ks, tickFormat: "d", inset: 8 },
    y: { label: "↑ MSE of the task", grid: true, zero: true, nice: true },
    fx: { domain: tasks, label: null },
    color: { ...color, type: "categorical" },
    marks: [
      Plot.frame({ strokeOpacity: 0.15 }),
      Plot.line(ours, {
        x: "known",
        y: "mse",
        fx: "task",
        z: "label",
        stroke: "label",
        strokeWidth: 1.5,
        className: "cpp-ours-line",
      }),
      Plot.dot(ours, {
        x: "known",
        y: "mse",
        fx: "task",
        fill: "label",
        r: 3,
        className: "cpp-ours",
        channels: { Method: "label", Task: "task" },
        tip: { format: { fill: false, fx: false, x: (k: number) => `K = ${k}` } },
      }),
      Plot.dot(paper, {
        x: "known",
        y: "mse",
        fx: "task",
        symbol: "diamond",
        r: 6,
        stroke: "#d62728",
        strokeWidth: 2,
        fill: "none",
        className: "cpp-paper",
        channels: { Source: () => "the paper", Task: "task" },
        tip: { format: { fx: false, x: (k: number) => `K = ${k}` } },
      }),
    ],
  });
  const legend = plot.legend("color") as HTMLElement;
  legend.classList.add("cpp-swatches");
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-paper-tasks",
      "data-chart": "paper-tasks",
      "data-tasks": tasks.length,
      "data-ours": ours.length,
      "data-paper": paper.length,
    },
    legend,
    plot,
    h(
      doc,
      "figcaption",
      {},
      "Red diamonds: the paper's CPP-T-0 and CPP-T-2 MSE on these tasks. Dots: ours, the MSE of " +
        "that task as a new task, per method and K. The paper's values are on its own cpp scale " +
        "(per model) and its own split, ours on the task scale with the target task on its unit " +
        "range, so the two are only roughly comparable: read the order of magnitude and the " +
        "direction from K = 0 to K = 2, not the exact gap." +
        (missing.length
          ? ` Not among our new-task targets: ${missing.join(", ")} (only the paper's marks).`
          : ""),
    ),
  );
}

export interface TargetErrorOptions extends RenderOptions {
  axis?: GeneralizationAxis;
  /** K (default: the smallest K the method ran at). */
  known?: number;
  /** Default: the first method in display order. */
  method?: string;
  metric?: ErrorMetricId;
  width?: number;
}

/** Every target's error at (axis, K) for one method, hardest first, and the other methods'. */
export function targetErrorData(
  report: GeneralizationJson,
  axis: GeneralizationAxis,
  known: number,
  method: string,
  metric: ErrorMetricId,
) {
  const atK = report.perTarget.filter((t) =>
    t.axis === axis && t.known === known && Number.isFinite(t[metric])
  );
  const chosen = atK.filter((t) => t.method === method)
    .map((t) => ({ target: t.target, value: t[metric], cells: t.cells }))
    .sort((a, b) => b.value - a.value || a.target.localeCompare(b.target, "en"));
  const order = new Set(chosen.map((c) => c.target));
  const others = atK.filter((t) => t.method !== method && order.has(t.target)).map((t) => ({
    target: t.target,
    value: t[metric],
    method: t.method,
    label: approachLabel(t.method),
  }));
  const row = report.rows.find((r) => r.axis === axis && r.known === known && r.method === method);
  return { chosen, others, row: row ?? null };
}

/** A dot per target (hardest on top) for the chosen method at K; the other methods faint. */
export function targetErrors(
  report: GeneralizationJson,
  options: TargetErrorOptions = {},
): HTMLElement {
  const doc = documentOf(options, "targetErrors");
  const axis = options.axis ?? "model";
  const metric = options.metric ?? "mse";
  const method = options.method ?? generalizationMethods(report)[0] ?? "";
  const known = options.known ??
    Math.min(
      ...report.rows.filter((r) => r.axis === axis && r.method === method && r.status === "ok")
        .map((r) => r.known),
    );
  const info = errorMetric(metric);
  const { chosen, others, row } = targetErrorData(report, axis, known, method, metric);
  const format = (x: number) => formatError(metric, x);
  const targets = chosen.map((c) => c.target);
  const width = Math.max(320, options.width ?? 640);
  const noun = axis === "model" ? "model" : "task";
  let plot: Element;
  if (chosen.length === 0) {
    const why = row && row.status !== "ok"
      ? `${approachLabel(method)} did not run at K = ${known}: ${row.reason ?? row.status}`
      : `No per-${noun} errors for ${approachLabel(method)} at K = ${known}`;
    plot = emptyPlot(doc, width, why);
  } else {
    plot = Plot.plot({
      document: doc,
      width,
      height: 50 + targets.length * 14,
      marginLeft: Math.min(260, Math.max(60, maxLabelWidth(targets))) + 10,
      marginRight: 20,
      x: { label: `${info.label} →`, grid: true, zero: true, nice: true, axis: "top" },
      y: { domain: targets, label: null, tickSize: 0 },
      marks: [
        Plot.dot(others, {
          x: "value",
          y: "target",
          r: 2,
          fill: "currentColor",
          fillOpacity: 0.18,
          className: "cpp-others",
          channels: { Method: "label" },
          tip: { format: { x: format, y: true } },
        }),
        Plot.ruleY(chosen, {
          y: "target",
          x1: 0,
          x2: "value",
          strokeOpacity: 0.25,
        }),
        Plot.dot(chosen, {
          x: "value",
          y: "target",
          r: 3.5,
          fill: "var(--theme-foreground-focus, steelblue)",
          className: "cpp-target",
          channels: { Cells: "cells" },
          tip: { format: { x: format, y: true } },
        }),
      ],
    });
  }
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-target-errors",
      "data-chart": "target-errors",
      "data-axis": axis,
      "data-known": known,
      "data-method": method,
      "data-metric": metric,
      "data-points": chosen.length,
      "data-status": row?.status ?? "missing",
    },
    plot,
    h(
      doc,
      "figcaption",
      {},
      `${info.label} of each ${noun} as the new ${noun}, for ${approachLabel(method)} at ` +
        `K = ${known}, hardest on top: the error over that ${noun}'s hidden scores of every ` +
        "seed. Faint dots: the other methods on the same target.",
    ),
  );
}
