/**
 * Reading a score matrix from CSV text in any of the three layouts of PROTOCOL.md.
 *
 * Errors policy (the same in every reader of this folder): a `SyntaxError` when the text cannot be
 * read as a table of the layout (CSV syntax, empty file, header only, ragged row, data under an
 * empty header, empty or duplicate model/task names, undetectable layout); a `RangeError` when a
 * value or an option is out of what is allowed (a cell that is not a finite number, percentages
 * mixed with fractions, conflicting repeated scores, an unknown layout, a named column or row that
 * does not exist, an invalid pattern). Messages say what, where (file, 1-based line, column) and
 * what was expected, and start with "Cannot read scores from FILE". What is read with a doubt is
 * returned as warnings instead (see `readScores()`); the policy is the README's "Bad input".
 *
 * @module
 */
import * as aq from "arquero";
import type {
  DataWarning,
  FactorColumn,
  FactorTable,
  ReadOptions,
  ScoreMatrix,
  ScoreRead,
  TaskScale,
} from "./types.ts";
import { type CsvRows, parseCsv } from "./csv.ts";
import {
  columnLabel,
  type Grid,
  headerOf,
  missingNames,
  paddedRowWarnings,
  toGrid,
} from "./_grid.ts";
import { detectLayout, findColumn, longColumnNames, parseLayout } from "./layout.ts";
import { checkKinds, factorColumn } from "./_factor_column.ts";
import { andList, MISSING_LIST, parseNumberCell, printable, q, qList } from "./_values.ts";
import { denseScores } from "./_dense.ts";
import { checkName, dataWarning, nameClashes, type NamePlace } from "./_names.ts";

/** Options of {@linkcode readScores}: the read options plus the file name used in messages. */
export interface ReadScoresOptions extends ReadOptions {
  /** The file name (path or dataset file) for messages. */
  file: string;
}

/**
 * Reads a score matrix from CSV text (pure: text in, no I/O).
 *
 * - Layout: `options.layout`, else detected from the header (see `detectLayout()`).
 * - Missing cells: `''`, `-`, `NA`, `NaN`, `null` (trimmed, case-insensitive); `45.3%` reads as
 *   45.3, a percentage outside [0, 100] is an error, and a task may not mix `%` cells with plain
 *   values in (0, 1]. A file without any observed score is an error.
 * - Rows shorter than the header are padded with missing cells (with a warning); longer rows are
 *   an error unless the extra cells are blank. Rows of blank cells are skipped. Columns with an
 *   empty header and no data are dropped (the names column of a wide or transposed file may have
 *   an empty header).
 * - Names: a NUL character is an error; names that differ only by case or Unicode normalization
 *   are kept apart, with a warning.
 * - Warnings (returned, never printed): padded rows, such names, a plain value in (0, 1) among a
 *   0-100 task's scores that looks like a fraction (see `likelyFractions()`), a value the float32
 *   view cannot hold within 1e-6 relative (`scores.exact` keeps it as read), a lower-is-better
 *   pattern that matches no task.
 * - Wide: `modelColumn` (default: the first column) holds the model names; `dropColumns` and
 *   `factorColumns` name columns to ignore or to return as `modelFactors`.
 * - Transposed: the first column holds the task names; `dropColumns` and `factorColumns` name
 *   rows (a factor row gives one value per model).
 * - Long: columns `model`, `task`, `score` (or `modelColumn`, `taskColumn`, `scoreColumn`),
 *   case-insensitive; other columns are ignored; `dropColumns` names tasks to ignore; a repeated
 *   (model, task) pair must repeat the same score, and counts once.
 *
 * @example
 * ```ts
 * const { scores } = readScores(",MMLU,GSM8K\nA,45.3,-\nB,50.1,12\n", { file: "x.csv" });
 * scores.dense.nModels; // 2
 * scores.table.numRows(); // 3 observed cells
 * ```
 */
