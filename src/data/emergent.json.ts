// Emergent reasoning tasks of large models predicted from small ones: CPP against scaling laws.
import { emergentPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

emit(await emergentPage(await dataset("cpp-crowdsource"), { onProgress: progress("emergent") }));
