/**
 * The Performance Law page: the fitted regression as an equation, its leave-one-out predictions
 * against the actual MMLU scores, the collaborative methods' leave-one-out predictions of the
 * same cells at K = 0 and K = 2 beside it (a table and a chart of absolute errors per model), the
 * models left out for lacking factors, and a reading computed from the numbers.
 *
 * @example
 * ```ts
 * document.body.append(lawScatter(report, { width: 600 }));
 * ```
 */
import * as Plot from "@observablehq/plot";
import { documentOf, h, maxLabelWidth, readingList } from "./_dom.js";
import {
  approachColors,
  approachLabel,
  approachOrder,
  formatPoints,
  listText,
  reasonList,
  simpleTable,
} from "./_analyses.js";
import {
  LAW,
  type LawApproachKey,
  lawComparisonData,
  lawFacts,
} from "../lib/report/performance_law_view.js";
import type { PerformanceLawJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** "−2.62" with a real minus sign. */
function signed(x: number, digits = 2): string {
  return x < 0 ? `− ${(-x).toFixed(digits)}` : `+ ${x.toFixed(digits)}`;
}

/** The fitted equation on every model, the features and their factor columns, λ. */
export function lawEquation(report: PerformanceLawJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "lawEquation");
  const { law } = report;
  const terms = law.fit.coefficients.map((c) => `${signed(c.weight)} · ${c.feature}`).join(" ");
  const factorOf = new Map(law.features.map((f) => [f.name, f.factor]));
  return h(
    doc,
    "div",
    { class: "cpp-law-equation" },
    h(
      doc,
      "p",
      {},
      h(
        doc,
        "code",
        { class: "cpp-equation" },
        `${law.task} ≈ ${law.fit.intercept.toFixed(2)} ${terms}`,
      ),
    ),
    h(
      doc,
      "p",
      { class: "muted" },
      `Ridge regression fitted on all ${law.n} models, λ = ${law.fit.lambda} (chosen by ` +
        "leave-one-out over them); ln is the natural log of the factor column as the table gives " +
        "it. The leave-one-out predictions below refit for every held-out model, with λ chosen " +
        `per fold: ${law.lambdaRule}.`,
    ),
    simpleTable(
      doc,
      { class: "cpp-law-features", "data-rows": law.fit.coefficients.length },
      null,
      ["Feature", "Factor column", "Weight (points per unit of the log)", "Doubling adds"],
      law.fit.coefficients.map((c) => ({
        attributes: { "data-feature": c.feature },
        cells: [
          c.feature,
          factorOf.get(c.feature) ?? "",
          { value: c.weight.toFixed(2), attributes: { class: "cpp-num" } },
          { value: (c.weight * Math.LN2).toFixed(2), attributes: { class: "cpp-num" } },
        ],
      })),
    ),
  );
}

export interface LawChartOptions extends RenderOptions {
  width?: number;
}

/** Leave-one-out predicted against actual MMLU, one dot per model, y = x. */
export function lawScatter(report: PerformanceLawJson, options: LawChartOptions = {}): HTMLElement {
  const doc = documentOf(options, "lawScatter");
  const { law } = report;
  const values = law.models.flatMap((m) => [m.actual, m.predicted]).filter(Number.isFinite);
  const lo = Math.floor(Math.min(...values) / 10) * 10;
  const hi = Math.ceil(Math.max(...values) / 10) * 10;
  const size = Math.min(480, Math.max(300, options.width ?? 480));
  const plot = Plot.plot({
    document: doc,
    width: size,
    height: size,
    marginLeft: 50,
    marginBottom: 40,
    x: { domain: [lo, hi], label: `Actual ${law.task} →`, grid: true },
    y: { domain: [lo, hi], label: "↑ Predicted (leave-one-out)", grid: true },
    marks: [
      Plot.link([{ x1: lo, y1: lo, x2: hi, y2: hi }], {
        x1: "x1",
        y1: "y1",
        x2: "x2",
        y2: "y2",
        stroke: "currentColor",
        strokeOpacity: 0.4,
      }),
      Plot.dot(law.models, {
        x: "actual",
        y: "predicted",
        r: 4,
        fill: "var(--theme-foreground-focus, steelblue)",
        fillOpacity: 0.8,
        className: "cpp-law-points",
        channels: { Model: "model", Error: "error", λ: "lambda" },
        tip: {
          format: {
            x: (x: number) => x.toFixed(1),
            y: (y: number) => y.toFixed(1),
            Error: (e: number) => `${e > 0 ? "+" : ""}${e.toFixed(1)}`,
          },
        },
      }),
    ],
  });
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-law-scatter",
      "data-chart": "law-scatter",
      "data-points": law.models.length,
    },
    plot,
    h(
      doc,
      "figcaption",
      {},
      `Each dot is a model: its actual ${law.task} score and the regression's prediction ` +
        `fitted without it. MAE ${formatPoints(law.mae, 2)}, RMSE ${formatPoints(law.rmse, 2)} ` +
        `points over ${law.n} models. On the diagonal the prediction is exact.`,
    ),
  );
}

/** An approach of the comparison with its display name. */
export interface LawApproach extends LawApproachKey {
  readonly label: string;
}

