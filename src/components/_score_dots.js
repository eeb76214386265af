// One model's scores, one row per task: a known score as a filled square, a prediction as a ring
// with its interval as a bar. Drawn by the model page and the predict page. JavaScript with JSDoc
// types, like _dom.js (see there why).
import * as Plot from "@observablehq/plot";

/**
 * Where to draw a task's dot (`x`) and its interval (`lower` to `upper`), in the axis' units:
 * scores, or positions within each task's scores when the tasks' scales differ.
 * @typedef {{ readonly task: string, readonly known: boolean, readonly x: number,
 *   readonly lower: number | null, readonly upper: number | null,
 *   readonly title: string }} ScoreDot
 */

/**
 * The plot (an SVG, or a figure with the legend) of `dots`, rows in `domain` order.
 * @param {Document} doc
 * @param {readonly ScoreDot[]} dots
 * @param {{ domain: readonly string[], width?: number, legend?: boolean, label?: string }} options
 * @returns {SVGSVGElement | HTMLElement}
 */
export function scoreDots(doc, dots, options) {
  const predicted = dots.filter((d) => !d.known && d.lower !== null);
  /** @param {ScoreDot} d */
  const status = (d) => (d.known ? "observed" : "predicted");
  return Plot.plot({
    document: doc,
    width: Math.max(360, options.width ?? 640),
    height: 50 + 18 * dots.length,
    marginLeft: 220,
    x: { label: options.label ?? "Score →", grid: true },
    y: { domain: options.domain, label: null },
    color: {
      domain: ["observed", "predicted"],
      range: ["#1f77b4", "#d62728"],
      legend: options.legend ?? false,
    },
    marks: [
      Plot.ruleY(predicted, {
        y: "task",
        x1: "lower",
        x2: "upper",
        stroke: "#d62728",
        strokeOpacity: 0.5,
        strokeWidth: 3,
      }),
      Plot.dot(dots, {
        y: "task",
        x: "x",
        stroke: status,
        fill: (/** @type {ScoreDot} */ d) => (d.known ? "#1f77b4" : "white"),
        symbol: (/** @type {ScoreDot} */ d) => (d.known ? "square" : "circle"),
        r: 4,
        title: "title",
      }),
    ],
  });
}
