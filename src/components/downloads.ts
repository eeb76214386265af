/**
 * Buttons that save a dataset's tables as CSV and the whole overview entry as JSON. The files are
 * made in the page from data it already has (a Blob and an object URL): no network.
 *
 * @example
 * ```ts
 * document.body.append(downloadButtons(dataset));
 * ```
 */
import { documentOf } from "./_dom.js";
import { CSV_TYPE, fileButtons, fileStem, JSON_TYPE, saveBlob, toCsv } from "./_files.js";
import type { DatasetOverview, RenderOptions } from "./overview_types.ts";

/** A file the page can save. */
export interface DownloadFile {
  readonly label: string;
  readonly filename: string;
  readonly type: string;
  readonly content: string;
}

export { saveBlob, toCsv };

export interface DownloadOptions extends RenderOptions {
  /** Saves a file (default: a Blob download through a temporary `<a download>`). */
  save?: (file: DownloadFile, document: Document) => void;
}

/** The files offered for a dataset: tasks, models and observed cells as CSV, everything as JSON. */
export function downloadFiles(dataset: DatasetOverview): DownloadFile[] {
  const stem = fileStem(dataset.id, "dataset");
  const csv = CSV_TYPE;
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
      type: JSON_TYPE,
      content: JSON.stringify(dataset, null, 2),
    },
  ];
}

export function downloadButtons(
  dataset: DatasetOverview,
  options: DownloadOptions = {},
): HTMLElement {
  const doc = documentOf(options, "downloadButtons");
  return fileButtons(doc, downloadFiles(dataset), options.save ?? saveBlob, {
    "data-dataset": dataset.id,
  });
}
