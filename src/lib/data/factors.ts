/**
 * Design factors of models or tasks from their own files, and their alignment with a score matrix.
 * Errors follow the policy of `read_scores.ts` (`SyntaxError` for structure, `RangeError` for
 * values and names); messages start with "Cannot read factors from FILE" or "Cannot match factors
 * from FILE".
 *
 * @module
 */
import type { DataWarning, FactorColumn, FactorKind, FactorTable } from "./types.ts";
import { parseCsv } from "./csv.ts";
import { columnLabel, type Grid, missingNames, paddedRowWarnings, toGrid } from "./_grid.ts";
import { findColumn } from "./layout.ts";
import { checkKinds, factorColumn } from "./_factor_column.ts";
import { andList, printable, q, qList } from "./_values.ts";
import { checkName, nameClashes } from "./_names.ts";

/** Options of {@linkcode readFactors}. */
export interface ReadFactorsOptions {
  /** The file name for messages; becomes the table's `source`. */
  file: string;
  entity: "model" | "task";
  /** Wide: one row per entity, one column per factor; transposed: one row per factor. */
  layout: "wide" | "transposed";
  /** Wide: the column holding the entity names (default: the first column). */
  nameColumn?: string;
  /** Declared kinds by factor name; names that are not factors of this file are ignored. */
  kinds?: Readonly<Record<string, FactorKind>>;
  /** Factors to leave out: columns (wide) or rows (transposed). */
  dropColumns?: readonly string[];
}

/**
 * Reads a factor file. Kinds come from `kinds`, else are inferred (numeric when every non-missing
 * value is a number). Cells follow the score readers: missing markers, padded short rows, blank
 * header-less columns dropped; a declared-numeric cell that is not a number is a `RangeError`
 * naming the line and column; a name with a NUL character is a `SyntaxError`. Padded rows and
 * names that differ only by case or Unicode form come back in `warnings`.
 *
 * @example
 * ```ts
 * const table = readFactors("Model Name,family,Layers\nA,llama,32\nB,gpt,\n", {
 *   file: "model_feature.csv",
 *   entity: "model",
 *   layout: "wide",
 * });
 * table.factors.map((f) => f.kind); // ["categorical", "numeric"]
 * ```
 */
export function readFactors(text: string, options: ReadFactorsOptions): FactorTable {
  const prefix = `Cannot read factors from ${options.file}`;
  const { entity } = options;
  if (options.layout !== "wide" && options.layout !== "transposed") {
    throw new RangeError(
      `${prefix}: unknown layout '${options.layout}': expected wide or transposed`,
    );
  }
  checkKinds(options.kinds, prefix);
  const csv = parseCsv(text, { file: options.file });
  const drop = new Set(options.dropColumns ?? []);
  const kindOf = (name: string) => options.kinds?.[name];

  if (options.layout === "wide") {
    let n = 0;
    if (options.nameColumn !== undefined) {
      const header = csv.rows[0]?.map((h) => h.trim()) ?? [];
      n = findColumn(header, options.nameColumn);
      if (n < 0) {
        throw new RangeError(
          `${prefix}: name column ${q(options.nameColumn)} does not exist ` +
            `(available columns: ${qList(header.filter((h) => h !== ""))})`,
        );
      }
    }
    const grid = toGrid(csv, prefix, n);
    const c0 = grid.columns.indexOf(n + 1);
    const columns = grid.header.flatMap((_, c) => (c === c0 ? [] : [c]));
    for (const c of columns) {
      const where = () => `line ${grid.headerLine}, column ${grid.columns[c]}`;
      checkName(grid.header[c], "factor", where, prefix);
    }
    checkUnique(
      columns.map((c) => grid.header[c]),
      (k) => `line ${grid.headerLine}, column ${grid.columns[columns[k]]}`,
      "factor",
      prefix,
    );
    checkDrop(options.dropColumns, columns.map((c) => grid.header[c]), "columns", prefix);
    const names = entityNames(grid, c0, entity, prefix);
    checkUnique(names, (k) => `line ${grid.lines[k]}`, entity, prefix);
    const factors = columns.filter((c) => !drop.has(grid.header[c])).map((c) =>
      factorColumn(
        grid.header[c],
        grid.rows.map((row) => row[c]),
        (k) => `line ${grid.lines[k]} (${printable(names[k])}), column ${q(grid.header[c])}`,
        kindOf(grid.header[c]),
        prefix,
      )
    );
    const warnings = [
      ...paddedRowWarnings(grid, options.file, (r) => ` (${printable(names[r])})`),
      ...nameClashes(names, entity, (r) => ({
        line: grid.lines[r],
        column: grid.header[c0] || `column ${grid.columns[c0]}`,
        where: `line ${grid.lines[r]} (${printable(names[r])})`,
        short: `line ${grid.lines[r]}`,
      }), options.file),
    ];
    return withWarnings({ source: options.file, entity, names, factors }, warnings);
  }

  const grid = toGrid(csv, prefix, 0);
  const names = grid.header.slice(1);
  names.forEach((name, k) =>
    checkName(name, entity, () => `line ${grid.headerLine}, column ${grid.columns[k + 1]}`, prefix)
  );
  checkUnique(
    names,
    (k) => `line ${grid.headerLine}, column ${grid.columns[k + 1]}`,
    entity,
    prefix,
  );
  const factorNames = grid.rows.map((row, r) => {
    const name = row[0].trim();
    if (name === "") {
      throw new SyntaxError(
        `${prefix}: line ${grid.lines[r]}, ${columnLabel(grid, 0)}: empty factor name ` +
          `(expected a factor name in the first column of every data row)`,
      );
    }
    checkName(name, "factor", () => `line ${grid.lines[r]}, ${columnLabel(grid, 0)}`, prefix);
    return name;
  });
  checkUnique(factorNames, (k) => `line ${grid.lines[k]}`, "factor", prefix);
  checkDrop(options.dropColumns, factorNames, "rows", prefix);
  const factors: FactorColumn[] = [];
  grid.rows.forEach((row, r) => {
    const name = factorNames[r];
    if (drop.has(name)) return;
    factors.push(factorColumn(
      name,
      row.slice(1),
      (k) => `line ${grid.lines[r]} (${printable(name)}), column ${q(names[k])}`,
      kindOf(name),
      prefix,
    ));
  });
  const warnings = [
    ...paddedRowWarnings(grid, options.file, (r) => ` (${printable(factorNames[r])})`),
    ...nameClashes(names, entity, (k) => ({
      line: grid.headerLine,
      column: names[k],
      where: `line ${grid.headerLine}, column ${grid.columns[k + 1]}`,
      short: `column ${grid.columns[k + 1]}`,
    }), options.file),
  ];
  return withWarnings({ source: options.file, entity, names, factors }, warnings);
}

