// The frame shared by the score and leaderboard heatmaps (models as rows, tasks as columns, colour =
// the per-task normalized score): cell sizes and margins that fit the labels and the width, the
// axes, the colour ramp and text of the legends, the figure around them. The marks, the legend's
// content and the caption stay with each heatmap. JavaScript with JSDoc types, like _dom.js (see
// there why).
import * as Plot from "@observablehq/plot";
import { h, maxLabelWidth, svg, wideFrame } from "./_dom.js";

/** The colour scheme of normalized scores, in the heatmaps and their legends. */
export const HEATMAP_SCHEME = "viridis";
const scale = Plot.scale({ color: { type: "linear", domain: [0, 1], scheme: HEATMAP_SCHEME } });

/**
 * @typedef {object} HeatmapFrame
 * @property {number} cellWidth
 * @property {number} cellHeight
 * @property {import("@observablehq/plot").PlotOptions} options the plot's document, size,
 *   margins and scales; the caller adds the marks
 * @property {import("@observablehq/plot").Markish[]} axes task labels on top, model labels left
 */

/**
 * Layout of a models × tasks heatmap in `available` pixels: the margins fit the longest labels
 * (capped; longer ones are truncated with a full-name title), cells are 10 to 40 px wide.
 * @param {Document} doc
 * @param {readonly string[]} models the rows, in order
 * @param {readonly string[]} tasks the columns, in order
 * @param {number} available the width to fit
 * @returns {HeatmapFrame}
 */
export function heatmapFrame(doc, models, tasks, available) {
  const modelLabel = clamp(maxLabelWidth(models), 40, 200);
  const marginLeft = modelLabel + 14;
  const taskLabel = clamp(maxLabelWidth(tasks), 30, 200);
  /** @param {number} marginRight */
  const fit = (marginRight) =>
    clamp(Math.floor((available - marginLeft - marginRight) / Math.max(1, tasks.length)), 10, 40);
  // Column labels at 45° read best but overlap when columns are narrow; then stand them upright.
  const diagonal = Math.round(taskLabel * Math.SQRT1_2);
  const slanted = fit(diagonal + 4) >= 16;
  const marginTop = (slanted ? diagonal : taskLabel) + 14;
  const marginRight = slanted ? diagonal + 4 : 8;
  const cellWidth = fit(marginRight);
  const cellHeight = clamp(cellWidth, 12, 18);
  return {
    cellWidth,
    cellHeight,
    options: {
      document: doc,
      width: marginLeft + tasks.length * cellWidth + marginRight,
      height: marginTop + models.length * cellHeight + 6,
      marginLeft,
      marginTop,
      marginRight,
      marginBottom: 6,
      x: { domain: tasks, padding: 0 },
      y: { domain: models, padding: 0 },
      color: { type: "linear", domain: [0, 1], scheme: HEATMAP_SCHEME },
    },
    axes: [
      Plot.axisX({
        anchor: "top",
        tickRotate: slanted ? -45 : -90,
        tickSize: 0,
        label: null,
        lineWidth: taskLabel / 10,
        textOverflow: "ellipsis",
      }),
      Plot.axisY({
        tickSize: 0,
        label: null,
        lineWidth: modelLabel / 10,
        textOverflow: "ellipsis",
      }),
    ],
  };
}

/**
 * The heatmap's figure: the legend, the plot in a scroller, the caption.
 * @param {Document} doc
 * @param {import("./_dom.js").Attributes} attributes the figure's class and data attributes
 * @param {SVGElement} legend
 * @param {Element} plot
 * @param {string} caption
 * @returns {HTMLElement}
 */
export function heatmapFigure(doc, attributes, legend, plot, caption) {
  return h(
    doc,
    "figure",
    attributes,
    legend,
    // At full size (readable labels), scrolling sideways when the matrix is wider than the page.
    wideFrame(
      doc,
      h(doc, "div", { class: "cpp-scroll cpp-full-size" }, plot),
      "The matrix scrolls sideways (shift + wheel, or the scroll bar).",
    ),
    h(doc, "figcaption", {}, caption),
  );
}

/**
 * An empty legend, drawn without a canvas: an `<svg class="cpp-legend">` of `width` × `height`
 * px in 10 px system-ui, read by screen readers as `label`.
 * @param {Document} doc
 * @param {{ width: number, height: number, label: string }} size
 * @returns {SVGElement}
 */
export function legendSvg(doc, { width, height, label }) {
  return svg(doc, "svg", {
    class: "cpp-legend",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": label,
    "font-family": "system-ui, sans-serif",
    "font-size": 10,
  });
}

/**
 * A left-to-right `<linearGradient>` of the heatmaps' colour scale from 0 to 1, for `url(#id)`.
 * @param {Document} doc
 * @param {string} id
 * @returns {SVGElement}
 */
export function rampGradient(doc, id) {
  const gradient = svg(doc, "linearGradient", { id });
  for (let i = 0; i <= 10; ++i) {
    gradient.append(
      svg(doc, "stop", { offset: `${i * 10}%`, "stop-color": String(scale.apply(i / 10)) }),
    );
  }
  return gradient;
}

/**
 * A legend's text at (x, y).
 * @param {Document} doc
 * @param {number} x
 * @param {number} y
 * @param {string} value
 * @param {string} [anchor] `text-anchor`: "start" (the default), "middle" or "end"
 * @param {string} [className]
 * @returns {SVGElement}
 */
export function legendText(doc, x, y, value, anchor = "start", className) {
  const t = svg(doc, "text", {
    x,
    y,
    "text-anchor": anchor,
    fill: "currentColor",
    class: className,
  });
  t.textContent = value;
  return t;
}

/**
 * @param {number} x
 * @param {number} lo
 * @param {number} hi
 * @returns {number}
 */
function clamp(x, lo, hi) {
  return Math.max(lo, Math.min(hi, x));
}
