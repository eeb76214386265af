import assert from "node:assert/strict";
import { biases, parseTaskList, selectProbes } from "../../src/lib/eval/mod.ts";
import { datasetOf } from "./_fixtures.ts";
import { type SpyCall, spyMethod } from "./_factor_fixtures.ts";

/**
 * 30 models x 6 tasks: every score is the model's level plus a task offset, except t5, which is
 * noise. Any one task tells a model's level, so the first probe is any but t5.
 */
function levels(): (number | null)[][] {
  return Array.from(
    { length: 30 },
    (_, i) =>
      Array.from(
        { length: 6 },
        (_, j) => j === 5 ? 30 + ((i * 37) % 41) : Number((20 + 2 * i + 5 * j).toFixed(1)),
      ),
  );
}

Deno.test("selectProbes() picks informative benchmarks and never lets held-out models choose", async () => {
  const data = datasetOf(levels());
  const calls: SpyCall[] = [];
  const method = spyMethod(calls, { id: "biases" }, biases());
  const result = await selectProbes(data, { size: 2, method, folds: 3, seed: 1 });
  assert.equal(result.heldOutModels.length, 9); // round(0.3 x 30)
  assert.equal(result.selectionModels.length, 21);
  assert.notEqual(result.steps[0].task, "t5");
  assert.deepEqual(result.probes, result.steps[1].probes);
  assert.equal(result.candidates, 6);
  // selection: 2 steps, each one batch over (candidate, group) jobs; then one held-out batch
  assert.equal(calls.length, 3);
  const heldOut = new Set(result.heldOutModels.map((m) => data.scores.dense.modelIndex.get(m)!));
  for (const call of calls.slice(0, 2)) {
    for (const job of call.jobs) {
      for (const k of job.train) {
        assert.ok(!heldOut.has(Math.floor(k / 6)), "a held-out model chose");
      }
    }
  }
  // judging: each held-out model alone, with its probe cells only
  for (const job of calls[2].jobs) {
    const mine = [...job.train].filter((k) => heldOut.has(Math.floor(k / 6)));
    assert.ok(new Set(mine.map((k) => Math.floor(k / 6))).size === 1);
    assert.ok(mine.length <= 2);
  }
  // every non-probe cell of every held-out model is scored: 9 models x 4 tasks
  assert.equal(result.steps[1].heldOut.n, 36);
  assert.equal(result.steps[0].heldOut.n, 45);
  assert.equal(result.medae, result.steps[1].heldOut.medae);
});

Deno.test("selectProbes() keeps to an allowlist; parseTaskList() names bad lines", async () => {
  const data = datasetOf(levels());
  const result = await selectProbes(data, {
    size: 1,
    method: biases(),
    allow: ["t5", "t3"],
    folds: 2,
  });
  assert.equal(result.steps[0].task, "t3");
  assert.equal(result.candidates, 2);
  await assert.rejects(
    selectProbes(data, { size: 3, allow: ["t1"] }),
    /size is 3 \(expected 1\.\.1/,
  );
  assert.deepEqual(parseTaskList("# cheap\nt1\n\n t2 \n", "cheap.txt", data), ["t1", "t2"]);
  assert.deepEqual(parseTaskList('{"benchmarks": ["t0"]}', "a.json", data), ["t0"]);
  assert.throws(
    () => parseTaskList("t1\nt9\n", "cheap.txt", data),
    /cheap\.txt: line 2: synthetic has no task 't9'/,
  );
  assert.throws(
    () => parseTaskList("t1\nt1\n", "cheap.txt", data),
    /line 2: 't1' is listed twice \(also line 1\)/,
  );
  assert.throws(() => parseTaskList("# none\n", "cheap.txt", data), /it names no task/);
});
