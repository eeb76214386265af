/**
 * One factor column from raw cells: its kind declared or inferred, its values typed.
 *
 * @module
 */
import type { FactorColumn, FactorKind } from "./types.ts";
import { MISSING_LIST, parseNumberCell, q } from "./_values.ts";

const KINDS: readonly string[] = ["numeric", "categorical"];

/** Throws a `RangeError` when a declared kind is neither "numeric" nor "categorical". */
export function checkKinds(
  kinds: Readonly<Record<string, FactorKind>> | undefined,
  prefix: string,
): void {
  for (const [name, kind] of Object.entries(kinds ?? {})) {
    if (!KINDS.includes(kind)) {
      throw new RangeError(
        `${prefix}: factor ${q(name)} is declared with unknown kind ${q(String(kind))} ` +
          `(expected numeric or categorical)`,
      );
    }
  }
}

/**
 * Types the cells of factor `name`. A declared numeric factor rejects cells that are not numbers
 * with a `RangeError` naming `where(k)`; an undeclared one is numeric when it has values and every
 * one is a finite number, else categorical. Missing markers become null.
 */
export function factorColumn(
  name: string,
  cells: readonly string[],
  where: (k: number) => string,
  declared: FactorKind | undefined,
  prefix: string,
): FactorColumn {
  const parsed = cells.map((cell) => parseNumberCell(cell, false));
  let kind: FactorKind;
  if (declared === "numeric") {
    const bad = parsed.findIndex((p) => p.kind === "invalid" || p.kind === "infinite");
    if (bad >= 0) {
      const what = parsed[bad].kind === "invalid" ? "a number" : "a finite number";
      throw new RangeError(
        `${prefix}: ${where(bad)}: ${q(cells[bad].trim())} is not ${what} (expected a number ` +
          `or a missing marker: ${MISSING_LIST}, because factor ${q(name)} is declared numeric)`,
      );
    }
    kind = "numeric";
  } else if (declared === "categorical") {
    kind = "categorical";
  } else {
    const numeric = parsed.some((p) => p.kind === "number") &&
      parsed.every((p) => p.kind === "number" || p.kind === "missing");
    kind = numeric ? "numeric" : "categorical";
  }
  const values = kind === "numeric"
    ? parsed.map((p) => (p.kind === "number" ? p.value : null))
    : cells.map((cell, k) => (parsed[k].kind === "missing" ? null : cell.trim()));
  return { name, kind, kindSource: declared === undefined ? "inferred" : "declared", values };
}
