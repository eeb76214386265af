/**
 * The dense view's constructor, shared by the reader and `subsetDataset`.
 *
 * @module
 */
import type { DenseScores } from "./types.ts";

/** A row-major `DenseScores` over these models and tasks, with their name → index maps. */
export function denseScores(
  models: readonly string[],
  tasks: readonly string[],
  values: Float32Array,
  observed: Uint8Array,
): DenseScores {
  return {
    models,
    tasks,
    modelIndex: new Map(models.map((name, i) => [name, i])),
    taskIndex: new Map(tasks.map((name, j) => [name, j])),
    nModels: models.length,
    nTasks: tasks.length,
    values,
    observed,
  };
}
