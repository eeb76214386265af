/** `cpp inspect`: shape, coverage, scale and direction of a dataset or a CSV file. */
import { summarize } from "../lib/mod.ts";
import { type Command, type Io, load } from "./_common.ts";
import { datasetArg, datasetFlags, JSON_FLAG } from "./_flags.ts";
import { flagBoolean, type ParsedArgs } from "./args.ts";
import { percent, textTable } from "./text_table.ts";
async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "inspect");
  const data = await load(target, args, io);
  const s = summarize(data);
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(s, null, 2));
    return;
  }
  const scales = new Map<string, number>();
  for (const t of s.tasks) scales.set(t.scale, (scales.get(t.scale) ?? 0) + 1);
  const lower = s.tasks.filter((t) => t.lowerIsBetter);
  io.out(`Dataset   ${s.id}${s.id === s.title ? "" : ` (${s.title})`}`);
  s.provenance.files.filter((f) => f.role === "scores").forEach((scoreFile, k) => {
    io.out(`${k === 0 ? "Source   " : "         "} ${scoreFile.origin}: ${scoreFile.path}`);
    io.out(`          sha256 ${scoreFile.sha256}, ${scoreFile.bytes} bytes`);
  });
  if (s.provenance.commit) io.out(`          commit ${s.provenance.commit}`);
  io.out(
    `Shape     ${s.shape.models} models x ${s.shape.tasks} tasks, ${s.shape.observed} observed ` +
      `cells (${percent(s.shape.density)} dense)`,
  );
  io.out(`Scale     ${[...scales].map(([k, n]) => `${k} (${n} tasks)`).join(", ")}`);
  io.out(
    `Direction higher is better: ${s.tasks.length - lower.length} tasks; lower is better: ` +
      (lower.length ? `${lower.length} (${lower.map((t) => t.name).join(", ")})` : "none"),
  );
  const describeFactors = (list: typeof s.factors.model) =>
    list.length
      ? list.map((f) =>
        `${f.name} [${f.kind}${f.kindSource === "inferred" ? ", inferred" : ""}; ${f.present}/${
          f.entity === "model" ? s.shape.models : s.shape.tasks
        }]`
      ).join(", ")
      : "none";
  io.out(`Factors   model: ${describeFactors(s.factors.model)}`);
  io.out(`          task: ${describeFactors(s.factors.task)}`);
  io.out("\nCoverage per task");
  io.out(textTable(
    ["task", "observed", "coverage", "scale", "direction", "min", "max"],
    s.tasks.map((t) => [
      t.name,
      t.observed,
      percent(t.coverage),
      t.scale,
      t.lowerIsBetter ? "lower" : "higher",
      t.min,
      t.max,
    ]),
  ));
  io.out("\nCoverage per model");
  io.out(textTable(
    ["model", "observed", "coverage"],
    s.models.map((m) => [m.name, m.observed, percent(m.coverage)]),
  ));
}

export const command: Command = {
  name: "inspect",
  summary: "Shape, coverage per task and model, scale and direction of a dataset or CSV file",
  usage: ["inspect <dataset-or-file> [read options] [--json]"],
  positional: ["<dataset-or-file>"],
  flags: datasetFlags(JSON_FLAG),
  run,
};
