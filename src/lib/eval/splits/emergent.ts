/**
 * The `emergent` split (PROTOCOL.md, "Splits"): training sees every observed cell of the small
 * models and the large models' observed non-target cells; the large models' observed target
 * cells are held out and scored. Which models are small or large is the scaling-law baseline's
 * call (experiments/scaling_law.ts); experiments/emergent.ts runs the split.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { Normalization } from "../../data/normalize.ts";
import { jobNormalization } from "./job_scale.ts";

/** The cells of the emergent split and its task-scale normalization. */
export interface EmergentSplit {
  readonly train: Uint32Array;
  /** The large models' observed target cells, ascending. */
  readonly scored: readonly number[];
  /** Training cells per model (0: a cold start). */
  readonly trainCount: Uint32Array;
  /** Task scale from the training cells (see splits/job_scale.ts). */
  readonly norm: Normalization;
}

/**
 * Splits `data` for the emergent experiment: `small` and `large` are model names, `targets` task
 * names; models in neither group are left out entirely.
 *
 * @example
 * ```ts
 * const split = emergentSplit(data, { small: law.small, large: law.large, targets: ["GSM8K(4-shot)"] });
 * split.scored.length; // the large models' GSM8K scores
 * ```
 */
export function emergentSplit(
  data: Dataset,
  groups: {
    readonly small: readonly string[];
    readonly large: readonly string[];
    readonly targets: readonly string[];
  },
): EmergentSplit {
  const { dense } = data.scores;
  const { nModels, nTasks } = dense;
  const size = nModels * nTasks;
  const targetIdx = new Set(groups.targets.map((t) => dense.taskIndex.get(t)!));
  const smallIdx = new Set(groups.small.map((m) => dense.modelIndex.get(m)!));
  const largeIdx = new Set(groups.large.map((m) => dense.modelIndex.get(m)!));
  const train: number[] = [];
  const scored: number[] = [];
  const mask = new Uint8Array(size);
  const trainCount = new Uint32Array(nModels);
  for (let k = 0; k < size; k++) {
    if (!dense.observed[k]) continue;
    const [i, j] = [Math.floor(k / nTasks), k % nTasks];
    if (smallIdx.has(i) || (largeIdx.has(i) && !targetIdx.has(j))) {
      train.push(k);
      mask[k] = 1;
      trainCount[i]++;
    } else if (largeIdx.has(i) && targetIdx.has(j)) scored.push(k);
  }
  if (train.length === 0) throw new RangeError(`Cannot run emergent: no training cell`);
  const norm = jobNormalization(data, mask, scored, { kind: "task", from: "train" });
  if (typeof norm === "string") throw new RangeError(`Cannot run emergent: ${norm}`);
  return {
    train: Uint32Array.from(train),
    scored,
    trainCount,
    norm,
  };
}
