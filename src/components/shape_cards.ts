/** The size of a score matrix as a row of cards: models, tasks, observed cells, density. */
import { documentOf, formatInteger, formatPercent, h } from "./_dom.js";
import type { MatrixShape } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export function shapeCards(shape: MatrixShape, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "shapeCards");
  const card = (key: string, title: string, value: string, note: string) =>
    h(
      doc,
      "div",
      { class: "card cpp-shape-card", "data-key": key },
      h(doc, "h2", {}, title),
      h(doc, "span", { class: "big" }, value),
      h(doc, "p", { class: "muted" }, note),
    );
  return h(
    doc,
    "div",
    { class: "grid grid-cols-4 cpp-shape" },
    card("models", "Models", formatInteger(shape.models), "rows of the matrix"),
    card("tasks", "Tasks", formatInteger(shape.tasks), "columns of the matrix"),
    card(
      "observed",
      "Observed scores",
      formatInteger(shape.observed),
      `of ${formatInteger(shape.models * shape.tasks)} cells`,
    ),
    card("density", "Density", formatPercent(shape.density), "share of cells with a score"),
  );
}
