/**
 * `cpp probes`: the N benchmarks that, measured on a brand-new model, best predict its other
 * scores (nested greedy forward selection, judged on held-out models; `selectProbes`).
 */
import { BENCHPRESS_PROBES, methodById, parseTaskList, selectProbes } from "../lib/mod.ts";
import { type Io, load, numberFlag, progressPrinter } from "./_common.ts";
import { backendFlag, datasetArg } from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "../lib/util/args.ts";
import { textTable } from "../lib/util/text_table.ts";

export async function probes(args: ParsedArgs, io: Io): Promise<void> {
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
  const seed = numberFlag(args, "seed", 0, (x) => Number.isInteger(x) && x >= 0, "an integer >= 0");
  const backend = backendFlag(args);
  const allowFile = flagValue(args, "allow");
  const data = await load(target, args, io);
  let allow: string[] | undefined;
  if (allowFile !== undefined) {
    let text: string;
    try {
      text = await Deno.readTextFile(allowFile);
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
