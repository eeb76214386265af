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
import { documentOf, svg } from "./_dom.js";
import {
  HEATMAP_SCHEME,
  heatmapFigure,
  heatmapFrame,
  legendSvg,
  legendText,
  rampGradient,
} from "./_heatmap.js";
import type { DatasetOverview, ScoreCell } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

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
export const SCORE_SCHEME = HEATMAP_SCHEME;

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

  const frame = heatmapFrame(doc, models, tasks, options.width ?? 640);
  const plot = Plot.plot({
    ...frame.options,
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
      ...frame.axes,
    ],
  }) as SVGSVGElement;
  plot.insertBefore(hatchDefs(doc, patternId), plot.firstChild);

  const legendPatternId = `cpp-missing-${++nextPatternId}`;
  return heatmapFigure(
    doc,
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
    plot,
    `${models.length} models (rows) × ${tasks.length} tasks (columns), ${MATRIX_SORTS[sort]}. ` +
      "Colour: the score normalized per task, 0 for the worst and 1 for the best observed " +
      "score (lower-is-better tasks flipped). Hatched: no score. Hover a cell for its score.",
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
  const root = legendSvg(doc, {
    width: 420,
    height: 40,
    label: "Colour legend: normalized score from 0 (worst observed) to 1 (best observed)",
  });
  const defs = hatchDefs(doc, patternId);
  defs.append(rampGradient(doc, gradientId));
  root.append(
    defs,
    legendText(doc, 0, 10, "Normalized score (per task, higher is better)"),
    svg(doc, "rect", { x: 0, y: 15, width: 240, height: 10, fill: `url(#${gradientId})` }),
    legendText(doc, 0, 37, "0 worst"),
    legendText(doc, 120, 37, "0.5", "middle"),
    legendText(doc, 240, 37, "1 best", "end"),
    svg(doc, "rect", {
      x: 280,
      y: 15,
      width: 14,
      height: 10,
      fill: `url(#${patternId})`,
      stroke: "#b0b0b0",
      "stroke-width": 0.5,
    }),
    legendText(doc, 300, 24, "no score"),
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
