// Shapley values of the model factors and of the task factors, for NCF with factors and factors
// only: task factors exact, model factors sampled within SHAPLEY_MODEL_BUDGET (the same numbers
// come from `cpp shapley cpp-crowdsource --players model --method M --budget N`).
import { shapleyPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

emit(await shapleyPage(await dataset("cpp-crowdsource"), { onProgress: progress("shapley") }));
