// The slides' pilot: MF on the HELM core scenarios, trained on 10% and 50% of the cells.
import { helmPilot, methodById } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const helm = await datasetOrUnavailable("helm-core");
if (helm) {
  emit(
    await helmPilot(helm, methodById("mf"), { scenarios: 16, onProgress: progress("helm pilot") }),
  );
}
