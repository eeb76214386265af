// Emergent reasoning tasks of large models predicted from small ones: CPP against scaling laws.
import { emergentPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) emit(await emergentPage(data, { onProgress: progress("emergent") }));