export function readScores(text: string, options: ReadScoresOptions): ScoreRead {
  const prefix = `Cannot read scores from ${options.file}`;
  const declared = options.layout === undefined
    ? undefined
    : parseLayout(options.layout as string, prefix);
  const lower = namePattern(options.lowerIsBetter, "lower-is-better", prefix);
  const unbounded = namePattern(options.unbounded, "unbounded", prefix);
  checkKinds(options.factorKinds, prefix);
  const csv = parseCsv(text, { file: options.file });
  const header = headerOf(csv, prefix);
  const layout = declared ?? detectLayout(header, options);
  if (layout === undefined) {
    throw new SyntaxError(
      `${prefix}: line ${csv.lines[0]}: cannot tell the layout from the header (first cell ` +
        `${q(header[0])}) (expected a first cell that is empty or 'model' or 'name' for wide, ` +
        `'metric', 'task', 'benchmark' or 'scenario' for transposed, or columns model, task and ` +
        `score for long; or pass --layout wide|transposed|long)`,
    );
  }
  const scales = new ScaleCheck(prefix);
  const raw = layout === "wide"
    ? readWide(csv, header, options, prefix, scales, options.file)
    : layout === "transposed"
    ? readTransposed(csv, options, prefix, scales, options.file)
    : readLong(csv, options, prefix, scales, options.file);
  const warnings = [...(raw.warnings ?? [])];
  const scores = assembleScores(options.file, raw, {
    lowerIsBetter: lower,
    unbounded,
    percentTasks: new Set(scales.percent.keys()),
    warnings,
  });
  if (raw.factors === undefined) return { scores, warnings };
  const modelFactors: FactorTable = {
    source: options.file,
    entity: "model",
    names: raw.models,
    factors: raw.factors,
  };
  return { scores, modelFactors, warnings };
}

/**
 * Reads a score file from disk and calls {@linkcode readScores}; `options.file` (the name used in
 * messages) defaults to `path`.
 *
 * @example
 * ```ts
 * const { scores } = await readScoresFile("data/scores.csv", { lowerIsBetter: "BPB" });
 * ```
 */
export async function readScoresFile(
  path: string,
  options: ReadOptions & { file?: string } = {},
): Promise<ScoreRead> {
  const text = await Deno.readTextFile(path);
  return readScores(text, { ...options, file: options.file ?? path });
}

/** What a layout reader hands to {@linkcode assembleScores}. */
export interface RawScores {
  models: string[];
  tasks: string[];
  /** Row-major, NaN where missing. */
  values: Float64Array;
  factors?: FactorColumn[];
  /** Where the cell of model i and task j was read, for warnings (default: its names). */
  place?(i: number, j: number): { line: number | null; column: string | null; where: string };
  /** Warnings of the layout reader: padded rows, names that differ only by case or form. */
  warnings?: DataWarning[];
}

/** The place of header cell `c` (a column name), for name warnings. */
function headerPlace(grid: Grid, c: number): NamePlace {
  const column = grid.header[c] === "" ? `column ${grid.columns[c]}` : grid.header[c];
  return {
    line: grid.headerLine,
    column,
    where: `line ${grid.headerLine}, column ${grid.columns[c]}`,
    short: `column ${grid.columns[c]}`,
  };
}

/** The place of data row `r`'s name, for name warnings. */
function rowPlace(grid: Grid, r: number, c: number, name: string): NamePlace {
  return {
    line: grid.lines[r],
    column: grid.header[c] === "" ? `column ${grid.columns[c]}` : grid.header[c],
    where: `line ${grid.lines[r]} (${name})`,
    short: `line ${grid.lines[r]}`,
  };
}

/** Tracks, per task, the first `%` cell and the first plain value in (0, 1]; both is an error. */
class ScaleCheck {
  readonly percent = new Map<number, string>();
  readonly fraction = new Map<number, string>();
  constructor(readonly prefix: string) {}

  /** Parses one score cell; returns NaN when missing and throws when it is not a number. */
  read(cell: string, task: number, taskName: string, where: () => string, at: () => string) {
    const parsed = parseNumberCell(cell, true);
    if (parsed.kind === "missing") return NaN;
    if (parsed.kind === "invalid") {
      throw new RangeError(
        `${this.prefix}: ${where()}: ${q(cell.trim())} is not a number (expected a number, ` +
          `a percentage like 45.3%, or a missing marker: ${MISSING_LIST})`,
      );
    }
    if (parsed.kind === "infinite") {
      throw new RangeError(
        `${this.prefix}: ${where()}: ${q(cell.trim())} is not a finite number (expected a ` +
          `finite number, or a missing marker for a missing score: ${MISSING_LIST})`,
      );
    }
    const { value, percent } = parsed;
    if (percent && !(value >= 0 && value <= 100)) {
      throw new RangeError(
        `${this.prefix}: ${where()}: ${q(cell.trim())} is a percentage outside [0, 100] ` +
          `(expected a percentage from 0% to 100%, or a plain number for a score on another scale)`,
      );
    }
    const mine = percent ? this.percent : value > 0 && value <= 1 ? this.fraction : undefined;
    if (mine !== undefined && !mine.has(task)) {
      mine.set(task, `${q(cell.trim())} on ${at()}`);
      const pct = this.percent.get(task);
      const frac = this.fraction.get(task);
      if (pct !== undefined && frac !== undefined) {
        throw new RangeError(
          `${this.prefix}: task ${q(taskName)} mixes percentages and fractions: ${pct} and ` +
            `${frac} (expected one scale per task: percentages or plain numbers on a 0-100 ` +
            `scale, or fractions in [0, 1] without '%')`,
        );
      }
    }
    return value;
  }
}

