/** Writing CSV: RFC 4180 quoting, numbers at full precision, null as an empty cell. */

/** One CSV field: quoted when it holds a comma, quote, line break or outer space. */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV text with the given columns, header first, `\n` line ends.
 *
 * @example
 * ```ts
 * toCsv([{ model: "a, b", score: 1 }], ["model", "score"]); // 'model,score\n"a, b",1\n'
 * ```
 */
export function toCsv(rows: readonly object[], columns: readonly string[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => csvField(record[c])).join(","));
  }
  return lines.join("\n") + "\n";
}
