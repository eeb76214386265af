// The slides' pilot: MF on the HELM core scenarios, trained on 10% and 50% of the cells.
import { helmPilotPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

emit(await helmPilotPage(await dataset("helm-core"), { onProgress: progress("helm pilot") }));
