// MMLU from architecture factors (a Performance Law regression) beside collaborative CPP-0/CPP-2.
import { performanceLawPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

emit(
  await performanceLawPage(await dataset("cpp-crowdsource"), {
    onProgress: progress("performance law"),
  }),
);
