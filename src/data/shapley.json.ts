// Shapley values of the model factors and of the task factors, for NCF with factors and factors
// only. Task factors: exact (16 coalitions). Model factors: permutation sampling within a budget of
// coalitions per method (about 60 s each here), so the whole site builds in minutes; the same
// numbers come from `cpp shapley cpp-crowdsource --players model --method M --budget N`.
import { runShapley } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

const MODEL_BUDGET = { "factors-only": 400, "ncf-factors": 240 } as const;

const data = await datasetOrUnavailable("cpp-crowdsource");
if (data) {
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
          budget: players === "model" ? { coalitions: MODEL_BUDGET[method] } : undefined,
          onProgress: progress(`shapley ${players} ${method}`),
        }),
      );
    }
  }
  emit({ dataset: data.id, title: data.title, results, skipped });
}
