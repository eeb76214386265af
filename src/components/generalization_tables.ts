/**
 * The generalization page's text and tables: the setup in numbers, the error table (method x K,
 * one per axis), the targets left out, the methods not run, and a reading computed from the
 * numbers.
 *
 * @example
 * ```ts
 * document.body.append(generalizationTable(report, { axis: "task", metric: "maePoints" }));
 * ```
 */
import { documentOf, formatInteger, h, readingList } from "./_dom.js";
import {
  approachLabel,
  approachOrder,
  axisTitle,
  changeText,
  errorMetric,
  FACTOR_METHODS,
  listText,
  reasonList,
  scrollTable,
} from "./_analyses.js";
import { BASELINE_METHODS, formatMetric, formatSci } from "./_methods.js";
import type {
  GeneralizationAxis,
  GeneralizationJson,
  GeneralizationRowJson,
} from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";
import type { ErrorMetricId } from "./generalization_charts.ts";

/** The setup in one paragraph: targets per axis, K values, seeds. */
export function generalizationSetup(
  report: GeneralizationJson,
  options: RenderOptions = {},
): HTMLElement {
  const doc = documentOf(options, "generalizationSetup");
  const count = (axis: GeneralizationAxis) =>
    report.axes.find((a) => a.axis === axis)?.targets.length ?? 0;
  const skipped = (axis: GeneralizationAxis) =>
    report.axes.find((a) => a.axis === axis)?.skipped.length ?? 0;
  const methods = approachOrder(report.rows.map((r) => r.method)).map(approachLabel);
  return h(
    doc,
    "p",
    { class: "cpp-generalization-setup" },
    `Data: ${report.title} (${report.dataset}). K = ${listText(report.ks.map(String))}; ` +
      `${report.seeds} seed${report.seeds === 1 ? "" : "s"} per target (each seed reveals a ` +
      "different K scores). New models: " +
      `${formatInteger(count("model"))} targets (${formatInteger(skipped("model"))} left out); ` +
      `new tasks: ${formatInteger(count("task"))} targets (${formatInteger(skipped("task"))} ` +
      `left out). Methods: ${listText(methods)}.`,
  );
}

export interface GeneralizationTableOptions extends RenderOptions {
  axis?: GeneralizationAxis;
  metric?: ErrorMetricId;
}

/** Method x K table of one metric on one axis; the best value per K in bold. */
export function generalizationTable(
  report: GeneralizationJson,
  options: GeneralizationTableOptions = {},
): HTMLElement {
  const doc = documentOf(options, "generalizationTable");
  const axis = options.axis ?? "model";
  const metric = options.metric ?? "mse";
  const info = errorMetric(metric);
  const rows = report.rows.filter((r) => r.axis === axis);
  const methods = approachOrder(rows.map((r) => r.method));
  const best = new Map<number, number>();
  for (const k of report.ks) {
    const values = rows.filter((r) => r.known === k && r.status === "ok")
      .map((r) => r[metric]).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length) best.set(k, Math.min(...values));
  }
  const cell = (r: GeneralizationRowJson | undefined, k: number) => {
    if (!r) return { value: "", attributes: { class: "cpp-num", "data-known": k } };
    const value = r[metric];
    if (r.status !== "ok" || value === null) {
      return {
        value: h(doc, "span", { class: "muted", title: r.reason ?? r.status }, "not run"),
        attributes: { class: "cpp-num cpp-not-run", "data-known": k, "data-status": r.status },
      };
    }
    return {
      value: formatMetric(info.kind, value),
      attributes: {
        class: `cpp-num${best.get(k) === value ? " cpp-best" : ""}`,
        "data-known": k,
        "data-value": value,
      },
    };
  };
  return scrollTable(
    doc,
    {
      class: "cpp-generalization-table",
      "data-axis": axis,
      "data-metric": metric,
      "data-rows": methods.length,
    },
    `${info.label} on ${axisTitle(axis)}, mean over targets; bold: the lowest at that K. ` +
      '"not run": the method cannot predict a target with no known score (hover for why).',
    ["Method", ...report.ks.map((k) => `K = ${k}`)],
    methods.map((m) => ({
      attributes: { "data-method": m },
      cells: [
        approachLabel(m),
        ...report.ks.map((k) => cell(rows.find((r) => r.method === m && r.known === k), k)),
      ],
    })),
  );
}

