/**
 * Names of models, tasks and factors as the readers take them: a NUL character is an error, and
 * names that differ only by case or by Unicode normalization (NFC vs NFD) are kept apart with a
 * warning. Also the constructor of the readers' warnings.
 *
 * @module
 */
import type { DataWarning } from "./types.ts";
import { q } from "./_values.ts";

/**
 * A warning about `file`: `where` (e.g. `line 4 (B), column 'MMLU'`, or "" for the whole file)
 * starts the message after the file name; `line` and `column` are kept apart for machines.
 */
export function dataWarning(
  file: string,
  place: { readonly line: number | null; readonly column: string | null; readonly where: string },
  text: string,
): DataWarning {
  const message = place.where === "" ? `${file}: ${text}` : `${file}: ${place.where}: ${text}`;
  return { file, line: place.line, column: place.column, message };
}

/** Throws a `SyntaxError` when `name` holds a NUL character; `where` says where it is. */
export function checkName(name: string, what: string, where: () => string, prefix: string): void {
  if (!name.includes("\0")) return;
  throw new SyntaxError(
    `${prefix}: ${where()}: the ${what} name ${q(name)} holds a NUL character (expected a name ` +
      "without NUL characters; the file may be binary or UTF-16)",
  );
}

/** Where a name was read, for a warning. */
export interface NamePlace {
  readonly line: number | null;
  readonly column: string | null;
  /** e.g. `line 7 (LLaMA-7b)` or `line 1, column 5`. */
  readonly where: string;
  /** The short form for the first occurrence, e.g. `line 2` or `column 3`. */
  readonly short: string;
}

/**
 * One warning per name that equals an earlier one of `names` but for case or Unicode
 * normalization: both are kept, as two `what`s. Linear: one map of normalized names.
 */
export function nameClashes(
  names: readonly string[],
  what: string,
  placeOf: (k: number) => NamePlace,
  file: string,
): DataWarning[] {
  const first = new Map<string, number>();
  const warnings: DataWarning[] = [];
  names.forEach((name, k) => {
    const key = name.normalize("NFC").toLowerCase();
    const before = first.get(key);
    if (before === undefined) {
      first.set(key, k);
      return;
    }
    const other = names[before];
    if (other === name) return;
    const sameForm = other.normalize("NFC") === name.normalize("NFC");
    const sameCase = other.toLowerCase() === name.toLowerCase();
    const was = `${q(other)} (${placeOf(before).short})`;
    const how = sameForm
      ? `is ${was} in another Unicode normalization form (NFC vs NFD)`
      : `differs from ${was} only by case${sameCase ? "" : " and Unicode normalization form"}`;
    warnings.push(dataWarning(
      file,
      placeOf(k),
      `${what} ${q(name)} ${how}: they are read as two ${what}s (rename one if they are the ` +
        `same ${what})`,
    ));
  });
  return warnings;
}