function readWide(
  csv: CsvRows,
  header: readonly string[],
  options: ReadOptions,
  prefix: string,
  scales: ScaleCheck,
  file: string,
): RawScores {
  let nameColumn = 0;
  if (options.modelColumn !== undefined) {
    nameColumn = findColumn(header, options.modelColumn);
    if (nameColumn < 0) {
      throw new RangeError(
        `${prefix}: model column ${q(options.modelColumn)} does not exist ` +
          `(available columns: ${qList(header.filter((h) => h !== ""))})`,
      );
    }
  }
  const grid = toGrid(csv, prefix, nameColumn);
  const m = grid.columns.indexOf(nameColumn + 1);
  const drop = new Set(options.dropColumns ?? []);
  const factorNames = new Set((options.factorColumns ?? []).filter((name) => !drop.has(name)));
  const isTask = (c: number) =>
    c !== m && !drop.has(grid.header[c]) && !factorNames.has(grid.header[c]);
  grid.header.forEach((h, c) =>
    checkName(
      h,
      isTask(c) ? "task" : "column",
      () => `line ${grid.headerLine}, column ${c + 1}`,
      prefix,
    )
  );
  checkDuplicateColumns(grid, prefix, (c) => (isTask(c) ? "task" : "column"));
  const available = grid.header.filter((h, c) => c !== m && h !== "");
  const names = new Map([[grid.header[m], "the model-name column"]]);
  checkExists(options.factorColumns, available, "factor column", "columns", prefix, names);
  checkExists(options.dropColumns, available, "drop column", "columns", prefix, names);

  const taskColumns = grid.header.flatMap((_, c) => (isTask(c) ? [c] : []));
  if (taskColumns.length === 0) {
    throw new SyntaxError(
      `${prefix}: line ${grid.headerLine}: no task columns (expected at least one column ` +
        `of scores besides the model, factor and dropped columns)`,
    );
  }
  const tasks = taskColumns.map((c) => grid.header[c]);
  const models = rowNames(grid, m, "model", prefix);
  const nTasks = tasks.length;
  const values = new Float64Array(models.length * nTasks);
  grid.rows.forEach((row, r) => {
    const line = grid.lines[r];
    taskColumns.forEach((c, t) => {
      values[r * nTasks + t] = scales.read(
        row[c],
        t,
        tasks[t],
        () => `line ${line} (${printable(models[r])}), column ${q(tasks[t])}`,
        () => `line ${line} (${printable(models[r])})`,
      );
    });
  });
  const warnings = [
    ...paddedRowWarnings(grid, file, (r) => ` (${printable(models[r])})`),
    ...nameClashes(models, "model", (r) => rowPlace(grid, r, m, models[r]), file),
    ...nameClashes(tasks, "task", (t) => headerPlace(grid, taskColumns[t]), file),
  ];
  const place = (i: number, j: number) => ({
    line: grid.lines[i],
    column: tasks[j],
    where: `line ${grid.lines[i]} (${printable(models[i])}), column ${q(tasks[j])}`,
  });
  const factors = options.factorColumns === undefined ? undefined : [...factorNames].map((name) => {
    const c = grid.header.indexOf(name);
    return factorColumn(
      name,
      grid.rows.map((row) => row[c]),
      (k) => `line ${grid.lines[k]} (${printable(models[k])}), column ${q(name)}`,
      options.factorKinds?.[name],
      prefix,
    );
  });
  return { models, tasks, values, factors, place, warnings };
}

