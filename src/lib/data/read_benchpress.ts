/**
 * Reading BenchPress's matrix file (`data.json` of microsoft/benchpress, and the project's compact
 * embedded copy of it) as a score matrix, model design factors and per-cell sources.
 *
 * The file holds `models` (id, name, provider, reasoning, release_date, canonical_setting, open_weights),
 * `benchmarks` (id, name), `observed` (models x benchmarks, null = missing) and `sources` (per cell:
 * url, type, matches_canonical, audit_status, ...). Other keys (BenchPress's own predictions and
 * intervals) are the peer's outputs and are never read. Models and tasks keep the file's order, so
 * BenchPress's fold files (indices into that order) apply unchanged. Model and task names are the
 * `name` fields. Model factors: `provider`, `reasoning`, `open weights`, `mode` and `effort` (of the
 * canonical setting) are categorical, `release date` is numeric, a decimal year (see
 * {@linkcode decimalYear}).
 *
 * Errors follow the readers' policy: a `SyntaxError` for text that is not the expected JSON shape, a
 * `RangeError` for a value that is not allowed; messages start with "Cannot read scores from FILE"
 * and name the model and benchmark.
 *
 * @module
 */
import type { CellSource, FactorColumn, FactorTable, ReadOptions, ScoreRead } from "./types.ts";
import { assembleScores, namePattern } from "./read_scores.ts";
import { checkName, nameClashes } from "./_names.ts";
import { q } from "./_values.ts";

/** Options of {@linkcode readBenchpress}: direction and scale patterns, and the file for messages. */
export interface ReadBenchpressOptions extends Pick<ReadOptions, "lowerIsBetter" | "unbounded"> {
  readonly file: string;
}

/** The model factors read from BenchPress's metadata, in this order. */
export const BENCHPRESS_FACTORS = [
  "provider",
  "reasoning",
  "open weights",
  "mode",
  "effort",
  "release date",
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A release date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as a decimal year at the middle of the period it
 * names: 2025 → 2025.5, 2025-01 → 2025 + 15.5/365, 2025-01-31 → 2025 + 30.5/365 (a day is
 * 1/365 or 1/366 of its year). Returns null for anything else.
 *
 * @example
 * ```ts
 * decimalYear("2024"); // 2024.5
 * decimalYear("2024-07-01"); // 2024.4986... (day 183 of 366, at noon)
 * ```
 */
export function decimalYear(date: string): number | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  if (match[2] === undefined) return year + 0.5;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const start = (Date.UTC(year, month - 1, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  if (match[3] === undefined) {
    const length = (Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / 86_400_000;
    return year + (start + length / 2) / days;
  }
  const day = Number(match[3]);
  const length = (Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / 86_400_000;
  if (day < 1 || day > length) return null;
  return year + (start + day - 0.5) / days;
}

/**
 * Reads BenchPress's `data.json` (or the compact copy) from its text.
 *
 * @example
 * ```ts
 * const { scores, modelFactors, sources } = readBenchpress(text, { file: "data.json" });
 * scores.dense.nModels; // 84
 * sources![0 * scores.dense.nTasks + 2]?.url; // where model 0's score on task 2 was reported
 * ```
 */
export function readBenchpress(text: string, options: ReadBenchpressOptions): ScoreRead {
  const prefix = `Cannot read scores from ${options.file}`;
  let root: Json;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new SyntaxError(`${prefix}: not valid JSON (${(error as Error).message})`);
  }
  const top = object(root, "the file", prefix);
  const models = array(top.models, "models", prefix).map((m, i) =>
    object(m, `models[${i}]`, prefix)
  );
  const benchmarks = array(top.benchmarks, "benchmarks", prefix).map((b, j) =>
    object(b, `benchmarks[${j}]`, prefix)
  );
  const modelNames = names(models, "model", prefix);
  const taskNames = names(benchmarks, "benchmark", prefix);
  const nTasks = taskNames.length;
  const rows = array(top.observed, "observed", prefix);
  if (rows.length !== models.length) {
    throw new SyntaxError(
      `${prefix}: 'observed' has ${rows.length} rows (expected one per model: ${models.length})`,
    );
  }
  const values = new Float64Array(models.length * nTasks).fill(NaN);
  rows.forEach((row, i) => {
    const cells = array(row, `observed[${i}]`, prefix);
    if (cells.length !== nTasks) {
      throw new SyntaxError(
        `${prefix}: observed[${i}] (${
          modelNames[i]
        }) has ${cells.length} cells (expected one per ` +
          `benchmark: ${nTasks})`,
      );
    }
    cells.forEach((cell, j) => {
      if (cell === null) return;
      if (typeof cell !== "number" || !Number.isFinite(cell)) {
        throw new RangeError(
          `${prefix}: observed[${i}][${j}] (${modelNames[i]}, ${q(taskNames[j])}): ` +
            `${
              JSON.stringify(cell)
            } is not a finite number (expected a number, or null when missing)`,
        );
      }
      values[i * nTasks + j] = cell;
    });
  });
  const at = (role: string) => (k: number) => ({
    line: null,
    column: null,
    where: `${role} ${k}`,
    short: `${role} ${k}`,
  });
  const warnings = [
    ...nameClashes(modelNames, "model", at("model"), options.file),
    ...nameClashes(taskNames, "task", at("benchmark"), options.file),
  ];
  const scores = assembleScores(options.file, { models: modelNames, tasks: taskNames, values }, {
    lowerIsBetter: namePattern(options.lowerIsBetter, "lower-is-better", prefix),
    unbounded: namePattern(options.unbounded, "unbounded", prefix),
    warnings,
  });
  return {
    scores,
    warnings,
    modelFactors: modelFactors(models, modelNames, options.file, prefix),
    sources: cellSources(top.sources, values, modelNames, taskNames, prefix),
  };
}

function object(value: Json | undefined, what: string, prefix: string): { [key: string]: Json } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new SyntaxError(`${prefix}: ${what} is not an object (expected BenchPress's data.json)`);
  }
  return value;
}

function array(value: Json | undefined, what: string, prefix: string): Json[] {
  if (!Array.isArray(value)) {
    throw new SyntaxError(
      `${prefix}: '${what}' is ${value === undefined ? "missing" : "not an array"} (expected ` +
        `BenchPress's data.json: models, benchmarks, observed, sources)`,
    );
  }
  return value;
}

/** The `name` of each entry (trimmed); an empty or repeated name is a `SyntaxError`. */
function names(entries: { [key: string]: Json }[], role: string, prefix: string): string[] {
  const first = new Map<string, number>();
  return entries.map((entry, k) => {
    const name = typeof entry.name === "string" ? entry.name.trim() : "";
    if (name === "") {
      throw new SyntaxError(`${prefix}: ${role} ${k} has no name (expected a 'name' string)`);
    }
    checkName(name, role, () => `${role} ${k}`, prefix);
    const before = first.get(name);
    if (before !== undefined) {
      throw new SyntaxError(
        `${prefix}: ${role} ${k}: duplicate ${role} name ${q(name)}, first at ${before}`,
      );
    }
    first.set(name, k);
    return name;
  });
}

function text(value: Json | undefined): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "boolean") return String(value);
  return null;
}

