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
  checkOutput,
  closestNames,
  type Dataset,
  type FactorValue,
  type FoldInCoverage,
  LEARNED_METHODS,
  type Method,
  methodById,
  modelFactorsOf,
  newModelSchema,
  type NextBenchmark,
  parseKnownScores,
  predictNewModel,
  resolveNewModelFactors,
  subsetDataset,
  type TaskPrediction,
  toCsv,
  trainPredictor,
  whatToRunNext,
  writeOutput,
} from "../lib/mod.ts";
import {
  type Command,
  inputsOf,
  type Io,
  load,
  loadOptions,
  numberFlag,
  progressPrinter,
  userPath,
} from "./_common.ts";
import {
  BACKEND_FLAG,
  backendFlag,
  datasetArg,
  datasetFlags,
  JSON_FLAG,
  LEVEL_FLAG,
  levelFlag,
  seedFlag,
  seedsFlag,
} from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "./args.ts";
import { textTable } from "./text_table.ts";

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

async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "predict-model");
  // Every flag that needs no data is checked before the data is read.
  const level = levelFlag(args);
  const folds = numberFlag(
    args,
    "folds",
    10,
    (x) => Number.isInteger(x) && x >= 2,
    "an integer >= 2",
  );
  const seeds = seedsFlag(args, 5);
  const seed = seedFlag(args);
  const backend = backendFlag(args);
  const methodId = flagValue(args, "method");
  if (methodId !== undefined) checkMethodId(methodId);
  const factorsFile = flagValue(args, "factors");
  const fromFile = factorsFile === undefined ? {} : await readFactorsFile(factorsFile);
  const fromFlags = factorFlags(args);
  const out = flagValue(args, "out");
  const options = loadOptions(args);
  const inputs = [...inputsOf(target, options), ...(factorsFile ? [userPath(factorsFile)] : [])];
  if (out !== undefined) await checkOutput(userPath(out), { inputs });

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
  const schema = newModelSchema(train);
  const { factors, notices } = resolveNewModelFactors(
    schema,
    like === undefined ? {} : modelFactorsOf(data, data.scores.dense.modelIndex.get(like)!),
    [
      { label: `--factors ${factorsFile}`, values: fromFile },
      { label: "--factor", values: Object.fromEntries(fromFlags) },
    ],
  );
  for (const notice of notices) io.err(`predict-model: notice: ${notice}`);
  const knownText = flagValue(args, "known");
  const known = knownText === undefined
    ? {}
    : parseKnownScores(schema, knownText, "Option --known");
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
    await writeOutput(userPath(out), text, { inputs });
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
    text = await Deno.readTextFile(userPath(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new RangeError(`Cannot read --factors ${path}: no such file (tried ${userPath(path)})`);
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

/** A model's observed scores by task, as read. */
function observedScores(data: Dataset, name: string): Record<string, number> {
  const { nTasks, tasks, observed, modelIndex } = data.scores.dense;
  const i = modelIndex.get(name)!;
  const out: Record<string, number> = {};
  tasks.forEach((task, j) => {
    const k = i * nTasks + j;
    if (observed[k]) out[task] = data.scores.exact[k];
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

export const command: Command = {
  name: "predict-model",
  summary: "A model not in the data, from its design factors and any known scores: every task " +
    "with a calibrated interval, and the benchmarks worth running next (method: ncf-factors " +
    "where the models have factors, else ncf)",
  usage: [
    "predict-model <dataset-or-file> [read options] [--like MODEL] [--exclude MODEL]",
    "    [--factors FILE.json] [--factor NAME=VALUE ...] [--known TASK=SCORE,TASK=SCORE]",
    "    [--method ncf-factors|ncf|mf|factors-only] [--level 0.9] [--folds 10] [--seeds 5]",
    "    [--seed 0] [--backend auto] [--out FILE.csv|FILE.json] [--json]",
  ],
  positional: ["<dataset-or-file>"],
  flags: datasetFlags({
    "like": {
      value: "MODEL",
      description: "Start from a dataset model's design factors (and show its actual scores)",
    },
    "exclude": {
      value: "MODEL",
      repeat: true,
      description: "Leave a model out of calibration and training, to test on a real one",
    },
    "factors": {
      value: "FILE.json",
      description: 'The new model\'s design factors, a JSON object {"NAME": VALUE, …}',
    },
    "factor": {
      value: "NAME=VALUE",
      repeat: true,
      description: "One design factor (NAME= for missing); wins over --factors and --like",
    },
    "known": {
      value: "TASK=SCORE,…",
      description: "The new model's known scores, in the dataset's units",
    },
    "method": {
      value: "ID",
      description: "mf, ncf, ncf-factors or factors-only (default ncf-factors where the models " +
        "have factors, else ncf)",
    },
    ...LEVEL_FLAG,
    "folds": { value: "N", description: "Calibration folds over models (default 10)" },
    "seeds": { value: "N", description: "Ensemble members (default 5)" },
    "seed": { value: "N", description: "The calibration folds and reveals (default 0)" },
    "out": {
      value: "FILE",
      description: "The predictions (CSV, or JSON when FILE ends in .json)",
    },
    ...BACKEND_FLAG,
    ...JSON_FLAG,
  }),
  run,
};
