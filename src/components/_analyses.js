// Labels, colours, metrics, small lists, tables and the empty chart shared by the generalization,
// emergent and Performance Law components (the Shapley ones use the tables and the empty chart).
// JavaScript with JSDoc types, like _dom.js (see there why).
import * as Plot from "@observablehq/plot";
import { documentOf, h } from "./_dom.js";
import { methodLabel, methodOrder } from "./_methods.js";

/** The scaling-law approaches of the emergent page, beside the collaborative method ids. */
export const SCALING_LAW_APPROACHES = ["scaling-law-linear", "scaling-law-sigmoid"];

/** @type {Readonly<Record<string, string>>} */
const APPROACH_LABELS = {
  "scaling-law-linear": "Scaling law, log-linear (params)",
  "scaling-law-sigmoid": "Scaling law, sigmoid (compute)",
  "performance-law": "Performance Law",
};

/**
 * "new models (CPP-K)" / "new tasks (CPP-T-K)".
 * @param {"model" | "task"} axis
 * @returns {string}
 */
export function axisTitle(axis) {
  return axis === "model" ? "new models (CPP-K)" : "new tasks (CPP-T-K)";
}

/** Methods that use design factors, so they can score a model or task with no known score. */
export const FACTOR_METHODS = ["ncf-factors", "factors-only"];

/**
 * A method's or a scaling law's display name; an unknown id is shown as it is.
 * @param {string} id
 * @returns {string}
 */
export function approachLabel(id) {
  return Object.hasOwn(APPROACH_LABELS, id) ? APPROACH_LABELS[id] : methodLabel(id);
}

/**
 * Approach ids in report order: methods as `methodOrder`, then the scaling laws.
 * @param {Iterable<string>} ids
 * @returns {string[]}
 */
export function approachOrder(ids) {
  const all = [...new Set(ids)];
  const laws = SCALING_LAW_APPROACHES.filter((a) => all.includes(a));
  return [...methodOrder(all.filter((a) => !SCALING_LAW_APPROACHES.includes(a))), ...laws];
}

/** One colour per known approach, so that a method keeps its colour on every chart. */
const PALETTE = {
  mf: "#4269d0",
  ncf: "#efb118",
  "ncf-factors": "#ff725c",
  "factors-only": "#6cc5b0",
  "global-mean": "#a0a0a0",
  "task-mean": "#9c6b4e",
  biases: "#3ca951",
  "bias-als": "#6b6ecf",
  "scaling-law-linear": "#a463f2",
  "scaling-law-sigmoid": "#ff8ab7",
  "performance-law": "currentColor",
};
const EXTRA = ["#97bbf5", "#38b2ac", "#d5a6bd", "#8c564b"];

/**
 * A Plot color scale for these approaches, keyed by their labels (a legend shows the labels).
 * @param {readonly string[]} ids in display order
 * @returns {{ domain: string[], range: string[] }}
 */
export function approachColors(ids) {
  let extra = 0;
  return {
    domain: ids.map(approachLabel),
    range: ids.map((id) =>
      Object.hasOwn(PALETTE, id)
        ? PALETTE[/** @type {keyof typeof PALETTE} */ (id)]
        : EXTRA[extra++ % EXTRA.length]
    ),
  };
}

/**
 * @typedef {{ id: "mse" | "l1" | "maePoints", label: string, short: string, kind: "error" | "points",
 *   definition: string }} ErrorMetric
 */

/**
 * The error metrics of the generalization page (PROTOCOL.md, "Metrics").
 * @type {readonly ErrorMetric[]}
 */
export const ERROR_METRICS = [
  {
    id: "mse",
    label: "MSE (task scale)",
    short: "MSE",
    kind: "error",
    definition: "mean squared error on the task scale (each task rescaled to 0-1 by the min and " +
      "max of its training cells)",
  },
  {
    id: "l1",
    label: "L1 (task scale)",
    short: "L1",
    kind: "error",
    definition: "mean absolute error on the task scale",
  },
  {
    id: "maePoints",
    label: "MAE in score points",
    short: "MAE (points)",
    kind: "points",
    definition: "mean absolute error in points (percentage points on bounded tasks, a " +
      "fraction task's scores x 100; own units on unbounded tasks)",
  },
];

