/** `cpp evaluate`: hold out cells, train each method, score the held-out cells. */
import {
  type BackendChoice,
  checkOutput,
  type Dataset,
  generalizationCurve,
  type IntervalJson,
  intervalJson,
  measureCoverage,
  type Method,
  methodsFromList,
  runEmergent,
  runGeneralization,
  runTable1,
  table1Json,
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
  seedsFlag,
} from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "./args.ts";
import { textTable } from "./text_table.ts";

const SPLITS = ["random", "new-model", "new-task", "emergent"] as const;

/** The flags that only some splits read: any other split refuses them rather than ignore them. */
const SPLIT_FLAGS: Readonly<Record<string, readonly (typeof SPLITS)[number][]>> = {
  "holdout": ["random"],
  "dump-predictions": ["random"],
  "known": ["new-model", "new-task"],
  "curve": ["new-model", "new-task"],
  "threshold": ["emergent"],
  "scale": ["random", "new-model", "new-task"],
  "no-intervals": ["random", "new-model"],
};

async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "evaluate");
  const methods = methodsFromList(flagValue(args, "method") ?? "all");
  const split = choiceFlag(args, "split", SPLITS, "random");
  for (const [flag, splits] of Object.entries(SPLIT_FLAGS)) {
    if (args.flags.has(flag) && !splits.includes(split)) {
      throw new RangeError(
        `Option --${flag} applies to --split ${splits.join(" or ")} only (the split is ${split})`,
      );
    }
  }
  if (split === "new-model" || split === "new-task") {
    return await generalization(target, split, methods, args, io);
  }
  if (split === "emergent") return await emergent(target, methods, args, io);
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
  const json = table1Json(result);
  const withIntervals = {
    ...json,
    // Without --no-intervals every row says its interval's coverage and median width.
    methods: json.methods.map((m) =>
      intervals.size === 0 ? m : {
        ...m,
        coverage: intervals.get(m.method)?.coverage ?? null,
        intervalWidth: intervals.get(m.method)?.intervalWidth ?? null,
      }
    ),
  };
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(withIntervals, null, 2));
    return;
  }
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
      formatMeanStd(m.fitSeconds, (v) => v.toFixed(3)),
      intervals.get(m.method)?.coverage.toFixed(3) ?? null,
      intervals.get(m.method)?.intervalWidth.toFixed(2) ?? null,
    ]),
  ));
  io.out(
    "\nMean ± sample std over seeds. Rank metrics as defined in docs/protocol-choices.md; " +
      "MAE pts in the scores' own units. 90% cover: empirical coverage of the conformal 90% " +
      "interval on cells its calibration did not see (task scale, 10 folds x 5 seeds); width pts: " +
      "its median width.",
  );
}

const num = (v: number | null, digits: (x: number) => string) => (v === null ? null : digits(v));

async function generalization(
  target: string,
  split: "new-model" | "new-task",
  methods: Method[],
  args: ParsedArgs,
  io: Io,
): Promise<void> {
  const known = numberFlag(
    args,
    "known",
    2,
    (x) => Number.isInteger(x) && x >= 0,
    "an integer >= 0",
  );
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
  if (flagBoolean(args, "json")) {
    const rows = result.rows.map((r) => ({
      ...r,
      coverage: intervals.get(r.method)?.coverage ?? null,
      intervalWidth: intervals.get(r.method)?.intervalWidth ?? null,
    }));
    io.out(JSON.stringify({ ...result, rows }, null, 2));
    return;
  }
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
    ["method", "backend", "MSE", "L1", "MAE pts", "targets", "90% cover", "width pts", "status"],
    result.rows.map((r) => [
      r.method,
      r.backend,
      num(r.mse, sci),
      num(r.l1, sci),
      num(r.maePoints, (v) => v.toFixed(2)),
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
    "\nErrors are the mean over targets of each target's error (see docs/protocol-choices.md).",
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
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
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
  if (flagBoolean(args, "json")) {
    const { results: _, ...rest } = result;
    io.out(JSON.stringify(rest, null, 2));
    return;
  }
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

export const command: Command = {
  name: "evaluate",
  summary: "Hold out observed cells, train each method, score the held-out cells: Table 1 " +
    "(random), new models (CPP-K), new tasks (CPP-T-K), emergent tasks vs scaling laws",
  usage: [
    "evaluate <dataset-or-file> [read options] --method LIST [--split random]",
    "    [--holdout 0.05] [--seeds 20] [--scale cpp|task] [--backend auto] [--json]",
    "    [--dump-predictions FILE] [--no-intervals]",
    "evaluate <dataset> --split new-model|new-task --known K [--curve] [--method LIST]",
    "evaluate <dataset> --split emergent [--threshold 13000] [--method LIST]",
  ],
  positional: ["<dataset-or-file>"],
  flags: datasetFlags({
    "method": {
      value: "LIST",
      description: "mf, ncf, ncf-factors, factors-only, biases, task-mean, global-mean, or all " +
        "(default all)",
    },
    "split": {
      value: SPLITS.join("|"),
      description: "Evaluation split (default random)",
    },
    "holdout": {
      value: "P",
      description: "random: share of observed cells held out per seed (default 0.05)",
    },
    "seeds": { value: "N", description: "Seeds 0..N-1 (default 20 for random, else 5)" },
    "scale": {
      value: "cpp|task",
      description: "Normalization (random split: cpp, to compare with the paper; new-model, " +
        "new-task: task)",
    },
    "known": {
      value: "K",
      description: "new-model / new-task: scores of the target revealed (default 2; 0 = cold " +
        "start)",
    },
    "curve": {
      boolean: true,
      description: "new-model / new-task: K = 0..5 on the same targets (the report's curve)",
    },
    "threshold": {
      value: "M",
      description: "emergent: largest 'small' model, millions of parameters (default 13000)",
    },
    "dump-predictions": {
      value: "FILE",
      description: "random: write every held-out cell's gold and prediction (CSV)",
    },
    "no-intervals": {
      boolean: true,
      description: "random, new-model: skip measuring the conformal intervals' coverage (faster)",
    },
    ...BACKEND_FLAG,
    ...JSON_FLAG,
  }),
  run,
};
