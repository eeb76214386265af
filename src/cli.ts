/**
 * `deno task cpp <command>`: the command-line entry. Thin: parse flags, dispatch to a command in
 * src/commands, print. Results go to stdout, notices and progress to stderr; any error exits
 * non-zero with one line.
 */
import { flagBoolean, type FlagSpecs, formatFlags, parseArgs } from "./lib/util/args.ts";
import {
  type Io,
  NEW_MODEL_FLAGS,
  READ_FLAGS,
  SOURCE_FLAGS,
  TRAIN_FLAGS,
} from "./commands/_common.ts";
import { datasets } from "./commands/datasets.ts";
import { inspect } from "./commands/inspect.ts";
import { evaluate } from "./commands/evaluate.ts";
import { predict } from "./commands/predict.ts";
import { predictModel } from "./commands/predict_model.ts";
import { performanceLawCommand } from "./commands/performance_law.ts";
import { shapley } from "./commands/shapley.ts";
import { probes } from "./commands/probes.ts";

const USAGE = `cpp: collaborative performance prediction of LLMs

Usage:
  deno task cpp datasets [--json] [--offline]
  deno task cpp inspect <dataset-or-file> [read options] [--json]
  deno task cpp evaluate <dataset-or-file> [read options] --method LIST [--split random]
      [--holdout 0.05] [--seeds 20] [--scale cpp|task] [--backend auto] [--json]
      [--dump-predictions FILE]
  deno task cpp evaluate <dataset> --split new-model|new-task --known K [--method LIST]
  deno task cpp evaluate <dataset> --split emergent [--threshold 13000] [--method LIST]
  deno task cpp evaluate <dataset> --split per-model [--folds 3] [--seeds 10] [--method LIST]
      [--interval-folds 5] [--no-intervals] [--dump-predictions FILE]
  deno task cpp evaluate <dataset> --holdout-file FILE.csv|FILE.json [--method LIST]
  deno task cpp evaluate <dataset> --split new-release [--known 5] [--seeds 5] [--cutoff X]
      [--release-factor 'release date'] [--method LIST]
  deno task cpp probes <dataset> [--size 5] [--allow FILE] [--method bias-als] [--holdout 0.3]
      [--folds 5] [--seed 0] [--json]
  deno task cpp shapley <dataset> [--players model|task|both] [--method ncf-factors|factors-only]
      [--seeds 3] [--mode auto|exact|permutation] [--budget COALITIONS] [--seed 0] [--json]
  deno task cpp performance-law <dataset> [--method LIST] [--seeds 5]
  deno task cpp predict <dataset-or-file> [read options] --method ID --out FILE.csv
      [--scale task] [--seed 0] [--backend auto]
  deno task cpp predict-model <dataset-or-file> [read options] [--like MODEL] [--exclude MODEL]
      [--factors FILE.json] [--factor NAME=VALUE ...] [--known TASK=SCORE,TASK=SCORE]
      [--method ncf-factors|ncf|mf|factors-only] [--level 0.9] [--folds 10] [--seeds 5]
      [--seed 0] [--backend auto] [--out FILE.csv|FILE.json] [--json]

Commands:
  datasets   Each registry dataset: source, shape, observed cells, density, local availability
  inspect    Shape, coverage per task and model, scale and direction of a dataset or CSV file
  evaluate   Hold out observed cells, train each method, score the held-out cells: Table 1
             (random), new models (CPP-K), new tasks (CPP-T-K), emergent tasks vs scaling laws,
             BenchPress's protocol (per-model folds, a peer's fold file, new releases): MedAE,
             MedAPE, within 3 / 5 points, interval coverage and width
  probes     The benchmarks that best predict a new model's other scores (nested greedy search)
  shapley    Each design factor's Shapley value (exact, or permutation sampling with a std. error)
  performance-law  MMLU from architecture factors (leave-one-out) beside collaborative CPP-0/2
  predict    Train on every observed cell and write the whole matrix, observed and predicted
  predict-model  A model not in the data, from its design factors and any known scores: every
             task with a calibrated interval, and the benchmarks worth running next (method:
             ncf-factors where the models have factors, else ncf)

Training options:
${formatFlags(TRAIN_FLAGS)}

New-model options (predict-model):
${formatFlags(NEW_MODEL_FLAGS)}

Source options:
${formatFlags(SOURCE_FLAGS)}

Read options (for a CSV file; they also override a registry entry's):
${formatFlags(READ_FLAGS)}

Environment: CPP_DATA_DIR (offline mirror folder), CPP_CACHE_DIR (download cache),
CPP_OFFLINE=1 (no downloads), CPP_DEBUG=1 (stack traces on errors).
`;

const HELP: FlagSpecs = { help: { boolean: true, description: "This help" } };

/** Runs the CLI on `argv`; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv, {
      ...SOURCE_FLAGS,
      ...READ_FLAGS,
      ...TRAIN_FLAGS,
      ...NEW_MODEL_FLAGS,
      ...HELP,
    });
    const command = args.positional[0];
    if (flagBoolean(args, "help") || command === "help" || command === undefined) {
      io.out(USAGE);
      return command === undefined && !flagBoolean(args, "help") ? 2 : 0;
    }
    if (command === "datasets") await datasets(args, io);
    else if (command === "inspect") await inspect(args, io);
    else if (command === "evaluate") await evaluate(args, io);
    else if (command === "predict") await predict(args, io);
    else if (command === "predict-model") await predictModel(args, io);
    else if (command === "performance-law") await performanceLawCommand(args, io);
    else if (command === "shapley") await shapley(args, io);
    else if (command === "probes") await probes(args, io);
    else {
      throw new RangeError(
        `Unknown command '${command}': expected datasets, inspect, evaluate, predict, predict-model, shapley, performance-law or probes (see --help)`,
      );
    }
    return 0;
  } catch (error) {
    const e = error as Error;
    io.err(`cpp: error: ${e.message}`);
    if (Deno.env.get("CPP_DEBUG") === "1") io.err(e.stack ?? "");
    return 1;
  }
}

if (import.meta.main) {
  // Mesa's software WebGPU adapter warns on every start without a runtime folder.
  if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");
  const encoder = new TextEncoder();
  const write = (stream: typeof Deno.stdout, text: string) => {
    const bytes = encoder.encode(text + "\n");
    try {
      for (let done = 0; done < bytes.length;) done += stream.writeSync(bytes.subarray(done));
    } catch (error) {
      // The reader went away (`cpp inspect … | head`): stop quietly, as Unix tools do.
      if (error instanceof Deno.errors.BrokenPipe) Deno.exit(0);
      throw error;
    }
  };
  const code = await main(Deno.args, {
    out: (text) => write(Deno.stdout, text),
    err: (text) => write(Deno.stderr, text),
  });
  Deno.exit(code);
}
