/**
 * `deno task bench`: prints figures (never asserts on time: these machines are shared and noisy,
 * so compare ratios measured in one run). Each section is a module in this folder.
 */
import { benchData } from "./data_bench.ts";
import { benchEngine } from "./engine_bench.ts";
import { benchTable1 } from "./table1_bench.ts";
import { benchIntervals } from "./intervals_bench.ts";
import { benchShapley } from "./shapley_bench.ts";
import { benchBenchPress } from "./benchpress_bench.ts";

const sections = [
  benchData,
  benchEngine,
  benchTable1,
  benchIntervals,
  benchShapley,
  benchBenchPress,
];
for (const run of sections) await run();
