// Shapley values of the model factors and of the task factors, for NCF with factors and factors
// only. Task factors: exact (16 coalitions). Model factors: permutation sampling within a time
// budget per method, so the whole site builds in minutes; `cpp shapley` runs the full budget.
import { loadDataset, runShapley } from "../lib/mod.ts";
import { emit, progress } from "./_loader.ts";

const data = await loadDataset("cpp-crowdsource");
if (data.notice) console.error(`notice: ${data.notice}`);
const results = [];
const skipped = [];
for (const players of ["task", "model"] as const) {
  const table = players === "model" ? data.modelFactors : data.taskFactors;
  if (!table?.factors.length) {
    skipped.push({ players, reason: `${data.id} has no ${players} factors` });
    continue;
  }
  for (const method of ["factors-only", "ncf-factors"] as const) {
    results.push(
      await runShapley(data, {
        players,
        method,
        seeds: 3,
        budget: players === "model" ? { seconds: 90, coalitions: 800 } : undefined,
        onProgress: progress(`shapley ${players} ${method}`),
      }),
    );
  }
}
emit({ dataset: data.id, title: data.title, notice: data.notice, results, skipped });
