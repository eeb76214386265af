// The predict page's model: an ncf-factors ensemble trained on the crowdsourced matrix, exported
// for the inference code the page runs, with fold-in intervals calibrated for 0..5 known scores.
import { calibrateFoldIn, loadDataset, methodById, trainPredictor } from "../lib/mod.ts";
import { emit, progress, unavailable } from "./_loader.ts";

const data = await loadDataset("cpp-crowdsource");
if (data.notice) console.error(`notice: ${data.notice}`);
const method = methodById("ncf-factors");
const predictor = await unavailable(data, async () => {
  const report = await calibrateFoldIn(data, method, {
    onProgress: progress("fold-in calibration"),
  });
  return await trainPredictor(data, method, report, { onProgress: progress("predictor") });
});
emit({ ...predictor, title: data.title, notice: data.notice });
