/**
 * Reading the Hugging Face Open LLM Leaderboard snapshots (felipemaiapolo/sloth's
 * `open-llm-leaderboard_old.csv`, v1, and `open-llm-leaderboard_new.csv`, v2) as one score matrix
 * with model design factors.
 *
 * - Tasks: v1's ARC, HellaSwag, MMLU, TruthfulQA, Winogrande, GSM8K, then v2's normalized IFEval,
 *   BBH, MATH Lvl 5, GPQA, MUSR, MMLU-PRO (0-100). v2's `… Raw` columns (the same tasks as raw
 *   accuracies) and both files' `Average ⬆️` are not tasks and are not read.
 * - Models are joined by name (`Model`): v1's in file order, then the models only v2 has. A name a
 *   file repeats (another precision or revision) keeps one row: its latest submission (v1 `date`,
 *   v2 `Submission Date`; a row without a date is older than any dated one), ties to the first
 *   row in the file. The rows left out are counted in a warning per file.
 * - Model factors, from the model's v2 row when it has one, else its v1 row: `#Params (B)`
 *   (numeric; 0, which the files write for an unknown size, is missing), `Type` (without its
 *   emoji), `Architecture` (`?` and `Unknown` are missing), `Precision`, `MoE`, `Merged`,
 *   `Hub License` (categorical; empty is missing), and `submission date` (numeric, a decimal year,
 *   {@linkcode decimalYear}; the model's earliest submission over both files).
 * - The files' `MoE`, v1 `Merged` and v2 `Not_Merged` flags read `True` for a model that is *not*
 *   a mixture of experts (resp. not merged): 363 of v1's 459 Mixtral rows say `MoE` False. The
 *   factors `MoE` and `Merged` are the flags as their names mean them (`true` for a mixture of
 *   experts, for a merge).
 *
 * Errors follow the readers' policy: "Cannot read scores from FILE: line L, column 'C': …", a
 * `SyntaxError` for a missing column, a `RangeError` for a value that is not allowed.
 *
 * @module
 */
import type { DataWarning, FactorColumn, ReadOptions, ScoreRead } from "./types.ts";
import { parseCsv } from "./csv.ts";
import { toGrid } from "./_grid.ts";
import { checkName, dataWarning } from "./_names.ts";
import { assembleScores, namePattern } from "./read_scores.ts";
import { decimalYear } from "./read_benchpress.ts";
import { parseNumberCell, q, qList } from "./_values.ts";

/** One leaderboard file's text and the name messages give it. */
export interface OpenLlmFile {
  readonly file: string;
  readonly text: string;
}

/** The two snapshots' columns: their tasks, submission date and "not merged" flag. */
const VERSIONS = [
  {
    tasks: ["ARC", "HellaSwag", "MMLU", "TruthfulQA", "Winogrande", "GSM8K"],
    date: "date",
    notMerged: "Merged",
  },
  {
    tasks: ["IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO"],
    date: "Submission Date",
    notMerged: "Not_Merged",
  },
] as const;

/** The model factors read, in this order. */
export const OPEN_LLM_FACTORS = [
  "#Params (B)",
  "Type",
  "Architecture",
  "Precision",
  "MoE",
  "Merged",
  "Hub License",
  "submission date",
] as const;

const CATEGORICAL = ["Type", "Architecture", "Precision", "Hub License"] as const;

/** A kept row: its scores, its factor values and its date. */
interface Row {
  readonly scores: number[];
  readonly factors: (number | string | null)[];
  readonly date: number | null;
}

/**
 * Reads the v1 and v2 files (in this order) into one matrix of models x 12 tasks.
 *
 * @example
 * ```ts
 * const { scores, modelFactors, warnings } = readOpenLlm([
 *   { file: "open-llm-leaderboard_old.csv", text: v1 },
 *   { file: "open-llm-leaderboard_new.csv", text: v2 },
 * ], {});
 * scores.dense.nTasks; // 12
 * ```
 */
export function readOpenLlm(
  files: readonly OpenLlmFile[],
  options: Pick<ReadOptions, "lowerIsBetter" | "unbounded">,
): ScoreRead {
  if (files.length !== VERSIONS.length) {
    throw new RangeError(
      `Cannot read the Open LLM Leaderboard: ${files.length} score files (expected the v1 and ` +
        "v2 files, in this order)",
    );
  }
  const warnings: DataWarning[] = [];
  const read = files.map((f, v) => readVersion(f, v, warnings));
  const seen = new Set<string>();
  const models: string[] = [];
  for (const rows of read) {
    for (const name of rows.keys()) {
      if (!seen.has(name)) models.push(name);
      seen.add(name);
    }
  }
  const tasks = VERSIONS.flatMap((v) => [...v.tasks]);
  const nTasks = tasks.length;
  const values = new Float64Array(models.length * nTasks).fill(NaN);
  const factorValues: (number | string | null)[][] = OPEN_LLM_FACTORS.map(() => []);
  models.forEach((name, i) => {
    const rows = read.map((r) => r.get(name));
    let offset = 0;
    rows.forEach((row, v) => {
      row?.scores.forEach((score, t) => (values[i * nTasks + offset + t] = score));
      offset += VERSIONS[v].tasks.length;
    });
    const latest = rows.findLast((r) => r !== undefined)!;
    const dates = rows.flatMap((r) => (r?.date == null ? [] : [r.date]));
    latest.factors.forEach((value, f) => factorValues[f].push(value));
    factorValues[OPEN_LLM_FACTORS.length - 1].push(dates.length ? Math.min(...dates) : null);
  });
  const source = files.map((f) => f.file).join(" + ");
  const prefix = `Cannot read scores from ${source}`;
  const scores = assembleScores(source, { models, tasks, values }, {
    lowerIsBetter: namePattern(options.lowerIsBetter, "lower-is-better", prefix),
    unbounded: namePattern(options.unbounded, "unbounded", prefix),
    // Every score is a 0-100 leaderboard figure: GSM8K's 0.08 is one problem of 1,319 solved.
    fractionCheck: false,
    warnings,
  });
  const factors: FactorColumn[] = OPEN_LLM_FACTORS.map((name, f) => ({
    name,
    kind: name === "#Params (B)" || name === "submission date" ? "numeric" : "categorical",
    kindSource: "declared",
    values: factorValues[f],
  }));
  return {
    scores,
    warnings,
    modelFactors: { source, entity: "model", names: models, factors },
  };
}

