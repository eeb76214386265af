/** The held-tasks split: the matched tasks of every model that has a score on another task. */
import assert from "node:assert/strict";
import { heldTaskFolds } from "../../src/lib/mod.ts";

// 4 models x 4 tasks; tasks v2a, v2b are the ones held out.
const tasks = ["old1", "old2", "v2a", "v2b"];
const observed = Uint8Array.from([
  1,
  1,
  1,
  1, // both: v2a, v2b held out
  1,
  1,
  0,
  0, // v1 only: nothing to hold out
  0,
  0,
  1,
  1, // v2 only: trains
  0,
  1,
  0,
  1, // one old score, one new: v2b held out
]);

Deno.test("heldTaskFolds holds out the matched tasks of models with other scores, in one fold", () => {
  const folds = heldTaskFolds(observed, tasks, /^v2/i);
  assert.equal(folds.length, 1);
  assert.deepEqual(Array.from(folds[0].test), [2, 3, 15]);
  assert.equal(folds[0].seed, 0);
  assert.equal(folds[0].train, undefined); // every other observed cell trains
  assert.equal(folds[0].fold, "held tasks v2a, v2b");
});

Deno.test("heldTaskFolds refuses a pattern that matches no task, every task, or no cell", () => {
  assert.throws(() => heldTaskFolds(observed, tasks, /^nope$/), /no task matches \(tasks: old1/);
  assert.throws(() => heldTaskFolds(observed, tasks, /./), /every task matches/);
  const alone = Uint8Array.from([1, 0, 0, 0, 0, 0, 1, 0]);
  assert.throws(
    () => heldTaskFolds(alone, tasks, /^v2/),
    /no model has a score on them and on another task/,
  );
});
