/**
 * The HELM pilot's predictions against the gold scores, one panel per training share, with the
 * diagonal where a prediction is exact.
 *
 * @example
 * ```ts
 * document.body.append(pilotScatter(pilot, { width: 900 }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h } from "./_dom.js";
import { shareLabel } from "./_methods.js";
import type { HelmPilotJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export function pilotScatter(
  report: HelmPilotJson,
  options: RenderOptions & { width?: number } = {},
): HTMLElement {
  const doc = documentOf(options, "pilotScatter");
  const points = report.errors
    .filter((e) => Number.isFinite(e.gold) && Number.isFinite(e.predicted))
    .map((e) => ({ ...e, panel: `Trained on ${shareLabel(e.share)}` }));
  const panels = [...new Set(points.map((p) => p.panel))];
  const values = points.flatMap((p) => [p.gold, p.predicted]);
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const width = Math.max(320, options.width ?? 640);
  const panelSize = Math.min(360, (width - 60) / Math.max(1, panels.length));
  const plot = Plot.plot({
    document: doc,
    width: 60 + panelSize * panels.length,
    height: 60 + panelSize,
    marginLeft: 50,
    marginBottom: 40,
    x: { domain: [lo, hi], label: "Gold score →", grid: true },
    y: { domain: [lo, hi], label: "↑ Predicted", grid: true },
    fx: { domain: panels, label: null },
    marks: [
      Plot.link([{ x1: lo, y1: lo, x2: hi, y2: hi }], {
        x1: "x1",
        y1: "y1",
        x2: "x2",
        y2: "y2",
        stroke: "currentColor",
        strokeOpacity: 0.5,
      }),
      Plot.dot(points, {
        x: "gold",
        y: "predicted",
        fx: "panel",
        r: 1.8,
        fill: "var(--theme-foreground-focus, steelblue)",
        fillOpacity: 0.35,
        className: "cpp-points",
        channels: { Model: "model", Task: "task", Seed: "seed" },
        tip: {
          format: { fx: false, x: (x: number) => x.toFixed(3), y: (y: number) => y.toFixed(3) },
        },
      }),
    ],
  });
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-pilot-scatter",
      "data-chart": "pilot-scatter",
      "data-points": points.length,
    },
    plot,
    h(
      doc,
      "figcaption",
      {},
      "Each dot is a held-out (model, scenario) cell of one seed; on the diagonal the prediction " +
        "equals the gold score. Hover a dot for the model and the scenario.",
    ),
  );
}
