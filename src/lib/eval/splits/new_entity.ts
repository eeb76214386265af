/**
 * The `new-model k` (CPP-k) and `new-task k` (CPP-T-k) splits (PROTOCOL.md, "Splits"): which
 * entities qualify as targets, and per (target, seed) which of the target's scores are revealed,
 * which are hidden and scored, and how the job is scaled. The definitions are those of
 * experiments/generalization.ts, which runs them.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { Normalization, NormalizationKind } from "../../data/normalize.ts";
import type { DenseScores } from "../../data/types.ts";
import { seededRandom, shuffle, STREAMS, streamSeed } from "../../util/random.ts";
import { jobNormalization } from "./job_scale.ts";

/** Which entity is new: a model (CPP-k) or a task (CPP-T-k). */
export type GeneralizationAxis = "model" | "task";

/** One (target, seed) of a new-entity split. */
export interface EntityPlan {
  /** The target's index on its axis. */
  readonly target: number;
  readonly seed: number;
  /** Every observed cell except the target's hidden ones. */
  readonly train: Uint32Array;
  /** The target's observed cells that were not revealed. */
  readonly hidden: Uint32Array;
  /** The hidden cells that are scored (those in `scoreOn` when given). */
  readonly scored: Uint32Array;
  readonly norm: Normalization;
}

const what = (axis: GeneralizationAxis) => (axis === "model" ? "model" : "task");

/** Cell index of (entity `e` of `axis`, entity `o` of the other axis). */
function cellOf(dense: DenseScores, axis: GeneralizationAxis, e: number, o: number): number {
  return axis === "model" ? e * dense.nTasks + o : o * dense.nTasks + e;
}

export function entityNames(dense: DenseScores, axis: GeneralizationAxis): readonly string[] {
  return axis === "model" ? dense.models : dense.tasks;
}

function otherNames(dense: DenseScores, axis: GeneralizationAxis): readonly string[] {
  return axis === "model" ? dense.tasks : dense.models;
}

export function indexOfNames(
  names: readonly string[],
  wanted: readonly string[],
  kind: string,
  source: string,
  name: string,
): number[] {
  const index = new Map(names.map((n, i) => [n, i]));
  return wanted.map((w) => {
    const k = index.get(w);
    if (k === undefined) {
      throw new RangeError(`Cannot run ${name}: ${source} has no ${kind} '${w}'`);
    }
    return k;
  });
}

/** The target's observed cells: those it may reveal and those that may be scored. */
function targetCells(
  dense: DenseScores,
  axis: GeneralizationAxis,
  e: number,
  scoreOn: ReadonlySet<number> | null,
): { pool: number[]; scorable: number[]; observed: number[] } {
  const nOther = axis === "model" ? dense.nTasks : dense.nModels;
  const pool: number[] = [];
  const scorable: number[] = [];
  const observed: number[] = [];
  for (let o = 0; o < nOther; o++) {
    const k = cellOf(dense, axis, e, o);
    if (!dense.observed[k]) continue;
    observed.push(k);
    if (scoreOn && scoreOn.has(o)) scorable.push(k);
    else pool.push(k);
  }
  if (!scoreOn) scorable.push(...pool);
  return { pool, scorable, observed };
}

/** Why entity `e` cannot be a target at `known`, or null when it can. */
function ineligible(
  cells: { pool: number[]; scorable: number[]; observed: number[] },
  known: number,
  scoreOn: boolean,
): string | null {
  if (!scoreOn) {
    return cells.observed.length >= known + 2
      ? null
      : `${cells.observed.length} observed scores (needs at least k + 2 = ${known + 2})`;
  }
  if (cells.scorable.length === 0) return "no observed score on the scored cells";
  if (cells.pool.length < known) {
    return `${cells.pool.length} observed scores outside the scored cells (needs k = ${known})`;
  }
  return null;
}

/**
 * The entities of `axis` that qualify as targets at `known` (see the module documentation), with
 * the reasons of those that do not.
 *
 * @example
 * ```ts
 * eligibleTargets(data, { axis: "model", known: 2 }).targets; // model names
 * ```
 */