/** The table, with `warnings` when there are any. */
function withWarnings(table: FactorTable, warnings: DataWarning[]): FactorTable {
  return warnings.length ? { ...table, warnings } : table;
}

/**
 * Reads a factor file from disk and calls {@linkcode readFactors}; `file` defaults to `path`.
 *
 * @example
 * ```ts
 * const table = await readFactorsFile("benchmark_feature.csv", {
 *   entity: "task",
 *   layout: "transposed",
 * });
 * ```
 */
export async function readFactorsFile(
  path: string,
  options: Omit<ReadFactorsOptions, "file"> & { file?: string },
): Promise<FactorTable> {
  const text = await Deno.readTextFile(path);
  return readFactors(text, { ...options, file: options.file ?? path });
}

/** Options of {@linkcode matchFactors}. */
export interface MatchFactorsOptions {
  /**
   * Factor-file name → score-file name, for entities named differently in the two files. Keys
   * that name no entity of the factor file are ignored (one alias map may serve several files).
   */
  aliases?: Readonly<Record<string, string>>;
}

/**
 * Aligns a factor table with the score matrix's `names` (its models or tasks): the result has one
 * row per name, in that order, all-null where the factor file has no row for it. Every factor-file
 * name must match a score name, exactly or through `aliases`; otherwise a `RangeError` lists each
 * unmatched name with the closest score names.
 *
 * @example
 * ```ts
 * const aligned = matchFactors(table, scores.dense.models, {
 *   aliases: { "Luminous Base": "Luminous Base-13B" },
 * });
 * aligned.names; // scores.dense.models
 * ```
 */
