// A dataset's predict page model: an ncf-factors ensemble exported for the inference code the
// page runs, with fold-in intervals calibrated for 0..5 known scores; or why there is none.
import { predictorPage, unavailablePage } from "../../lib/mod.ts";
import { datasetOrUnavailable, emit, param, progress } from "../_loader.ts";

const id = param("dataset");
const data = await datasetOrUnavailable(id);
if (data && !data.modelFactors?.factors.length) {
  emit(
    unavailablePage(
      id,
      data.title,
      "it records no model design factors, which the predictor needs",
    ),
  );
} else if (data) {
  emit(await predictorPage(data, { onProgress: progress(`predictor ${id}`) }));
}
