/**
 * Cell values shared by the readers: missing markers, strict number parsing, quoting for messages.
 *
 * @module
 */

/** The cell texts that mean "missing" (compared trimmed and case-insensitively). */
export const MISSING_MARKERS: readonly string[] = ["", "-", "NA", "NaN", "null"];

const MISSING = new Set(MISSING_MARKERS.map((m) => m.toLowerCase()));
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const INFINITY = /^[+-]?(?:inf|infinity)$/i;
/** The largest finite float32: larger magnitudes would turn into Infinity in the dense arrays. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** How the missing markers read in messages. */
export const MISSING_LIST = "'', -, NA, NaN, null";

/** True when the (untrimmed) cell is a missing marker. */
export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/** A parsed numeric cell. */
export type NumberCell =
  | { readonly kind: "missing" }
  | { readonly kind: "number"; readonly value: number; readonly percent: boolean }
  | { readonly kind: "invalid" }
  | { readonly kind: "infinite" };

const MISSING_CELL: NumberCell = { kind: "missing" };
const INVALID_CELL: NumberCell = { kind: "invalid" };
const INFINITE_CELL: NumberCell = { kind: "infinite" };

/**
 * Parses a cell as a plain decimal number (`12`, `-0.5`, `.5`, `1e-3`) or, when `percent` is
 * allowed, a percentage (`45.3%`, value 45.3). Anything else is invalid; `inf`, `Infinity` and
 * values beyond the float32 range are infinite.
 */
export function parseNumberCell(cell: string, allowPercent: boolean): NumberCell {
  const raw = cell.trim();
  // The common case first: a plain number.
  if (NUMBER.test(raw)) return numberCell(Number(raw), false);
  if (MISSING.has(raw.toLowerCase())) return MISSING_CELL;
  let body = raw;
  let percent = false;
  if (allowPercent && raw.endsWith("%")) {
    body = raw.slice(0, -1).trimEnd();
    percent = true;
  }
  if (INFINITY.test(body)) return INFINITE_CELL;
  if (!NUMBER.test(body)) return INVALID_CELL;
  return numberCell(Number(body), percent);
}

function numberCell(value: number, percent: boolean): NumberCell {
  if (!(Math.abs(value) <= FLOAT32_MAX)) return INFINITE_CELL;
  return { kind: "number", value, percent };
}

/** `'name'`, its control characters written as escapes, so that a message stays one line. */
export function q(name: string): string {
  return `'${printable(name)}'`;
}

// Control characters (C0, DEL, C1), the line and paragraph separators, and the bidirectional
// overrides that could make a terminal show text in another order than it is.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\0": "\\0",
};

/**
 * `text` with its control characters (line breaks, tabs, NUL, escape, bidirectional overrides, …)
 * written as escapes
 * (`\n`, `\t`, `\0`, `\u001b`): safe to print in a message or a text table.
 *
 * @example
 * ```ts
 * printable("a\nb"); // "a\\nb"
 * ```
 */
export function printable(text: string): string {
  return text.replace(
    CONTROL,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `'a', 'b', 'c'` */
export function qList(names: readonly string[]): string {
  return names.map(q).join(", ");
}

/** `a` or `a and b` or `a, b and c`. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
