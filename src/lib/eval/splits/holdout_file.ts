/**
 * A peer's exact folds, replayed from a file (`cpp evaluate --holdout-file FILE`):
 *
 * - CSV with the header `fold,model,task` (any case), one row per held-out cell; model and task
 *   names match the dataset's exactly. A fold is a whole number >= 0; folds run in ascending
 *   order. A cell may be held out in several folds (a seed each, say), but only once per fold.
 * - BenchPress's JSON folds file as it is (`folds_s10_f3_bs42_ms1.json`): `folds[]` of
 *   `{ seed, fold, test_cells: [[model index, benchmark index], ...] }`, indices into data.json's
 *   `models` and `benchmarks` order (the dataset's model and task order); `n_models` and
 *   `n_bench`, when present, must be the dataset's shape. Folds run in file order.
 *
 * `readBenchpressFolds` resolves BenchPress's file by its pinned URL and checksum, like a dataset.
 *
 * Every held-out cell must be observed (it is scored against its gold). Errors name the file,
 * the line (CSV) or fold (JSON), and the value at fault; each fold trains on every observed cell
 * it does not hold out.
 *
 * @module
 */
import { parseCsv } from "../../data/csv.ts";
import type { Dataset } from "../../data/load_dataset.ts";
import { BENCHPRESS_FOLDS } from "../../data/registry.ts";
import { resolveFile, type ResolveOptions } from "../../data/resolve.ts";
import type { HeldOutFold } from "../experiment.ts";

/**
 * Reads a holdout file (`.json`: BenchPress's folds; anything else: the CSV) for `data`.
 *
 * @example
 * ```ts
 * const folds = await readHoldoutFile("../shared/datasets/benchpress/folds_s10_f3_bs42_ms1.json", data);
 * folds.length; // 30
 * ```
 */
export async function readHoldoutFile(path: string, data: Dataset): Promise<HeldOutFold[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new Error(`Cannot read holdout file ${path}: ${(error as Error).message}`);
  }
  return parseHoldoutFile(text, path, data);
}

/**
 * BenchPress's own 30 folds (`--holdout-file benchpress`), resolved like a dataset file: the
 * `CPP_DATA_DIR` mirror, the cache or the pinned download, checked against its sha256. Throws
 * `DataUnavailableError` when none has it.
 */
export async function readBenchpressFolds(
  data: Dataset,
  options: ResolveOptions = {},
): Promise<HeldOutFold[]> {
  const file = await resolveFile(BENCHPRESS_FOLDS, options);
  return parseHoldoutFile(file.text, BENCHPRESS_FOLDS.name, data);
}

