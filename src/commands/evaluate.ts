/** `cpp evaluate`: hold out cells, train each method, score the held-out cells. */
import {
  type BackendChoice,
  BENCHPRESS_HOLDOUT,
  BENCHPRESS_NEW_RELEASE,
  checkOutput,
  curveJson,
  type Dataset,
  emergentJson,
  type EvaluationJson,
  generalizationCurve,
  generalizationJson,
  holdoutJson,
  type HoldoutResult,
  type IntervalJson,
  intervalJson,
  measureCoverage,
  type Method,
  methodsFromList,
  perModelFolds,
  randomSplitJson,
  readBenchpressFolds,
  readHoldoutFile,
  RELEASE_FACTOR,
  runEmergent,
  runGeneralization,
  runHoldout,
  runNewRelease,
  runTable1,
  toCsv,
  writeOutput,
} from "../lib/mod.ts";
import {
  choiceFlag,
  type Command,
  formatMeanStd,
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
  seedsFlag,
} from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "./args.ts";
import { textTable } from "./text_table.ts";

const SPLITS = [
  "random",
  "new-model",
  "new-task",
  "emergent",
  "per-model",
  "new-release",
] as const;

/** The footnote every table ends with: what the errors are measured in. */
const UNITS_NOTE = "Errors in points: percentage points on bounded tasks (a fraction task's " +
  "scores x 100), the task's own units on unbounded tasks (Elo, ratings, dollars).";

/** The splits `--split` names; `--holdout-file` is a split of its own (`holdout-file`). */
type Split = (typeof SPLITS)[number] | "holdout-file";

/** The flags that only some splits read: any other split refuses them rather than ignore them. */
const SPLIT_FLAGS: Readonly<Record<string, readonly Split[]>> = {
  "holdout": ["random"],
  "dump-predictions": ["random", "per-model", "holdout-file", "new-release"],
  "known": ["new-model", "new-task", "new-release"],
  "curve": ["new-model", "new-task"],
  "threshold": ["emergent"],
  "scale": ["random", "new-model", "new-task"],
  "no-intervals": ["random", "new-model", "per-model", "holdout-file"],
  "folds": ["per-model"],
  "interval-folds": ["per-model", "holdout-file"],
  "level": ["per-model", "holdout-file"],
  "cutoff": ["new-release"],
  "release-factor": ["new-release"],
};

