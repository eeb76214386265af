/**
 * The `random` split (PROTOCOL.md, "Splits"; Table 1): a share of the observed cells held out
 * uniformly per seed. Cells are indexed row-major, `i * nTasks + j`, like `DenseScores.values`.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { type Normalization, type NormalizationKind, normalize } from "../../data/normalize.ts";
import { type Random, sampleWithoutReplacement, seededRandom } from "../../util/random.ts";

/** Which cells a model may learn from and which it is scored on; both sorted ascending. */
export interface Split {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Options of {@linkcode randomSplit}. */
export interface RandomSplitOptions {
  /** Fraction of the observed cells held out, in (0, 1). Default 0.05. */
  readonly holdout?: number;
  /** Seeds the draw (the per-seed split of Table 1); ignored when `random` is given. */
  readonly seed: number;
  /** A random source to draw from instead of a fresh `seededRandom(seed)`. */
  readonly random?: Random;
}

/**
 * How many of `nObserved` cells a `random` split holds out: `Math.round(holdout * nObserved)`
 * (halves round up), at least 1. On cpp-crowdsource (878 cells) 5% is 43.9, so 44.
 *
 * @example
 * ```ts
 * heldOutCount(878, 0.05); // 44
 * heldOutCount(10, 0.05); // 1 (0.5 rounds up; never 0)
 * ```
 */
export function heldOutCount(nObserved: number, holdout: number): number {
  if (!(holdout > 0 && holdout < 1)) {
    throw new RangeError(`Cannot split: holdout is ${holdout} (expected a fraction in (0, 1))`);
  }
  const nTest = Math.max(1, Math.round(holdout * nObserved));
  if (nTest > nObserved - 1) {
    throw new RangeError(
      `Cannot split: holding out ${nTest} of ${nObserved} observed cells leaves no training cell`,
    );
  }
  return nTest;
}

/**
 * The `random` split: holds out {@linkcode heldOutCount} observed cells drawn uniformly without
 * replacement; every other observed cell trains. Nothing keeps a model or task in training: a
 * model whose only cells are drawn is scored as a cold start, as in the reference code.
 *
 * @example
 * ```ts
 * const { train, test } = randomSplit(scores.dense.observed, { holdout: 0.05, seed: 0 });
 * ```
 */
export function randomSplit(observed: Uint8Array, options: RandomSplitOptions): Split {
  const cells: number[] = [];
  for (let k = 0; k < observed.length; k++) if (observed[k]) cells.push(k);
  const nTest = heldOutCount(cells.length, options.holdout ?? 0.05);
  const random = options.random ?? seededRandom(options.seed);
  const drawn = sampleWithoutReplacement(cells.length, nTest, random);
  const held = new Uint8Array(cells.length);
  for (const d of drawn) held[d] = 1;
  const train = new Uint32Array(cells.length - nTest);
  const test = new Uint32Array(nTest);
  let [a, b] = [0, 0];
  for (let c = 0; c < cells.length; c++) {
    if (held[c]) test[b++] = cells[c];
    else train[a++] = cells[c];
  }
  return { train, test };
}

/**
 * A 0/1 mask of `size` cells with 1 at `cells` (the `train` option of `normalize()`).
 *
 * @example
 * ```ts
 * cellMask(Uint32Array.of(0, 2), 4); // Uint8Array [1, 0, 1, 0]
 * ```
 */
export function cellMask(cells: ArrayLike<number>, size: number): Uint8Array {
  const mask = new Uint8Array(size);
  for (let c = 0; c < cells.length; c++) {
    const k = cells[c];
    if (!(k >= 0 && k < size)) {
      throw new RangeError(`Cannot build a cell mask: cell ${k} is outside 0..${size - 1}`);
    }
    mask[k] = 1;
  }
  return mask;
}

/** One seed of a `random` split: its cells and its normalization. */
export interface RandomPlan {
  readonly seed: number;
  readonly split: Split;
  readonly norm: Normalization;
}

/**
 * Seeds 0..seeds-1 of the `random` split, each with its normalization: `scaleFrom` "train" takes
 * the scale from the seed's training cells, "observed" from every observed cell (only the
 * scaling constants then see held-out gold; training never does).
 *
 * @example
 * ```ts
 * const plans = randomPlans(data, { seeds: 20, holdout: 0.05, scale: "cpp", scaleFrom: "observed" });
 * plans[0].split.test.length; // 44 on cpp-crowdsource
 * ```
 */
export function randomPlans(
  data: Dataset,
  options: {
    readonly seeds: number;
    readonly holdout: number;
    readonly scale: NormalizationKind;
    readonly scaleFrom: "train" | "observed";
  },
): RandomPlan[] {
  const { dense, lowerIsBetter } = data.scores;
  const size = dense.nModels * dense.nTasks;
  return Array.from({ length: options.seeds }, (_, seed) => {
    const split = randomSplit(dense.observed, { holdout: options.holdout, seed });
    const train = options.scaleFrom === "train" ? cellMask(split.train, size) : dense.observed;
    const norm = normalize(dense, lowerIsBetter, { kind: options.scale, train });
    return { seed, split, norm };
  });
}
