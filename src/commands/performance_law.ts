/**
 * `cpp performance-law`: MMLU predicted from architecture and data factors (a regression in the
 * spirit of the Performance Law), leave-one-out, beside the collaborative methods' leave-one-out
 * MMLU predictions with 0 and 2 other scores known.
 */
import { collaborativeMmlu, methodsFromList, performanceLaw } from "../lib/mod.ts";
import { type Io, load, progressPrinter } from "./_common.ts";
import { backendFlag, datasetArg, seedsFlag } from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "../lib/util/args.ts";
import { textTable } from "../lib/util/text_table.ts";

export async function performanceLawCommand(args: ParsedArgs, io: Io): Promise<void> {
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