/** The targets each axis left out (too few observed scores for the largest K), with the reason. */
export function skippedTargets(
  report: GeneralizationJson,
  options: RenderOptions = {},
): HTMLElement | null {
  const doc = documentOf(options, "skippedTargets");
  const items = report.axes.flatMap((a) =>
    a.skipped.map((s) => ({
      name: `${a.axis === "model" ? "model" : "task"} ${s.target}`,
      reason: s.reason,
      attributes: { "data-axis": a.axis, "data-target": s.target },
    }))
  );
  return reasonList(doc, "cpp-skipped-targets", "Targets left out:", items);
}

/** The facts of the reading on one axis (MSE on the task scale). */
export interface AxisFacts {
  readonly axis: GeneralizationAxis;
  readonly targets: number;
  /** The K compared with K = 0: 2 when it was run, else the largest K. */
  readonly laterK: number | null;
  /** The method with the lowest MSE at `laterK`, its MSE there and at K = 0 (null: not run). */
  readonly reveal: {
    method: string;
    later: number;
    laterPoints: number | null;
    cold: number | null;
    coldReason: string | null;
  } | null;
  /** At K = 0: the lowest MSE overall, among factor methods, and among baselines. */
  readonly cold: {
    best: { method: string; mse: number } | null;
    bestFactor: { method: string; mse: number } | null;
    bestBaseline: { method: string; mse: number } | null;
    factorRun: readonly string[];
    notRun: readonly string[];
  };
  /** The three hardest targets for the `reveal` method at `laterK`. */
  readonly hardest: readonly { target: string; mse: number }[];
}

function lowest(rows: readonly GeneralizationRowJson[], methods?: readonly string[]) {
  const ok = rows.filter((r) =>
    r.status === "ok" && r.mse !== null && Number.isFinite(r.mse) &&
    (!methods || methods.includes(r.method))
  ).sort((a, b) => (a.mse as number) - (b.mse as number));
  return ok[0] ? { method: ok[0].method, mse: ok[0].mse as number } : null;
}

/** Computes the facts of one axis. */
export function axisFacts(report: GeneralizationJson, axis: GeneralizationAxis): AxisFacts {
  const rows = report.rows.filter((r) => r.axis === axis);
  const at = (k: number) => rows.filter((r) => r.known === k);
  const laterK = report.ks.includes(2)
    ? 2
    : report.ks.filter((k) => k > 0).sort((a, b) => b - a)[0] ?? null;
  const bestLater = laterK === null ? null : lowest(at(laterK));
  let reveal: AxisFacts["reveal"] = null;
  if (bestLater && laterK !== null) {
    const coldRow = at(0).find((r) => r.method === bestLater.method);
    const laterRow = at(laterK).find((r) => r.method === bestLater.method)!;
    reveal = {
      method: bestLater.method,
      later: bestLater.mse,
      laterPoints: laterRow.maePoints,
      cold: coldRow?.status === "ok" ? coldRow.mse : null,
      coldReason: coldRow && coldRow.status !== "ok" ? coldRow.reason ?? coldRow.status : null,
    };
  }
  const hardest = reveal && laterK !== null
    ? report.perTarget
      .filter((t) => t.axis === axis && t.known === laterK && t.method === reveal!.method)
      .sort((a, b) => b.mse - a.mse).slice(0, 3).map((t) => ({ target: t.target, mse: t.mse }))
    : [];
  const cold = at(0);
  return {
    axis,
    targets: report.axes.find((a) => a.axis === axis)?.targets.length ?? 0,
    laterK,
    reveal,
    cold: {
      best: lowest(cold),
      bestFactor: lowest(cold, FACTOR_METHODS),
      bestBaseline: lowest(cold, BASELINE_METHODS),
      factorRun: cold.filter((r) => FACTOR_METHODS.includes(r.method) && r.status === "ok")
        .map((r) => r.method),
      notRun: cold.filter((r) => r.status !== "ok").map((r) => r.method),
    },
    hardest,
  };
}

