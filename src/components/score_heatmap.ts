/**
 * The observed score matrix as a heatmap: models as rows, tasks as columns, colour = the per-task
 * normalized score (0 = worst observed on that task, 1 = best, direction corrected), missing cells
 * hatched grey.
 *
 * @example
 * ```ts
 * const figure = scoreHeatmap(dataset, { width: 900, sort: "coverage" });
 * document.body.append(figure);
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h, maxLabelWidth, svg } from "./_dom.js";
import type { DatasetOverview, RenderOptions, ScoreCell } from "./overview_types.ts";

/** How rows (models) and columns (tasks) are ordered. */
export type MatrixSort = "coverage" | "mean" | "name";

export const MATRIX_SORTS: Readonly<Record<MatrixSort, string>> = {
  coverage: "most scores first",
  mean: "highest mean normalized score first",
  name: "by name",
};

export interface HeatmapOptions extends RenderOptions {
  /** Available width in pixels (default 640); cells shrink to fit, down to 10 px. */
  width?: number;
  /** Order of rows and columns (default "coverage"). */
  sort?: MatrixSort;
}

/** The colour scheme of normalized scores, shared with the legend. */
export const SCORE_SCHEME = "viridis";
const scoreScale = Plot.scale({ color: { type: "linear", domain: [0, 1], scheme: SCORE_SCHEME } });
const interpolate = (t: number): string => String(scoreScale.apply(t));

let nextPatternId = 0;

/** Row and column order of the heatmap for a sort option. */
export function matrixOrder(
  dataset: DatasetOverview,
  sort: MatrixSort = "coverage",
): { models: string[]; tasks: string[] } {
  const byModel = meanBy(dataset.cells, (d) => d.model);
  const byTask = meanBy(dataset.cells, (d) => d.task);
  const order = (
    items: readonly { name: string; observed: number }[],
    mean: Map<string, number>,
  ): string[] => {
    const name = (a: { name: string }, b: { name: string }) =>
      a.name.localeCompare(b.name, "en", { numeric: true });
    const m = (x: { name: string }) => mean.get(x.name) ?? -1;
    const compare = sort === "name"
      ? name
      : sort === "mean"
      ? (a: typeof items[number], b: typeof items[number]) =>
        m(b) - m(a) || b.observed - a.observed || name(a, b)
      : (a: typeof items[number], b: typeof items[number]) =>
        b.observed - a.observed || m(b) - m(a) || name(a, b);
    return [...items].sort(compare).map((d) => d.name);
  };
  return { models: order(dataset.models, byModel), tasks: order(dataset.tasks, byTask) };
}

/** Every (model, task) pair without an observed score. */
export function missingCells(dataset: DatasetOverview): { model: string; task: string }[] {
  const observed = new Set(dataset.cells.map((d) => `${d.model}\u0000${d.task}`));
  const missing: { model: string; task: string }[] = [];
  for (const { name: model } of dataset.models) {
    for (const { name: task } of dataset.tasks) {
      if (!observed.has(`${model}\u0000${task}`)) missing.push({ model, task });
    }
  }
  return missing;
}

