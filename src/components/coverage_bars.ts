/**
 * Coverage as sorted horizontal bars: for each task, the share of models with a score; for each
 * model, the share of tasks it has a score on.
 *
 * @example
 * ```ts
 * const figure = coverageBars(dataset.tasks, { entity: "task", total: dataset.shape.models });
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h, maxLabelWidth } from "./_dom.js";
import type { RenderOptions } from "./_options.ts";

export interface CoverageRow {
  readonly name: string;
  readonly observed: number;
  readonly coverage: number;
}

export interface CoverageOptions extends RenderOptions {
  /** What the rows are: tasks (covered by models) or models (covering tasks). */
  entity: "task" | "model";
  /** Available width in pixels (default 640). */
  width?: number;
}

/** Rows sorted by coverage (highest first), then by name. */
export function coverageOrder(rows: readonly CoverageRow[]): string[] {
  return [...rows]
    .sort((a, b) =>
      b.coverage - a.coverage || b.observed - a.observed ||
      a.name.localeCompare(b.name, "en", { numeric: true })
    )
    .map((d) => d.name);
}

export function coverageBars(rows: readonly CoverageRow[], options: CoverageOptions): HTMLElement {
  const doc = documentOf(options, "coverageBars");
  const { entity } = options;
  const other = entity === "task" ? "models" : "tasks";
  const order = coverageOrder(rows);
  const labelWidth = Math.min(200, Math.max(40, maxLabelWidth(order)));
  const marginLeft = labelWidth + 14;
  const plot = Plot.plot({
    document: doc,
    width: Math.max(280, options.width ?? 640),
    height: 40 + order.length * 14,
    marginLeft,
    marginRight: 30,
    x: { domain: [0, 100], percent: true, label: `Coverage (% of ${other} with a score)` },
    y: { domain: order, label: null, padding: 0.15 },
    marks: [
      Plot.axisX({ anchor: "top", label: `Coverage (% of ${other} with a score) →` }),
      Plot.axisY({
        tickSize: 0,
        label: null,
        lineWidth: labelWidth / 10,
        textOverflow: "ellipsis",
      }),
      Plot.gridX({ anchor: "top" }),
      Plot.barX(rows, {
        x: "coverage",
        y: "name",
        fill: "var(--theme-foreground-focus, steelblue)",
        className: "cpp-bars",
        ariaDescription: `coverage per ${entity}`,
        channels: { [entity === "task" ? "Task" : "Model"]: "name", Scores: "observed" },
        tip: { format: { y: false, x: (x: number) => `${Math.round(x)}%` } },
      }),
      Plot.text(rows, {
        x: "coverage",
        y: "name",
        text: (d: CoverageRow) => String(d.observed),
        dx: 3,
        textAnchor: "start",
        fill: "currentColor",
        ariaHidden: "true",
      }),
      Plot.ruleX([0]),
    ],
  });
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-coverage",
      "data-chart": `${entity}-coverage`,
      "data-rows": order.length,
    },
    plot,
    h(
      doc,
      "figcaption",
      {},
      `${order.length} ${entity}s, most covered first; the number is the count of ${other} ` +
        `with a score.`,
    ),
  );
}
