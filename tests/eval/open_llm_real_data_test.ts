/**
 * The Open LLM Leaderboard (open-llm) read from the mirror: v1 and v2 joined by model, and the
 * question "how would a v1 model do on v2" scored by holding out the v2 scores of the 331 models
 * that have both. Figures pinned so that a change shows.
 */
import assert from "node:assert/strict";
import { biases, datasetEntry, heldTaskFolds, runHoldout } from "../../src/lib/mod.ts";
import { mirroredDataset } from "../_prerequisites.ts";

const V2 = /^(IFEval|BBH|MATH Lvl 5|GPQA|MUSR|MMLU-PRO)$/;

Deno.test("open-llm: 7,187 models x 12 tasks, 331 with v1 and v2, their v2 scores held out", async () => {
  const data = await mirroredDataset("open-llm");
  if (!data) return;
  const { dense } = data.scores;
  const { expected } = datasetEntry("open-llm");
  let observed = 0;
  for (const o of dense.observed) observed += o;
  assert.deepEqual([dense.nModels, dense.nTasks, observed], [
    expected.models,
    expected.tasks,
    expected.observed,
  ]);
  assert.deepEqual(data.warnings.map((w) => w.message.match(/: (\d+) rows repeat/)?.[1]), [
    "358",
    "22",
  ]);
  const [fold] = heldTaskFolds(dense.observed, dense.tasks, V2);
  assert.equal(fold.test.length, 331 * 6);
  const result = await runHoldout(data, [fold], { methods: [biases()], intervals: false });
  assert.deepEqual([result.folds, result.cells, result.unpredictable], [1, 1986, 0]);
  const r = result.rows[0];
  const pinned = (x: number) => Number(x.toFixed(4));
  assert.deepEqual([pinned(r.medae), pinned(r.within5)], [4.9209, 0.505]);
});
