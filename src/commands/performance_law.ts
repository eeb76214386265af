/**
 * `cpp performance-law`: MMLU predicted from architecture and data factors (a regression in the
 * spirit of the Performance Law), leave-one-out, beside the collaborative methods' leave-one-out
 * MMLU predictions with 0 and 2 other scores known.
 */
import { collaborativeMmlu, methodsFromList, performanceLaw } from "../lib/mod.ts";
import { type Command, type Io, load, progressPrinter } from "./_common.ts";
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

async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "performance-law");
  const methods = methodsFromList(flagValue(args, "method") ?? "ncf-factors,factors-only,biases");
  const seeds = seedsFlag(args, 5);
  const backend = backendFlag(args);
  const data = await load(target, args, io);
  const law = performanceLaw(data);
  const collaborative = await collaborativeMmlu(data, {
    methods,
    seeds,
    backend,
    models: law.models.map((m) => m.model),
    onProgress: progressPrinter(io, "performance-law"),
  });
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify({ performanceLaw: law, collaborative }, null, 2));
    return;
  }
  io.out(
    `${law.dataset}: ${law.task} from ${law.features.map((f) => f.name).join(", ")} (logs), ` +
      `ridge, leave-one-out over ${law.n} models`,
  );
  io.out(
    `Performance-law regression: MAE ${law.mae.toFixed(2)} points, RMSE ${law.rmse.toFixed(2)}`,
  );
  io.out("\nCollaborative leave-one-out MMLU on the same models (MAE, points)");
  io.out(textTable(
    ["known", "method", "models", "MAE", "status"],
    collaborative.mae.map((m) => [
      m.known,
      m.method,
      m.n,
      m.mae === null ? null : m.mae.toFixed(2),
      m.status,
    ]),
  ));
  io.out(
    `\nLeft out for lacking factors (${law.leftOut.length}): ` +
      law.leftOut.map((l) => `${l.model} (${l.missing.join(", ")})`).join("; "),
  );
}

export const command: Command = {
  name: "performance-law",
  summary: "MMLU from architecture factors (leave-one-out) beside collaborative CPP-0/2",
  usage: ["performance-law <dataset> [--method LIST] [--seeds 5] [--json]"],
  positional: ["<dataset>"],
  flags: datasetFlags({
    "method": {
      value: "LIST",
      description: "The collaborative methods (default ncf-factors,factors-only,biases)",
    },
    "seeds": { value: "N", description: "Seeds 0..N-1 (default 5)" },
    ...BACKEND_FLAG,
    ...JSON_FLAG,
  }),
  run,
};
