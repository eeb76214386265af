/**
 * Plain-text tables for the command line: columns padded, numbers right-aligned, names printed
 * safely (a line break or another control character in a name is written as an escape, `\n`).
 *
 * @module
 */
import { printable } from "../lib/mod.ts";

export type Cell = string | number | null;

/**
 * Formats rows under a header; numbers are right-aligned, null prints as "-", text is printed
 * with its control characters escaped.
 *
 * @example
 * ```ts
 * textTable(["task", "observed"], [["MMLU", 40]]);
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => r.map((c) => (c === null ? "-" : printable(String(c)))));
  const widths = header.map((h, k) => Math.max(h.length, ...text.map((r) => r[k]?.length ?? 0)));
  const numeric = header.map((_, k) =>
    rows.length > 0 && rows.every((r) => typeof r[k] !== "string")
  );
  const line = (cells: readonly string[]) =>
    cells.map((c, k) => (numeric[k] ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}

/** A fraction as a percentage with one decimal: 0.4205 → "42.0%". */
export function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
