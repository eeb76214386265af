// The overview page's data: the registry datasets, summarized, with their observed cells.
import { overviewData } from "../lib/mod.ts";

const overview = await overviewData(["cpp-crowdsource", "helm-core"]);
for (const d of overview.datasets) if (d.notice) console.error(`notice: ${d.notice}`);
console.log(JSON.stringify(overview));
