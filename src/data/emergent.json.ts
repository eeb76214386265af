// Emergent reasoning tasks of large models predicted from small ones: CPP against scaling laws.
import { applicableMethods, emergentReport, loadDataset, methodsFromList } from "../lib/mod.ts";
import { emit, progress, unavailable } from "./_loader.ts";

const data = await loadDataset("cpp-crowdsource");
if (data.notice) console.error(`notice: ${data.notice}`);
const { methods, skipped } = applicableMethods(data, methodsFromList("all"));
const report = await unavailable(
  data,
  () => emergentReport(data, methods, { seeds: 5, onProgress: progress("emergent") }),
);
emit({ ...report, title: data.title, notice: data.notice, skippedMethods: skipped });