/**
 * The error metric with this id.
 * @param {string} id
 * @returns {ErrorMetric}
 */
export function errorMetric(id) {
  const info = ERROR_METRICS.find((m) => m.id === id);
  if (!info) {
    throw new RangeError(
      `Cannot show error metric '${id}': expected one of ${
        ERROR_METRICS.map((m) => m.id).join(", ")
      }`,
    );
  }
  return info;
}

/**
 * A number of score points: `12.345` → "12.3"; "—" for null or NaN.
 * @param {number | null | undefined} x
 * @param {number} [digits]
 * @returns {string}
 */
export function formatPoints(x, digits = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return x.toFixed(digits);
}

/**
 * A parameter count given in millions: `13000` → "13B", `350` → "350M".
 * @param {number} millions
 * @returns {string}
 */
export function formatThreshold(millions) {
  return millions >= 1000 ? `${Number((millions / 1000).toPrecision(4))}B` : `${millions}M`;
}

/**
 * The mean of the finite values, or null.
 * @param {readonly (number | null | undefined)[]} values
 * @returns {number | null}
 */
export function meanOf(values) {
  const finite =
    /** @type {number[]} */ (values.filter((v) =>
      v !== null && v !== undefined && Number.isFinite(v)
    ));
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null;
}

/**
 * "a", "a and b", "a, b and c".
 * @param {readonly string[]} items
 * @returns {string}
 */
