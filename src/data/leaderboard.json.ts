// The crowdsourced matrix filled by the method with the lowest held-out error.
import { applicableMethods, leaderboardReport, loadDataset, methodsFromList } from "../lib/mod.ts";
import { emit, progress } from "./_loader.ts";

const data = await loadDataset("cpp-crowdsource");
if (data.notice) console.error(`notice: ${data.notice}`);
const { methods } = applicableMethods(
  data,
  methodsFromList("mf,ncf,ncf-factors,factors-only,biases"),
);
emit(await leaderboardReport(data, methods, { seeds: 5, onProgress: progress("leaderboard") }));
