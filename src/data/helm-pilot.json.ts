// The slides' pilot: MF on the HELM core scenarios, trained on 10% and 50% of the cells.
import { helmPilot, loadDataset, methodById } from "../lib/mod.ts";
import { emit, progress } from "./_loader.ts";

const helm = await loadDataset("helm-core");
if (helm.notice) console.error(`notice: ${helm.notice}`);
const report = await helmPilot(helm, methodById("mf"), {
  scenarios: helm.notice ? helm.scores.dense.nTasks : 16,
  onProgress: progress("helm pilot"),
});
emit({ ...report, notice: helm.notice });
