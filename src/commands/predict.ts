/**
 * `cpp predict`: train on every observed cell and write the whole matrix. A model or task with no
 * observed score gets no prediction (`source` none, the reason in `note`, a warning) unless the
 * method predicts it from design factors (a cold start, said in `note`).
 */
import {
  calibrateIntervals,
  checkOutput,
  fillMatrix,
  methodById,
  predictWithIntervals,
  toCsv,
  writeOutput,
} from "../lib/mod.ts";
import {
  choiceFlag,
  type Command,
  inputsOf,
  type Io,
  load,
  loadOptions,
  progressPrinter,
  userPath,
} from "./_common.ts";
import {
  BACKEND_FLAG,
  backendFlag,
  datasetArg,
  datasetFlags,
  LEVEL_FLAG,
  levelFlag,
  seedFlag,
} from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "./args.ts";
async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "predict");
  const out = flagValue(args, "out");
  if (!out) throw new RangeError("Command predict needs --out FILE.csv");
  const id = flagValue(args, "method") ?? "ncf-factors";
  if (id.includes(",") || id === "all") {
    throw new RangeError(`Command predict takes one method, got '${id}'`);
  }
  const method = methodById(id);
  const scale = choiceFlag(args, "scale", ["cpp", "task"], "task");
  const backend = backendFlag(args);
  const seed = seedFlag(args);
  const level = levelFlag(args);
  const options = loadOptions(args);
  const inputs = inputsOf(target, options);
  await checkOutput(userPath(out), { inputs });
  const data = await load(target, args, io);
  const onProgress = progressPrinter(io, "predict");
  // Two conformal calibrations: ordinary gaps, and models with at most 2 known scores. A matrix
  // too small for one gets none, and says so (its cells then have no bounds).
  const common = { level, scale, seed, backend, onProgress, known: 2 };
  const calibrate = async (setting: "gaps" | "new-model") => {
    try {
      return await calibrateIntervals(data, method, { ...common, setting });
    } catch (error) {
      if (!(error instanceof RangeError) || !error.message.startsWith("Cannot calibrate")) {
        throw error;
      }
      io.err(`predict: notice: no ${setting} intervals: ${error.message}`);
      return null;
    }
  };
  const intervals = !flagBoolean(args, "no-intervals");
  const gaps = intervals ? await calibrate("gaps") : null;
  const fresh = gaps && await calibrate("new-model");
  const calibrations = [gaps, fresh].filter((c) => c !== null);
  const p6 = (x: number | null) => (x === null ? null : Number(x.toPrecision(6)));
  // Cells without intervals (a matrix too small to calibrate) have no bounds and no setting.
  const filled = calibrations.length
    ? await predictWithIntervals(data, method, calibrations, { backend, onProgress })
    : await fillMatrix(data, method, { scale, seed, backend, onProgress });
  const backendUsed = filled.backend;
  for (const cold of filled.cold) io.err(`cpp: warning: ${cold.reason}`);
  const rows = filled.cells.map((c) => {
    const bounds = "setting" in c ? c : { lower: null, upper: null, setting: null };
    return {
      model: c.model,
      task: c.task,
      score: c.observed ?? p6(c.predicted),
      source: c.observed !== null ? "observed" : c.predicted === null ? "none" : "predicted",
      fitted: p6(c.predicted),
      lower: p6(bounds.lower),
      upper: p6(bounds.upper),
      interval: bounds.setting,
      note: c.note,
    };
  });
  const columns = [
    "model",
    "task",
    "score",
    "source",
    "fitted",
    "lower",
    "upper",
    "interval",
    "note",
  ];
  await writeOutput(userPath(out), toCsv(rows, columns), { inputs });
  const predicted = rows.filter((r) => r.source === "predicted").length;
  const none = rows.filter((r) => r.source === "none").length;
  io.err(
    `predict: ${method.id} on ${backendUsed}: wrote ${rows.length} cells ` +
      `(${rows.length - predicted - none} observed, ${predicted} predicted` +
      (none ? `, ${none} without prediction` : "") +
      (gaps
        ? `; ${level * 100}% intervals, measured coverage ${gaps.measured.coverage.toFixed(3)} ` +
          "for gaps"
        : "") +
      (fresh ? `, ${fresh.measured.coverage.toFixed(3)} for new models` : "") +
      `) to ${out}`,
  );
}

export const command: Command = {
  name: "predict",
  summary: "Train on every observed cell and write the whole matrix, observed and predicted",
  usage: [
    "predict <dataset-or-file> [read options] --method ID --out FILE.csv",
    "    [--scale task] [--seed 0] [--level 0.9] [--no-intervals] [--backend auto]",
  ],
  positional: ["<dataset-or-file>"],
  flags: datasetFlags({
    "method": {
      value: "ID",
      description: "mf, ncf, ncf-factors, factors-only, biases, task-mean or global-mean " +
        "(default ncf-factors)",
    },
    "out": { value: "FILE", description: "The filled matrix (CSV)" },
    "scale": {
      value: "cpp|task",
      description: "Normalization the method learns on (default task)",
    },
    "seed": { value: "N", description: "The training seed (default 0)" },
    "no-intervals": {
      boolean: true,
      description: "Write the predictions without conformal intervals: one fit instead of " +
        "the 10 folds x 5 members of each of the two calibrations and the 5 deployed members " +
        "(faster on a large matrix)",
    },
    ...LEVEL_FLAG,
    ...BACKEND_FLAG,
  }),
  run,
};
