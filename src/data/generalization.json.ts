// New models (CPP-K) and new tasks (CPP-T-K): error against the number of known scores.
import {
  applicableMethods,
  generalizationReport,
  loadDataset,
  methodsFromList,
} from "../lib/mod.ts";
import { emit, progress } from "./_loader.ts";

const data = await loadDataset("cpp-crowdsource");
if (data.notice) console.error(`notice: ${data.notice}`);
const { methods, skipped } = applicableMethods(data, methodsFromList("all"));
const report = await generalizationReport(data, methods, {
  seeds: 2,
  onProgress: progress("generalization"),
});
emit({ ...report, title: data.title, notice: data.notice, skippedMethods: skipped });
