/**
 * `deno task bench`: prints figures (never asserts on time: these machines are shared and noisy,
 * so compare ratios measured in one run). Each section is a module in this folder.
 */
import { benchData } from "./data_bench.ts";

const sections = [benchData];
for (const run of sections) await run();