const BOOLEAN = new Set(["True", "False"]);

/** One file's kept row per model name, in file order; repeated names counted in `warnings`. */
function readVersion(
  { file, text }: OpenLlmFile,
  version: number,
  warnings: DataWarning[],
): Map<string, Row> {
  const spec = VERSIONS[version];
  const prefix = `Cannot read scores from ${file}`;
  const grid = toGrid(parseCsv(text, { file }), prefix, -1);
  const needed = [
    "Model",
    ...spec.tasks,
    spec.date,
    spec.notMerged,
    "MoE",
    "#Params (B)",
    ...CATEGORICAL,
  ];
  const missing = needed.filter((name) => !grid.header.includes(name));
  if (missing.length) {
    throw new SyntaxError(
      `${prefix}: line ${grid.headerLine}: no column ${qList(missing)} (expected the Open LLM ` +
        `Leaderboard v${version + 1} export with the columns ${qList(needed)})`,
    );
  }
  const col = (name: string) => grid.header.indexOf(name);
  const at = (r: number, name: string) => `line ${grid.lines[r]}, column ${q(name)}`;
  const number = (r: number, name: string): number => {
    const cell = grid.rows[r][col(name)];
    const parsed = parseNumberCell(cell, false);
    if (parsed.kind === "missing") return NaN;
    if (parsed.kind !== "number") {
      throw new RangeError(
        `${prefix}: ${at(r, name)}: ${q(cell.trim())} is not a finite number (expected a ` +
          "number, or an empty cell when missing)",
      );
    }
    return parsed.value;
  };
  const flag = (r: number, name: string): string => {
    const cell = grid.rows[r][col(name)].trim();
    if (!BOOLEAN.has(cell)) {
      throw new RangeError(`${prefix}: ${at(r, name)}: ${q(cell)} is not True or False`);
    }
    // The files' flags say "not": True for a model that is not a mixture of experts, not merged.
    return cell === "True" ? "false" : "true";
  };
  const category = (r: number, name: string): string | null => {
    let cell = grid.rows[r][col(name)].trim();
    if (name === "Type") cell = cell.replace(/^[^\p{L}\p{N}]+/u, "").trim();
    if (name === "Architecture" && (cell === "?" || cell === "Unknown")) return null;
    return cell === "" ? null : cell;
  };
  const date = (r: number): number | null => {
    const cell = grid.rows[r][col(spec.date)].trim();
    if (cell === "") return null;
    const day = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?$/.exec(cell);
    const year = day ? decimalYear(day[1]) : null;
    if (year === null) {
      throw new RangeError(
        `${prefix}: ${at(r, spec.date)}: ${q(cell)} is not a date (expected YYYY-MM-DD, ` +
          "optionally with a time)",
      );
    }
    return year;
  };

  const kept = new Map<string, Row>();
  let dropped = 0;
  for (let r = 0; r < grid.rows.length; r++) {
    const name = grid.rows[r][col("Model")].trim();
    if (name === "") throw new SyntaxError(`${prefix}: ${at(r, "Model")}: the model has no name`);
    checkName(name, "model", () => at(r, "Model"), prefix);
    const params = number(r, "#Params (B)");
    const row: Row = {
      scores: spec.tasks.map((task) => number(r, task)),
      factors: [
        params > 0 ? params : null,
        category(r, "Type"),
        category(r, "Architecture"),
        category(r, "Precision"),
        flag(r, "MoE"),
        flag(r, spec.notMerged),
        category(r, "Hub License"),
      ],
      date: date(r),
    };
    const before = kept.get(name);
    if (before === undefined) {
      kept.set(name, row);
      continue;
    }
    dropped++;
    if (row.date !== null && (before.date === null || row.date > before.date)) {
      kept.set(name, row); // the name keeps its first row's place in the order
    }
  }
  if (dropped) {
    warnings.push(dataWarning(
      file,
      { line: null, column: "Model", where: "" },
      `${dropped} rows repeat a model name (another precision or revision): each model keeps ` +
        "its latest submission, ties to the first row",
    ));
  }
  return kept;
}
