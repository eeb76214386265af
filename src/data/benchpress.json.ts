// BenchPress's protocol on the frontier matrix: held-out folds and new releases (the probe set
// is data/probes/frontier.json, shared with the predict page).
import {
  applicableMethods,
  benchpressFolds,
  benchpressReport,
  methodsFromList,
} from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("frontier");
if (data) {
  // BenchPress's completer and the project's best learned method; `cpp evaluate frontier
  // --holdout-file benchpress --method all` scores every method.
  const { methods, skipped } = applicableMethods(data, methodsFromList("bias-als,ncf-factors"));
  const report = await benchpressReport(data, await benchpressFolds(data), {
    methods,
    onProgress: progress("benchpress"),
  });
  emit({ ...report, skippedMethods: skipped });
}
