import assert from "node:assert/strict";
import { leaderboardReport, loadDataset, methodsFromList } from "../../src/lib/mod.ts";

Deno.test("leaderboardReport() picks the lowest held-out MSE and keeps observed scores as observed", async () => {
  const data = await loadDataset("helm-seed");
  const board = await leaderboardReport(data, methodsFromList("global-mean,biases"), { seeds: 3 });
  assert.deepEqual(board.selection.map((s) => s.method), ["global-mean", "biases"]);
  const best = board.selection.reduce((a, b) => (b.mse < a.mse ? b : a));
  assert.equal(board.method, best.method);
  assert.equal(board.cells.length, 66);
  const first = board.cells[0];
  assert.deepEqual([first.model, first.task, first.score, first.observed], [
    "Llama 2 (70B)",
    "MMLU - EM",
    0.582,
    true,
  ]);
  for (const c of board.cells) assert.ok(c.normalized >= 0 && c.normalized <= 1);
});
