/**
 * The HELM pilot's errors as the slides show them: for each training share, a histogram of
 * predicted − gold over every held-out cell of every seed. The histograms share their bins and
 * axes so they compare at a glance; dashed lines mark ±0.05 and ±0.1.
 *
 * @example
 * ```ts
 * document.body.append(errorHistograms(pilot, { width: 900 }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, formatInteger, h } from "./_dom.js";
import { shareLabel } from "./_methods.js";
import type { HelmPilotJson, PilotError } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export interface ErrorHistogramOptions extends RenderOptions {
  /** Available width in pixels for all histograms together (default 640). */
  width?: number;
}

/** One bar: errors in [x1, x2) (the last bin includes x2), their count and share of the cells. */
export interface ErrorBin {
  readonly share: number;
  readonly x1: number;
  readonly x2: number;
  readonly count: number;
  readonly proportion: number;
}

export { shareLabel };

/**
 * Bins of one width for every share, symmetric around 0, covering every error. The width is
 * 0.02 (in the metric's 0-1 units) unless that makes more than 60 bins.
 */
export function errorBins(errors: readonly PilotError[]): ErrorBin[] {
  const finite = errors.filter((e) => Number.isFinite(e.error));
  const extent = Math.max(1e-9, ...finite.map((e) => Math.abs(e.error)));
  let step = 0.02;
  while ((2 * extent) / step > 60) step *= 2;
  const half = Math.ceil(extent / step - 1e-9);
  const n = 2 * half;
  const lo = -half * step;
  const shares = [...new Set(finite.map((e) => e.share))].sort((a, b) => a - b);
  return shares.flatMap((share) => {
    const counts = new Array<number>(n).fill(0);
    const cells = finite.filter((e) => e.share === share);
    for (const e of cells) {
      counts[Math.min(n - 1, Math.max(0, Math.floor((e.error - lo) / step)))] += 1;
    }
    return counts.map((count, i) => ({
      share,
      x1: Number((lo + i * step).toFixed(10)),
      x2: Number((lo + (i + 1) * step).toFixed(10)),
      count,
      proportion: count / cells.length,
    }));
  });
}

export function errorHistograms(
  report: HelmPilotJson,
  options: ErrorHistogramOptions = {},
): HTMLElement {
  const doc = documentOf(options, "errorHistograms");
  const bins = errorBins(report.errors);
  const shares = [...new Set(bins.map((b) => b.share))];
  const xDomain = bins.length ? [bins[0].x1, Math.max(...bins.map((b) => b.x2))] : [-0.1, 0.1];
  const yMax = Math.max(0.01, ...bins.map((b) => b.proportion));
  const available = options.width ?? 640;
  const width = Math.max(
    280,
    shares.length > 1 && available >= 640 ? available / 2 - 16 : available,
  );
  const figures = shares.map((share) => {
    const own = bins.filter((b) => b.share === share);
    const cells = own.reduce((a, b) => a + b.count, 0);
    const summary = report.summary.find((s) => s.share === share);
    const plot = Plot.plot({
      document: doc,
      width,
      height: 260,
      marginLeft: 50,
      x: { domain: xDomain, label: "Predicted − gold (metric units) →" },
      // With `percent`, the domain is in percent (Plot scales the values before the domain).
      y: {
        domain: [0, yMax * 100],
        percent: true,
        label: "↑ Share of held-out cells (%)",
        grid: true,
      },
      marks: [
        Plot.rectY(own.filter((b) => b.count > 0), {
          x1: "x1",
          x2: "x2",
          y: "proportion",
          inset: 0.5,
          fill: "var(--theme-foreground-focus, steelblue)",
          className: "cpp-bins",
          ariaDescription: `errors when trained on ${shareLabel(share)} of the cells`,
          channels: { Cells: "count" },
          tip: {
            format: {
              x1: (x: number) => x.toFixed(2),
              x2: (x: number) => x.toFixed(2),
              y: (y: number) => `${(y * 100).toFixed(1)}%`,
            },
          },
        }),
        Plot.ruleX([-0.1, -0.05, 0.05, 0.1], {
          stroke: "currentColor",
          strokeOpacity: 0.5,
          strokeDasharray: "3,3",
        }),
        Plot.ruleX([0], { stroke: "currentColor" }),
        Plot.ruleY([0]),
      ],
    });
    return h(
      doc,
      "figure",
      {
        class: "cpp-chart cpp-error-histogram",
        "data-chart": "error-histogram",
        "data-share": share,
        "data-cells": cells,
      },
      h(doc, "h3", {}, `Trained on ${shareLabel(share)} of the observed cells`),
      plot,
      h(
        doc,
        "figcaption",
        {},
        `${formatInteger(cells)} held-out cells over every seed` +
          (summary
            ? `; mean absolute error ${summary.mae.toFixed(3)}, ` +
              `${(summary.within10 * 100).toFixed(0)}% within ±0.1.`
            : "."),
      ),
    );
  });
  return h(
    doc,
    "div",
    { class: "grid grid-cols-2 cpp-histograms", "data-histograms": figures.length },
    ...figures,
  );
}
