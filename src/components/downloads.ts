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
import { csvFile, fileButtons, fileStem, jsonFile, saveBlob, toCsv } from "./_files.js";
import type { DatasetOverview } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

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
  return [
    csvFile("Tasks (CSV)", `${stem}-tasks.csv`, dataset.tasks, [
      "name",
      "observed",
      "coverage",
      "lowerIsBetter",
      "scale",
      "min",
      "max",
    ]),
    csvFile("Models (CSV)", `${stem}-models.csv`, dataset.models, ["name", "observed", "coverage"]),
    csvFile("Scores (CSV)", `${stem}-scores.csv`, dataset.cells, [
      "model",
      "task",
      "score",
      "normalized",
    ]),
    jsonFile("Everything (JSON)", `${stem}-overview.json`, dataset),
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
