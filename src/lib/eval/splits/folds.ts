/**
 * The calibration folds of conformal intervals (intervals/intervals.ts, intervals/fold_in.ts):
 * `gaps` deals the observed cells into folds, `new-model` deals the models into folds and lets
 * each held-out model reveal a few scores; the deployment plan trains on every observed cell.
 * Each fold is scaled from its own training cells (splits/job_scale.ts).
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { type Normalization, type NormalizationKind, normalize } from "../../data/normalize.ts";
import { seededRandom, shuffle, STREAMS, streamSeed } from "../../util/random.ts";
import { jobNormalization } from "./job_scale.ts";

/** One calibration fold: the cells it trains on, the cells it holds out, its normalization. */
export interface FoldPlan {
  readonly fold: number;
  readonly train: Uint32Array;
  /** Held-out cells (hidden from training and scored). */
  readonly heldOut: Uint32Array;
  readonly norm: Normalization;
}

export interface FoldScale {
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
}

function observedCells(data: Dataset): number[] {
  const cells: number[] = [];
  const { observed } = data.scores.dense;
  for (let k = 0; k < observed.length; k++) if (observed[k]) cells.push(k);
  return cells;
}

/** The plan of a fold holding out `heldOut`, trained on every other observed cell. */
function planOf(data: Dataset, fold: number, heldOut: number[], scale: FoldScale): FoldPlan {
  const { observed } = data.scores.dense;
  const hidden = new Uint8Array(observed.length);
  for (const k of heldOut) hidden[k] = 1;
  const mask = new Uint8Array(observed.length);
  const train: number[] = [];
  for (let k = 0; k < observed.length; k++) {
    if (observed[k] && !hidden[k]) {
      mask[k] = 1;
      train.push(k);
    }
  }
  const sorted = Uint32Array.from(heldOut).sort();
  const norm = jobNormalization(data, mask, sorted, { kind: scale.scale, from: scale.scaleFrom });
  if (typeof norm === "string") {
    throw new RangeError(`Cannot calibrate intervals: fold ${fold} cannot be scaled: ${norm}`);
  }
  return { fold, train: Uint32Array.from(train), heldOut: sorted, norm };
}

/**
 * The deployment plan: train on every observed cell, scaled as the calibration folds were (a task
 * whose observed scores span no range takes its unit range: a range of 1 would turn a normalized
 * quantile into a sliver of a point). Falls back to plain `normalize()` where the fold scale
 * cannot be built.
 */
export function allCellsPlan(data: Dataset, scale: FoldScale): FoldPlan {
  const { dense, lowerIsBetter } = data.scores;
  const all = jobNormalization(data, dense.observed, [], {
    kind: scale.scale,
    from: scale.scaleFrom,
  });
  const norm = typeof all === "string"
    ? normalize(dense, lowerIsBetter, { kind: scale.scale })
    : all;
  const train: number[] = [];
  for (let k = 0; k < dense.observed.length; k++) if (dense.observed[k]) train.push(k);
  return { fold: 0, train: Uint32Array.from(train), heldOut: new Uint32Array(), norm };
}

/**
 * Ordinary gaps: the observed cells shuffled by `seededRandom(seed)` and dealt into `folds`
 * folds (sizes differ by at most one); fold f holds out its cells and trains on the others.
 */
export function gapFolds(
  data: Dataset,
  options: FoldScale & { folds: number; seed: number },
): FoldPlan[] {
  const cells = shuffle(observedCells(data), seededRandom(options.seed));
  if (cells.length < 2) {
    throw new RangeError(
      `Cannot calibrate intervals: ${data.id} has ${cells.length} observed cell(s) (needs 2)`,
    );
  }
  const folds = Math.min(options.folds, cells.length);
  const members: number[][] = Array.from({ length: folds }, () => []);
  cells.forEach((k, c) => members[c % folds].push(k));
  return members.map((heldOut, fold) => planOf(data, fold, heldOut, options));
}

/**
 * New models: the models with at least `known + 2` observed scores (PROTOCOL.md's CPP-k rule)
 * shuffled by `seededRandom(seed)` and dealt into `folds` folds. In fold f every model of the fold
 * reveals `known` of its observed scores (drawn by a stream seeded by (seed, model)) and hides
 * the rest, which are held out; the job trains on every other observed cell. The other models
 * always train.
 */
export function modelFolds(
  data: Dataset,
  options: FoldScale & { folds: number; seed: number; known: number },
): { plans: FoldPlan[]; targets: string[]; skipped: { model: string; reason: string }[] } {
  const { dense } = data.scores;
  const { nModels, nTasks } = dense;
  const rows: number[][] = Array.from({ length: nModels }, () => []);
  for (let k = 0; k < dense.observed.length; k++) {
    if (dense.observed[k]) rows[Math.floor(k / nTasks)].push(k);
  }
  const eligible: number[] = [];
  const skipped: { model: string; reason: string }[] = [];
  for (let i = 0; i < nModels; i++) {
    if (rows[i].length >= options.known + 2) eligible.push(i);
    else {
      skipped.push({
        model: dense.models[i],
        reason: `${rows[i].length} observed scores (needs at least k + 2 = ${options.known + 2})`,
      });
    }
  }
  if (eligible.length < 2) {
    throw new RangeError(
      `Cannot calibrate new-model intervals: ${eligible.length} model(s) of ${data.id} have ` +
        `at least k + 2 = ${options.known + 2} observed scores (needs 2)`,
    );
  }
  const order = shuffle(eligible.slice(), seededRandom(options.seed));
  const folds = Math.min(options.folds, order.length);
  const members: number[][] = Array.from({ length: folds }, () => []);
  order.forEach((i, c) => members[c % folds].push(i));
  const plans = members.map((models, fold) => {
    const heldOut: number[] = [];
    for (const i of models) {
      const cells = shuffle(
        rows[i].slice(),
        seededRandom(streamSeed(options.seed, i, STREAMS.reveal)),
      );
      heldOut.push(...cells.slice(options.known));
    }
    return planOf(data, fold, heldOut, options);
  });
  return { plans, targets: eligible.map((i) => dense.models[i]), skipped };
}
