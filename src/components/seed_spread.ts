/**
 * The spread of one metric over the seeds: a dot per (method, seed), a tick at each method's
 * mean, and on the cpp scale the paper's value for the comparable metrics (MSE, L1).
 *
 * @example
 * ```ts
 * document.body.append(seedSpread(report, { scale: "cpp", metric: "mse", width: 800 }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h, maxLabelWidth } from "./_dom.js";
import { formatMetric, methodLabel, methodOrder, metricInfo } from "./_methods.js";
import type { MethodsJson, Scale } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export interface SeedSpreadOptions extends RenderOptions {
  scale?: Scale;
  /** A metric id of the per-seed rows (default "mse"). */
  metric?: string;
  /** Available width in pixels (default 640). */
  width?: number;
}

/** The metrics whose paper values are comparable with ours (PROTOCOL.md, "Metrics"). */
const PAPER_COMPARABLE = new Set(["mse", "l1"]);

/** The points of the chart: per-seed values, per-method means, and the paper's values. */
export function seedSpreadData(report: MethodsJson, scale: Scale, metric: string) {
  const seeds = report.perSeed
    .filter((d) => d.scale === scale && d.metric === metric)
    .filter((d): d is typeof d & { value: number } => d.value !== null && Number.isFinite(d.value))
    .map((d) => ({ method: d.method, label: methodLabel(d.method), seed: d.seed, value: d.value }));
  const methods = methodOrder(seeds.map((d) => d.method));
  const means = methods.map((method) => {
    const values = seeds.filter((d) => d.method === method).map((d) => d.value);
    return {
      method,
      label: methodLabel(method),
      value: values.reduce((a, b) => a + b, 0) / values.length,
      seeds: values.length,
    };
  });
  const paper = scale === "cpp" && PAPER_COMPARABLE.has(metric)
    ? report.paper
      .filter((p) => methods.includes(p.method))
      .map((p) => ({
        method: p.method,
        label: methodLabel(p.method),
        value: (p as unknown as Record<string, { mean: number }>)[metric].mean,
      }))
    : [];
  return { seeds, means, paper, methods };
}

export function seedSpread(
  report: MethodsJson,
  options: SeedSpreadOptions = {},
): HTMLElement {
  const doc = documentOf(options, "seedSpread");
  const scale = options.scale ?? "cpp";
  const metric = options.metric ?? "mse";
  const info = metricInfo(metric);
  const { seeds, means, paper, methods } = seedSpreadData(report, scale, metric);
  const labels = methods.map((m) => methodLabel(m));
  const marginLeft = Math.min(240, Math.max(60, maxLabelWidth(labels))) + 14;
  const format = (x: number) => formatMetric(info.kind, x);
  const plot = Plot.plot({
    document: doc,
    width: Math.max(320, options.width ?? 640),
    height: 50 + labels.length * 34,
    marginLeft,
    marginRight: 24,
    x: {
      label: `${info.label} (${info.lowerIsBetter ? "lower" : "higher"} is better) →`,
      grid: true,
      nice: true,
      percent: info.kind === "share",
      zero: info.kind === "share",
    },
    y: { domain: labels, label: null, padding: 0.4 },
    marks: [
      Plot.dot(seeds, {
        x: "value",
        y: "label",
        r: 3,
        fill: "var(--theme-foreground-focus, steelblue)",
        fillOpacity: 0.45,
        className: "cpp-seed",
        ariaDescription: "one dot per seed",
        channels: { Method: "label", Seed: "seed" },
        tip: { format: { y: false, x: format } },
      }),
      Plot.tickX(means, {
        x: "value",
        y: "label",
        stroke: "currentColor",
        strokeWidth: 2.5,
        className: "cpp-mean",
        ariaDescription: "mean over the seeds",
      }),
      Plot.dot(paper, {
        x: "value",
        y: "label",
        symbol: "diamond",
        r: 5,
        stroke: "#d62728",
        strokeWidth: 2,
        fill: "none",
        className: "cpp-paper",
        ariaDescription: "the paper's value",
      }),
    ],
  });
  const counts = new Set(means.map((m) => m.seeds));
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-seed-spread",
      "data-chart": "seed-spread",
      "data-scale": scale,
      "data-metric": metric,
      "data-methods": methods.length,
      "data-points": seeds.length,
    },
    plot,
    h(
      doc,
      "figcaption",
      {},
      `${info.label} on the ${scale} scale: ${info.definition}. One dot per seed ` +
        `(${[...counts].join(" or ")} seeds per method), the bar is the mean` +
        (paper.length > 0
          ? "; the red diamond is the paper's published mean."
          : PAPER_COMPARABLE.has(metric) && scale === "cpp"
          ? "; none of the paper's methods is among these, so no paper value is marked."
          : PAPER_COMPARABLE.has(metric)
          ? "; the paper's values are on the cpp scale only."
          : "; the paper has no comparable value for this metric."),
    ),
  );
}