/** The approaches in display order: the regression, then each K and method. */
export function lawApproaches(report: PerformanceLawJson): LawApproach[] {
  const { collaborative } = report;
  const methods = approachOrder(collaborative.mae.map((m) => m.method));
  return [
    { key: LAW, method: LAW, known: null, label: "Performance Law" },
    ...collaborative.ks.flatMap((k) =>
      methods.filter((m) => collaborative.mae.some((r) => r.known === k && r.method === m))
        .map((m) => ({
          key: `${m}@${k}`,
          method: m,
          known: k,
          label: `${approachLabel(m)}, K = ${k}`,
        }))
    ),
  ];
}

/** Model x approach: predicted MMLU with the absolute error; MAE per approach in the footer. */
export function lawComparisonTable(
  report: PerformanceLawJson,
  options: RenderOptions = {},
): HTMLElement {
  const doc = documentOf(options, "lawComparisonTable");
  const { approaches, rows } = lawComparisonData(report, lawApproaches(report));
  const ownMae = (a: LawApproach) =>
    a.known === null
      ? { mae: report.law.mae, n: report.law.n }
      : report.collaborative.mae.find((m) => m.method === a.method && m.known === a.known) ??
        { mae: null, n: 0 };
  const best = new Map<string, number>();
  for (const r of rows) {
    const errors = r.cells.map((c) => c.absError).filter((e): e is number => e !== null);
    if (errors.length) best.set(r.model, Math.min(...errors));
  }
  const table = simpleTable(
    doc,
    { class: "cpp-law-comparison", "data-rows": rows.length, "data-approaches": approaches.length },
    `${report.law.task}, leave-one-out, in points: each cell is the prediction and, below, its ` +
      "absolute error (bold: the smallest for that model). Collaborative methods: the model's " +
      "other scores hidden except K revealed, mean over " +
      `${report.collaborative.seeds} seed${report.collaborative.seeds === 1 ? "" : "s"}. ` +
      '"not run": hover for why. Last row: each approach\'s MAE over the models it predicts.',
    ["Model", "Actual", ...approaches.map((a) => a.label)],
    rows.map((r) => ({
      attributes: { "data-model": r.model },
      cells: [
        r.model,
        { value: r.actual.toFixed(1), attributes: { class: "cpp-num" } },
        ...r.cells.map((c) =>
          c.absError === null || c.predicted === null
            ? {
              value: h(doc, "span", { class: "muted", title: c.reason ?? "" }, "not run"),
              attributes: { class: "cpp-num cpp-not-run", "data-approach": c.key },
            }
            : {
              value: h(
                doc,
                "span",
                {},
                h(doc, "span", { class: "cpp-mean" }, c.predicted.toFixed(1)),
                h(doc, "span", { class: "cpp-std" }, `±${c.absError.toFixed(1)}`),
              ),
              attributes: {
                class: `cpp-num${best.get(r.model) === c.absError ? " cpp-best" : ""}`,
                "data-approach": c.key,
                "data-abs-error": c.absError,
              },
            }
        ),
      ],
    })),
  );
  table.append(
    h(
      doc,
      "tfoot",
      {},
      h(
        doc,
        "tr",
        { class: "cpp-mae-row" },
        h(doc, "th", {}, "MAE (models predicted)"),
        h(doc, "td", {}, ""),
        ...approaches.map((a) => {
          const m = ownMae(a);
          return h(
            doc,
            "td",
            { class: "cpp-num", "data-approach": a.key, "data-mae": m.mae },
            m.mae === null ? "—" : `${m.mae.toFixed(2)} (${m.n})`,
          );
        }),
      ),
    ),
  );
  return h(doc, "div", { class: "cpp-scroll" }, table);
}

export interface LawErrorOptions extends LawChartOptions {
  /** The collaborative methods' K (default: the first). */
  known?: number;
}

