/** `cpp datasets`: each registry entry with its source, shape and local availability. */
import { loadDataset, REGISTRY, summarize } from "../lib/mod.ts";
import type { Command, Io } from "./_common.ts";
import { JSON_FLAG } from "./_flags.ts";
import { flagBoolean, type ParsedArgs } from "./args.ts";
import { percent, textTable } from "./text_table.ts";
async function run(args: ParsedArgs, io: Io): Promise<void> {
  const rows = [];
  for (const entry of REGISTRY) {
    let available = false;
    let shape = { ...entry.expected, density: 0 };
    let origin: string = "not available locally";
    try {
      const data = await loadDataset(entry.id, { offline: true });
      const s = summarize(data);
      available = true;
      shape = { ...s.shape };
      origin = data.provenance.origin;
    } catch (error) {
      if ((error as Error).name !== "DataUnavailableError") throw error;
    }
    shape.density = shape.observed / (shape.models * shape.tasks);
    rows.push({
      id: entry.id,
      title: entry.title,
      source: entry.files[0].url ?? "embedded in the project",
      commit: entry.commit,
      models: shape.models,
      tasks: shape.tasks,
      observed: shape.observed,
      density: shape.density,
      available,
      origin,
      files: entry.files.map((f) => ({ role: f.role, name: f.name, url: f.url, sha256: f.sha256 })),
    });
  }
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  io.out(textTable(
    ["dataset", "models", "tasks", "observed", "density", "local"],
    rows.map((r) => [r.id, r.models, r.tasks, r.observed, percent(r.density), r.origin]),
  ));
  io.out("");
  for (const r of rows) io.out(`${r.id}: ${r.title}\n  source: ${r.source}`);
  io.out("\nShapes of datasets that are not available locally are the pinned files' shapes.");
}

export const command: Command = {
  name: "datasets",
  summary: "Each registry dataset: source, shape, observed cells, density, local availability",
  usage: ["datasets [--json]"],
  positional: [],
  flags: [{ title: "Options", specs: JSON_FLAG }],
  run,
};
