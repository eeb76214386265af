// Shapley values of the model and the task factors for NCF with factors and factors only (the
// same numbers come from `cpp shapley cpp-crowdsource --players model --method M --budget N`).
import { shapleyPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) emit(await shapleyPage(data, { onProgress: progress("shapley") }));
