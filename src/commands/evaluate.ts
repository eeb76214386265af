/** `cpp evaluate`: hold out cells, train each method, score the held-out cells. */
import {
  type BackendChoice,
  methodsFromList,
  runTable1,
  table1Json,
  toCsv,
  writeOutput,
} from "../lib/mod.ts";
import {
  choiceFlag,
  formatMeanStd,
  inputsOf,
  type Io,
  load,
  loadOptions,
  numberFlag,
  progressPrinter,
} from "./_common.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "../lib/util/args.ts";
import { textTable } from "../lib/util/text_table.ts";
export async function evaluate(args: ParsedArgs, io: Io): Promise<void> {
  const target = args.positional[1];
  if (!target) throw new RangeError("Command evaluate needs a dataset id or a CSV file path");
  const methods = methodsFromList(flagValue(args, "method") ?? "all");
  choiceFlag(args, "split", ["random"], "random");
  const holdout = numberFlag(args, "holdout", 0.05, (x) => x > 0 && x < 1, "a share in (0, 1)");
  const seeds = numberFlag(
    args,
    "seeds",
    20,
    (x) => Number.isInteger(x) && x >= 1,
    "an integer >= 1",
  );
  const scale = choiceFlag(args, "scale", ["cpp", "task"], "cpp");
  const backend = choiceFlag<BackendChoice>(
    args,
    "backend",
    ["auto", "cpu", "webasm", "webgpu"],
    "auto",
  );
  const dump = flagValue(args, "dump-predictions");
  const options = loadOptions(args);
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
      dump,
      toCsv(result.predictions!, ["seed", "method", "model", "task", "gold", "predicted"]),
      { inputs: inputsOf(target, options) },
    );
    io.err(`evaluate: wrote ${result.predictions!.length} held-out predictions to ${dump}`);
  }
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(table1Json(result), null, 2));
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
    ["method", "backend", "MSE", "L1", "rank acc", "MAE@2", "pairwise", "MAE pts", "fit s"],
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
    ]),
  ));
  io.out(
    "\nMean ± sample std over seeds. Rank metrics as defined in docs/protocol-choices.md; " +
      "MAE pts in the scores' own units.",
  );
}
