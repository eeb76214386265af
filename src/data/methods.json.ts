// Table 1 on the crowdsourced matrix: every method, 20 seeds, the cpp and the task scale.
import { methodsPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

emit(await methodsPage(await dataset("cpp-crowdsource"), { onProgress: progress("table 1") }));
