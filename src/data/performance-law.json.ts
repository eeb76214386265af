// MMLU from architecture factors (a Performance Law regression) beside collaborative CPP-0/CPP-2.
import {
  applicableMethods,
  loadDataset,
  methodsFromList,
  performanceLawReport,
} from "../lib/mod.ts";
import { emit, progress, unavailable } from "./_loader.ts";

const data = await loadDataset("cpp-crowdsource");
if (data.notice) console.error(`notice: ${data.notice}`);
const { methods, skipped } = applicableMethods(
  data,
  methodsFromList("mf,ncf-factors,factors-only,biases"),
);
const report = await unavailable(data, () =>
  performanceLawReport(data, methods, {
    seeds: 3,
    onProgress: progress("performance law"),
  }));
emit({ ...report, title: data.title, notice: data.notice, skippedMethods: skipped });
