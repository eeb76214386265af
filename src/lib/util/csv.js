// Writing CSV, one implementation for the library, the CLI and the notebooks (csv_write.ts) and
// for the site's downloads (components/_files.js): plain JavaScript with JSDoc types, so that the
// browser loads it as it is.

/**
 * One CSV field. Text that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading `'`, the usual guard; numbers are written as
 * they are. Quoted (RFC 4180) when it holds a comma, quote, line break or outer space; null and
 * undefined are an empty field.
 * @param {unknown} value
 * @returns {string}
 */
export function csvField(value) {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV text with the given columns, header first, `\n` line ends.
 * @param {readonly object[]} rows
 * @param {readonly string[]} columns
 * @returns {string}
 */
export function toCsv(rows, columns) {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) {
    const record = /** @type {Record<string, unknown>} */ (row);
    lines.push(columns.map((c) => csvField(record[c])).join(","));
  }
  return lines.join("\n") + "\n";
}
