/**
 * Buttons that save a dataset's tables as CSV and the whole overview entry as JSON. The files are
 * made in the page from data it already has (a Blob and an object URL): no network.
 *
 * @example
 * ```ts
 * document.body.append(downloadButtons(dataset));
 * ```
 */
import { documentOf, h } from "./_dom.js";
import type { DatasetOverview, RenderOptions } from "./overview_types.ts";

/** A file the page can save. */
export interface DownloadFile {
  readonly label: string;
  readonly filename: string;
  readonly type: string;
  readonly content: string;
}

export interface DownloadOptions extends RenderOptions {
  /** Saves a file (default: a Blob download through a temporary `<a download>`). */
  save?: (file: DownloadFile, document: Document) => void;
}

/**
 * RFC 4180 CSV with a header row: fields holding a comma, quote, line break or outer space are
 * quoted, quotes doubled; null and undefined become empty fields.
 */
export function toCsv(rows: readonly object[], columns: readonly string[]): string {
  const field = (value: unknown): string => {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map(field).join(",")];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => field(record[c])).join(","));
  }
  return lines.join("\n") + "\n";
}

/** The files offered for a dataset: tasks, models and observed cells as CSV, everything as JSON. */
export function downloadFiles(dataset: DatasetOverview): DownloadFile[] {
  const stem = dataset.id.replace(/[^A-Za-z0-9._-]+/g, "_") || "dataset";
  const csv = "text/csv;charset=utf-8";
  return [
    {
      label: "Tasks (CSV)",
      filename: `${stem}-tasks.csv`,
      type: csv,
      content: toCsv(
        dataset.tasks,
        ["name", "observed", "coverage", "lowerIsBetter", "scale", "min", "max"],
      ),
    },
    {
      label: "Models (CSV)",
      filename: `${stem}-models.csv`,
      type: csv,
      content: toCsv(dataset.models, ["name", "observed", "coverage"]),
    },
    {
      label: "Scores (CSV)",
      filename: `${stem}-scores.csv`,
      type: csv,
      content: toCsv(
        dataset.cells,
        ["model", "task", "score", "normalized"],
      ),
    },
    {
      label: "Everything (JSON)",
      filename: `${stem}-overview.json`,
      type: "application/json",
      content: JSON.stringify(dataset, null, 2),
    },
  ];
}

/** Saves a file through a Blob URL and a temporary `<a download>`. */
export function saveBlob(file: DownloadFile, doc: Document): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.type }));
  const link = doc.createElement("a");
  link.href = url;
  link.download = file.filename;
  link.style.display = "none";
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; free the URL on the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadButtons(
  dataset: DatasetOverview,
  options: DownloadOptions = {},
): HTMLElement {
  const doc = documentOf(options, "downloadButtons");
  const save = options.save ?? saveBlob;
  const buttons = downloadFiles(dataset).map((file) => {
    const button = h(doc, "button", { type: "button", "data-download": file.filename }, file.label);
    button.addEventListener("click", () => save(file, doc));
    return button;
  });
  return h(doc, "div", { class: "cpp-downloads", "data-dataset": dataset.id }, ...buttons);
}
