/**
 * The datasets page: when and from which commit the site was built, the density of each score
 * matrix read, a card per dataset (status, shape, why it was not read where it was not,
 * provenance, downloads), one table of every file with its pinned and verified SHA-256, and the
 * files to download. Every name and text from the data becomes a text node.
 *
 * @example
 * ```ts
 * document.body.append(
 *   buildFacts(report),
 *   datasetCards(report, { provenance: provenanceView }),
 *   datasetFilesTable(report),
 *   reportDownloadButtons(datasetsDownloadFiles(report)),
 * );
 * ```
 */
// Like every TypeScript component, this one imports only the `.js` helpers as values (see
// _dom.js): the provenance view comes in as an option from the page.
import * as Plot from "@observablehq/plot";
import {
  documentOf,
  externalLink,
  formatInteger,
  formatPercent,
  h,
  maxLabelWidth,
} from "./_dom.js";
import { csvFile, fileButtons, fileStem, jsonFile, saveBlob } from "./_files.js";
import type {
  DatasetFileJson,
  DatasetRecordJson,
  DatasetsJson,
  FileOrigin,
  ProvenanceJson,
} from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";
import type { DownloadFile, DownloadOptions } from "./downloads.ts";

const FOUND_IN: Readonly<Record<FileOrigin, string>> = {
  mirror: "the local mirror (CPP_DATA_DIR)",
  cache: "the local download cache",
  download: "a download from the pinned source",
  embedded: "the sample shipped in the code",
  file: "a local file",
};

/** "Loaded from the local mirror (CPP_DATA_DIR)", "Not available in this build", … */
export function statusText(dataset: DatasetRecordJson): string {
  if (dataset.status === "loaded") {
    return `Loaded from ${FOUND_IN[dataset.origin!] ?? "an unknown source"}`;
  }
  return dataset.status === "unavailable"
    ? "Not available in this build"
    : "Rejected in this build";
}

/** "72 models × 29 tasks, 878 observed scores of 2,088 cells (42.0%)". */
export function shapeText(shape: { models: number; tasks: number; observed: number }): string {
  const cells = shape.models * shape.tasks;
  const density = cells === 0 ? 0 : shape.observed / cells;
  return `${formatInteger(shape.models)} models × ${formatInteger(shape.tasks)} tasks, ` +
    `${formatInteger(shape.observed)} observed scores of ${formatInteger(cells)} cells ` +
    `(${formatPercent(density)})`;
}

/** "2024-11-12 13:14 UTC" from an ISO timestamp; the text itself when it is not one. */
export function formatBuilt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** When the site was built, from which commit of this repository, and what was read. */
export function buildFacts(report: DatasetsJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "buildFacts");
  const count = (status: string) => report.datasets.filter((d) => d.status === status).length;
  const read = [
    `${count("loaded")} of ${report.datasets.length} read`,
    count("unavailable") ? `${count("unavailable")} not available` : null,
    count("invalid") ? `${count("invalid")} rejected` : null,
  ].filter(Boolean).join(", ");
  const item = (term: string, ...description: (Node | string)[]) => [
    h(doc, "dt", {}, term),
    h(doc, "dd", {}, ...description),
  ];
  return h(
    doc,
    "dl",
    { class: "cpp-provenance-facts cpp-build-facts" },
    ...item(
      "Built",
      h(
        doc,
        "time",
        { datetime: report.builtAt, "data-field": "built" },
        formatBuilt(report.builtAt),
      ),
    ),
    ...item(
      "Repository commit",
      report.repositoryCommit === null
        ? "unknown (git could not say: not a checkout, or git not available to the build)"
        : h(doc, "code", { "data-field": "repository-commit" }, report.repositoryCommit),
    ),
    ...item("Datasets", read),
  );
}

export interface DensityChartOptions extends RenderOptions {
  /** Available width in pixels (default 640). */
  width?: number;
}

