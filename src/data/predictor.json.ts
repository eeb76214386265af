// The predict page's model: an ncf-factors ensemble trained on the crowdsourced matrix, exported
// for the inference code the page runs, with fold-in intervals calibrated for 0..5 known scores.
import { calibrateFoldIn, methodById, trainPredictor } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) {
  const method = methodById("ncf-factors");
  const report = await calibrateFoldIn(data, method, {
    onProgress: progress("fold-in calibration"),
  });
  const predictor = await trainPredictor(data, method, report, {
    onProgress: progress("predictor"),
  });
  emit({ ...predictor, title: data.title });
}
