// The slides' pilot: MF on the HELM core scenarios, trained on 10% and 50% of the cells.
import { helmPilotPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("helm-core");
if (data) emit(await helmPilotPage(data, { onProgress: progress("helm pilot") }));