/** Absolute error per model (rows, the regression's largest on top) per approach at one K. */
export function lawErrors(report: PerformanceLawJson, options: LawErrorOptions = {}): HTMLElement {
  const doc = documentOf(options, "lawErrors");
  const known = options.known ?? report.collaborative.ks[0];
  const { approaches, rows } = lawComparisonData(report, lawApproaches(report));
  const shown = approaches.filter((a) => a.known === null || a.known === known);
  const order = [...rows].sort((a, b) =>
    (b.cells[0].absError ?? 0) - (a.cells[0].absError ?? 0) || a.model.localeCompare(b.model)
  ).map((r) => r.model);
  const points = rows.flatMap((r) =>
    r.cells.filter((c) => shown.some((a) => a.key === c.key) && c.absError !== null).map((c) => ({
      model: r.model,
      key: c.key,
      label: shown.find((a) => a.key === c.key)!.label,
      absError: c.absError as number,
    }))
  );
  const absent = shown.filter((a) => !points.some((p) => p.key === a.key)).map((a) => {
    const row = report.collaborative.rows.find((r) => r.method === a.method && r.known === a.known);
    return { ...a, reason: row?.reason ?? row?.status ?? "no prediction" };
  });
  const present = shown.filter((a) => points.some((p) => p.key === a.key));
  const colors = approachColors(present.map((a) => a.method));
  const color = { domain: present.map((a) => a.label), range: colors.range };
  const width = Math.max(320, options.width ?? 640);
  const plot = Plot.plot({
    document: doc,
    width,
    height: 60 + order.length * 16,
    marginLeft: Math.min(240, Math.max(60, maxLabelWidth(order))) + 10,
    marginRight: 20,
    x: { label: "Absolute error (points) →", grid: true, zero: true, nice: true, axis: "top" },
    y: { domain: order, label: null, tickSize: 0 },
    color: { ...color, type: "categorical" },
    marks: [
      Plot.ruleY(order, { strokeOpacity: 0.08 }),
      Plot.dot(points, {
        x: "absError",
        y: "model",
        fill: "label",
        r: 3.5,
        fillOpacity: 0.85,
        className: "cpp-law-error",
        channels: { Approach: "label" },
        tip: { format: { fill: false, x: (x: number) => x.toFixed(1) } },
      }),
    ],
  });
  const legend = plot.legend("color") as HTMLElement;
  legend.classList.add("cpp-swatches");
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-law-errors",
      "data-chart": "law-errors",
      "data-known": known,
      "data-points": points.length,
      "data-absent": absent.length,
    },
    legend,
    plot,
    h(
      doc,
      "figcaption",
      {},
      `Absolute error of each model's ${report.law.task} prediction: the Performance Law and ` +
        `the collaborative methods with K = ${known} of the model's other scores known. Rows: ` +
        "the regression's largest error on top.",
    ),
    reasonList(
      doc,
      "cpp-absent",
      `Not shown at K = ${known} (no value, not a zero):`,
      absent.map((a) => ({
        name: approachLabel(a.method),
        reason: a.reason,
        attributes: { "data-method": a.method, "data-known": known },
      })),
    ),
  );
}

/** The models the regression could not use, with what each lacks; null when none. */
export function lawLeftOut(
  report: PerformanceLawJson,
  options: RenderOptions = {},
): HTMLElement | null {
  const doc = documentOf(options, "lawLeftOut");
  const collabSkipped = report.collaborative.skipped.map((s) => ({
    name: `${s.model} (collaborative, K = ${s.known})`,
    reason: s.reason,
    attributes: { "data-model": s.model, "data-known": s.known },
  }));
  const left = reasonList(
    doc,
    "cpp-law-left-out",
    `Left out of the regression (${report.law.leftOut.length} models):`,
    report.law.leftOut.map((l) => ({
      name: l.model,
      reason: `lacks ${listText([...l.missing])}`,
      attributes: { "data-model": l.model },
    })),
  );
  const skipped = reasonList(
    doc,
    "cpp-collab-skipped",
    "Not predicted by the collaborative methods at some K:",
    collabSkipped,
  );
  if (!left && !skipped) return null;
  return h(doc, "div", { class: "cpp-law-lists" }, left, skipped);
}

/** The reading as sentences, computed from the numbers. */
export function lawReading(report: PerformanceLawJson): string[] {
  const f = lawFacts(report);
  const task = report.law.task;
  const sentences = [
    `Leave-one-out over ${f.n} models, the Performance Law regression predicts ${task} with ` +
    `an MAE of ${formatPoints(f.mae, 2)} points (RMSE ${formatPoints(f.rmse, 2)})` +
    (f.worst
      ? `; its largest miss is ${f.worst.model} (${f.worst.error > 0 ? "+" : ""}` +
        `${f.worst.error.toFixed(1)} points).`
      : "."),
  ];
  if (f.common.law !== null && f.common.perK.length) {
    sentences.push(
      `On the ${f.common.models} models every approach predicts, its MAE is ` +
        `${formatPoints(f.common.law, 2)}; ` +
        listText(
          f.common.perK.map((p) =>
            `at K = ${p.known} the best collaborative method, ${approachLabel(p.method)}, has ` +
            `${formatPoints(p.mae, 2)} (${
              p.mae < (f.common.law as number) ? "lower" : "not lower"
            })`
          ),
        ) + ".",
    );
  }
  if (f.largestDoubling) {
    sentences.push(
      `In the fit on all models the largest weight is on ${f.largestDoubling.feature}: ` +
        `doubling it moves the prediction by ${f.largestDoubling.points > 0 ? "+" : ""}` +
        `${f.largestDoubling.points.toFixed(1)} points with the other features fixed. The ` +
        "features are strongly correlated (parameters follow from layers, heads and FFN size), " +
        "so single weights are not effects of their own.",
    );
  }
  sentences.push(
    `${report.law.leftOut.length} models are left out for lacking a factor or the ${task} ` +
      "score: the regression can only score a model with all five factors, while a " +
      "collaborative method at K > 0 needs only some of the model's other scores.",
  );
  return sentences;
}

/** The reading as a list. */
export function lawReadingView(
  report: PerformanceLawJson,
  options: RenderOptions = {},
): HTMLElement {
  const doc = documentOf(options, "lawReadingView");
  return readingList(doc, { class: "cpp-reading cpp-law-reading" }, lawReading(report));
}
