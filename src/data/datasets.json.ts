// The datasets page's data: every registry dataset, where this build found its files, the pinned
// and verified checksums, its shape, and when and from which commit the site was built.
import { datasetsReport } from "../lib/mod.ts";
import { emit } from "./_loader.ts";

const report = await datasetsReport();
for (const d of report.datasets) if (d.reason) console.error(`notice: ${d.id}: ${d.reason}`);
emit(report);
