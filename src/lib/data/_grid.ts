/**
 * A parsed CSV made rectangular: the header trimmed, short rows padded with missing cells (and
 * listed, for a warning), extra blank cells cut, rows of blank cells skipped, and header-less blank
 * columns dropped.
 *
 * @module
 */
import type { CsvRows } from "./csv.ts";
import type { DataWarning } from "./types.ts";
import { dataWarning } from "./_names.ts";
import { q } from "./_values.ts";

/** A header and data rows of the same width. */
export interface Grid {
  /** Trimmed header names. */
  readonly header: string[];
  /** The 1-based column of each kept column in the file. */
  readonly columns: number[];
  /** Data rows, raw cells, `header.length` each. */
  readonly rows: string[][];
  /** The 1-based line of each data row. */
  readonly lines: number[];
  readonly headerLine: number;
  /** Data rows that were shorter than the header and padded: their line and their cell count. */
  readonly padded: readonly { readonly line: number; readonly cells: number }[];
}

/** The trimmed header row, or a `SyntaxError` when the file has no rows. */
export function headerOf(csv: CsvRows, prefix: string): string[] {
  if (csv.rows.length === 0) {
    throw new SyntaxError(
      `${prefix}: the file is empty (expected a header row and at least one data row)`,
    );
  }
  return csv.rows[0].map((cell) => cell.trim());
}

/**
 * Builds the grid. Rows longer than the header are a `SyntaxError` unless the extra cells are
 * blank (trailing commas); shorter rows are padded with missing cells and listed in `padded`.
 * A column with an empty
 * header is dropped when all its cells are blank, and is a `SyntaxError` when it holds data,
 * except column `nameIndex` (the names column, whose header may be empty).
 */
export function toGrid(csv: CsvRows, prefix: string, nameIndex: number): Grid {
  const header = headerOf(csv, prefix);
  const width = header.length;
  const headerLine = csv.lines[0];
  const rows: string[][] = [];
  const lines: number[] = [];
  const padded: { line: number; cells: number }[] = [];
  for (let k = 1; k < csv.rows.length; k++) {
    let row = csv.rows[k];
    const line = csv.lines[k];
    if (row.length > width) {
      const extra = row.findIndex((cell, c) => c >= width && cell.trim() !== "");
      if (extra >= 0) {
        throw new SyntaxError(
          `${prefix}: line ${line}: ${row.length} cells, but the header on line ${headerLine} ` +
            `has ${width} (cell ${extra + 1} holds ${q(row[extra].trim())}; expected at most ` +
            `${width} cells per row)`,
        );
      }
      row = row.slice(0, width);
    } else if (row.length < width) {
      if (row.some((cell) => cell.trim() !== "")) padded.push({ line, cells: row.length });
      row = row.concat(Array<string>(width - row.length).fill(""));
    }
    if (row.every((cell) => cell.trim() === "")) continue;
    rows.push(row);
    lines.push(line);
  }
  if (rows.length === 0) {
    throw new SyntaxError(
      `${prefix}: no data rows after the header on line ${headerLine} ` +
        `(expected at least one data row)`,
    );
  }
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    if (header[c] !== "" || c === nameIndex) {
      keep.push(c);
      continue;
    }
    const r = rows.findIndex((row) => row[c].trim() !== "");
    if (r >= 0) {
      throw new SyntaxError(
        `${prefix}: line ${lines[r]}, column ${c + 1}: the column has no header but holds ` +
          `${q(rows[r][c].trim())} (expected a header name on line ${headerLine} for every ` +
          `column that holds data)`,
      );
    }
  }
  if (keep.length === width) {
    return { header, columns: keep.map((c) => c + 1), rows, lines, headerLine, padded };
  }
  return {
    header: keep.map((c) => header[c]),
    columns: keep.map((c) => c + 1),
    rows: rows.map((row) => keep.map((c) => row[c])),
    lines,
    headerLine,
    padded,
  };
}

/** `column 'MMLU'`, or `column 3` when the header is empty. */
export function columnLabel(grid: Grid, c: number): string {
  return grid.header[c] === "" ? `column ${grid.columns[c]}` : `column ${q(grid.header[c])}`;
}

/**
 * The names that are not in `available`, for "does not exist" errors; exact matches only.
 */
export function missingNames(
  names: readonly string[] | undefined,
  available: ReadonlySet<string>,
): string[] {
  return (names ?? []).filter((name) => !available.has(name));
}

/** A warning per row of `grid` that was shorter than the header (and padded). */
export function paddedRowWarnings(
  grid: Grid,
  file: string,
  rowLabel: (r: number) => string,
): DataWarning[] {
  const row = new Map(grid.lines.map((line, r) => [line, r]));
  return grid.padded.map(({ line, cells }) => {
    const missing = grid.header.length - cells;
    return dataWarning(
      file,
      { line, column: null, where: `line ${line}${rowLabel(row.get(line)!)}` },
      `${cells} cells, but the header on line ${grid.headerLine} has ${grid.header.length}: ` +
        `the last ${missing === 1 ? "one reads" : `${missing} read`} as missing (write empty ` +
        "cells, e.g. trailing commas, to say so)",
    );
  });
}
