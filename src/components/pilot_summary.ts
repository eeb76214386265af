/**
 * The HELM pilot's error summary per training share: cells evaluated, mean and median absolute
 * error, and the share of cells predicted within 0.05 and within 0.1 of the gold score.
 *
 * @example
 * ```ts
 * document.body.append(pilotSummaryTable(pilot));
 * ```
 */
import { documentOf, formatInteger, formatPercent, h } from "./_dom.js";
import { shareLabel } from "./_methods.js";
import type { HelmPilotJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export function pilotSummaryTable(report: HelmPilotJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "pilotSummaryTable");
  const headers = [
    "Trained on",
    "Held-out cells",
    "MAE",
    "Median AE",
    "Within ±0.05",
    "Within ±0.1",
  ];
  return h(
    doc,
    "table",
    { class: "cpp-pilot-summary", "data-rows": report.summary.length },
    h(
      doc,
      "caption",
      {},
      "Absolute errors in the metric's own units (0-1), over every held-out cell of every seed.",
    ),
    h(doc, "thead", {}, h(doc, "tr", {}, ...headers.map((t) => h(doc, "th", {}, t)))),
    h(
      doc,
      "tbody",
      {},
      ...report.summary.map((s) =>
        h(
          doc,
          "tr",
          { "data-share": s.share },
          h(doc, "td", {}, `${shareLabel(s.share)} of the cells`),
          h(doc, "td", { class: "cpp-num" }, formatInteger(s.cells)),
          h(doc, "td", { class: "cpp-num", "data-key": "mae" }, s.mae.toFixed(3)),
          h(doc, "td", { class: "cpp-num", "data-key": "medianAe" }, s.medianAe.toFixed(3)),
          h(doc, "td", { class: "cpp-num" }, formatPercent(s.within05)),
          h(doc, "td", { class: "cpp-num" }, formatPercent(s.within10)),
        )
      ),
    ),
  );
}
