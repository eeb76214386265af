// New models (CPP-K) and new tasks (CPP-T-K): error against the number of known scores.
import { applicableMethods, generalizationReport, methodsFromList } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) {
  // The curve's methods and seeds are what a 10-minute site build affords (about 3 minutes
  // here); `cpp evaluate --split new-model|new-task --known K` runs any method with more seeds.
  const { methods, skipped } = applicableMethods(
    data,
    methodsFromList("mf,ncf-factors,factors-only,task-mean,biases"),
  );
  const report = await generalizationReport(data, methods, {
    seeds: 1,
    onProgress: progress("generalization"),
  });
  emit({ ...report, title: data.title, skippedMethods: skipped });
}
