// New models (CPP-K) and new tasks (CPP-T-K): error against the number of known scores.
import { generalizationPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) emit(await generalizationPage(data, { onProgress: progress("generalization") }));
