/**
 * The `held-tasks` split: which scores on some tasks would a model get, given its scores on the
 * others? (The Open LLM Leaderboard's question: how would a model scored on v1 do on v2?)
 *
 * One fold: every model with an observed score on a task the pattern does not match, and on at
 * least one task it matches, has its scores on the matched tasks held out. The fold trains on
 * every other observed cell: the matched tasks' scores of the models that have only those, and
 * every score on the other tasks. A model whose held-out tasks are all it has left would be a cold
 * start; such a model is never held out (it has no score outside the matched tasks).
 *
 * @module
 */
import type { HeldOutFold } from "../experiment.ts";

/**
 * The one fold of the held-tasks split over `tasks` matched by `pattern`, of the cells marked in
 * `observed` (row-major models x `tasks.length`). A pattern that matches no task, or every task,
 * or leaves no cell to hold out, is a `RangeError`.
 *
 * @example
 * ```ts
 * const [fold] = heldTaskFolds(dense.observed, dense.tasks, /^(IFEval|BBH)$/);
 * fold.test.length; // the IFEval and BBH scores of the models that also have other scores
 * ```
 */
export function heldTaskFolds(
  observed: Uint8Array,
  tasks: readonly string[],
  pattern: RegExp,
): HeldOutFold[] {
  const nTasks = tasks.length;
  const matched = tasks.map((t) => pattern.test(t));
  const names = tasks.filter((_, j) => matched[j]);
  const prefix = `Cannot hold out tasks matching ${pattern}`;
  if (names.length === 0) {
    throw new RangeError(`${prefix}: no task matches (tasks: ${tasks.join(", ")})`);
  }
  if (names.length === nTasks) {
    throw new RangeError(
      `${prefix}: every task matches (expected some tasks to hold out and others to predict from)`,
    );
  }
  const test: number[] = [];
  const nModels = observed.length / nTasks;
  for (let i = 0; i < nModels; i++) {
    let other = false;
    for (let j = 0; j < nTasks && !other; j++) {
      other = !matched[j] && observed[i * nTasks + j] === 1;
    }
    if (!other) continue;
    for (let j = 0; j < nTasks; j++) {
      if (matched[j] && observed[i * nTasks + j]) test.push(i * nTasks + j);
    }
  }
  if (test.length === 0) {
    throw new RangeError(
      `${prefix} (${names.join(", ")}): no model has a score on them and on another task`,
    );
  }
  return [{ fold: `held tasks ${names.join(", ")}`, seed: 0, test: Uint32Array.from(test) }];
}