export function eligibleTargets(
  data: Dataset,
  options: {
    readonly axis: GeneralizationAxis;
    readonly known: number;
    readonly targets?: readonly string[];
    readonly scoreOn?: readonly string[];
  },
): { targets: string[]; skipped: { target: string; reason: string }[] } {
  const dense = data.scores.dense;
  const { axis, known } = options;
  const names = entityNames(dense, axis);
  const scoreOn = options.scoreOn
    ? new Set(
      indexOfNames(
        otherNames(dense, axis),
        options.scoreOn,
        axis === "model" ? "task" : "model",
        data.id,
        "generalization",
      ),
    )
    : null;
  const wanted = options.targets
    ? indexOfNames(names, options.targets, what(axis), data.id, "generalization")
    : names.map((_, e) => e);
  const targets: string[] = [];
  const skipped: { target: string; reason: string }[] = [];
  for (const e of wanted) {
    const why = ineligible(targetCells(dense, axis, e, scoreOn), known, scoreOn !== null);
    if (why) skipped.push({ target: names[e], reason: why });
    else targets.push(names[e]);
  }
  return { targets, skipped };
}

/** Options of {@linkcode newEntityPlans}: the split's settings (see generalization.ts). */
export interface NewEntityOptions {
  readonly axis: GeneralizationAxis;
  readonly known: number;
  readonly seeds: number;
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
  readonly targetTaskScale: "unit" | "train";
  readonly targets?: readonly string[];
  readonly scoreOn?: readonly string[];
}

/**
 * Every (target, seed) of a new-entity split, in target then seed order, with the targets that
 * ran and those skipped (not eligible, or not scalable without hidden gold) with the reason.
 *
 * @example
 * ```ts
 * const { plans, targets } = newEntityPlans(data, {
 *   axis: "model", known: 2, seeds: 5, scale: "task", scaleFrom: "train", targetTaskScale: "unit",
 * });
 * ```
 */
export function newEntityPlans(
  data: Dataset,
  options: NewEntityOptions,
): {
  plans: EntityPlan[];
  targets: string[];
  skipped: { target: string; reason: string }[];
} {
  const name = "generalization";
  const { axis, known, seeds, scale, scaleFrom, targetTaskScale } = options;
  const { dense } = data.scores;
  const size = dense.nModels * dense.nTasks;
  const names = entityNames(dense, axis);
  const eligible = eligibleTargets(data, options);
  const skipped = [...eligible.skipped];
  const scoreOn = options.scoreOn
    ? new Set(
      indexOfNames(otherNames(dense, axis), options.scoreOn, "entity", data.id, name),
    )
    : null;

  // Every (target, seed): its revealed, hidden and scored cells and its normalization.
  const plans: EntityPlan[] = [];
  const targets: string[] = [];
  for (const targetName of eligible.targets) {
    const e = names.indexOf(targetName);
    const cells = targetCells(dense, axis, e, scoreOn);
    const mine: EntityPlan[] = [];
    let reason: string | null = null;
    for (let seed = 0; seed < seeds && reason === null; seed++) {
      const order = shuffle(cells.pool.slice(), seededRandom(streamSeed(seed, e, STREAMS.target)));
      const revealed = new Set(order.slice(0, known));
      const hidden = Uint32Array.from(cells.observed.filter((k) => !revealed.has(k)));
      const hiddenSet = new Set(hidden);
      const scored = Uint32Array.from(cells.scorable.filter((k) => hiddenSet.has(k)));
      const trainList: number[] = [];
      const mask = new Uint8Array(size);
      for (let k = 0; k < size; k++) {
        if (dense.observed[k] && !hiddenSet.has(k)) {
          trainList.push(k);
          mask[k] = 1;
        }
      }
      const norm = jobNormalization(data, mask, scored, {
        kind: scale,
        from: scaleFrom,
        unitTasks: axis === "task" && targetTaskScale === "unit" ? new Set([e]) : undefined,
      });
      if (typeof norm === "string") reason = norm;
      else {
        mine.push({ target: e, seed, train: Uint32Array.from(trainList), hidden, scored, norm });
      }
    }
    if (reason !== null) skipped.push({ target: targetName, reason });
    else {
      targets.push(targetName);
      plans.push(...mine);
    }
  }
  return { plans, targets, skipped };
}
