// The predict page's model: an ncf-factors ensemble exported for the inference code the page
// runs, with fold-in intervals calibrated for 0..5 known scores.
import { predictorPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) emit(await predictorPage(data, { onProgress: progress("predictor") }));
