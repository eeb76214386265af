/**
 * Table 1 of the paper, ours beside the paper's: for each method, every metric's mean ± standard
 * deviation over the seeds on one scale; on the `cpp` scale the paper's MSE and L1 sit beside
 * ours. The paper's rank accuracy and MAE@2 are left out: they are not comparable with ours
 * (PROTOCOL.md, "Metrics"). The best mean of each metric is marked.
 *
 * @example
 * ```ts
 * document.body.append(table1Table(report, { scale: "cpp" }));
 * ```
 */
import { documentOf, h } from "./_dom.js";
import {
  formatMetric,
  isLearned,
  methodLabel,
  methodOrder,
  metricInfo,
  tableOf,
} from "./_methods.js";
import type {
  MeanStdJson,
  MethodsJson,
  PaperRow,
  Scale,
  Table1Row,
} from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

export { tableOf };

export interface Table1Options extends RenderOptions {
  /** Which scale's table (default "cpp", the scale of the paper). */
  scale?: Scale;
}

/** The columns of our metrics, in display order. */
export const TABLE1_COLUMNS = [
  "mse",
  "l1",
  "rankAccuracy",
  "mae2",
  "pairwiseOrder",
  "maePoints",
] as const;

/** The paper's metrics shown beside ours (the comparable ones). */
export const PAPER_COLUMNS = ["mse", "l1"] as const;

/**
 * The rows to show: every method we ran, then the paper's methods we did not run (skipped),
 * in report order (learned first, then baselines).
 */
export function table1Methods(
  report: MethodsJson,
  scale: Scale,
): { method: string; ours: Table1Row | null; paper: PaperRow | null }[] {
  const table = tableOf(report, scale);
  const ours = new Map<string, Table1Row>(table.methods.map((m) => [m.method, m]));
  const paper = new Map<string, PaperRow>(report.paper.map((p) => [p.method, p]));
  return methodOrder([...ours.keys(), ...paper.keys()]).map((method) => ({
    method,
    ours: ours.get(method) ?? null,
    paper: paper.get(method) ?? null,
  }));
}

/** "2.16e-2 ± 1.19e-4" (no ± part when the standard deviation is unknown). */
export function formatMeanStd(
  kind: Parameters<typeof formatMetric>[0],
  value: MeanStdJson,
): string {
  const mean = formatMetric(kind, value.mean);
  return value.std === null || !Number.isFinite(value.std)
    ? mean
    : `${mean} ± ${formatMetric(kind, value.std)}`;
}

/** The mean, then "± std" in a smaller line of its own (when known). */
function meanStdNodes(
  doc: Document,
  kind: Parameters<typeof formatMetric>[0],
  value: MeanStdJson,
): (Node | string)[] {
  const mean = h(doc, "span", { class: "cpp-mean" }, formatMetric(kind, value.mean));
  if (value.std === null || !Number.isFinite(value.std)) return [mean];
  return [mean, " ", h(doc, "span", { class: "cpp-std" }, `± ${formatMetric(kind, value.std)}`)];
}

/** The methods with the best mean of a metric among our rows (several when tied). */
export function bestMethods(rows: readonly Table1Row[], metric: string): string[] {
  const info = metricInfo(metric);
  const value = (row: Table1Row) => (row as unknown as Record<string, MeanStdJson>)[metric]?.mean;
  const finite = rows.filter((r) => Number.isFinite(value(r)));
  if (finite.length === 0) return [];
  const pick = info.lowerIsBetter ? Math.min : Math.max;
  const best = pick(...finite.map(value));
  return finite.filter((r) => value(r) === best).map((r) => r.method);
}