export function scoreHeatmap(dataset: DatasetOverview, options: HeatmapOptions = {}): HTMLElement {
  const doc = documentOf(options, "scoreHeatmap");
  const sort = options.sort ?? "coverage";
  const { models, tasks } = matrixOrder(dataset, sort);
  const patternId = `cpp-missing-${++nextPatternId}`;

  // Margins fit the longest labels (up to a cap; longer ones are truncated with a full-name title).
  const modelLabel = clamp(maxLabelWidth(models), 40, 200);
  const marginLeft = modelLabel + 14;
  const taskLabel = clamp(maxLabelWidth(tasks), 30, 200);
  const available = options.width ?? 640;
  const fit = (marginRight: number) =>
    clamp(
      Math.floor((available - marginLeft - marginRight) / Math.max(1, tasks.length)),
      10,
      40,
    );
  // Column labels at 45° read best but overlap when columns are narrow; then stand them upright.
  const diagonal = Math.round(taskLabel * Math.SQRT1_2);
  const slanted = fit(diagonal + 4) >= 16;
  const marginTop = (slanted ? diagonal : taskLabel) + 14;
  const marginRight = slanted ? diagonal + 4 : 8;
  const cellWidth = fit(marginRight);
  const cellHeight = clamp(cellWidth, 12, 18);

  const plot = Plot.plot({
    document: doc,
    width: marginLeft + tasks.length * cellWidth + marginRight,
    height: marginTop + models.length * cellHeight + 6,
    marginLeft,
    marginTop,
    marginRight,
    marginBottom: 6,
    x: { domain: tasks, padding: 0 },
    y: { domain: models, padding: 0 },
    color: { type: "linear", domain: [0, 1], scheme: SCORE_SCHEME },
    marks: [
      Plot.cell(missingCells(dataset), {
        x: "task",
        y: "model",
        fill: `url(#${patternId})`,
        inset: 0.5,
        className: "cpp-missing",
        ariaDescription: "cells without a score",
      }),
      Plot.cell(dataset.cells, {
        x: "task",
        y: "model",
        fill: "normalized",
        inset: 0.5,
        className: "cpp-observed",
        ariaDescription: "observed scores",
        channels: {
          Model: "model",
          Task: "task",
          Score: "score",
          Normalized: "normalized",
        },
        tip: {
          lineWidth: 40,
          format: {
            x: false,
            y: false,
            fill: false,
            Model: true,
            Task: true,
            Score: true,
            Normalized: (x: number) => x.toFixed(2),
          },
        },
      }),
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
  }) as SVGSVGElement;
  plot.insertBefore(hatchDefs(doc, patternId), plot.firstChild);

  const legendPatternId = `cpp-missing-${++nextPatternId}`;
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-heatmap",
      "data-chart": "score-heatmap",
      "data-dataset": dataset.id,
      "data-sort": sort,
      "data-models": models.length,
      "data-tasks": tasks.length,
      "data-observed": dataset.cells.length,
    },
    legend(doc, legendPatternId),
    h(doc, "div", { class: "cpp-scroll" }, plot),
    h(
      doc,
      "figcaption",
      {},
      `${models.length} models (rows) × ${tasks.length} tasks (columns), ${MATRIX_SORTS[sort]}. ` +
        "Colour: the score normalized per task, 0 for the worst and 1 for the best observed " +
        "score (lower-is-better tasks flipped). Hatched: no score. Hover a cell for its score.",
    ),
  );
}

/** An SVG `<defs>` with the hatch pattern that marks missing cells. */
function hatchDefs(doc: Document, id: string): SVGElement {
  const defs = svg(doc, "defs");
  const pattern = svg(doc, "pattern", {
    id,
    patternUnits: "userSpaceOnUse",
    width: 5,
    height: 5,
    patternTransform: "rotate(45)",
  });
  pattern.append(
    svg(doc, "rect", { width: 5, height: 5, fill: "#f0f0f0" }),
    svg(doc, "line", { x1: 0, y1: 0, x2: 0, y2: 5, stroke: "#b0b0b0", "stroke-width": 1.5 }),
  );
  defs.append(pattern);
  return defs;
}

/** Colour ramp from 0 to 1 and a hatched "no score" swatch, drawn without a canvas. */
function legend(doc: Document, patternId: string): SVGElement {
  const gradientId = `${patternId}-ramp`;
  const root = svg(doc, "svg", {
    class: "cpp-legend",
    width: 420,
    height: 40,
    viewBox: "0 0 420 40",
    role: "img",
    "aria-label": "Colour legend: normalized score from 0 (worst observed) to 1 (best observed)",
    "font-family": "system-ui, sans-serif",
    "font-size": 10,
  });
  const defs = hatchDefs(doc, patternId);
  const gradient = svg(doc, "linearGradient", { id: gradientId });
  for (let i = 0; i <= 10; ++i) {
    gradient.append(svg(doc, "stop", { offset: `${i * 10}%`, "stop-color": interpolate(i / 10) }));
  }
  defs.append(gradient);
  const text = (x: number, y: number, value: string, anchor = "start") => {
    const t = svg(doc, "text", { x, y, "text-anchor": anchor, fill: "currentColor" });
    t.textContent = value;
    return t;
  };
  root.append(
    defs,
    text(0, 10, "Normalized score (per task, higher is better)"),
    svg(doc, "rect", { x: 0, y: 15, width: 240, height: 10, fill: `url(#${gradientId})` }),
    text(0, 37, "0 worst"),
    text(120, 37, "0.5", "middle"),
    text(240, 37, "1 best", "end"),
    svg(doc, "rect", {
      x: 280,
      y: 15,
      width: 14,
      height: 10,
      fill: `url(#${patternId})`,
      stroke: "#b0b0b0",
      "stroke-width": 0.5,
    }),
    text(300, 24, "no score"),
  );
  return root;
}

/** Mean normalized score per key. */
function meanBy(cells: readonly ScoreCell[], key: (d: ScoreCell) => string): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const d of cells) {
    const s = sums.get(key(d)) ?? [0, 0];
    s[0] += d.normalized;
    s[1] += 1;
    sums.set(key(d), s);
  }
  return new Map([...sums].map(([k, [sum, n]]) => [k, sum / n]));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}
