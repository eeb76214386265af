/** `cpp predict`: train on every observed cell and write the whole matrix. */
import { type BackendChoice, fillMatrix, methodById, toCsv, writeOutput } from "../lib/mod.ts";
import {
  choiceFlag,
  inputsOf,
  type Io,
  load,
  loadOptions,
  numberFlag,
  progressPrinter,
} from "./_common.ts";
import { flagValue, type ParsedArgs } from "../lib/util/args.ts";
export async function predict(args: ParsedArgs, io: Io): Promise<void> {
  const target = args.positional[1];
  if (!target) throw new RangeError("Command predict needs a dataset id or a CSV file path");
  const out = flagValue(args, "out");
  if (!out) throw new RangeError("Command predict needs --out FILE.csv");
  const id = flagValue(args, "method") ?? "ncf-factors";
  if (id.includes(",") || id === "all") {
    throw new RangeError(`Command predict takes one method, got '${id}'`);
  }
  const method = methodById(id);
  const scale = choiceFlag(args, "scale", ["cpp", "task"], "task");
  const backend = choiceFlag<BackendChoice>(
    args,
    "backend",
    ["auto", "cpu", "webasm", "webgpu"],
    "auto",
  );
  const seed = numberFlag(args, "seed", 0, (x) => Number.isInteger(x) && x >= 0, "an integer >= 0");
  const options = loadOptions(args);
  const data = await load(target, args, io);
  const filled = await fillMatrix(data, method, {
    scale,
    seed,
    backend,
    onProgress: progressPrinter(io, "predict"),
  });
  const rows = filled.cells.map((c) => ({
    model: c.model,
    task: c.task,
    score: c.observed ?? Number(c.predicted.toPrecision(6)),
    source: c.observed === null ? "predicted" : "observed",
    fitted: Number(c.predicted.toPrecision(6)),
  }));
  await writeOutput(out, toCsv(rows, ["model", "task", "score", "source", "fitted"]), {
    inputs: inputsOf(target, options),
  });
  const predicted = rows.filter((r) => r.source === "predicted").length;
  io.err(
    `predict: ${method.id} on ${filled.backend}: wrote ${rows.length} cells ` +
      `(${rows.length - predicted} observed, ${predicted} predicted) to ${out}`,
  );
}
