// The overview page's data: the site's datasets, summarized, with their observed cells.
import { overviewData } from "../lib/mod.ts";
import { emit, siteConfig } from "./_loader.ts";

const overview = await overviewData(siteConfig().datasets);
for (const d of overview.unavailable) {
  console.error(`notice: ${d.id} is not available: ${d.reason}`);
}
emit(overview);