/** The paper's tasks on which our best K-score MSE is below the paper's, per K. */
export function paperComparison(report: GeneralizationJson) {
  return [...new Set(report.paper.map((p) => p.k))].sort((a, b) => a - b).map((k) => {
    const items = report.paper.filter((p) => p.k === k).map((p) => {
      const ours = report.perTarget.filter((t) =>
        t.axis === "task" && t.known === k && t.target === p.task && Number.isFinite(t.mse)
      ).sort((a, b) =>
        a.mse - b.mse
      )[0];
      return { task: p.task, paper: p.mse, ours: ours?.mse ?? null, method: ours?.method ?? null };
    });
    return { known: k, items };
  });
}

/** The reading as sentences, computed from the numbers. */
export function generalizationReading(report: GeneralizationJson): string[] {
  const sentences: string[] = [];
  for (const axis of ["model", "task"] as const) {
    const f = axisFacts(report, axis);
    const name = axis === "model" ? "New models" : "New tasks";
    if (!f.reveal || f.laterK === null) {
      sentences.push(`${name}: no method ran at any K above 0.`);
      continue;
    }
    const r = f.reveal;
    let s = `${name} (${f.targets} targets): at K = ${f.laterK} the lowest MSE is that of ` +
      `${approachLabel(r.method)}, ${formatSci(r.later)}` +
      (r.laterPoints !== null ? ` (MAE ${r.laterPoints.toFixed(1)} points)` : "") + ". ";
    if (r.cold !== null) {
      s += `Revealing ${f.laterK} score${f.laterK === 1 ? "" : "s"} takes it from ` +
        `${formatSci(r.cold)} at K = 0 to ${formatSci(r.later)} ` +
        `(${changeText(r.cold, r.later)}).`;
    } else {
      s += `It cannot predict a ${axis} with no known score (${r.coldReason ?? "not run"}).`;
    }
    sentences.push(s);
    const c = f.cold;
    if (c.bestFactor && c.bestBaseline) {
      sentences.push(
        `${name} at K = 0: the best factor method is ${approachLabel(c.bestFactor.method)} ` +
          `(MSE ${formatSci(c.bestFactor.mse)}), ` +
          (c.bestFactor.mse < c.bestBaseline.mse
            ? `below the best baseline, ${approachLabel(c.bestBaseline.method)} ` +
              `(${formatSci(c.bestBaseline.mse)}): the design factors help a cold start.`
            : `not below the best baseline, ${approachLabel(c.bestBaseline.method)} ` +
              `(${formatSci(c.bestBaseline.mse)}): here the design factors do not beat the ` +
              "averages of the other targets.") +
          (c.notRun.length ? ` ${listText(c.notRun.map(approachLabel))} cannot run at K = 0.` : ""),
      );
    } else if (c.best) {
      sentences.push(
        `${name} at K = 0: no method using design factors ran here, so only ` +
          `${listText(cold(report, axis).map(approachLabel))} predict a cold ${axis}; the best ` +
          `is ${approachLabel(c.best.method)} (MSE ${formatSci(c.best.mse)}).`,
      );
    }
    if (f.hardest.length) {
      sentences.push(
        `Hardest ${axis === "model" ? "models" : "tasks"} for ${approachLabel(r.method)} at ` +
          `K = ${f.laterK}: ${
            listText(f.hardest.map((t) => `${t.target} (MSE ${formatSci(t.mse)})`))
          }.`,
      );
    }
  }
  for (const { known, items } of paperComparison(report)) {
    const compared = items.filter((i) => i.ours !== null);
    if (compared.length === 0) continue;
    const below = compared.filter((i) => (i.ours as number) < i.paper);
    sentences.push(
      `The paper's tasks at K = ${known}: our lowest per-task MSE is below the paper's on ` +
        `${below.length} of ${compared.length}` +
        (below.length ? ` (${listText(below.map((i) => i.task))})` : "") +
        "; the scales and splits differ, so this is a rough comparison.",
    );
  }
  return sentences;
}

function cold(report: GeneralizationJson, axis: GeneralizationAxis): string[] {
  return approachOrder(report.rows.map((r) => r.method)).filter((m) =>
    report.rows.some((r) => r.axis === axis && r.known === 0 && r.method === m && r.status === "ok")
  );
}

/** The reading as a list. */
export function generalizationReadingView(
  report: GeneralizationJson,
  options: RenderOptions = {},
): HTMLElement {
  const doc = documentOf(options, "generalizationReadingView");
  return readingList(
    doc,
    { class: "cpp-reading cpp-generalization-reading" },
    generalizationReading(report),
  );
}