/** The density of each score matrix read: observed cells as a share of models × tasks. */
export function datasetDensityChart(
  report: DatasetsJson,
  options: DensityChartOptions = {},
): HTMLElement {
  const doc = documentOf(options, "datasetDensityChart");
  const rows = report.datasets.flatMap((d) =>
    d.shape ? [{ id: d.id, ...d.shape, cells: d.shape.models * d.shape.tasks }] : []
  );
  const ids = rows.map((r) => r.id);
  const labelWidth = Math.min(200, Math.max(40, maxLabelWidth(ids)));
  const plot = Plot.plot({
    document: doc,
    width: Math.max(320, options.width ?? 640),
    height: 50 + rows.length * 30,
    marginLeft: labelWidth + 14,
    marginRight: 150,
    x: { domain: [0, 100], percent: true, label: "Density (% of cells with a score) →" },
    y: { domain: ids, label: null, padding: 0.25 },
    marks: [
      Plot.axisX({ anchor: "top" }),
      Plot.axisY({ tickSize: 0, label: null, lineWidth: labelWidth / 10 }),
      Plot.gridX({ anchor: "top" }),
      Plot.barX(rows, {
        x: "density",
        y: "id",
        fill: "var(--theme-foreground-focus, steelblue)",
        className: "cpp-density-bars",
        ariaDescription: "density per dataset",
        channels: { Dataset: "id", Models: "models", Tasks: "tasks", Observed: "observed" },
        tip: { format: { y: false, x: (x: number) => `${x.toFixed(1)}%` } },
      }),
      Plot.text(rows, {
        x: "density",
        y: "id",
        text: (d: (typeof rows)[number]) =>
          `${formatInteger(d.observed)} of ${formatInteger(d.cells)} cells`,
        dx: 4,
        textAnchor: "start",
        fill: "currentColor",
        ariaHidden: "true",
      }),
      Plot.ruleX([0]),
    ],
  });
  const missing = report.datasets.filter((d) => !d.shape).map((d) => d.id);
  return h(
    doc,
    "figure",
    { class: "cpp-chart cpp-density", "data-chart": "dataset-density", "data-rows": rows.length },
    plot,
    h(
      doc,
      "figcaption",
      {},
      `Each matrix read in this build: observed scores as a share of its models × tasks.`,
      missing.length ? ` Not read, so not drawn: ${missing.join(", ")}.` : null,
    ),
  );
}

/** The columns of the files CSV: one row per file of a dataset. */
export const FILE_CSV_COLUMNS = [
  "dataset",
  "role",
  "name",
  "url",
  "origin",
  "sha256",
  "verifiedSha256",
  "bytes",
] as const;

/** The columns of the datasets CSV. */
export const DATASET_CSV_COLUMNS = [
  "id",
  "title",
  "status",
  "origin",
  "reason",
  "commit",
  "citation",
  "models",
  "tasks",
  "observed",
  "density",
  "expectedModels",
  "expectedTasks",
  "expectedObserved",
  "modelFactors",
  "taskFactors",
  "builtAt",
  "repositoryCommit",
] as const;

/** One flat row per dataset: the shape and the pinned shape as columns, the build beside it. */
export function datasetCsvRows(report: DatasetsJson): Record<string, unknown>[] {
  return report.datasets.map((d) => ({
    id: d.id,
    title: d.title,
    status: d.status,
    origin: d.origin,
    reason: d.reason,
    commit: d.commit,
    citation: d.citation,
    models: d.shape?.models ?? null,
    tasks: d.shape?.tasks ?? null,
    observed: d.shape?.observed ?? null,
    density: d.shape?.density ?? null,
    expectedModels: d.expected.models,
    expectedTasks: d.expected.tasks,
    expectedObserved: d.expected.observed,
    modelFactors: d.factors.model,
    taskFactors: d.factors.task,
    builtAt: report.builtAt,
    repositoryCommit: report.repositoryCommit,
  }));
}

/** One dataset's files (CSV) and its record with its files (JSON). */
export function datasetDownloadFiles(
  dataset: DatasetRecordJson,
  files: readonly DatasetFileJson[],
): DownloadFile[] {
  const stem = fileStem(dataset.id, "dataset");
  const own = files.filter((f) => f.dataset === dataset.id);
  return [
    csvFile("Files (CSV)", `${stem}-files.csv`, own, FILE_CSV_COLUMNS),
    jsonFile("ProvenanceJson (JSON)", `${stem}-provenance.json`, { ...dataset, files: own }),
  ];
}

/** Every dataset (CSV), every file (CSV) and the whole report (JSON). */
export function datasetsDownloadFiles(report: DatasetsJson): DownloadFile[] {
  return [
    csvFile("Datasets (CSV)", "datasets.csv", datasetCsvRows(report), DATASET_CSV_COLUMNS),
    csvFile("Files (CSV)", "datasets-files.csv", report.files, FILE_CSV_COLUMNS),
    jsonFile("Everything (JSON)", "datasets.json", report),
  ];
}

/** Renders a provenance record: the overview page's `provenanceView`, passed in by the page. */
export type ProvenanceRenderer = (provenance: ProvenanceJson, options: RenderOptions) => Node;

export interface DatasetCardOptions extends DownloadOptions {
  /** The files of the report; the card lists those of its dataset. */
  files?: readonly DatasetFileJson[];
  /** When the site was built: the retrieval date of files downloaded in the build. */
  builtAt?: string;
  /** Renders the card's provenance (origin, commit, citation, files); none when absent. */
  provenance?: ProvenanceRenderer;
}

