// A dataset's probe set, "measure these first": the benchmarks that, measured on a new model,
// best predict its other scores (chosen on some models, judged on the others).
import { probeSetReport } from "../../lib/mod.ts";
import { datasetOrUnavailable, emit, param, progress } from "../_loader.ts";

const id = param("dataset");
const data = await datasetOrUnavailable(id);
if (data) emit(await probeSetReport(data, { onProgress: progress(`probes ${id}`) }));
