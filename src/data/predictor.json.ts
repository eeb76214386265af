// The predict page's model: an ncf-factors ensemble trained on the crowdsourced matrix, exported
// for the inference code the page runs, with fold-in intervals calibrated for 0..5 known scores.
import { predictorPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

emit(await predictorPage(await dataset("cpp-crowdsource"), { onProgress: progress("predictor") }));