async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "evaluate");
  const methods = methodsFromList(flagValue(args, "method") ?? "all");
  const holdoutFile = flagValue(args, "holdout-file");
  if (holdoutFile !== undefined && flagValue(args, "split") !== undefined) {
    throw new RangeError("Option --holdout-file replaces --split: give one of them");
  }
  const split: Split = holdoutFile !== undefined
    ? "holdout-file"
    : choiceFlag(args, "split", SPLITS, "random");
  for (const [flag, splits] of Object.entries(SPLIT_FLAGS)) {
    if (args.flags.has(flag) && !splits.includes(split)) {
      throw new RangeError(
        `Option --${flag} applies to --split ${splits.join(" or ")} only (the split is ${split})`,
      );
    }
  }
  if (split === "holdout-file") return await heldOut(target, methods, args, io, holdoutFile!);
  if (split === "new-model" || split === "new-task") {
    return await generalization(target, split, methods, args, io);
  }
  if (split === "emergent") return await emergent(target, methods, args, io);
  if (split === "per-model") return await heldOut(target, methods, args, io, null);
  if (split === "new-release") return await newRelease(target, methods, args, io);
  const holdout = numberFlag(args, "holdout", 0.05, (x) => x > 0 && x < 1, "a share in (0, 1)");
  const seeds = seedsFlag(args, 20);
  const scale = choiceFlag(args, "scale", ["cpp", "task"], "cpp");
  const backend = backendFlag(args);
  const dump = flagValue(args, "dump-predictions");
  const options = loadOptions(args);
  if (dump !== undefined) await checkOutput(userPath(dump), { inputs: inputsOf(target, options) });
  const data = await load(target, args, io);
  const result = await runTable1(data, {
    methods,
    seeds,
    holdout,
    scale,
    backend,
    predictions: dump !== undefined,
    onProgress: progressPrinter(io, "evaluate"),
  });
  if (dump !== undefined) {
    await writeOutput(
      userPath(dump),
      toCsv(result.predictions!, ["seed", "method", "model", "task", "gold", "predicted"]),
      { inputs: inputsOf(target, options) },
    );
    io.err(`evaluate: wrote ${result.predictions!.length} held-out predictions to ${dump}`);
  }
  // Conformal 90% intervals: coverage measured on cells their calibration did not see.
  const intervals = new Map<string, IntervalJson>();
  if (!flagBoolean(args, "no-intervals")) {
    for (const method of methods) {
      const measured = await measureCoverage(data, method, {
        setting: "gaps",
        backend,
        onProgress: progressPrinter(io, `intervals ${method.id}`),
      });
      intervals.set(method.id, intervalJson(measured));
    }
  }
  if (print(io, args, randomSplitJson(result, intervals))) return;
  const sci = (v: number) => v.toExponential(2);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const fix = (v: number) => v.toFixed(2);
  io.out(
    `${result.dataset}: ${result.split} split, ${result.holdout} held out ` +
      `(${result.nTest} of ${result.nObserved} cells), ${result.seeds} seeds, ${result.scale} scale`,
  );
  io.out(textTable(
    [
      "method",
      "backend",
      "MSE",
      "L1",
      "rank acc",
      "MAE@2",
      "pairwise",
      "MAE pts",
      "MedAE",
      "within 5",
      "fit s",
      "90% cover",
      "width pts",
    ],
    result.methods.map((m) => [
      m.method,
      m.backend,
      formatMeanStd(m.mse, sci),
      formatMeanStd(m.l1, sci),
      formatMeanStd(m.rankAccuracy, pct),
      formatMeanStd(m.mae2, pct),
      formatMeanStd(m.pairwiseOrder, pct),
      formatMeanStd(m.maePoints, fix),
      fix(m.points.medae),
      pct(m.points.within5),
      formatMeanStd(m.fitSeconds, (v) => v.toFixed(3)),
      intervals.get(m.method)?.coverage.toFixed(3) ?? null,
      intervals.get(m.method)?.intervalWidth.toFixed(2) ?? null,
    ]),
  ));
  io.out(
    "\nMean ± sample std over seeds; MedAE and within 5 pooled over every held-out cell of " +
      "every seed. Rank metrics as defined in docs/protocol-choices.md. 90% cover: empirical " +
      "coverage of the conformal 90% interval on cells its calibration did not see (task scale, " +
      "10 folds x 5 seeds); width pts: its median width. " + UNITS_NOTE,
  );
}

/** Prints the JSON with --json and says so; false when a table is wanted. */
function print(io: Io, args: ParsedArgs, json: EvaluationJson): boolean {
  if (!flagBoolean(args, "json")) return false;
  io.out(JSON.stringify(json, null, 2));
  return true;
}

const num = (v: number | null, digits: (x: number) => string) => (v === null ? null : digits(v));

/** --known K: scores revealed to training, a whole number (`fallback` when absent). */
function knownFlag(args: ParsedArgs, fallback: number): number {
  return numberFlag(
    args,
    "known",
    fallback,
    (x) => Number.isInteger(x) && x >= 0,
    "an integer >= 0",
  );
}

