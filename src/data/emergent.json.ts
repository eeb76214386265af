// Emergent reasoning tasks of large models predicted from small ones: CPP against scaling laws.
import { applicableMethods, emergentReport, methodsFromList } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) {
  const { methods, skipped } = applicableMethods(data, methodsFromList("all"));
  const report = await emergentReport(data, methods, {
    seeds: 5,
    onProgress: progress("emergent"),
  });
  emit({ ...report, title: data.title, skippedMethods: skipped });
}
