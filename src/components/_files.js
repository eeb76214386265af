// Files the pages offer for download, made in the browser from data already loaded (a Blob and an
// object URL): no network. JavaScript with JSDoc types, like _dom.js, so that TypeScript
// components can import it both under Deno (tests) and in the browser (Framework ships local
// imports of a module only when they are named `.js`).
import { h } from "./_dom.js";
import { toCsv } from "../lib/util/csv.js";

// The CSV writer is the library's (formula-guarded, RFC 4180): one implementation for every CSV.
export { toCsv };

/**
 * @typedef {{ readonly label: string, readonly filename: string, readonly type: string,
 *   readonly content: string }} SaveableFile
 */

/** The MIME type of the CSV files. */
export const CSV_TYPE = "text/csv;charset=utf-8";
/** The MIME type of the JSON files. */
export const JSON_TYPE = "application/json";

/**
 * A CSV file of these rows (`toCsv`), to save.
 * @param {string} label what the file is, for its button
 * @param {string} filename
 * @param {readonly object[]} rows
 * @param {readonly string[]} columns the CSV's columns, in order
 * @returns {SaveableFile}
 */
export function csvFile(label, filename, rows, columns) {
  return { label, filename, type: CSV_TYPE, content: toCsv(rows, columns) };
}

/**
 * A JSON file of a value, indented by two spaces, to save.
 * @param {string} label what the file is, for its button
 * @param {string} filename
 * @param {unknown} value
 * @returns {SaveableFile}
 */
export function jsonFile(label, filename, value) {
  return { label, filename, type: JSON_TYPE, content: JSON.stringify(value, null, 2) };
}

/**
 * A file name stem safe on every system: runs of other characters become "_".
 * @param {string} name
 * @param {string} fallback used when nothing is left
 * @returns {string}
 */
export function fileStem(name, fallback) {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_") || fallback;
}

/**
 * Saves a file through a Blob URL and a temporary `<a download>`.
 * @param {SaveableFile} file
 * @param {Document} doc
 */
export function saveBlob(file, doc) {
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

/**
 * A row of buttons, one per file; a click saves that file.
 * @param {Document} doc
 * @param {readonly SaveableFile[]} files
 * @param {(file: SaveableFile, doc: Document) => void} save
 * @param {import("./_dom.js").Attributes} [attributes] of the wrapping `div.cpp-downloads`
 * @returns {HTMLDivElement}
 */
export function fileButtons(doc, files, save, attributes = {}) {
  const buttons = files.map((file) => {
    const button = h(doc, "button", { type: "button", "data-download": file.filename }, file.label);
    button.addEventListener("click", () => save(file, doc));
    return button;
  });
  return h(doc, "div", { ...attributes, class: "cpp-downloads" }, ...buttons);
}

/**
 * A table as two files, CSV and JSON, named `${stem}.csv` and `${stem}.json`.
 * @param {string} stem file name without extension (made safe by fileStem)
 * @param {string} label what the table is, for the buttons
 * @param {readonly object[]} rows
 * @param {readonly string[]} columns the CSV's columns, in order
 * @returns {SaveableFile[]}
 */
export function tableFiles(stem, label, rows, columns) {
  const safe = fileStem(stem, "table");
  return [
    csvFile(`${label} (CSV)`, `${safe}.csv`, rows, columns),
    {
      label: `${label} (JSON)`,
      filename: `${safe}.json`,
      type: JSON_TYPE,
      content: JSON.stringify(rows, null, 2) + "\n",
    },
  ];
}
