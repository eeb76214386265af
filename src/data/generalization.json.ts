// New models (CPP-K) and new tasks (CPP-T-K): error against the number of known scores.
import { generalizationPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

emit(
  await generalizationPage(await dataset("cpp-crowdsource"), {
    onProgress: progress("generalization"),
  }),
);