/** A dataset's record in the shape of the overview's provenance, for `provenanceView`. */
export function datasetProvenance(
  dataset: DatasetRecordJson,
  options: { files?: readonly DatasetFileJson[]; builtAt?: string } = {},
): ProvenanceJson {
  return {
    origin: dataset.origin,
    commit: dataset.commit,
    citation: dataset.citation,
    retrieved: dataset.origin === "download" ? options.builtAt ?? null : null,
    files: (options.files ?? []).filter((f) => f.dataset === dataset.id).map((f) => ({
      role: f.role,
      name: f.name,
      url: f.url,
      sha256: f.sha256,
      bytes: f.bytes,
    })),
  };
}

/** One dataset: status, description, why it was not read, shape, provenance, downloads. */
export function datasetCard(
  dataset: DatasetRecordJson,
  options: DatasetCardOptions = {},
): HTMLElement {
  const doc = documentOf(options, "datasetCard");
  const files = (options.files ?? []).filter((f) => f.dataset === dataset.id);
  // Why it was not read: not found anywhere, or found and rejected.
  const why = dataset.reason !== null
    ? h(
      doc,
      "div",
      { class: "cpp-notice caution", role: "status", "data-field": "reason" },
      h(doc, "p", {}, `Not read: ${dataset.reason}`),
    )
    : null;
  const shape = dataset.shape
    ? `${shapeText(dataset.shape)}; ${dataset.factors.model} model and ${dataset.factors.task} ` +
      "task design factors."
    : `Not read in this build; the pinned files hold ${shapeText(dataset.expected)}.`;
  const provenance = options.provenance?.(
    datasetProvenance(dataset, { files, builtAt: options.builtAt }),
    { document: doc },
  );
  return h(
    doc,
    "section",
    { class: "card cpp-dataset-card", "data-dataset": dataset.id, "data-status": dataset.status },
    h(doc, "h2", {}, dataset.title),
    h(
      doc,
      "p",
      { class: "cpp-dataset-status" },
      h(doc, "code", { "data-field": "id" }, dataset.id),
      " · ",
      h(doc, "span", { "data-field": "status" }, statusText(dataset)),
    ),
    h(doc, "p", {}, dataset.description),
    why,
    h(doc, "p", { "data-field": "shape" }, shape),
    provenance,
    fileButtons(doc, datasetDownloadFiles(dataset, files), options.save ?? saveBlob, {
      "data-downloads": dataset.id,
    }),
  );
}

/** A card per dataset, in registry order. */
export function datasetCards(
  report: DatasetsJson,
  options: Omit<DatasetCardOptions, "files" | "builtAt"> = {},
): HTMLElement {
  const doc = documentOf(options, "datasetCards");
  return h(
    doc,
    "div",
    { class: "cpp-dataset-cards" },
    ...report.datasets.map((d) =>
      datasetCard(d, { ...options, document: doc, files: report.files, builtAt: report.builtAt })
    ),
  );
}

/** Every file of every dataset: where the build found it, pinned and verified SHA-256, size. */
export function datasetFilesTable(report: DatasetsJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "datasetFilesTable");
  const code = (text: string, attributes = {}) => h(doc, "code", attributes, text);
  const headers = [
    "Dataset",
    "Role",
    "File",
    "Source (URL)",
    "Found in",
    "SHA-256 pinned",
    "SHA-256 verified on load",
    "Bytes",
  ];
  const rows = report.files.map((f) => {
    const verified = f.verifiedSha256 === null
      ? h(doc, "td", { class: "cpp-not-read", "data-match": "none" }, "not read")
      : h(
        doc,
        "td",
        { "data-match": f.verifiedSha256 === f.sha256 ? "yes" : "no" },
        code(f.verifiedSha256, { class: "cpp-hash" }),
        f.verifiedSha256 === f.sha256 ? " (matches)" : " (differs from the pinned digest)",
      );
    return h(
      doc,
      "tr",
      { "data-dataset": f.dataset, "data-role": f.role },
      h(doc, "td", {}, code(f.dataset)),
      h(doc, "td", {}, f.role),
      h(doc, "td", {}, code(f.name)),
      h(
        doc,
        "td",
        { class: "cpp-url" },
        f.url === null ? "embedded in the code" : externalLink(doc, f.url),
      ),
      h(doc, "td", { "data-field": "origin" }, f.origin ?? "not read"),
      h(doc, "td", {}, code(f.sha256, { class: "cpp-hash" })),
      verified,
      h(doc, "td", { class: "cpp-num" }, f.bytes === null ? "" : formatInteger(f.bytes)),
    );
  });
  return h(
    doc,
    "div",
    { class: "cpp-scroll" },
    h(
      doc,
      "table",
      { class: "cpp-datasets-files" },
      h(doc, "thead", {}, h(doc, "tr", {}, ...headers.map((t) => h(doc, "th", {}, t)))),
      h(doc, "tbody", {}, ...rows),
    ),
  );
}
