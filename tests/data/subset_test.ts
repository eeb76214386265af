import assert from "node:assert/strict";
import { loadDataset, subsetDataset } from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

Deno.test("subsetDataset() keeps the chosen tasks and the models with enough of them", async () => {
  const data = await loadDataset("helm-seed");
  const sub = subsetDataset(data, {
    tasks: ["QuAC - F1", "MMLU - EM"],
    models: ["LLaMA (30B)", "text-davinci-002"],
  });
  const d = sub.scores.dense;
  assert.deepEqual(d.tasks, ["QuAC - F1", "MMLU - EM"]);
  assert.deepEqual(d.models, ["LLaMA (30B)", "text-davinci-002"]);
  assert.deepEqual(Array.from(d.values, (v) => Number(v.toPrecision(7))), [
    0.39,
    0.531,
    0.445,
    0.568,
  ]);
  assert.equal(sub.scores.table.numRows(), 4);
  assert.throws(() => subsetDataset(data, { tasks: ["Nope"] }), /no task named 'Nope'/);
});

Deno.test("subsetDataset() gives the HELM pilot of the slides: 16 core scenarios, ~67 models, ~82% dense", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const helm = await loadDataset("helm-core", { dataDir: dir });
  const core = subsetDataset(helm, { tasks: helm.scores.dense.tasks.slice(0, 16), minObserved: 8 });
  const d = core.scores.dense;
  assert.equal(d.tasks[0], "MMLU - EM");
  assert.equal(d.tasks[15], "RAFT - EM");
  assert.equal(d.nModels, 67);
  const observed = d.observed.reduce((a, b) => a + b, 0);
  assert.equal(observed, 876);
  assert.equal(core.scores.table.numRows(), observed);
  assert.ok(core.scores.lowerIsBetter.every((x) => !x));
});
