/**
 * `cpp probes`: the N benchmarks that, measured on a brand-new model, best predict its other
 * scores (nested greedy forward selection, judged on held-out models; `selectProbes`).
 */
import { BENCHPRESS_PROBES, methodById, parseTaskList, selectProbes } from "../lib/mod.ts";
import { type Command, type Io, load, numberFlag, progressPrinter, userPath } from "./_common.ts";
import {
  BACKEND_FLAG,
  backendFlag,
  datasetArg,
  datasetFlags,
  JSON_FLAG,
  seedFlag,
} from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "./args.ts";
import { textTable } from "./text_table.ts";

async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "probes");
  const size = numberFlag(args, "size", 5, (x) => Number.isInteger(x) && x >= 1, "an integer >= 1");
  const method = methodById(flagValue(args, "method") ?? "bias-als");
  const holdout = numberFlag(args, "holdout", 0.3, (x) => x > 0 && x < 1, "a share in (0, 1)");
  const folds = numberFlag(
    args,
    "folds",
    5,
    (x) => Number.isInteger(x) && x >= 2,
    "an integer >= 2",
  );
  const seed = seedFlag(args);
  const backend = backendFlag(args);
  const allowFile = flagValue(args, "allow");
  const data = await load(target, args, io);
  let allow: string[] | undefined;
  if (allowFile !== undefined) {
    let text: string;
    try {
      text = await Deno.readTextFile(userPath(allowFile));
    } catch (error) {
      throw new Error(`Cannot read task list ${allowFile}: ${(error as Error).message}`);
    }
    allow = parseTaskList(text, allowFile, data);
  }
  const result = await selectProbes(data, {
    size,
    method,
    allow,
    holdout,
    folds,
    seed,
    backend,
    onProgress: progressPrinter(io, "probes"),
  });
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  io.out(
    `${result.dataset}: ${size} probe benchmarks by ${result.method}, chosen on ` +
      `${result.selectionModels.length} models (${folds} groups predicted in turn) among ` +
      `${result.candidates} candidates, judged on ${result.heldOutModels.length} held-out models`,
  );
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  io.out(textTable(
    [
      "step",
      "benchmark added",
      "selection MedAE",
      "MedAE",
      "MedAPE",
      "within 3",
      "within 5",
      "cells",
    ],
    result.steps.map((s) => [
      s.step,
      s.task,
      s.selectionMedae.toFixed(2),
      s.heldOut.medae.toFixed(2),
      `${s.heldOut.medape.toFixed(1)}%`,
      pct(s.heldOut.within3),
      pct(s.heldOut.within5),
      s.heldOut.n,
    ]),
  ));
  io.out(`\nMeasure these first: ${result.probes.join(", ")}`);
  io.out(
    "\nMedAE and the rest: a held-out model's other observed scores, predicted from its scores " +
      "on the set and every selection model (points: percentage points on bounded tasks, own " +
      "units on unbounded ones). BenchPress (published): " +
      BENCHPRESS_PROBES.map((p) =>
        `${p.protocol} (${p.note}): ${
          Object.entries(p.medae).map(([k, v]) => `${k} probes ${v.toFixed(2)}`).join(", ")
        }`
      ).join("; ") + ".",
  );
}

export const command: Command = {
  name: "probes",
  summary: "The benchmarks that, measured on a brand-new model, best predict its other scores " +
    "(nested greedy selection, judged on held-out models)",
  usage: [
    "probes <dataset-or-file> [read options] [--size 5] [--allow FILE] [--method bias-als]",
    "    [--holdout 0.3] [--folds 5] [--seed 0] [--backend auto] [--json]",
  ],
  positional: ["<dataset-or-file>"],
  flags: datasetFlags({
    "size": { value: "N", description: "Benchmarks in the set (default 5)" },
    "allow": {
      value: "FILE",
      description: "The benchmarks the set may use: one name per line, or a JSON list",
    },
    "method": {
      value: "ID",
      description: "The method that predicts from the probes (default bias-als, BenchPress's)",
    },
    "holdout": {
      value: "P",
      description: "Share of the models held out to judge the sets (default 0.3)",
    },
    "folds": {
      value: "N",
      description: "Groups of selection models predicted in turn while selecting (default 5)",
    },
    "seed": { value: "N", description: "Seeds the model split (default 0)" },
    ...BACKEND_FLAG,
    ...JSON_FLAG,
  }),
  run,
};
