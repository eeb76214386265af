import assert from "node:assert/strict";
import {
  calibrateIntervals,
  coldEntities,
  fillMatrix,
  loadDataset,
  methodById,
  predictWithIntervals,
  withoutColdEntities,
} from "../../src/lib/mod.ts";

const DIR = await Deno.makeTempDir({ prefix: "cpp-cold-" });
addEventListener("unload", () => Deno.removeSync(DIR, { recursive: true }));

/** 8 models x 4 tasks; model m7 and task EMPTY have no score; model and task factors. */
async function coldData() {
  const tasks = ["t0", "t1", "t2", "EMPTY"];
  const rows = [`model,${tasks.join(",")}`];
  const factors = ["Model Name,family,size"];
  for (let i = 0; i < 8; i++) {
    const cells = tasks.map((t, j) =>
      t === "EMPTY" || i === 7 ? "" : (20 + 5 * i + 7 * j).toFixed(1)
    );
    rows.push(`m${i},${cells.join(",")}`);
    factors.push(`m${i},${i % 2 ? "a" : "b"},${1000 * (i + 1)}`);
  }
  await Deno.writeTextFile(`${DIR}/scores.csv`, rows.join("\n") + "\n");
  await Deno.writeTextFile(`${DIR}/models.csv`, factors.join("\n") + "\n");
  await Deno.writeTextFile(
    `${DIR}/tasks.csv`,
    "Task,t0,t1,t2,EMPTY\nability,x,y,x,y\n",
  );
  return await loadDataset(`${DIR}/scores.csv`, {
    modelFactors: `${DIR}/models.csv`,
    taskFactors: `${DIR}/tasks.csv`,
  });
}

Deno.test("coldEntities(): a method without factors cannot know a model or task with no score", async () => {
  const data = await coldData();
  const cold = coldEntities(data, methodById("biases"), "task");
  assert.deepEqual(cold.entities.map((e) => [e.entity, e.name, e.predicted]), [
    ["task", "EMPTY", false],
    ["model", "m7", false],
  ]);
  assert.equal(
    cold.entities[1].reason,
    "model 'm7' has no observed score: no prediction (biases cannot know it: it learns models " +
      "from their scores; a method with model factors can start cold)",
  );
  assert.equal(cold.note(0), null);
  assert.deepEqual(cold.note(3), { predicted: false, note: cold.entities[0].reason });
  assert.deepEqual(cold.note(7 * 4), { predicted: false, note: cold.entities[1].reason });
});

Deno.test("coldEntities(): factors make a cold start, where the scale can be mapped back", async () => {
  const data = await coldData();
  const onTask = coldEntities(data, methodById("ncf-factors"), "task");
  // On the task scale a task without scores has no range; a model is placed by its factors.
  assert.deepEqual(onTask.entities.map((e) => [e.name, e.predicted]), [["EMPTY", false], [
    "m7",
    true,
  ]]);
  assert.equal(
    onTask.entities[1].reason,
    "model 'm7' has no observed score: a cold start, predicted by ncf-factors from its model factors",
  );
  assert.match(onTask.entities[0].reason, /on the task scale a task's scores set its range/);
  // On the cpp scale it is the other way round.
  const onModel = coldEntities(data, methodById("factors-only"), "cpp");
  assert.deepEqual(onModel.entities.map((e) => [e.name, e.predicted]), [["EMPTY", true], [
    "m7",
    false,
  ]]);
  // A cell of a cold model on a cold task: no prediction wins over a cold start.
  assert.equal(onTask.note(7 * 4 + 3)!.predicted, false);
});

Deno.test("fillMatrix() and predictWithIntervals() leave the cells of a cold entity empty, with the reason", async () => {
  const data = await coldData();
  const method = methodById("biases");
  const filled = await fillMatrix(data, method);
  assert.deepEqual(filled.cold.map((e) => e.name), ["EMPTY", "m7"]);
  const empty = filled.cells.filter((c) => c.predicted === null);
  assert.equal(empty.length, 8 + 3);
  assert.ok(empty.every((c) => c.task === "EMPTY" || c.model === "m7"));
  assert.ok(empty.every((c) => c.note !== null && c.note.includes("no prediction")));
  assert.ok(filled.cells.filter((c) => c.predicted !== null).every((c) => c.note === null));
  const gaps = await calibrateIntervals(data, method, { setting: "gaps", seeds: 1, folds: 3 });
  const intervals = await predictWithIntervals(data, method, gaps);
  const none = intervals.cells.filter((c) => c.predicted === null);
  assert.deepEqual(
    none.map((c) => `${c.model}/${c.task}`),
    empty.map((c) => `${c.model}/${c.task}`),
  );
  assert.ok(
    none.every((c) => c.lower === null && c.upper === null && c.setting === null && c.note),
  );
});

Deno.test("withoutColdEntities() drops the models and tasks with no score and says which", async () => {
  const data = await coldData();
  const { data: kept, omitted } = withoutColdEntities(data);
  assert.deepEqual(kept.scores.dense.models, ["m0", "m1", "m2", "m3", "m4", "m5", "m6"]);
  assert.deepEqual(kept.scores.dense.tasks, ["t0", "t1", "t2"]);
  assert.deepEqual(omitted, [
    { entity: "task", name: "EMPTY", reason: "task 'EMPTY' has no observed score" },
    { entity: "model", name: "m7", reason: "model 'm7' has no observed score" },
  ]);
  assert.equal(withoutColdEntities(kept).data, kept);
});

Deno.test("fillMatrix() predicts a model with no score from its factors, and says it is a cold start", async () => {
  const data = await coldData();
  const filled = await fillMatrix(data, methodById("factors-only"), { backend: "cpu" });
  const m7 = filled.cells.filter((c) => c.model === "m7" && c.task !== "EMPTY");
  assert.equal(m7.length, 3);
  for (const c of m7) {
    assert.ok(Number.isFinite(c.predicted), JSON.stringify(c));
    assert.match(
      c.note!,
      /^model 'm7' has no observed score: a cold start, predicted by factors-only/,
    );
  }
  assert.ok(filled.cells.filter((c) => c.task === "EMPTY").every((c) => c.predicted === null));
});
