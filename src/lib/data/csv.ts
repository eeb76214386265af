/**
 * RFC 4180 CSV parsing: UTF-8 BOM, quoted fields with `""` escapes, embedded commas and newlines,
 * `\r\n`, `\n` or `\r` line ends. Every row keeps the 1-based line on which it starts, so later
 * errors can name it.
 *
 * @module
 */

/** Rows of a CSV text and the 1-based source line on which each row starts. */
export interface CsvRows {
  readonly rows: string[][];
  /** `lines[k]` is the line of `rows[k]` in the file (a row with a quoted newline spans more). */
  readonly lines: number[];
}

/** Options of {@linkcode parseCsv}. */
export interface ParseCsvOptions {
  /** The file name used in error messages. */
  file: string;
}

/**
 * Parses CSV text into rows of raw (untrimmed) fields. Blank lines are skipped; a quote that is
 * never closed, or text right after a closing quote, is a `SyntaxError` naming the file and line.
 *
 * @example
 * ```ts
 * const { rows, lines } = parseCsv('\uFEFFmodel,"a, b"\r\n\r\nx,"1\n2"\n', { file: "x.csv" });
 * // rows: [["model", "a, b"], ["x", "1\n2"]]; lines: [1, 3]
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions): CsvRows {
  const prefix = `Cannot parse CSV from ${options.file}`;
  const rows: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const rowLine = line;
    const row: string[] = [];
    for (;;) {
      let field: string;
      if (text[i] === '"') {
        const openLine = line;
        const parts: string[] = [];
        let start = ++i;
        for (;;) {
          if (i >= n) {
            throw new SyntaxError(
              `${prefix}: line ${openLine}: a quoted field is never closed ` +
                `(expected a closing '"' before the end of the file)`,
            );
          }
          const c = text[i];
          if (c === '"') {
            parts.push(text.slice(start, i));
            if (text[i + 1] === '"') {
              // An escaped quote: keep one, go on.
              parts.push('"');
              i += 2;
              start = i;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
          i++;
        }
        field = parts.join("");
        if (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          throw new SyntaxError(
            `${prefix}: line ${line}: unexpected '${text[i]}' after a closing quote ` +
              `(expected a comma or the end of the line; write a quote inside a quoted field as "")`,
          );
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text[j];
          if (c === "," || c === "\n" || c === "\r") break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      row.push(field);
      if (i >= n) break;
      if (text[i] === ",") {
        i++;
        continue;
      }
      // A line end: \r\n, \n or a lone \r.
      i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      break;
    }
    if (row.length > 1 || row[0] !== "") {
      rows.push(row);
      lines.push(rowLine);
    }
  }
  return { rows, lines };
}