/** Parses a holdout file's text (see the module documentation); `file` names it in errors. */
export function parseHoldoutFile(text: string, file: string, data: Dataset): HeldOutFold[] {
  return /\.json$/i.test(file) || /^\s*\{/.test(text)
    ? parseJsonFolds(text, file, data)
    : parseCsvFolds(text, file, data);
}

/** The folds as lists of cells, checked and sorted, in the given order. */
function toFolds(folds: readonly { label: string; cells: number[] }[]): HeldOutFold[] {
  return folds.map(({ label, cells }, seed) => ({
    fold: label,
    seed,
    test: Uint32Array.from(cells).sort(),
  }));
}

function parseCsvFolds(text: string, file: string, data: Dataset): HeldOutFold[] {
  const fail = (line: number, what: string) =>
    new RangeError(`Cannot read holdout file ${file}: line ${line}: ${what}`);
  const { rows, lines } = parseCsv(text, { file });
  if (rows.length === 0) throw new RangeError(`Cannot read holdout file ${file}: it is empty`);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  if (header.join(",") !== "fold,model,task") {
    throw fail(lines[0], `the header is '${rows[0].join(",")}' (expected fold,model,task)`);
  }
  const { dense } = data.scores;
  const folds = new Map<number, { cells: number[]; line: Map<number, number> }>();
  for (let r = 1; r < rows.length; r++) {
    const line = lines[r];
    if (rows[r].length !== 3) {
      throw fail(line, `${rows[r].length} fields (expected 3: fold,model,task)`);
    }
    const [foldText, model, task] = rows[r].map((v) => v.trim());
    const fold = Number(foldText);
    if (!/^\d+$/.test(foldText) || !Number.isSafeInteger(fold)) {
      throw fail(line, `fold '${foldText}' is not a whole number >= 0`);
    }
    const i = dense.modelIndex.get(model);
    if (i === undefined) throw fail(line, `${data.id} has no model '${model}'`);
    const j = dense.taskIndex.get(task);
    if (j === undefined) throw fail(line, `${data.id} has no task '${task}'`);
    const k = i * dense.nTasks + j;
    if (!dense.observed[k]) {
      throw fail(line, `model '${model}' has no score on task '${task}' to hold out`);
    }
    const entry = folds.get(fold) ?? { cells: [], line: new Map<number, number>() };
    const before = entry.line.get(k);
    if (before !== undefined) {
      throw fail(
        line,
        `fold ${fold} holds out ('${model}', '${task}') twice (also line ${before})`,
      );
    }
    entry.line.set(k, line);
    entry.cells.push(k);
    folds.set(fold, entry);
  }
  if (folds.size === 0) throw new RangeError(`Cannot read holdout file ${file}: it holds no cell`);
  return toFolds(
    [...folds.entries()].sort((a, b) => a[0] - b[0]).map(([fold, entry]) => ({
      label: `fold ${fold}`,
      cells: entry.cells,
    })),
  );
}

function parseJsonFolds(text: string, file: string, data: Dataset): HeldOutFold[] {
  const fail = (what: string) => new RangeError(`Cannot read holdout file ${file}: ${what}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot read holdout file ${file}: ${(error as Error).message}`);
  }
  const record = json as Record<string, unknown>;
  if (!record || typeof record !== "object" || !Array.isArray(record.folds)) {
    throw fail("expected an object with a 'folds' list (BenchPress's folds file)");
  }
  const { dense } = data.scores;
  const { nModels, nTasks } = dense;
  for (const [key, expected] of [["n_models", nModels], ["n_bench", nTasks]] as const) {
    if (record[key] !== undefined && record[key] !== expected) {
      throw fail(`${key} is ${record[key]} but ${data.id} has ${expected}`);
    }
  }
  if (record.folds.length === 0) throw fail("'folds' is empty");
  return toFolds(record.folds.map((entry: Record<string, unknown>, f: number) => {
    const label = entry && typeof entry === "object"
      ? `seed ${entry.seed ?? "?"} fold ${entry.fold ?? f}`
      : `folds[${f}]`;
    const pairs = entry?.test_cells;
    if (!Array.isArray(pairs) || pairs.length === 0) {
      throw fail(`folds[${f}] (${label}) has no 'test_cells' list of [model, benchmark] pairs`);
    }
    const seen = new Set<number>();
    const cells = pairs.map((pair: unknown, p: number) => {
      const where = `folds[${f}] (${label}), test_cells[${p}] = ${JSON.stringify(pair)}`;
      const [i, j] = Array.isArray(pair) && pair.length === 2 ? pair : [NaN, NaN];
      if (!Number.isInteger(i) || !Number.isInteger(j)) {
        throw fail(`${where} is not a pair of indices`);
      }
      if (i < 0 || i >= nModels || j < 0 || j >= nTasks) {
        throw fail(`${where} is outside ${data.id}'s ${nModels} models x ${nTasks} tasks`);
      }
      const k = i * nTasks + j;
      if (!dense.observed[k]) {
        throw fail(
          `${where}: model '${dense.models[i]}' has no score on '${dense.tasks[j]}' to hold out`,
        );
      }
      if (seen.has(k)) throw fail(`${where} is held out twice in that fold`);
      seen.add(k);
      return k;
    });
    return { label, cells };
  }));
}
