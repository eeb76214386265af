// Table 1 on the crowdsourced matrix: every method, 20 seeds, the cpp and the task scale.
import { methodsPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) emit(await methodsPage(data, { onProgress: progress("table 1") }));
