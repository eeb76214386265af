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
  // BenchPress's completer, ALS with the design factors, and the best gpu.js method. `auto` (best
  // on these folds, 4.31) costs 10 minutes here, more than the whole build: `cpp evaluate frontier
  // --holdout-file benchpress --method auto` runs it, `--method all` every other method.
  const { methods, skipped } = applicableMethods(
    data,
    methodsFromList("bias-als,als,ncf-factors"),
  );
  const report = await benchpressReport(data, await benchpressFolds(data), {
    methods,
    onProgress: progress("benchpress"),
  });
  emit({ ...report, skippedMethods: skipped });
}
