/**
 * `cpp predict-model`: a model that is not in the data, predicted from its design factors and the
 * scores already known, with calibrated intervals and the benchmarks worth running next. Thin: the
 * flags become the inputs of `calibrateFoldIn`, `trainPredictor`, `predictNewModel` and
 * `whatToRunNext` (the notebook 03_new_model.ipynb and the predict page run the same calls), and
 * their results are printed as they are. The choices it makes (defaults, the order of the factor
 * sources, the checks on known scores, what the table rounds) are in docs/protocol-choices.md.
 */
import {
  calibrateFoldIn,
  closestNames,
  type Dataset,
  type FactorValue,
  type FoldInCoverage,
  LEARNED_METHODS,
  type Method,
  methodById,
  modelFactorsOf,
  type NextBenchmark,
  predictNewModel,
  scaleBounds,
  subsetDataset,
  type TaskPrediction,
  toCsv,
  trainPredictor,
  whatToRunNext,
  writeOutput,
} from "../lib/mod.ts";
import { inputsOf, type Io, load, loadOptions, numberFlag, progressPrinter } from "./_common.ts";
import { backendFlag, datasetArg, seedsFlag } from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "../lib/util/args.ts";
import { textTable } from "../lib/util/text_table.ts";

/** The benchmarks the text output ranks under "what to run next" (--json and --out give all). */
const NEXT_SHOWN = 5;

/** What `--json` prints and a `.json` `--out` holds. */
export interface PredictModelJson {
  readonly dataset: string;
  readonly method: string;
  readonly level: number;
  readonly folds: number;
  readonly seeds: number;
  readonly seed: number;
  readonly backend: string;
  /** The model whose factors were the start (`--like`), and the models left out (`--exclude`). */
  readonly like: string | null;
  readonly excluded: readonly string[];
  /** The inputs, as passed to the library. */
  readonly factors: Readonly<Record<string, FactorValue>>;
  readonly known: Readonly<Record<string, number>>;
  /** `predictNewModel`'s rows and `whatToRunNext`'s ranking, unrounded. */
  readonly predictions: readonly TaskPrediction[];
  readonly next: readonly NextBenchmark[];
  /** Coverage of the intervals by number of known scores, measured cross-fold. */
  readonly coverage: readonly FoldInCoverage[];
  /** `--like`: that model's observed scores in the data (null without --like). */
  readonly actual: Readonly<Record<string, number>> | null;
}

export async function predictModel(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "predict-model");
  // Every flag that needs no data is checked before the data is read.
  const level = numberFlag(args, "level", 0.9, (x) => x > 0 && x < 1, "a level in (0, 1)");
  const folds = numberFlag(
    args,
    "folds",
    10,
    (x) => Number.isInteger(x) && x >= 2,
    "an integer >= 2",
  );
  const seeds = seedsFlag(args, 5);
  const seed = numberFlag(args, "seed", 0, (x) => Number.isInteger(x) && x >= 0, "an integer >= 0");
  const backend = backendFlag(args);
  const methodId = flagValue(args, "method");
  if (methodId !== undefined) checkMethodId(methodId);
  const factorsFile = flagValue(args, "factors");
  const fromFile = factorsFile === undefined ? {} : await readFactorsFile(factorsFile);
  const fromFlags = factorFlags(args);
  const out = flagValue(args, "out");

  const options = loadOptions(args);
  const data = await load(target, args, io);
  const { models } = data.scores.dense;
  const like = flagValue(args, "like");
  if (like !== undefined) checkModel(data, like, "--like");
  const excluded = [...new Set((args.flags.get("exclude") as string[] | undefined) ?? [])];
  for (const name of excluded) checkModel(data, name, "--exclude");
  const train = excluded.length
    ? subsetDataset(data, { models: models.filter((m) => !excluded.includes(m)) })
    : data;
  if (like !== undefined && !excluded.includes(like)) {
    io.err(
      `predict-model: notice: ${like}'s own scores are in the training data, so its predictions ` +
        `are no test of the method (add --exclude '${like}' to hold it out)`,
    );
  }

  const modelFactorCount = train.modelFactors?.factors.length ?? 0;
  const method = chooseMethod(train, methodId, modelFactorCount);
  const factors = resolveFactors(train, {
    like: like === undefined ? {} : modelFactorsOf(data, data.scores.dense.modelIndex.get(like)!),
    fromFile,
    fromFlags,
    factorsFile,
    io,
  });
  const known = parseKnown(train, flagValue(args, "known"));
  if (!method.usesFactors && Object.keys(factors).length > 0) {
    io.err(
      `predict-model: notice: ${method.id} does not use design factors: the factors given are ` +
        "ignored (ncf-factors uses them)",
    );
  }
  if (!method.usesFactors && Object.keys(known).length === 0) {
    io.err(
      `predict-model: notice: with no known score, ${method.id} predicts every new model alike ` +
        "(give --known TASK=SCORE,…)",
    );
  }

  const report = await calibrateFoldIn(train, method, {
    level,
    folds,
    seeds,
    seed,
    backend,
    onProgress: progressPrinter(io, "predict-model: calibration"),
  });
  const predictor = await trainPredictor(train, method, report, {
    backend,
    onProgress: progressPrinter(io, "predict-model: training"),
  });
  const { members, scale, calibration } = predictor;
  const predictions = predictNewModel(members, scale, calibration, factors, known);
  const next = whatToRunNext(members, scale, calibration, factors, known);
  const actual = like === undefined ? null : observedScores(data, like);
  const result: PredictModelJson = {
    dataset: data.id,
    method: method.id,
    level,
    folds: report.folds,
    seeds: report.seeds,
    seed: report.seed,
    backend: predictor.backend,
    like: like ?? null,
    excluded,
    factors,
    known,
    predictions,
    next,
    coverage: report.measured,
    actual,
  };

  if (out !== undefined) {
    const text = out.toLowerCase().endsWith(".json")
      ? JSON.stringify(result, null, 2) + "\n"
      : csvOf(result);
    const inputs = [...inputsOf(target, options), ...(factorsFile ? [factorsFile] : [])];
    await writeOutput(out, text, { inputs });
    io.err(`predict-model: wrote ${predictions.length} tasks to ${out}`);
  }
  if (flagBoolean(args, "json")) io.out(JSON.stringify(result, null, 2));
  else printText(result, train, io);
}

