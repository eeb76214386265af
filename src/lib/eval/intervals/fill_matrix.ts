/**
 * Filling the whole matrix: one model trained on every observed cell, its predictions mapped back
 * to the original units and direction. What `cpp predict` writes and the leaderboard shows.
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { denormalizeAll, type NormalizationKind, normalize } from "../../data/normalize.ts";
import type { BackendChoice, FitResult, Method } from "../../models/types.ts";
import { fitPlanned } from "../experiment.ts";
import { unitBounds } from "./_conformal.ts";
import { coldEntities, type ColdEntity } from "./cold_entities.ts";

export interface FilledCell {
  readonly model: string;
  readonly task: string;
  /** The observed score (original units), or null where the cell is a prediction. */
  readonly observed: number | null;
  /**
   * The method's value for the cell in original units (for observed cells: its fit), clipped to
   * the task's scale (0-100 or 0-1) where the data declares one; null where the method cannot
   * know the cell (its model or task has no observed score: see `note`).
   */
  readonly predicted: number | null;
  /** Why a cell has no prediction, or that it is a cold start; null for the others. */
  readonly note: string | null;
}

export interface FilledMatrix {
  readonly method: string;
  readonly backend: string;
  readonly scale: NormalizationKind;
  readonly seed: number;
  readonly cells: readonly FilledCell[];
  /** The models and tasks with no observed score, and what the method made of them. */
  readonly cold: readonly ColdEntity[];
  readonly fit: FitResult;
}

export interface FillOptions {
  /** Scale the method learns on (default `task`, the leaderboard scale). */
  readonly scale?: NormalizationKind;
  readonly seed?: number;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/**
 * Trains `method` on every observed cell and returns every cell of the matrix. A model or task
 * with no observed score gets no prediction unless the method predicts it from design factors
 * (see `coldEntities()`); `cold` lists them and each of their cells carries the reason.
 *
 * @example
 * ```ts
 * const filled = await fillMatrix(await loadDataset("cpp-crowdsource"), methodById("biases"));
 * filled.cells.filter((c) => c.observed === null).length; // 1210 predicted cells
 * ```
 */
export async function fillMatrix(
  data: Dataset,
  method: Method,
  options: FillOptions = {},
): Promise<FilledMatrix> {
  const { dense, lowerIsBetter } = data.scores;
  const scale = options.scale ?? "task";
  const seed = options.seed ?? 0;
  const norm = normalize(dense, lowerIsBetter, { kind: scale });
  const train: number[] = [];
  for (let k = 0; k < dense.observed.length; k++) if (dense.observed[k]) train.push(k);
  const fit = await fitPlanned(data, method, [{ seed, train: Uint32Array.from(train), norm }], {
    backend: options.backend,
    onProgress: options.onProgress,
  });
  const original = denormalizeAll(norm, fit.predictions[0]);
  // clipped to the task's scale, as predictWithIntervals does (see boundsOf)
  const units = dense.tasks.map((_, j) => unitBounds(data, j));
  const cold = coldEntities(data, method, scale);
  const cells: FilledCell[] = [];
  for (let i = 0; i < dense.nModels; i++) {
    for (let j = 0; j < dense.nTasks; j++) {
      const k = i * dense.nTasks + j;
      const unit = units[j];
      const note = cold.note(k);
      cells.push({
        model: dense.models[i],
        task: dense.tasks[j],
        observed: dense.observed[k] ? data.scores.exact[k] : null,
        predicted: note && !note.predicted
          ? null
          : unit
          ? Math.min(unit.hi, Math.max(unit.lo, original[k]))
          : original[k],
        note: note?.note ?? null,
      });
    }
  }
  return {
    method: method.id,
    backend: fit.backend,
    scale,
    seed,
    cells,
    cold: cold.entities,
    fit,
  };
}