function readTransposed(
  csv: CsvRows,
  options: ReadOptions,
  prefix: string,
  scales: ScaleCheck,
  file: string,
): RawScores {
  const grid = toGrid(csv, prefix, 0);
  grid.header.forEach((h, c) =>
    checkName(
      h,
      c === 0 ? "column" : "model",
      () => `line ${grid.headerLine}, column ${c + 1}`,
      prefix,
    )
  );
  checkDuplicateColumns(grid, prefix, (c) => (c === 0 ? "column" : "model"));
  const models = grid.header.slice(1);
  if (models.length === 0) {
    throw new SyntaxError(
      `${prefix}: line ${grid.headerLine}: no model columns (expected one column per model ` +
        `after the task names)`,
    );
  }
  const drop = new Set(options.dropColumns ?? []);
  const factorNames = new Set((options.factorColumns ?? []).filter((name) => !drop.has(name)));
  const names = rowNames(
    grid,
    0,
    "task",
    prefix,
    (name) => !drop.has(name) && !factorNames.has(name),
  );
  const roles = new Map([
    [grid.header[0], "the header of the task-name column"],
    ...models.map((name): [string, string] => [name, "a model column (rows name tasks here)"]),
  ]);
  checkExists(options.factorColumns, names, "factor row", "rows", prefix, roles);
  checkExists(options.dropColumns, names, "drop row", "rows", prefix, roles);

  const taskRows = names.flatMap((name, r) => (drop.has(name) || factorNames.has(name) ? [] : [r]));
  const tasks = taskRows.map((r) => names[r]);
  const nTasks = tasks.length;
  const values = new Float64Array(models.length * nTasks);
  taskRows.forEach((r, t) => {
    const row = grid.rows[r];
    const line = grid.lines[r];
    for (let i = 0; i < models.length; i++) {
      values[i * nTasks + t] = scales.read(
        row[i + 1],
        t,
        tasks[t],
        () => `line ${line} (${printable(tasks[t])}), column ${q(models[i])}`,
        () => `line ${line}, column ${q(models[i])}`,
      );
    }
  });
  const warnings = [
    ...paddedRowWarnings(grid, file, (r) => ` (${printable(names[r])})`),
    ...nameClashes(models, "model", (i) => headerPlace(grid, i + 1), file),
    ...nameClashes(tasks, "task", (t) => rowPlace(grid, taskRows[t], 0, tasks[t]), file),
  ];
  const place = (i: number, j: number) => ({
    line: grid.lines[taskRows[j]],
    column: models[i],
    where: `line ${grid.lines[taskRows[j]]} (${printable(tasks[j])}), column ${q(models[i])}`,
  });
  const factors = options.factorColumns === undefined ? undefined : [...factorNames].map((name) => {
    const r = names.indexOf(name);
    return factorColumn(
      name,
      grid.rows[r].slice(1),
      (k) => `line ${grid.lines[r]} (${printable(name)}), column ${q(models[k])}`,
      options.factorKinds?.[name],
      prefix,
    );
  });
  return { models, tasks, values, factors, place, warnings };
}