function checkMethodId(id: string): void {
  if (id.includes(",") || id === "all") {
    throw new RangeError(`Command predict-model takes one method, got '${id}'`);
  }
  methodById(id);
  if (!(LEARNED_METHODS as readonly string[]).includes(id)) {
    throw new RangeError(
      `Command predict-model cannot use --method ${id}: a new model is folded into a trained ` +
        `network (expected ${LEARNED_METHODS.join(", ")})`,
    );
  }
}

/** --method, or by default ncf-factors where the models have design factors and ncf elsewhere. */
function chooseMethod(train: Dataset, id: string | undefined, modelFactors: number): Method {
  const method = methodById(id ?? (modelFactors > 0 ? "ncf-factors" : "ncf"));
  if (method.usesFactors && modelFactors === 0) {
    throw new RangeError(
      `Cannot predict a new model with ${method.id}: ${train.id} has no model factors to describe ` +
        "it (use --method ncf, which needs none)",
    );
  }
  return method;
}

function checkModel(data: Dataset, name: string, flag: string): void {
  if (data.scores.dense.modelIndex.has(name)) return;
  const close = closestNames(name, data.scores.dense.models);
  throw new RangeError(
    `Option ${flag}: no model named '${name}' in ${data.id}` +
      (close.length ? ` (closest: ${close.map((c) => `'${c}'`).join(", ")})` : ""),
  );
}

/** The `--factor NAME=VALUE` flags, in order (a later one wins). */
function factorFlags(args: ParsedArgs): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (args.flags.get("factor") as string[] | undefined) ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw new RangeError(`Option --factor expects NAME=VALUE, got '${pair}'`);
    }
    out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

async function readFactorsFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new RangeError(`Cannot read --factors ${path}: no such file`);
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot read --factors ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new TypeError(
      `Cannot read --factors ${path}: expected a JSON object of factor names and values, ` +
        `e.g. {"family": "LLama-2", "Parameter Size(M)": 7000}`,
    );
  }
  return parsed as Record<string, unknown>;
}

/**
 * The new model's factors: --like's, then the file's, then each --factor (a later source wins).
 * Names are checked against the data's model factors; numeric ones must be numbers (or nothing,
 * for missing); a category the data does not have takes the "unknown" embedding, with a notice.
 */