export function table1Table(report: MethodsJson, options: Table1Options = {}): HTMLElement {
  const doc = documentOf(options, "table1Table");
  const scale = options.scale ?? "cpp";
  const table = tableOf(report, scale);
  const withPaper = scale === "cpp";
  const rows = table1Methods(report, scale);
  const skipped = new Map(report.skipped.map((s) => [s.method, s.reason]));
  const best = new Map(TABLE1_COLUMNS.map((m) => [m, bestMethods(table.methods, m)]));

  const th = (text: string, attributes: Record<string, string | number> = {}) =>
    h(doc, "th", attributes, text);
  const header = h(
    doc,
    "thead",
    {},
    h(
      doc,
      "tr",
      {},
      th("Method", { rowspan: 2 }),
      th(`Ours (${table.seeds} seeds, mean ± std)`, {
        colspan: TABLE1_COLUMNS.length + 1,
        class: "cpp-group",
      }),
      withPaper
        ? th("Paper (Table 1)", { colspan: PAPER_COLUMNS.length, class: "cpp-group" })
        : null,
      th("Backend", { rowspan: 2 }),
    ),
    h(
      doc,
      "tr",
      {},
      ...TABLE1_COLUMNS.map((m) => {
        const info = metricInfo(m);
        return th(`${info.short} ${info.lowerIsBetter ? "↓" : "↑"}`, {
          "data-metric": m,
          title: info.definition,
        });
      }),
      th("Fit (s per seed)"),
      ...(withPaper
        ? PAPER_COLUMNS.map((m) =>
          th(`${metricInfo(m).short} ↓`, { "data-metric": m, "data-source": "paper" })
        )
        : []),
    ),
  );

  const body = h(
    doc,
    "tbody",
    {},
    ...rows.map(({ method, ours, paper }) => {
      const label = h(
        doc,
        "td",
        { class: "cpp-method" },
        methodLabel(method),
        " ",
        h(doc, "code", {}, method),
        isLearned(method) ? null : h(doc, "span", { class: "muted" }, " baseline"),
      );
      const ourCells = ours
        ? [
          ...TABLE1_COLUMNS.map((m) => {
            const info = metricInfo(m);
            const isBest = best.get(m)!.includes(method);
            return h(
              doc,
              "td",
              {
                class: isBest ? "cpp-num cpp-best" : "cpp-num",
                "data-metric": m,
                "data-source": "ours",
              },
              ...meanStdNodes(doc, info.kind, ours[m]),
            );
          }),
          h(doc, "td", { class: "cpp-num" }, formatMetric("seconds", ours.fitSeconds.mean)),
        ]
        : [
          h(
            doc,
            "td",
            { colspan: TABLE1_COLUMNS.length + 1, class: "muted cpp-not-run" },
            `not run${skipped.has(method) ? `: ${skipped.get(method)}` : ""}`,
          ),
        ];
      const paperCells = withPaper
        ? PAPER_COLUMNS.map((m) =>
          h(
            doc,
            "td",
            { class: "cpp-num cpp-paper", "data-metric": m, "data-source": "paper" },
            ...(paper ? meanStdNodes(doc, "error", paper[m]) : ["—"]),
          )
        )
        : [];
      return h(
        doc,
        "tr",
        { "data-method": method, "data-source": ours ? "ours" : "paper-only" },
        label,
        ...ourCells,
        ...paperCells,
        h(doc, "td", {}, ours?.backend ?? "—"),
      );
    }),
  );

  const caption = h(
    doc,
    "caption",
    {},
    `${report.title}, ${scale} scale, ${Math.round(table.holdout * 100)}% of the observed cells ` +
      `held out per seed, ${table.seeds} seeds. ↓ lower is better, ↑ higher is better; ` +
      "the best mean of each column is in bold. " +
      (withPaper
        ? "The paper's values are its published Table 1 (same data, 5% validation, cpp scale)."
        : "The paper reports the cpp scale only, so no paper values are shown here."),
  );
  return h(
    doc,
    "div",
    { class: "cpp-scroll" },
    h(
      doc,
      "table",
      {
        class: "cpp-table1",
        "data-scale": scale,
        "data-methods": table.methods.length,
      },
      caption,
      header,
      body,
    ),
  );
}