function readLong(
  csv: CsvRows,
  options: ReadOptions,
  prefix: string,
  scales: ScaleCheck,
  file: string,
): RawScores {
  if (options.factorColumns !== undefined && options.factorColumns.length > 0) {
    throw new RangeError(
      `${prefix}: factor columns ${qList(options.factorColumns)} cannot be read from a long ` +
        `file (expected model factors in a wide or transposed score file, or in a factor file)`,
    );
  }
  const grid = toGrid(csv, prefix, -1);
  const names = longColumnNames(options);
  const [mc, tc, sc] = (["model", "task", "score"] as const).map((role) => {
    const c = findColumn(grid.header, names[role]);
    if (c < 0) {
      throw new RangeError(
        `${prefix}: line ${grid.headerLine}: no ${role} column ${q(names[role])} (expected ` +
          `columns model, task and score in the long layout; available columns: ` +
          `${qList(grid.header)})`,
      );
    }
    return c;
  });
  const roles = new Set([mc, tc, sc]);
  checkDuplicateColumns(grid, prefix, () => "column", (c) => roles.has(c));

  const drop = new Set(options.dropColumns ?? []);
  const models: string[] = [];
  const tasks: string[] = [];
  const modelIndex = new Map<string, number>();
  const taskIndex = new Map<string, number>();
  const seenTasks = new Set<string>();
  const cells: { m: number; t: number; value: number; raw: string; line: number }[] = [];
  const first = new Map<string, number>();
  // The first row of each model and task, for warnings.
  const modelRow: number[] = [];
  const taskRow: number[] = [];
  grid.rows.forEach((row, r) => {
    const line = grid.lines[r];
    const model = row[mc].trim();
    const task = row[tc].trim();
    for (const [name, c, role] of [[model, mc, "model"], [task, tc, "task"]] as const) {
      if (name === "") {
        throw new SyntaxError(
          `${prefix}: line ${line}, ${columnLabel(grid, c)}: empty ${role} name (expected a ` +
            `model and a task name in every data row)`,
        );
      }
      checkName(name, role, () => `line ${line}, ${columnLabel(grid, c)}`, prefix);
    }
    seenTasks.add(task);
    if (drop.has(task)) return;
    let m = modelIndex.get(model);
    if (m === undefined) {
      modelIndex.set(model, m = models.push(model) - 1);
      modelRow.push(r);
    }
    let t = taskIndex.get(task);
    if (t === undefined) {
      taskIndex.set(task, t = tasks.push(task) - 1);
      taskRow.push(r);
    }
    const where = () =>
      `line ${line} (${printable(model)}, ${printable(task)}), ${columnLabel(grid, sc)}`;
    const value = scales.read(row[sc], t, task, where, () => `line ${line} (${printable(model)})`);
    if (Number.isNaN(value)) return;
    const key = `${m}\u0000${t}`;
    const k = first.get(key);
    if (k === undefined) {
      first.set(key, cells.push({ m, t, value, raw: row[sc].trim(), line }) - 1);
    } else if (cells[k].value !== value) {
      throw new RangeError(
        `${prefix}: ${where()}: ${q(row[sc].trim())} conflicts with ${q(cells[k].raw)} on line ` +
          `${cells[k].line} (expected each model and task pair once, or repeated with the ` +
          `same score)`,
      );
    }
  });
  checkExists(options.dropColumns, [...seenTasks], "drop task", "tasks", prefix);
  if (tasks.length === 0) {
    throw new SyntaxError(`${prefix}: no tasks left after dropping ${qList([...drop])}`);
  }
  const values = new Float64Array(models.length * tasks.length).fill(NaN);
  const lineOf = new Map<number, number>();
  for (const cell of cells) {
    values[cell.m * tasks.length + cell.t] = cell.value;
    lineOf.set(cell.m * tasks.length + cell.t, cell.line);
  }
  const warnings = [
    ...paddedRowWarnings(grid, file, () => ""),
    ...nameClashes(models, "model", (i) => rowPlace(grid, modelRow[i], mc, models[i]), file),
    ...nameClashes(tasks, "task", (t) => rowPlace(grid, taskRow[t], tc, tasks[t]), file),
  ];
  const place = (i: number, j: number) => {
    const line = lineOf.get(i * tasks.length + j)!;
    return {
      line,
      column: grid.header[sc],
      where: `line ${line} (${printable(models[i])}, ${printable(tasks[j])}), ` +
        columnLabel(grid, sc),
    };
  };
  return { models, tasks, values, place, warnings };
}

/** The trimmed names in column `c`; empty names and repeated names are a `SyntaxError`. */
function rowNames(
  grid: Grid,
  c: number,
  role: "model" | "task",
  prefix: string,
  isEntity: (name: string) => boolean = () => true,
): string[] {
  const firstLine = new Map<string, number>();
  return grid.rows.map((row, r) => {
    const name = row[c].trim();
    const line = grid.lines[r];
    if (name === "") {
      throw new SyntaxError(
        `${prefix}: line ${line}, ${columnLabel(grid, c)}: empty ${role} name (expected a ` +
          `${role} name in every data row)`,
      );
    }
    checkName(name, role, () => `line ${line}, ${columnLabel(grid, c)}`, prefix);
    const before = firstLine.get(name);
    if (before !== undefined) {
      const what = isEntity(name) ? role : "row";
      throw new SyntaxError(
        `${prefix}: line ${line} (${printable(name)}): duplicate ${what} ${
          q(name)
        }, first on line ` +
          `${before} (expected each ${what} once)`,
      );
    }
    firstLine.set(name, line);
    return name;
  });
}

