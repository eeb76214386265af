/**
 * `deno task bench`: prints figures (never asserts on time: these machines are shared and noisy,
 * so compare ratios measured in one run). Each section is a module in this folder;
 * `deno task bench benchpress table1` runs only the sections named.
 */
import { benchData } from "./data_bench.ts";
import { benchEngine } from "./engine_bench.ts";
import { benchTable1 } from "./table1_bench.ts";
import { benchIntervals } from "./intervals_bench.ts";
import { benchShapley } from "./shapley_bench.ts";
import { benchBenchPress } from "./benchpress_bench.ts";
import { benchProfile } from "./profile_bench.ts";

// a benchmark times training: no fit may come from the fit cache (the profile sets its own)
Deno.env.set("CPP_FIT_CACHE", "0");

const sections: Record<string, () => Promise<void>> = {
  data: benchData,
  engine: benchEngine,
  table1: benchTable1,
  intervals: benchIntervals,
  shapley: benchShapley,
  benchpress: benchBenchPress,
  profile: benchProfile,
};
const unknown = Deno.args.filter((name) => !(name in sections));
if (unknown.length) {
  console.error(
    `Unknown bench section(s) ${unknown.join(", ")}: expected ${Object.keys(sections).join(", ")}`,
  );
  Deno.exit(2);
}
for (const [name, run] of Object.entries(sections)) {
  if (Deno.args.length === 0 || Deno.args.includes(name)) await run();
}