async function generalization(
  target: string,
  split: "new-model" | "new-task",
  methods: Method[],
  args: ParsedArgs,
  io: Io,
): Promise<void> {
  const known = knownFlag(args, 2);
  const seeds = seedsFlag(args, 5);
  const scale = choiceFlag(args, "scale", ["cpp", "task"], "task");
  const backend = backendFlag(args);
  if (flagBoolean(args, "curve")) {
    for (const flag of ["known", "no-intervals"]) {
      if (args.flags.has(flag)) {
        throw new RangeError(`Option --${flag} does not apply with --curve (it runs K = 0..5)`);
      }
    }
  }
  const data: Dataset = await load(target, args, io);
  if (flagBoolean(args, "curve")) {
    return curve(data, split, methods, seeds, scale, backend, args, io);
  }
  const result = await runGeneralization(data, {
    axis: split === "new-model" ? "model" : "task",
    known,
    methods,
    seeds,
    scale,
    backend,
    onProgress: progressPrinter(io, "evaluate"),
  });
  // New models: conformal intervals calibrated on model folds, coverage on unseen models.
  const intervals = new Map<string, IntervalJson>();
  if (split === "new-model" && !flagBoolean(args, "no-intervals")) {
    for (const row of result.rows) {
      if (row.status !== "ok") continue;
      const method = methods.find((m) => m.id === row.method)!;
      const measured = await measureCoverage(data, method, {
        setting: "new-model",
        known,
        backend,
        onProgress: progressPrinter(io, `intervals ${method.id}`),
      });
      intervals.set(method.id, intervalJson(measured));
    }
  }
  if (print(io, args, generalizationJson(result, intervals))) return;
  const what = split === "new-model" ? "model" : "task";
  io.out(
    `${result.dataset}: ${split} split with ${known} known score${known === 1 ? "" : "s"} ` +
      `(CPP-${
        split === "new-task" ? "T" : ""
      }${known}), ${result.targets.length} target ${what}s, ` +
      `${seeds} seeds, ${result.scale} scale`,
  );
  const sci = (v: number) => v.toExponential(2);
  io.out(textTable(
    [
      "method",
      "backend",
      "MSE",
      "L1",
      "MAE pts",
      "MedAE",
      "targets",
      "90% cover",
      "width pts",
      "status",
    ],
    result.rows.map((r) => [
      r.method,
      r.backend,
      num(r.mse, sci),
      num(r.l1, sci),
      num(r.maePoints, (v) => v.toFixed(2)),
      result.points.find((p) => p.method === r.method)?.medae.toFixed(2) ?? null,
      r.targets,
      intervals.get(r.method)?.coverage.toFixed(3) ?? null,
      intervals.get(r.method)?.intervalWidth.toFixed(2) ?? null,
      r.status === "ok" ? "ok" : `${r.status}: ${r.reason ?? ""}`,
    ]),
  ));
  if (result.paper.length) {
    io.out("\nPer task, beside the paper (its MSE is on its cpp scale and split: for reference)");
    const rows = result.paper.map((p) => [
      p.task,
      sci(p.mse),
      ...result.rows.map((r) => {
        const t = r.perTarget.find((x) => x.target === p.task);
        return t ? sci(t.mse) : null;
      }),
    ]);
    io.out(textTable(["task", "paper", ...result.rows.map((r) => r.method)], rows));
  }
  if (result.skipped.length) {
    io.out(`\nSkipped: ${result.skipped.map((s) => `${s.target} (${s.reason})`).join("; ")}`);
  }
  io.out(
    "\nErrors are the mean over targets of each target's error (see docs/protocol-choices.md); " +
      "MedAE pooled over every scored cell. " + UNITS_NOTE,
  );
}

async function emergent(
  target: string,
  methods: Method[],
  args: ParsedArgs,
  io: Io,
): Promise<void> {
  const threshold = numberFlag(
    args,
    "threshold",
    13000,
    (x) => x > 0,
    "a parameter count in millions",
  );
  const seeds = seedsFlag(args, 5);
  const backend = backendFlag(args);
  const data: Dataset = await load(target, args, io);
  const result = await runEmergent(data, {
    threshold,
    methods,
    seeds,
    backend,
    onProgress: progressPrinter(io, "evaluate"),
  });
  if (print(io, args, emergentJson(result))) return;
  io.out(
    `${result.dataset}: emergent split, small = at most ${threshold} M parameters ` +
      `(${result.small.length} small, ${result.large.length} large models), ${seeds} seeds`,
  );
  if (result.leftOut.length) {
    io.out(`Left out: ${result.leftOut.map((l) => `${l.model} (${l.reason})`).join("; ")}`);
  }
  const tasks = [...result.targets, null];
  for (const scope of ["common", "own"] as const) {
    io.out(
      scope === "common"
        ? "\nMean absolute error (points) on the large models every approach predicts"
        : "\nMean absolute error (points) of each approach on every large model it predicts (n)",
    );
    io.out(textTable(
      ["task", ...result.approaches],
      tasks.map((task) => [
        task ?? "all targets",
        ...result.approaches.map((a) => {
          const m = result.mae.find((x) =>
            x.task === task && x.approach === a && x.scope === scope
          );
          if (!m || m.n === 0) return null;
          return scope === "own" ? `${m.mae.toFixed(2)} (${m.n})` : m.mae.toFixed(2);
        }),
      ]),
    ));
  }
}