/** A `SyntaxError` for the first header name that appears twice (among `among` columns). */
function checkDuplicateColumns(
  grid: Grid,
  prefix: string,
  role: (c: number) => string,
  among: (c: number) => boolean = () => true,
): void {
  const seen = new Map<string, number>();
  grid.header.forEach((name, c) => {
    if (name === "") return;
    const before = seen.get(name);
    if (before !== undefined && (among(c) || among(before))) {
      const what = role(c);
      throw new SyntaxError(
        `${prefix}: line ${grid.headerLine}, columns ${grid.columns[before]} and ` +
          `${grid.columns[c]}: duplicate ${what} ${q(name)} (expected each ${what} once)`,
      );
    }
    if (before === undefined) seen.set(name, c);
  });
}

/**
 * A `RangeError` listing every requested name that is not available, and what is; a name that
 * has a role in `roles` (e.g. the model-name column) is an error saying so.
 */
function checkExists(
  requested: readonly string[] | undefined,
  available: readonly string[],
  what: string,
  plural: string,
  prefix: string,
  roles: ReadonlyMap<string, string> = new Map(),
): void {
  const missing = missingNames(requested, new Set(available));
  if (missing.length === 0) return;
  const role = missing.find((name) => roles.has(name));
  if (role !== undefined) {
    throw new RangeError(
      `${prefix}: ${what} ${q(role)} is ${roles.get(role)} (expected one of the ${plural}: ` +
        `${qList(available)})`,
    );
  }
  const verb = missing.length === 1
    ? `${what} ${q(missing[0])} does not exist`
    : `${what}s ${andList(missing.map(q))} do not exist`;
  throw new RangeError(`${prefix}: ${verb} (available ${plural}: ${qList(available)})`);
}

/** A task-name pattern option as a RegExp without state (no g or y flag). */
export function namePattern(
  pattern: string | RegExp | undefined,
  what: string,
  prefix: string,
): RegExp | undefined {
  if (pattern === undefined) return undefined;
  if (pattern instanceof RegExp) {
    return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  }
  try {
    return new RegExp(pattern, "i");
  } catch (error) {
    throw new RangeError(
      `${prefix}: ${what} pattern ${q(pattern)} is not a valid regular expression ` +
        `(${(error as Error).message})`,
    );
  }
}

/** How {@linkcode assembleScores} marks each task's direction and scale. */
export interface AssembleOptions {
  readonly lowerIsBetter?: RegExp;
  /** Tasks declared unbounded whatever their values. */
  readonly unbounded?: RegExp;
  /** Tasks written with `%` cells: percent whenever their values fit 0-100. */
  readonly percentTasks?: ReadonlySet<number>;
  /**
   * Whether to warn about values that look like fractions among percentages (default true);
   * false for a source known to write every score on 0-100, its small values real.
   */
  readonly fractionCheck?: boolean;
  /** Where to add the warnings about the values (see `readScores()`). */
  readonly warnings?: DataWarning[];
}

/**
 * The score matrix of models x tasks from their values (original units, NaN where missing): the
 * observed-cell table, the dense view, the values as read (`exact`), each task's direction and
 * scale kind (see `TaskScale`). Shared by every reader. A matrix without any observed score is a
 * `SyntaxError`; values float32 cannot hold, likely fractions among percentages and a
 * lower-is-better pattern that matches no task are warnings, added to `options.warnings`.
 */