function resolveFactors(
  train: Dataset,
  sources: {
    like: Record<string, FactorValue>;
    fromFile: Record<string, unknown>;
    fromFlags: Map<string, string>;
    factorsFile: string | undefined;
    io: Io;
  },
): Record<string, FactorValue> {
  const table = train.modelFactors?.factors ?? [];
  const byName = new Map(table.map((f) => [f.name, f]));
  const out: Record<string, FactorValue> = { ...sources.like };
  const given: [string, unknown, string][] = [
    ...Object.entries(sources.fromFile).map(([n, v]): [string, unknown, string] => [
      n,
      v,
      `--factors ${sources.factorsFile}`,
    ]),
    ...[...sources.fromFlags].map(([n, v]): [string, unknown, string] => [n, v, "--factor"]),
  ];
  for (const [name, raw, where] of given) {
    const factor = byName.get(name);
    if (!factor) {
      const names = table.map((f) => f.name);
      throw new RangeError(
        table.length === 0
          ? `Cannot use design factors (${where}: '${name}'): ${train.id} has no model factors`
          : `Unknown factor '${name}' (${where})` + suggestion(name, names, "model factors"),
      );
    }
    if (raw === null || raw === "") {
      out[name] = null;
      continue;
    }
    if (factor.kind === "numeric") {
      const x = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
      if (!Number.isFinite(x)) {
        throw new RangeError(
          `Factor '${name}' (${where}) is ${JSON.stringify(raw)} (expected a number, or nothing ` +
            "for missing)",
        );
      }
      out[name] = x;
      continue;
    }
    if (typeof raw !== "string" && typeof raw !== "number") {
      throw new RangeError(
        `Factor '${name}' (${where}) is ${JSON.stringify(raw)} (expected a category)`,
      );
    }
    const value = String(raw);
    const levels = new Set(factor.values.filter((v) => v !== null).map(String));
    if (!levels.has(value)) {
      const close = closestNames(value, [...levels]);
      sources.io.err(
        `predict-model: notice: ${name} '${value}' is not among the ${levels.size} values of ` +
          `${train.id} (it takes the 'unknown' embedding)` +
          (close.length ? `; closest: ${close.map((c) => `'${c}'`).join(", ")}` : ""),
      );
    }
    out[name] = value;
  }
  return out;
}

/**
 * `--known TASK=SCORE,TASK=SCORE`: scores in the dataset's own units (a trailing % is allowed on a
 * percent task). A comma inside a task name is kept: a piece without '=' joins the next one.
 */
function parseKnown(train: Dataset, raw: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (raw === undefined) return out;
  const { tasks, taskIndex } = train.scores.dense;
  const pieces: string[] = [];
  let pending = "";
  for (const piece of raw.split(",")) {
    pending = pending ? `${pending},${piece}` : piece;
    if (pending.includes("=")) {
      pieces.push(pending);
      pending = "";
    }
  }
  if (pending.trim() !== "") pieces.push(pending);
  for (const piece of pieces) {
    const eq = piece.lastIndexOf("=");
    if (eq <= 0) {
      throw new RangeError(`Option --known expects TASK=SCORE,TASK=SCORE, got '${piece.trim()}'`);
    }
    const task = piece.slice(0, eq).trim();
    const text = piece.slice(eq + 1).trim();
    const j = taskIndex.get(task);
    if (j === undefined) {
      throw new RangeError(
        `Option --known: '${task}' is not a task of ${train.id}` + suggestion(task, tasks, "tasks"),
      );
    }
    if (Object.hasOwn(out, task)) throw new RangeError(`Option --known: ${task} is given twice`);
    const unit = train.scores.scale[j];
    const number = unit === "percent" && text.endsWith("%") ? text.slice(0, -1).trim() : text;
    const value = Number(number);
    if (number === "" || !Number.isFinite(value)) {
      throw new RangeError(`Option --known: the score of ${task} is '${text}' (expected a number)`);
    }
    const bounds = scaleBounds(unit);
    const range = bounds ? [bounds.lo, bounds.hi] : null;
    if (range && (value < range[0] || value > range[1])) {
      throw new RangeError(
        `Option --known: the score of ${task} is ${text}, outside the task's range ` +
          `[${range[0]}, ${range[1]}] (its scores in ${train.id} are ${
            unit === "percent" ? "percentages" : "fractions"
          })`,
      );
    }
    out[task] = value;
  }
  return out;
}

