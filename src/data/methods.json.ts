// Table 1 on the crowdsourced matrix: every method, 20 seeds, the cpp and the task scale.
import { applicableMethods, methodsFromList, methodsReport } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) {
  const { methods, skipped } = applicableMethods(data, methodsFromList("all"));
  const report = await methodsReport(data, methods, {
    seeds: 20,
    onProgress: progress("table 1"),
  });
  emit({ ...report, title: data.title, skipped });
}