/** K = 0..5 on the targets that qualify at K = 5, as the report's page runs it. */
async function curve(
  data: Dataset,
  split: "new-model" | "new-task",
  methods: Method[],
  seeds: number,
  scale: "cpp" | "task",
  backend: BackendChoice,
  args: ParsedArgs,
  io: Io,
): Promise<void> {
  const result = await generalizationCurve(data, {
    axis: split === "new-model" ? "model" : "task",
    methods,
    seeds,
    scale,
    backend,
    onProgress: progressPrinter(io, "evaluate"),
  });
  if (print(io, args, curveJson(result))) return;
  io.out(
    `${result.dataset}: ${split} curve, K = ${result.ks.join(", ")} known scores, on the ` +
      `${result.targets.length} targets that qualify at the largest K, ${seeds} seeds, ${scale} scale`,
  );
  const sci = (v: number) => v.toExponential(2);
  io.out(textTable(
    ["K", "method", "MSE", "L1", "MAE pts", "status"],
    result.rows.map((r) => [
      r.known,
      r.method,
      num(r.mse, sci),
      num(r.l1, sci),
      num(r.maePoints, (v) => v.toFixed(2)),
      r.status === "ok" ? "ok" : `${r.status}: ${r.reason ?? ""}`,
    ]),
  ));
}

/** The holdout flags: --interval-folds, --no-intervals, --level. */
function holdoutOptions(args: ParsedArgs) {
  return {
    intervals: !flagBoolean(args, "no-intervals"),
    intervalFolds: numberFlag(
      args,
      "interval-folds",
      5,
      (x) => Number.isInteger(x) && x >= 2,
      "an integer >= 2",
    ),
    level: levelFlag(args),
  };
}

/** `--split per-model` (folds dealt here) or `--holdout-file FILE` (a peer's folds). */
async function heldOut(
  target: string,
  methods: Method[],
  args: ParsedArgs,
  io: Io,
  file: string | null,
): Promise<void> {
  const folds = file === null
    ? numberFlag(args, "folds", 3, (x) => Number.isInteger(x) && x >= 2, "an integer >= 2")
    : null;
  const seeds = file === null ? seedsFlag(args, 10) : null;
  const backend = backendFlag(args);
  const options = holdoutOptions(args);
  const dump = await dumpPath(target, args);
  const data = await load(target, args, io);
  const { dense } = data.scores;
  const plan = file === null
    ? perModelFolds(dense.observed, dense.nTasks, { folds: folds!, seeds: seeds! })
    : file === "benchpress"
    ? await readBenchpressFolds(data)
    : await readHoldoutFile(userPath(file), data);
  const result = await runHoldout(data, plan, {
    methods,
    ...options,
    predictions: dump !== undefined,
    backend,
    onProgress: progressPrinter(io, "evaluate"),
  });
  await dumpPredictions(result, dump, target, args, io);
  const split = file === null ? "per-model" : "holdout-file";
  const settings = {
    ...(file === null ? { folds, seeds } : { file, folds: plan.length }),
    scale: "task",
    intervals: options.intervals,
    level: result.level,
    intervalFolds: result.intervalFolds,
  };
  const peer = data.id === "frontier" ? BENCHPRESS_HOLDOUT : undefined;
  if (print(io, args, holdoutJson(split, settings, result, peer))) return;
  io.out(
    `${result.dataset}: ${
      file === null ? `per-model split, ${folds} folds x ${seeds} seeds` : `folds of ${file}`
    } (${result.folds} folds, ${result.cells} held-out cells` +
      `${result.unpredictable ? `, ${result.unpredictable} unpredictable left out` : ""}), ` +
      `task scale`,
  );
  pointTable(io, result, peer);
  io.out(
    "\nPooled over every held-out cell of every fold. MedAPE: median of |error| / |gold| " +
      "(gold 0 skipped); within 3 / 5: share of cells within 3 / 5 points." +
      (options.intervals
        ? ` Cover: share of cells inside their conformal ` +
          `interval, calibrated per fold on its training cells only (${options.intervalFolds} ` +
          `per-model folds); width: its median width.`
        : "") +
      " " + UNITS_NOTE,
  );
}