export function matchFactors(
  table: FactorTable,
  names: readonly string[],
  options: MatchFactorsOptions = {},
): FactorTable {
  const prefix = `Cannot match factors from ${table.source}`;
  const aliases = options.aliases ?? {};
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  // rowOf[i]: the factor-table row for score name i, or -1.
  const rowOf = new Int32Array(names.length).fill(-1);
  const target = (name: string) => Object.hasOwn(aliases, name) ? aliases[name] : name;
  const unmatched: string[] = [];
  table.names.forEach((name, r) => {
    const i = index.get(target(name));
    if (i === undefined) {
      unmatched.push(name);
    } else if (rowOf[i] >= 0) {
      throw new RangeError(
        `${prefix}: ${q(table.names[rowOf[i]])} and ${q(name)} both match the ${table.entity} ` +
          `${
            q(target(name))
          } (expected each ${table.entity} of the score matrix to match at most one ` +
          `row of the factor file; check the aliases)`,
      );
    } else {
      rowOf[i] = r;
    }
  });
  if (unmatched.length > 0) {
    const entity = table.entity;
    const count = unmatched.length === 1
      ? `1 ${entity} name matches no ${entity}`
      : `${unmatched.length} ${entity} names match no ${entity}`;
    // Closest names for the first few only: a file of thousands of strangers stays fast and short.
    const listed = unmatched.slice(0, UNMATCHED_LISTED).map((name) => {
      const close = closestNames(target(name), names);
      const notes = [
        ...(target(name) === name ? [] : [`aliased to ${q(target(name))}`]),
        close.length === 0 ? "no close match" : `closest: ${qList(close)}`,
      ];
      return `${q(name)} (${notes.join("; ")})`;
    });
    const rest = unmatched.length - listed.length;
    throw new RangeError(
      `${prefix}: ${count} of the score matrix: ${listed.join(", ")}` +
        `${rest > 0 ? ` and ${rest} more` : ""} (expected every ` +
        `${entity} name of the factor file to match a score-file name exactly; pass aliases ` +
        `mapping factor-file names to score-file names, e.g. ${
          aliasExample(unmatched[0], target(unmatched[0]), names)
        })`,
    );
  }
  const factors = table.factors.map((factor): FactorColumn => ({
    ...factor,
    values: Array.from(rowOf, (r) => (r < 0 ? null : factor.values[r])),
  }));
  return {
    source: table.source,
    entity: table.entity,
    names: [...names],
    factors,
    ...(table.warnings ? { warnings: table.warnings } : {}),
  };
}

/** How many unmatched names a `matchFactors()` error describes (the rest are counted). */
const UNMATCHED_LISTED = 5;

/**
 * Up to three score names close to `name`: the same ignoring case, then either a case-insensitive
 * prefix of the other, then by edit distance (at most a third of the length, at least 2, and
 * less than the length).
 *
 * @example
 * ```ts
 * closestNames("Luminous Base", ["Luminous Base-13B", "LLaMA-7B"]); // ["Luminous Base-13B"]
 * ```
 */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const a = name.toLowerCase();
  const limit = Math.min(Math.max(2, Math.floor(a.length / 3)), a.length - 1);
  const scored: { name: string; tier: number; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const b = candidate.toLowerCase();
    const prefix = a.startsWith(b) || b.startsWith(a);
    // The edit distance is at least the difference in length: most candidates stop here.
    if (!prefix && Math.abs(a.length - b.length) > limit) continue;
    const distance = editDistance(a, b);
    const tier = a === b ? 0 : prefix ? 1 : distance <= limit ? 2 : 3;
    if (tier < 3) scored.push({ name: candidate, tier, distance });
  }
  scored.sort((x, y) => x.tier - y.tier || x.distance - y.distance);
  return scored.slice(0, 3).map((s) => s.name);
}

/** `{ "factor-file name": "closest score name" }` for the first unmatched name. */
function aliasExample(name: string, target: string, names: readonly string[]): string {
  const close = closestNames(target, names);
  return `{ ${JSON.stringify(name)}: ${JSON.stringify(close[0] ?? "<score-file name>")} }`;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** A `SyntaxError` for the first name that appears twice. */
function checkUnique(
  names: readonly string[],
  where: (k: number) => string,
  what: string,
  prefix: string,
): void {
  const first = new Map<string, number>();
  names.forEach((name, k) => {
    const before = first.get(name);
    if (before !== undefined) {
      throw new SyntaxError(
        `${prefix}: ${where(k)}: duplicate ${what} ${q(name)}, first at ${where(before)} ` +
          `(expected each ${what} once)`,
      );
    }
    first.set(name, k);
  });
}

function checkDrop(
  requested: readonly string[] | undefined,
  available: readonly string[],
  plural: string,
  prefix: string,
): void {
  const missing = missingNames(requested, new Set(available));
  if (missing.length === 0) return;
  const verb = missing.length === 1
    ? `drop column ${q(missing[0])} does not exist`
    : `drop columns ${andList(missing.map(q))} do not exist`;
  throw new RangeError(`${prefix}: ${verb} (available ${plural}: ${qList(available)})`);
}

/** The trimmed entity names in column `c`; an empty one is a `SyntaxError`. */
function entityNames(grid: Grid, c: number, entity: string, prefix: string): string[] {
  return grid.rows.map((row, r) => {
    const name = row[c].trim();
    if (name === "") {
      throw new SyntaxError(
        `${prefix}: line ${grid.lines[r]}, ${columnLabel(grid, c)}: empty ${entity} name ` +
          `(expected a ${entity} name in every data row)`,
      );
    }
    checkName(name, entity, () => `line ${grid.lines[r]}, ${columnLabel(grid, c)}`, prefix);
    return name;
  });
}