function modelFactors(
  models: { [key: string]: Json }[],
  modelNames: string[],
  file: string,
  prefix: string,
): FactorTable {
  const setting = (m: { [key: string]: Json }) =>
    m.canonical_setting && typeof m.canonical_setting === "object" &&
      !Array.isArray(m.canonical_setting)
      ? m.canonical_setting
      : {};
  const categorical = (name: string, get: (m: { [key: string]: Json }) => Json | undefined) => ({
    name,
    kind: "categorical" as const,
    kindSource: "declared" as const,
    values: models.map((m) => text(get(m))),
  });
  const dates = models.map((m, i) => {
    const raw = m.release_date;
    if (raw === null || raw === undefined || raw === "") return null;
    const year = typeof raw === "string" ? decimalYear(raw) : null;
    if (year === null) {
      throw new RangeError(
        `${prefix}: models[${i}] (${modelNames[i]}), release_date: ${JSON.stringify(raw)} is not ` +
          `a date (expected YYYY, YYYY-MM or YYYY-MM-DD)`,
      );
    }
    return year;
  });
  const factors: FactorColumn[] = [
    categorical("provider", (m) => m.provider),
    categorical("reasoning", (m) => m.reasoning),
    categorical("open weights", (m) => m.open_weights),
    categorical("mode", (m) => setting(m).mode),
    categorical("effort", (m) => setting(m).effort),
    { name: "release date", kind: "numeric", kindSource: "declared", values: dates },
  ];
  return { source: file, entity: "model", names: modelNames, factors };
}

/** Each observed cell's source (null where the file records none, and on missing cells). */
function cellSources(
  value: Json | undefined,
  values: Float64Array,
  modelNames: string[],
  taskNames: string[],
  prefix: string,
): (CellSource | null)[] {
  const nTasks = taskNames.length;
  const out: (CellSource | null)[] = new Array(values.length).fill(null);
  if (value === undefined) return out;
  const rows = array(value, "sources", prefix);
  if (rows.length !== modelNames.length) {
    throw new SyntaxError(
      `${prefix}: 'sources' has ${rows.length} rows (expected one per model: ${modelNames.length})`,
    );
  }
  rows.forEach((row, i) => {
    const cells = array(row, `sources[${i}]`, prefix);
    if (cells.length !== nTasks) {
      throw new SyntaxError(
        `${prefix}: sources[${i}] (${
          modelNames[i]
        }) has ${cells.length} cells (expected ${nTasks})`,
      );
    }
    cells.forEach((cell, j) => {
      // A source on a missing cell (a score BenchPress dropped in its audit) describes nothing.
      if (cell === null || Number.isNaN(values[i * nTasks + j])) return;
      const s = object(cell, `sources[${i}][${j}]`, prefix);
      const canonical = s.matches_canonical;
      out[i * nTasks + j] = {
        url: text(s.url),
        type: text(s.type),
        matchesCanonical: typeof canonical === "boolean" ? canonical : null,
        auditStatus: text(s.audit_status),
      };
    });
  });
  return out;
}
