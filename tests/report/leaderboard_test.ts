import assert from "node:assert/strict";
import {
  leaderboardReport,
  loadDataset,
  methodsFromList,
  nearestModels,
} from "../../src/lib/mod.ts";

Deno.test("leaderboardReport() picks the lowest held-out MSE, keeps observed scores, gives predictions intervals", async () => {
  const data = await loadDataset("helm-seed");
  const board = await leaderboardReport(data, methodsFromList("global-mean,biases"), {
    seeds: 3,
    intervalSeeds: 1,
  });
  assert.deepEqual(board.selection.map((s) => s.method), ["global-mean", "biases"]);
  const best = board.selection.reduce((a, b) => (b.mse < a.mse ? b : a));
  assert.equal(board.method, best.method);
  assert.equal(board.cells.length, 66);
  const first = board.cells[0];
  assert.deepEqual([first.model, first.task, first.score, first.observed, first.lower], [
    "Llama 2 (70B)",
    "MMLU - EM",
    0.582,
    true,
    null,
  ]);
  for (const c of board.cells) {
    assert.ok(c.normalized >= 0 && c.normalized <= 1);
    if (!c.observed) assert.ok(c.lower! <= c.score && c.score <= c.upper!, JSON.stringify(c));
  }
  assert.deepEqual(board.calibrations.map((c) => c.setting), ["gaps", "new-model"]);
  for (const c of board.calibrations) assert.ok(c.coverage >= 0 && c.coverage <= 1);
  assert.equal(board.modelInfo.length, 11);
  assert.equal(new Set(board.modelInfo.map((m) => m.slug)).size, 11);
  // the embedded sample has no factors: no filter to offer
  assert.deepEqual(board.filters, { family: null, params: null, openWeights: null });
});

Deno.test("nearestModels() ranks by cosine similarity averaged over the members", () => {
  const member = (emb: number[]) => ({
    method: "mf",
    head: "dot" as const,
    k: 2,
    H: 0,
    ids: true,
    biases: false,
    mu: 0,
    l2: 0,
    l2Bias: 0,
    nTrain: 1,
    tasks: { names: ["t"], emb: [1, 0], proj: [], bias: [0] },
    W1m: [],
    a1: [],
    wg: [],
    wh: [],
    encoder: null,
    models: { names: ["a", "b", "c"], emb, bias: [0, 0, 0] },
  });
  // a = (1, 0), b = (1, 1), c = (-1, 0.1)
  const near = nearestModels([member([1, 0, 1, 1, -1, 0.1])], 2);
  assert.deepEqual(near[0].map((n) => n.name), ["b", "c"]);
  assert.equal(near[0][0].similarity, Number((1 / Math.SQRT2).toFixed(4)));
  assert.deepEqual(near[2].map((n) => n.name), ["b", "a"]);
});

Deno.test("leaderboardReport() leaves out the models and tasks with no observed score, and says so", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cpp-board-" });
  const rows = ["model,t0,t1,t2,t3,EMPTY"];
  for (let i = 0; i < 12; i++) {
    const cells = [0, 1, 2, 3].map((
      j,
    ) => ((i * 7 + j * 11) % 17 === 3 ? "" : `${30 + 3 * i + 5 * j}`));
    rows.push(`m${i},${cells.join(",")},`);
  }
  rows.push("ghost,,,,,");
  await Deno.writeTextFile(`${dir}/s.csv`, rows.join("\n") + "\n");
  const data = await loadDataset(`${dir}/s.csv`);
  const board = await leaderboardReport(data, methodsFromList("biases"), {
    seeds: 2,
    intervalSeeds: 1,
  });
  assert.deepEqual(board.omitted, [
    { entity: "task", name: "EMPTY", reason: "task 'EMPTY' has no observed score" },
    { entity: "model", name: "ghost", reason: "model 'ghost' has no observed score" },
  ]);
  assert.deepEqual(board.tasks, ["t0", "t1", "t2", "t3"]);
  assert.equal(board.models.length, 12);
  assert.equal(board.cells.length, 12 * 4);
  assert.ok(board.cells.every((c) => Number.isFinite(c.score) && Number.isFinite(c.predicted)));
  await Deno.remove(dir, { recursive: true });
});
