/**
 * Training curves of the learned methods: the training MSE and the inner-validation MSE (the
 * cells held out of training for early stopping) against the epoch, seed 0, one panel per method.
 * Closed-form methods have no curve; the caption names them.
 *
 * @example
 * ```ts
 * document.body.append(trainingCurves(report, { scale: "cpp", width: 800 }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h } from "./_dom.js";
import { formatSci, methodLabel, methodOrder } from "./_methods.js";
import type { MethodsJson, Scale } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export interface TrainingCurvesOptions extends RenderOptions {
  scale?: Scale;
  /** Available width in pixels (default 640). */
  width?: number;
}

/** The series names, as the legend shows them. */
export const CURVE_SERIES = { train: "training MSE", valid: "inner-validation MSE" } as const;

/** Tidy curve points (finite, positive values only) and the methods without a curve. */
export function curveData(report: MethodsJson, scale: Scale) {
  const fits = report.fits.filter((f) => f.scale === scale);
  const order = methodOrder(fits.map((f) => f.method));
  const withCurve = order.filter((m) => fits.find((f) => f.method === m)!.curve.length > 0);
  const points = withCurve.flatMap((method) =>
    fits.find((f) => f.method === method)!.curve.flatMap((row) =>
      (["train", "valid"] as const).flatMap((key) => {
        const value = row[key];
        return value !== null && Number.isFinite(value) && value > 0
          ? [{
            method,
            label: methodLabel(method),
            epoch: row.epoch,
            series: CURVE_SERIES[key],
            value,
          }]
          : [];
      })
    )
  );
  return {
    points,
    methods: withCurve,
    closedForm: order.filter((m) => !withCurve.includes(m)),
  };
}

export function trainingCurves(
  report: MethodsJson,
  options: TrainingCurvesOptions = {},
): HTMLElement {
  const doc = documentOf(options, "trainingCurves");
  const scale = options.scale ?? "cpp";
  const { points, methods, closedForm } = curveData(report, scale);
  const closedText = closedForm.length === 0
    ? ""
    : ` ${closedForm.map((m) => methodLabel(m)).join(", ")}: no curve, ` +
      `${closedForm.length === 1 ? "it is" : "they are"} fitted in closed form (no epochs).`;
  const attributes = {
    class: "cpp-chart cpp-curves",
    "data-chart": "training-curves",
    "data-scale": scale,
    "data-curves": methods.length,
  };
  if (methods.length === 0) {
    return h(
      doc,
      "figure",
      attributes,
      h(
        doc,
        "p",
        { class: "cpp-empty muted" },
        "No training curve in this report: no learned method was run." + closedText,
      ),
    );
  }
  const labels = methods.map((m) => methodLabel(m));
  const plot = Plot.plot({
    document: doc,
    width: Math.max(320, options.width ?? 640),
    height: 40 + labels.length * 150,
    marginLeft: 60,
    marginRight: 170,
    x: { label: "Epoch →", grid: true },
    y: {
      type: "log",
      label: "↑ MSE (log scale)",
      grid: true,
      tickFormat: (d: number) => formatSci(d, 0),
    },
    fy: { domain: labels, label: null },
    color: { domain: Object.values(CURVE_SERIES), range: ["#4269d0", "#ff725c"], legend: true },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.lineY(points, {
        x: "epoch",
        y: "value",
        fy: "label",
        stroke: "series",
        strokeWidth: 1.5,
        className: "cpp-curve",
        channels: { Method: "label" },
        tip: true,
      }),
    ],
  });
  return h(
    doc,
    "figure",
    attributes,
    plot,
    h(
      doc,
      "figcaption",
      {},
      `Seed 0, ${scale} scale: the training MSE and the MSE on the inner-validation cells ` +
        "(held out of each seed's training cells for early stopping, never the test cells) " +
        "as training goes on." + closedText,
    ),
  );
}
