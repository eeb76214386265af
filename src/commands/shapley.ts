/**
 * `cpp shapley`: each design factor's Shapley value (validation MSE of a factor-using method with
 * and without it, over coalitions), model and task factors analysed separately.
 */
import { runShapley, type ShapleyResult } from "../lib/mod.ts";
import { choiceFlag, type Command, type Io, load, numberFlag, progressPrinter } from "./_common.ts";
import {
  BACKEND_FLAG,
  backendFlag,
  datasetArg,
  datasetFlags,
  JSON_FLAG,
  seedFlag,
  seedsFlag,
} from "./_flags.ts";
import { flagBoolean, flagValue, type ParsedArgs } from "./args.ts";
import { textTable } from "./text_table.ts";

async function run(args: ParsedArgs, io: Io): Promise<void> {
  const target = datasetArg(args, "shapley");
  const players = choiceFlag(args, "players", ["model", "task", "both"], "both");
  const method = choiceFlag(args, "method", ["ncf-factors", "factors-only"], "ncf-factors");
  const mode = choiceFlag(args, "mode", ["auto", "exact", "permutation"], "auto");
  const seeds = seedsFlag(args, 3);
  const seed = seedFlag(args);
  const budget = flagValue(args, "budget") === undefined ? undefined : {
    coalitions: numberFlag(
      args,
      "budget",
      0,
      (x) => Number.isInteger(x) && x >= 2,
      "an integer >= 2",
    ),
  };
  const backend = backendFlag(args);
  const data = await load(target, args, io);
  const results: ShapleyResult[] = [];
  for (const p of players === "both" ? ["task", "model"] as const : [players]) {
    results.push(
      await runShapley(data, {
        players: p,
        method,
        mode,
        seeds,
        seed,
        budget,
        backend,
        onProgress: progressPrinter(io, `shapley ${p} factors`),
      }),
    );
  }
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return;
  }
  for (const r of results) {
    io.out(
      `${r.dataset}: Shapley values of the ${r.players} factors for ${r.method} (${r.mode}` +
        (r.mode === "permutation" ? `, ${r.permutations} permutations` : "") +
        `; ${r.coalitionsTrained} coalitions x ${r.seeds} seeds, ${r.seconds.toFixed(1)} s, ` +
        `${r.backend})`,
    );
    io.out(
      `MSE with no factor ${r.mseEmpty.toExponential(3)}, with every factor ` +
        `${r.mseAll.toExponential(3)}; values sum to the difference (higher = more useful)`,
    );
    const sorted = [...r.values].sort((a, b) => b.shapley - a.shapley);
    io.out(textTable(
      ["factor", "kind", "shapley", "se", "present"],
      sorted.map((
        v,
      ) => [v.factor, v.kind, v.shapley.toExponential(2), v.se.toExponential(1), v.present]),
    ));
    io.out("");
  }
}

export const command: Command = {
  name: "shapley",
  summary: "Each design factor's Shapley value (exact, or permutation sampling with a std. error)",
  usage: [
    "shapley <dataset> [--players model|task|both] [--method ncf-factors|factors-only]",
    "    [--seeds 3] [--mode auto|exact|permutation] [--budget COALITIONS] [--seed 0] [--json]",
  ],
  positional: ["<dataset>"],
  flags: datasetFlags({
    "players": { value: "model|task|both", description: "Which factors (default both)" },
    "method": { value: "ncf-factors|factors-only", description: "Default ncf-factors" },
    "mode": {
      value: "auto|exact|permutation",
      description: "Exact enumeration, permutation sampling, or exact when it fits",
    },
    "budget": { value: "N", description: "Most coalitions trained (default 800)" },
    "seeds": { value: "N", description: "Seeds each coalition is averaged over (default 3)" },
    "seed": { value: "N", description: "The permutation draw (default 0)" },
    ...BACKEND_FLAG,
    ...JSON_FLAG,
  }),
  run,
};
