/**
 * The `per-model` split (BenchPress's protocol; PROTOCOL.md, "The BenchPress protocol"): per
 * seed, every model's observed cells are shuffled and cut into K disjoint folds; each fold is
 * held out once, so every observed cell is held out exactly once per seed.
 *
 * Exact definition: seed s draws from one stream, `seededRandom(s)`, which shuffles each model's
 * observed cells in model order (ascending task index before the shuffle); the shuffled list is
 * cut into K contiguous pieces whose sizes differ by at most one, the larger ones first (a model
 * with fewer than K cells leaves the last folds without any of its cells). Fold f of seed s
 * holds out the f-th piece of every model. BenchPress cuts `len // K` cells per fold and gives
 * the last fold the rest; its exact folds are replayed with a holdout file (holdout_file.ts).
 *
 * @module
 */
import type { HeldOutFold } from "../experiment.ts";
import { seededRandom, shuffle } from "../../util/random.ts";

/**
 * The folds of the per-model split of the cells marked in `cells` (a 0/1 mask, row-major
 * n x `nTasks`), seeds `firstSeed`..`firstSeed + seeds - 1`, in seed then fold order.
 *
 * @example
 * ```ts
 * const folds = perModelFolds(data.scores.dense.observed, data.scores.dense.nTasks, { folds: 3, seeds: 10 });
 * folds.length; // 30
 * ```
 */
export function perModelFolds(
  cells: Uint8Array,
  nTasks: number,
  options: { readonly folds: number; readonly seeds: number; readonly firstSeed?: number },
): HeldOutFold[] {
  const { folds, seeds } = options;
  const first = options.firstSeed ?? 0;
  for (const [name, value] of [["folds", folds], ["seeds", seeds]] as const) {
    if (!Number.isInteger(value) || value < (name === "folds" ? 2 : 1)) {
      throw new RangeError(
        `Cannot split per model: ${name} is ${value} (expected an integer >= ` +
          `${name === "folds" ? 2 : 1})`,
      );
    }
  }
  const nModels = cells.length / nTasks;
  const rows: number[][] = Array.from({ length: nModels }, () => []);
  for (let k = 0; k < cells.length; k++) if (cells[k]) rows[Math.floor(k / nTasks)].push(k);
  const out: HeldOutFold[] = [];
  for (let seed = first; seed < first + seeds; seed++) {
    const random = seededRandom(seed);
    const pieces: number[][] = Array.from({ length: folds }, () => []);
    for (const row of rows) {
      const order = shuffle(row.slice(), random);
      const [base, extra] = [Math.floor(order.length / folds), order.length % folds];
      let at = 0;
      for (let f = 0; f < folds; f++) {
        const size = base + (f < extra ? 1 : 0);
        pieces[f].push(...order.slice(at, at + size));
        at += size;
      }
    }
    pieces.forEach((test, f) =>
      out.push({
        fold: `seed ${seed} fold ${f}`,
        seed,
        test: Uint32Array.from(test).sort(),
      })
    );
  }
  return out;
}
