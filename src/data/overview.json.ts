// The overview page's data: the registry datasets, summarized, with their observed cells.
import { overviewData } from "../lib/mod.ts";

const overview = await overviewData(["frontier", "cpp-crowdsource", "helm-core"]);
for (const d of overview.unavailable) {
  console.error(`notice: ${d.id} is not available: ${d.reason}`);
}
console.log(JSON.stringify(overview));