/** The point metrics of held-out folds as a table, with the peer's row where it applies. */
function pointTable(
  io: Io,
  result: HoldoutResult,
  peer?: typeof BENCHPRESS_HOLDOUT,
  extra?: { header: string; value: (method: string) => string | null },
): void {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const intervals = result.level !== null;
  const rows: (string | number | null)[][] = result.rows.map((r) => [
    r.method,
    r.backend,
    r.medae.toFixed(2),
    `${r.medape.toFixed(1)}%`,
    pct(r.within3),
    pct(r.within5),
    ...(extra ? [extra.value(r.method)] : []),
    ...(intervals
      ? [num(r.coverage, (v) => v.toFixed(3)), num(r.intervalWidth, (v) => v.toFixed(1))]
      : []),
    r.fitSeconds.toFixed(1),
  ]);
  if (peer) {
    rows.push([
      "BenchPress (published)",
      null,
      peer.medae.toFixed(2),
      `${peer.medape.toFixed(1)}%`,
      pct(peer.within3),
      pct(peer.within5),
      ...(extra ? [null] : []),
      ...(intervals ? [peer.coverage.toFixed(3), peer.intervalWidth.toFixed(1)] : []),
      null,
    ]);
  }
  io.out(textTable(
    [
      "method",
      "backend",
      "MedAE",
      "MedAPE",
      "within 3",
      "within 5",
      ...(extra ? [extra.header] : []),
      ...(intervals ? [`${Math.round(100 * result.level!)}% cover`, "width"] : []),
      "fit s",
    ],
    rows,
  ));
}

/** --dump-predictions, checked as an output before any work; undefined when absent. */
async function dumpPath(target: string, args: ParsedArgs): Promise<string | undefined> {
  const dump = flagValue(args, "dump-predictions");
  if (dump !== undefined) {
    await checkOutput(userPath(dump), { inputs: inputsOf(target, loadOptions(args)) });
  }
  return dump;
}

/** --dump-predictions for held-out folds: every scored cell, original units. */
async function dumpPredictions(
  result: HoldoutResult,
  dump: string | undefined,
  target: string,
  args: ParsedArgs,
  io: Io,
): Promise<void> {
  if (dump === undefined) return;
  await writeOutput(
    userPath(dump),
    toCsv(result.predictions!, [
      "fold",
      "method",
      "model",
      "task",
      "gold",
      "predicted",
      "lower",
      "upper",
    ]),
    { inputs: inputsOf(target, loadOptions(args)) },
  );
  io.err(`evaluate: wrote ${result.predictions!.length} held-out predictions to ${dump}`);
}

/** `--split new-release --known K`: each new release from K scores and earlier models. */
async function newRelease(
  target: string,
  methods: Method[],
  args: ParsedArgs,
  io: Io,
): Promise<void> {
  const known = knownFlag(args, 5);
  const seeds = seedsFlag(args, 5);
  const cutoffText = flagValue(args, "cutoff");
  const cutoff = cutoffText === undefined
    ? undefined
    : numberFlag(args, "cutoff", 0, Number.isFinite, "a release value, e.g. 2025.5");
  const factor = flagValue(args, "release-factor") ?? RELEASE_FACTOR;
  const backend = backendFlag(args);
  const dump = await dumpPath(target, args);
  const data = await load(target, args, io);
  const result = await runNewRelease(data, {
    known,
    seeds,
    factor,
    cutoff,
    methods,
    predictions: dump !== undefined,
    backend,
    onProgress: progressPrinter(io, "evaluate"),
  });
  await dumpPredictions(result, dump, target, args, io);
  const settings = { known, seeds, factor: result.factor, cutoff: result.cutoff, scale: "task" };
  if (print(io, args, holdoutJson("new-release", settings, result))) return;
  io.out(
    `${result.dataset}: new-release split, ${result.targets.length} models released after ` +
      `${Number(result.cutoff.toFixed(4))} ('${result.factor}'), each from ${known} known score` +
      `${known === 1 ? "" : "s"} and the models released before it, ${seeds} seeds ` +
      `(${result.cells} held-out cells` +
      `${result.unpredictable ? `, ${result.unpredictable} unpredictable left out` : ""})`,
  );
  pointTable(io, result, undefined, {
    header: "target MedAE",
    value: (method) => result.rows.find((r) => r.method === method)!.targetMedae.toFixed(2),
  });
  if (result.skipped.length) {
    io.out(`\nSkipped: ${result.skipped.map((s) => `${s.model} (${s.reason})`).join("; ")}`);
  }
  io.out(
    "\nPooled over every held-out cell of every target and seed; target MedAE: the median " +
      "over targets of each target's MedAE. " + UNITS_NOTE,
  );
  if (data.id === "frontier") {
    io.out(
      "BenchPress (published, Logit Bias ALS, its own targets): " +
        BENCHPRESS_NEW_RELEASE.map((p) =>
          `${p.protocol} (${p.note}): ${
            Object.entries(p.medae).map(([k, v]) => `k = ${k}: ${v.toFixed(2)}`).join(", ")
          }`
        ).join("; ") + ".",
    );
  }
}