export function listText(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * A "12% lower" / "3.4% higher" phrase comparing `after` with `before`.
 * @param {number} before
 * @param {number} after
 * @returns {string}
 */
export function changeText(before, after) {
  if (before === after) return "unchanged";
  const pct = Math.abs(after / before - 1) * 100;
  const text = pct >= 10 ? pct.toFixed(0) : pct.toPrecision(2);
  return `${text}% ${after < before ? "lower" : "higher"}`;
}

/**
 * A titled list of items with a reason each, or null when there is none.
 * @param {Document} doc
 * @param {string} className of the wrapping div
 * @param {string} title
 * @param {readonly { name: string, reason: string, attributes?: import("./_dom.js").Attributes }[]}
 *   items
 * @returns {HTMLElement | null}
 */
export function reasonList(doc, className, title, items) {
  if (items.length === 0) return null;
  return h(
    doc,
    "div",
    { class: className },
    h(doc, "p", {}, h(doc, "strong", {}, title)),
    h(
      doc,
      "ul",
      {},
      ...items.map((item) =>
        h(
          doc,
          "li",
          item.attributes ?? {},
          h(doc, "span", { class: "cpp-name" }, item.name),
          ": ",
          item.reason,
        )
      ),
    ),
  );
}

/**
 * Whether a table cell is given with attributes (`{ value, attributes }`) rather than as a child.
 * @param {unknown} cell
 * @returns {cell is { value: import("./_dom.js").Child, attributes: import("./_dom.js").Attributes }}
 */
function isCell(cell) {
  return cell !== null && typeof cell === "object" && !("nodeType" in cell) && "value" in cell;
}

/**
 * A table: a caption, header cells and rows of cells (text or nodes; numbers get `cpp-num`).
 * @param {Document} doc
 * @param {import("./_dom.js").Attributes} attributes of the table
 * @param {string | null} caption
 * @param {readonly string[]} headers
 * @param {readonly { attributes?: import("./_dom.js").Attributes,
 *   cells: readonly (import("./_dom.js").Child | { value: import("./_dom.js").Child,
 *   attributes: import("./_dom.js").Attributes })[] }[]} rows
 * @returns {HTMLTableElement}
 */
export function simpleTable(doc, attributes, caption, headers, rows) {
  return h(
    doc,
    "table",
    attributes,
    caption === null ? null : h(doc, "caption", {}, caption),
    h(doc, "thead", {}, h(doc, "tr", {}, ...headers.map((t) => h(doc, "th", {}, t)))),
    h(
      doc,
      "tbody",
      {},
      ...rows.map((row) =>
        h(
          doc,
          "tr",
          row.attributes ?? {},
          ...row.cells.map((cell) =>
            isCell(cell) ? h(doc, "td", cell.attributes, cell.value) : h(doc, "td", {}, cell)
          ),
        )
      ),
    ),
  );
}

/**
 * `simpleTable` in a `div.cpp-scroll`, so that a wide table scrolls instead of the page.
 * @param {Document} doc
 * @param {import("./_dom.js").Attributes} attributes of the table
 * @param {string | null} caption
 * @param {Parameters<typeof simpleTable>[3]} headers
 * @param {Parameters<typeof simpleTable>[4]} rows
 * @returns {HTMLDivElement}
 */
export function scrollTable(doc, attributes, caption, headers, rows) {
  return h(
    doc,
    "div",
    { class: "cpp-scroll" },
    simpleTable(doc, attributes, caption, headers, rows),
  );
}

/**
 * A short framed plot that says why there is no chart (nothing ran, nothing was fitted).
 * @param {Document} doc
 * @param {number} width
 * @param {string} why
 * @returns {Element}
 */
export function emptyPlot(doc, width, why) {
  return /** @type {Element} */ (Plot.plot({
    document: doc,
    width,
    height: 80,
    x: { axis: null, domain: [0, 1] },
    y: { axis: null, domain: [0, 1] },
    marks: [
      Plot.frame({ strokeOpacity: 0.2 }),
      Plot.text([why], {
        x: 0.5,
        y: 0.5,
        text: (/** @type {string} */ d) => d,
        lineWidth: width / 7,
        className: "cpp-empty",
      }),
    ],
  }));
}

/**
 * The methods that could not run on this dataset at all, with the reason; null when none.
 * @param {readonly { method: string, reason: string }[]} skipped
 * @param {{ document?: Document }} [options]
 * @returns {HTMLElement | null}
 */
export function skippedMethodsList(skipped, options = {}) {
  const doc = documentOf(options, "skippedMethodsList");
  return reasonList(
    doc,
    "cpp-skipped",
    "Not run on this data:",
    (skipped ?? []).map((s) => ({
      name: approachLabel(s.method),
      reason: s.reason,
      attributes: { "data-method": s.method },
    })),
  );
}

/**
 * Why an analysis could not run: the `unavailable` text a loader writes in place of the report
 * when its dataset is not listed in site-datasets.json or cannot be had; null when it ran.
 * @param {object} report
 * @returns {string | null}
 */
export function unavailableReason(report) {
  const reason = /** @type {{ unavailable?: unknown }} */ (report).unavailable;
  return typeof reason === "string" && reason.trim() !== "" ? reason : null;
}

/**
 * A notice that the analysis could not run, with the reason; null when it ran.
 * @param {object} report
 * @param {{ document?: Document }} [options]
 * @returns {HTMLElement | null}
 */
export function unavailableNotice(report, options = {}) {
  const reason = unavailableReason(report);
  if (reason === null) return null;
  const doc = documentOf(options, "unavailableNotice");
  return h(
    doc,
    "div",
    {
      class: "cpp-notice caution cpp-unavailable",
      role: "status",
      label: "Analysis not available",
    },
    h(doc, "p", {}, "This analysis could not run on the data of this build:"),
    h(doc, "p", { "data-field": "reason" }, reason),
    h(
      doc,
      "p",
      {},
      "The sections below have nothing to show. To see them, list the dataset in " +
        "site-datasets.json and build the site where it can be had (a mirror in CPP_DATA_DIR, " +
        "or a connection to download it).",
    ),
  );
}

/**
 * `render(report)` when the analysis ran; otherwise a short note that points to the notice, or,
 * with `note: false` (a section's later cells), an empty comment.
 * @template T
 * @param {T} report
 * @param {(report: T) => Node} render
 * @param {{ document?: Document, note?: boolean }} [options]
 * @returns {Node}
 */
export function whenAvailable(report, render, options = {}) {
  if (unavailableReason(/** @type {object} */ (report)) === null) return render(report);
  const doc = documentOf(options, "whenAvailable");
  return options.note === false
    ? doc.createComment("analysis unavailable")
    : h(doc, "p", { class: "muted cpp-unavailable-note" }, "Not available: see the notice above.");
}
