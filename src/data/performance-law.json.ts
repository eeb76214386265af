// MMLU from architecture factors (a Performance Law regression) beside collaborative CPP-0/CPP-2.
import { performanceLawPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) emit(await performanceLawPage(data, { onProgress: progress("performance law") }));
