/**
 * The inner validation split of a job's training cells, used for early stopping.
 *
 * @module
 */
import { type Rng, shuffle } from "../util/random.ts";

/** A job's training cells split into the cells it learns from and the cells that stop it. */
export interface InnerSplit {
  readonly fit: Uint32Array;
  readonly valid: Uint32Array;
}

/**
 * Holds out `round(fraction x cells)` cells (at least 1, when there are at least 2), chosen at
 * random, skipping a cell whose model or task would be left without a training cell (so early
 * stopping never judges a cold-start prediction). Both lists keep the input order.
 *
 * @example
 * ```ts
 * const { fit, valid } = innerSplit(job.train, 29, 0.1, createRng(job.seed));
 * ```
 */
export function innerSplit(
  cells: Uint32Array,
  nTasks: number,
  fraction: number,
  rng: Rng,
): InnerSplit {
  const want = cells.length < 2 ? 0 : Math.max(1, Math.round(fraction * cells.length));
  let nModels = 0;
  for (const c of cells) nModels = Math.max(nModels, Math.floor(c / nTasks) + 1);
  const perModel = new Uint32Array(nModels);
  const perTask = new Uint32Array(nTasks);
  for (const c of cells) {
    const i = Math.floor(c / nTasks);
    perModel[i]++;
    perTask[c - i * nTasks]++;
  }
  const order = shuffle(Array.from(cells.keys()), rng.next);
  const held = new Uint8Array(cells.length);
  let count = 0;
  for (const q of order) {
    if (count >= want) break;
    const c = cells[q];
    const i = Math.floor(c / nTasks);
    const j = c - i * nTasks;
    if (perModel[i] < 2 || perTask[j] < 2) continue;
    perModel[i]--;
    perTask[j]--;
    held[q] = 1;
    count++;
  }
  // nothing could be held out safely: hold out one cell anyway
  if (count === 0 && want > 0) {
    held[order[0]] = 1;
    count = 1;
  }
  const fit = new Uint32Array(cells.length - count);
  const valid = new Uint32Array(count);
  let a = 0;
  let v = 0;
  for (let q = 0; q < cells.length; q++) {
    if (held[q]) valid[v++] = cells[q];
    else fit[a++] = cells[q];
  }
  return { fit, valid };
}