export const command: Command = {
  name: "evaluate",
  summary: "Hold out observed cells, train each method, score the held-out cells: Table 1 " +
    "(random), new models (CPP-K), new tasks (CPP-T-K), emergent tasks vs scaling laws, " +
    "BenchPress's protocol (per-model folds, a peer's fold file, new releases): MedAE, MedAPE, " +
    "within 3 / 5 points, interval coverage and width",
  usage: [
    "evaluate <dataset-or-file> [read options] --method LIST [--split random]",
    "    [--holdout 0.05] [--seeds 20] [--scale cpp|task] [--backend auto] [--json]",
    "    [--dump-predictions FILE] [--no-intervals]",
    "evaluate <dataset> --split new-model|new-task --known K [--curve] [--method LIST]",
    "evaluate <dataset> --split emergent [--threshold 13000] [--method LIST]",
    "evaluate <dataset> --split per-model [--folds 3] [--seeds 10] [--method LIST]",
    "    [--interval-folds 5] [--level 0.9] [--no-intervals] [--dump-predictions FILE]",
    "evaluate <dataset> --holdout-file FILE.csv|FILE.json|benchpress [--method LIST]",
    "evaluate <dataset> --split new-release [--known 5] [--seeds 5] [--cutoff X]",
    "    [--release-factor 'release date'] [--method LIST]",
  ],
  positional: ["<dataset-or-file>"],
  flags: datasetFlags({
    "method": {
      value: "LIST",
      description: "mf, ncf, ncf-factors, factors-only, biases, task-mean, global-mean, " +
        "bias-als, or all (default all)",
    },
    "split": {
      value: SPLITS.join("|"),
      description: "Evaluation split (default random)",
    },
    "holdout-file": {
      value: "FILE",
      description: "Replay a peer's folds: a CSV fold,model,task or BenchPress's JSON folds " +
        "file (instead of --split); `benchpress`: BenchPress's own folds of frontier, from the " +
        "mirror, the cache or the pinned download (checksum verified)",
    },
    "holdout": {
      value: "P",
      description: "random: share of observed cells held out per seed (default 0.05)",
    },
    "seeds": {
      value: "N",
      description: "Seeds 0..N-1 (default 20 for random, 10 for per-model, else 5)",
    },
    "scale": {
      value: "cpp|task",
      description: "Normalization (random split: cpp, to compare with the paper; new-model, " +
        "new-task: task)",
    },
    "known": {
      value: "K",
      description: "new-model / new-task: scores of the target revealed (default 2; 0 = cold " +
        "start); new-release: of each new release (default 5)",
    },
    "curve": {
      boolean: true,
      description: "new-model / new-task: K = 0..5 on the same targets (the report's curve)",
    },
    "threshold": {
      value: "M",
      description: "emergent: largest 'small' model, millions of parameters (default 13000)",
    },
    "folds": { value: "K", description: "per-model: folds per model and seed (default 3)" },
    "interval-folds": {
      value: "N",
      description: "per-model, holdout file: per-model folds of each fold's training cells " +
        "that calibrate its intervals (default 5)",
    },
    "cutoff": {
      value: "X",
      description: "new-release: predict the models released after X (default: the last third)",
    },
    "release-factor": {
      value: "NAME",
      description: "new-release: the numeric model factor that orders releases " +
        "(default 'release date')",
    },
    "dump-predictions": {
      value: "FILE",
      description: "random: write every held-out cell's gold and prediction (CSV); held-out " +
        "folds: original units, with the interval",
    },
    "no-intervals": {
      boolean: true,
      description: "random, new-model, per-model, holdout file: skip measuring the conformal " +
        "intervals' coverage (faster)",
    },
    ...LEVEL_FLAG,
    ...BACKEND_FLAG,
    ...JSON_FLAG,
  }),
  run,
};