/** "did you mean …?" and the valid names (the first 12 of a longer list). */
function suggestion(name: string, names: readonly string[], what: string): string {
  const close = closestNames(name, names);
  const shown = names.length > 15 ? names.slice(0, 12) : names;
  return (close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(" or ")}?)` : "") +
    `; the ${names.length} ${what}: ${shown.map((n) => `'${n}'`).join(", ")}` +
    (shown.length < names.length ? ", …" : "");
}

/** A model's observed scores by task (7 significant digits, as the exports print them). */
function observedScores(data: Dataset, name: string): Record<string, number> {
  const { nTasks, tasks, observed, values, modelIndex } = data.scores.dense;
  const i = modelIndex.get(name)!;
  const out: Record<string, number> = {};
  tasks.forEach((task, j) => {
    const k = i * nTasks + j;
    if (observed[k]) out[task] = Number(values[k].toPrecision(7));
  });
  return out;
}

/** The coverage measured with `count` known scores (the last K serves any larger count). */
function coverageAt(coverage: readonly FoldInCoverage[], count: number): FoldInCoverage | null {
  const last = coverage[coverage.length - 1];
  if (!last) return null;
  return coverage.find((m) => m.known === Math.min(count, last.known)) ?? null;
}

const p6 = (x: number) => Number(x.toPrecision(6));
const p4 = (x: number) => Number(x.toPrecision(4));

function csvOf(result: PredictModelJson): string {
  const rank = new Map(result.next.map((n, r) => [n.task, { rank: r + 1, gain: n.gain }]));
  const rows = result.predictions.map((p) => ({
    task: p.task,
    source: p.known === null ? "predicted" : "known",
    score: p.known ?? p6(p.predicted),
    fitted: p6(p.predicted),
    lower: p.known === null ? p6(p.lower) : null,
    upper: p.known === null ? p6(p.upper) : null,
    actual: result.actual?.[p.task] ?? null,
    next_rank: rank.get(p.task)?.rank ?? null,
    next_gain: rank.has(p.task) ? p6(rank.get(p.task)!.gain) : null,
  }));
  return toCsv(rows, [
    "task",
    "source",
    "score",
    "fitted",
    "lower",
    "upper",
    "actual",
    "next_rank",
    "next_gain",
  ]);
}

function printText(result: PredictModelJson, train: Dataset, io: Io): void {
  const count = Object.keys(result.known).length;
  const pct = `${Math.round(result.level * 100)}%`;
  io.out(
    `${result.dataset}: a new model${result.like ? ` like ${result.like}` : ""}, ` +
      `${count} known score${count === 1 ? "" : "s"}, ${result.method} ` +
      `(${result.seeds} members on ${train.scores.dense.nModels} models` +
      `${result.excluded.length ? `; excluded: ${result.excluded.join(", ")}` : ""}; ` +
      `${result.backend})`,
  );
  const withActual = result.actual !== null;
  io.out(textTable(
    ["task", "source", "score", `${pct} lower`, "upper", ...(withActual ? ["actual"] : [])],
    result.predictions.map((p) => [
      p.task,
      p.known === null ? "predicted" : "known",
      p4(p.known ?? p.predicted),
      p.known === null ? p4(p.lower) : null,
      p.known === null ? p4(p.upper) : null,
      ...(withActual ? [result.actual![p.task] ?? null] : []),
    ]),
  ));
  const at = coverageAt(result.coverage, count);
  io.out(
    `\nIntervals: ${pct} conformal, calibrated on ${result.folds} folds x ${result.seeds} members ` +
      "over the models.",
  );
  io.out(
    "Measured coverage by known scores: " +
      result.coverage.map((m) => `${m.known}: ${(100 * m.coverage).toFixed(1)}%`).join(", ") +
      (at
        ? ` (with ${at.known} known: ${(100 * at.coverage).toFixed(1)}%, median width ` +
          `${p4(at.medianWidth)})`
        : "") +
      ".",
  );
  if (withActual) {
    const checked = result.predictions.filter((p) =>
      p.known === null && result.actual![p.task] !== undefined
    );
    if (checked.length) {
      const inside = checked.filter((p) => {
        const a = result.actual![p.task];
        return p.lower <= a && a <= p.upper;
      }).length;
      const mae = checked.reduce((s, p) => s + Math.abs(p.predicted - result.actual![p.task]), 0) /
        checked.length;
      io.out(
        `${result.like}'s actual scores on the ${checked.length} predicted tasks it has: ` +
          `${inside} inside their interval; mean |score - actual| ${p4(mae)}` +
          (result.excluded.includes(result.like!) ? "." : " (it is in the training data)."),
      );
    }
  }
  if (result.next.length === 0) return;
  io.out("\nWhat to run next: the benchmarks whose score would most shrink the other intervals");
  io.out("(mean width of the other unknown tasks, as a share of each task's range)");
  io.out(textTable(
    ["rank", "task", "gain", "width now", "width after"],
    result.next.slice(0, NEXT_SHOWN).map((n, r) => [
      r + 1,
      n.task,
      p4(n.gain),
      p4(n.widthBefore),
      p4(n.widthAfter),
    ]),
  ));
  if (result.next.length > NEXT_SHOWN) {
    io.out(`(${result.next.length - NEXT_SHOWN} more with --json or --out)`);
  }
}
