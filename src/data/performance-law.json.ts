// MMLU from architecture factors (a Performance Law regression) beside collaborative CPP-0/CPP-2.
import { applicableMethods, methodsFromList, performanceLawReport } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) {
  const { methods, skipped } = applicableMethods(
    data,
    methodsFromList("mf,ncf-factors,factors-only,biases"),
  );
  const report = await performanceLawReport(data, methods, {
    seeds: 3,
    onProgress: progress("performance law"),
  });
  emit({ ...report, title: data.title, skippedMethods: skipped });
}