export function assembleScores(
  source: string,
  raw: RawScores,
  options: AssembleOptions = {},
): ScoreMatrix {
  const lower = options.lowerIsBetter;
  const warnings = options.warnings ?? [];
  const place = (i: number, j: number) =>
    raw.place?.(i, j) ??
      {
        line: null,
        column: raw.tasks[j],
        where: `model ${q(raw.models[i])}, task ${q(raw.tasks[j])}`,
      };
  const { models, tasks } = raw;
  const nModels = models.length;
  const nTasks = tasks.length;
  const values = Float32Array.from(raw.values);
  const observed = new Uint8Array(values.length);
  const cellModels: string[] = [];
  const cellTasks: string[] = [];
  const cellScores: number[] = [];
  const min = new Float64Array(nTasks).fill(Infinity);
  const max = new Float64Array(nTasks).fill(-Infinity);
  for (let i = 0; i < nModels; i++) {
    for (let j = 0; j < nTasks; j++) {
      const v = raw.values[i * nTasks + j];
      if (Number.isNaN(v)) continue;
      observed[i * nTasks + j] = 1;
      cellModels.push(models[i]);
      cellTasks.push(tasks[j]);
      cellScores.push(v);
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
      const f32 = values[i * nTasks + j];
      if (Math.abs(f32 - v) > 1e-6 * Math.abs(v)) {
        warnings.push(dataWarning(
          source,
          place(i, j),
          `${v} is ${f32} in the float32 view the methods train on (a relative error above ` +
            `1e-6); summaries and exports keep ${v}`,
        ));
      }
    }
  }
  if (cellScores.length === 0) {
    throw new SyntaxError(
      `Cannot read scores from ${source}: no observed scores (every score cell of the ${nModels} models and ${nTasks} ` +
        `tasks is missing: ${MISSING_LIST}; expected at least one number)`,
    );
  }
  const scale = tasks.map((name, j): TaskScale => {
    if (options.unbounded?.test(name) || min[j] > max[j]) return "unbounded";
    const within100 = min[j] >= 0 && max[j] <= 100;
    if (options.percentTasks?.has(j)) return within100 ? "percent" : "unbounded";
    if (min[j] >= 0 && max[j] <= 1) return "fraction";
    return within100 ? "percent" : "unbounded";
  });
  if (options.fractionCheck !== false) {
    warnings.push(...likelyFractions(source, raw, scale, place));
  }
  const lowerIsBetter = tasks.map((name) => lower?.test(name) ?? false);
  if (lower !== undefined && !lowerIsBetter.includes(true)) {
    warnings.push(dataWarning(
      source,
      { line: null, column: null, where: "" },
      `the lower-is-better pattern ${q(lower.source)} matches no task: every task is read as ` +
        "higher is better",
    ));
  }
  const dense = denseScores(models, tasks, values, observed);
  const table = aq.table({
    model: cellModels,
    task: cellTasks,
    score: Float64Array.from(cellScores),
  });
  return { source, table, dense, exact: raw.values, lowerIsBetter, scale };
}

/**
 * Warnings for plain values in (0, 1) on a percent task that look like fractions pasted among
 * percentages: the task has at least 3 other scores above 1, 100 times the value lies within
 * them, the value is below a tenth of the smallest, and every other value in (0, 1) the model has
 * on such a task would lie within that task's scores too. A real low score is not flagged: the
 * crowdsourced MATH = 0.3 of GLM-130B among scores from 2.3, or a 44M-parameter model's 0.1 on
 * one NaturalQuestions setting beside its 0.9 on another (90 would be out of range there).
 */
function likelyFractions(
  source: string,
  raw: RawScores,
  scale: readonly TaskScale[],
  place: (i: number, j: number) => { line: number | null; column: string | null; where: string },
): DataWarning[] {
  const nTasks = raw.tasks.length;
  const nModels = raw.models.length;
  // Per percent task: the range and count of its scores above 1.
  const above = scale.map((unit, j) => {
    if (unit !== "percent") return null;
    let lo = Infinity;
    let hi = -Infinity;
    let count = 0;
    for (let i = 0; i < nModels; i++) {
      const v = raw.values[i * nTasks + j];
      if (!(v > 1)) continue;
      count++;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return count >= 3 ? { lo, hi } : null;
  });
  const warnings: DataWarning[] = [];
  for (let i = 0; i < nModels; i++) {
    const small: { j: number; v: number }[] = [];
    for (let j = 0; j < nTasks; j++) {
      const v = raw.values[i * nTasks + j];
      if (above[j] !== null && v > 0 && v < 1) small.push({ j, v });
    }
    const inRange = ({ j, v }: { j: number; v: number }) =>
      100 * v >= above[j]!.lo && 100 * v <= above[j]!.hi;
    if (!small.every(inRange)) continue;
    for (const { j, v } of small) {
      const { lo, hi } = above[j]!;
      if (v >= lo / 10) continue;
      warnings.push(dataWarning(
        source,
        place(i, j),
        `${v} looks like a fraction among scores on a 0-100 scale (the task's other scores run ` +
          `from ${lo} to ${hi}); it is read as ${v} on that scale (write ` +
          `${Number((100 * v).toPrecision(12))} if it is a fraction of 1)`,
      ));
    }
  }
  return warnings;
}
