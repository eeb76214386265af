/**
 * Generalization to new models and new tasks (PROTOCOL.md, "Splits": `new-model k` = CPP-k,
 * `new-task k` = CPP-T-k), leave-one-entity-out.
 *
 * Exact definitions (axis "model"; axis "task" is the same with rows and columns swapped):
 * - Targets: every model with at least `known + 2` observed scores (so at least two are scored),
 *   or the models named in `targets` that qualify (the others are listed in `skipped` with why).
 *   With `scoreOn` (scoring restricted to some tasks' cells, e.g. MMLU): a model qualifies with at
 *   least `known` observed scores outside `scoreOn` and at least one inside.
 * - Per (target, seed): the target's observed cells (outside `scoreOn` when given) are shuffled by
 *   a random source seeded by (seed, target index); the first `known` are revealed (so the cells
 *   revealed at k are among those revealed at k + 1 for the same seed); every other observed cell
 *   of the target is hidden. The job trains on every observed cell except the hidden ones. The
 *   hidden cells (those in `scoreOn` when given) are scored.
 * - Batching: every (target, seed) is one job of the plan (splits/new_entity.ts) carrying its own
 *   normalized matrix with every cell but its training cells NaN; each method fits all of them in
 *   ONE call (`fitPlanned`, experiment.ts).
 * - Normalization per job (`normalize(dense, lowerIsBetter, { kind: scale, train })`, `train` = the
 *   job's training cells when `scaleFrom` is "train", every observed cell when "observed"). On the
 *   `task` scale, with `scaleFrom` "train":
 *   - on the task axis the target task is scaled by its unit range ([0, 100] for a `percent` task,
 *     [0, 1] for a `fraction` task, direction-aware), in every job whatever `known`: with k = 0 it
 *     has no training cell at all, with k = 1 a single one, and with k = 2 two scores set a range
 *     that two close scores make tiny (hidden gold then lands far outside [0, 1]). A fixed range
 *     sees no gold and keeps CPP-T0..T5 comparable; its MSE is (error in points / 100)^2 on a
 *     percent task. `targetTaskScale: "train"` uses the min and max of the revealed cells
 *     instead (still the unit range when they span no range);
 *   - any other task whose training cells span no range (none, or all equal) also takes its unit
 *     range;
 *   - a scored task with no training cell and no unit range (`other` scale) cannot be scaled
 *     without its hidden gold: its target is skipped, with the reason.
 *   On the `cpp` scale (per model) with "train", a scored model with no training cell (the target
 *   of CPP-0) cannot be scaled: its target is skipped. `scaleFrom` "observed" (the default of the
 *   `cpp` scale, as in Table 1 and in the paper's reference code) takes the scaling constants from
 *   every observed cell, hidden ones included; training never sees a hidden value.
 * - Cold start: with `known` = 0 the target has no training cell. A method with
 *   `coldStart === false`, or one that uses factors when the dataset has none for the axis, is not
 *   run: its row has status "cold-start unsupported", a reason, and null metrics.
 * - Metrics per target: `mse`, `l1` on the job's normalized scale and `maePoints` (absolute error
 *   after `denormalize`, in points: metrics/points.ts), pooled over the target's scored cells of
 *   every seed (each seed scores the same number of cells). Overall (`mse`, `l1`, `maePoints` of a
 *   row): the MEAN OVER TARGETS of the per-target values, every target weighing the same whatever
 *   its number of scores ("run over every model ... and average", PROTOCOL.md); `pooled` gives the
 *   cell-weighted means too. `perSeed` gives the overall (mean over targets) of each seed.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { denormalize, type NormalizationKind } from "../../data/normalize.ts";
import type { BackendChoice, Method, MethodId } from "../../models/types.ts";
import { PAPER_NEW_TASK } from "../../report/paper_reference.ts";
import { baselineMethods } from "../baselines/closed_form.ts";
import {
  addPointCell,
  pointCells,
  type PointMetrics,
  pointMetrics,
  pointsPerUnit,
} from "../metrics/points.ts";
import {
  checkMethods,
  checkSeeds,
  coldStartReason,
  fitPlanned,
  methodProgress,
} from "../experiment.ts";
import {
  eligibleTargets,
  entityNames,
  type GeneralizationAxis,
  newEntityPlans,
} from "../splits/new_entity.ts";

export { coldStartReason } from "../experiment.ts";
export { eligibleTargets, type GeneralizationAxis } from "../splits/new_entity.ts";

/**
 * Whether a method ran on a setting, could not (a cold entity it has no path to), or had nothing
 * to run on (no entity qualifies as a target).
 */
export type GeneralizationStatus = "ok" | "cold-start unsupported" | "no target";

/** Options of {@linkcode runGeneralization}. */
export interface GeneralizationOptions {
  readonly axis: GeneralizationAxis;
  /** k: how many of the target's observed scores are revealed to training. */
  readonly known: number;
  /** Default: the three baselines (`baselineMethods()`). */
  readonly methods?: readonly Method[];
  /** Seeds 0..seeds-1. Default 5. */
  readonly seeds?: number;
  /** Default "task" (the report's scale). */
  readonly scale?: NormalizationKind;
  /** Default "train" on the `task` scale, "observed" on the `cpp` scale (as Table 1). */
  readonly scaleFrom?: "train" | "observed";
  /** Task axis on the task scale: how the target task is scaled. Default "unit" (module docs). */
  readonly targetTaskScale?: "unit" | "train";
  /** Names of the entities (of `axis`) to run; default every one that qualifies. */
  readonly targets?: readonly string[];
  /**
   * Names on the other axis (tasks for axis "model", models for axis "task"): only their cells
   * are scored, and they are never revealed. Default: every hidden cell is scored.
   */
  readonly scoreOn?: readonly string[];
  /** Also return every scored cell's prediction. Default false. */
  readonly predictions?: boolean;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/**
 * The errors of one set of cells: normalized MSE and L1, mean absolute error in points
 * (metrics/points.ts: a fraction task's units x 100).
 */
export interface ErrorSummary {
  readonly mse: number;
  readonly l1: number;
  readonly maePoints: number;
}

/** One target entity's errors, pooled over its scored cells of every seed. */
export interface GeneralizationTargetRow extends ErrorSummary {
  readonly target: string;
  /** Scored cells per seed. */
  readonly cells: number;
  /** The paper's MSE for this task and k (task axis, the four tasks of PAPER_NEW_TASK). */
  readonly paperMse?: number;
}

/** One (axis, k, method): overall errors (mean over targets) or why there are none. */
export interface GeneralizationRow {
  readonly axis: GeneralizationAxis;
  readonly known: number;
  readonly method: MethodId;
  readonly label: string;
  readonly status: GeneralizationStatus;
  readonly reason?: string;
  /** Mean over targets of the per-target values; null when the method did not run. */
  readonly mse: number | null;
  readonly l1: number | null;
  readonly maePoints: number | null;
  /** Cell-weighted means over every scored cell of every seed; null when the method did not run. */
  readonly pooled: ErrorSummary | null;
  /** Number of targets and of scored cells per seed (0 when the method did not run). */
  readonly targets: number;
  readonly cells: number;
  /** The overall (mean over targets) of each seed. */
  readonly perSeed: readonly ({ readonly seed: number } & ErrorSummary)[];
  readonly perTarget: readonly GeneralizationTargetRow[];
  readonly backend: string | null;
  /** Wall time of the method's single batch (all targets and seeds), seconds. */
  readonly fitSeconds: number | null;
}

/** One scored cell of one seed (with `predictions: true`). */
export interface GeneralizationPrediction {
  readonly method: MethodId;
  readonly seed: number;
  readonly target: string;
  readonly model: string;
  readonly task: string;
  /** Original units. */
  readonly gold: number;
  readonly predicted: number;
  /** The job's normalized scale. */
  readonly goldNormalized: number;
  readonly predictedNormalized: number;
}

/** What {@linkcode runGeneralization} returns. */
export interface GeneralizationResult {
  readonly dataset: string;
  readonly axis: GeneralizationAxis;
  readonly known: number;
  readonly split: "new-model" | "new-task";
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
  /** Task axis, task scale: how the target task was scaled; null otherwise. */
  readonly targetTaskScale: "unit" | "train" | null;
  readonly seeds: number;
  /** How the overall values aggregate: always "mean over targets" (see `pooled` for cells). */
  readonly aggregate: "mean over targets";
  readonly targets: readonly string[];
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
  readonly scoreOn: readonly string[] | null;
  readonly rows: readonly GeneralizationRow[];
  /**
   * Per method that ran: BenchPress's metrics pooled over every scored cell of every seed
   * (metrics/points.ts), on the predictions clipped to each bounded task's range.
   */
  readonly points: readonly ({ readonly method: MethodId } & PointMetrics)[];
  /** Task axis: the paper's MSE at this k (its `cpp` scale and its own split; for reference). */
  readonly paper: readonly { readonly task: string; readonly mse: number }[];
  readonly predictions?: readonly GeneralizationPrediction[];
}

function checkCommon(
  data: Dataset,
  options: { methods?: readonly Method[]; seeds?: number; axis: GeneralizationAxis },
  name: string,
): void {
  if (options.axis !== "model" && options.axis !== "task") {
    throw new RangeError(`Cannot run ${name}: axis is '${options.axis}' (expected model or task)`);
  }
  checkSeeds(options.seeds ?? 5, name);
  if (options.methods) checkMethods(options.methods, name);
  if (data.scores.dense.nModels * data.scores.dense.nTasks === 0) {
    throw new RangeError(`Cannot run ${name}: ${data.id} has no score`);
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Runs one generalization setting: CPP-k (axis "model") or CPP-T-k (axis "task"), every method
 * fitting all (target, seed) jobs in one batch.
 *
 * @example
 * ```ts
 * const data = await loadDataset("cpp-crowdsource");
 * const r = await runGeneralization(data, { axis: "task", known: 2, methods: baselineMethods() });
 * r.rows.map((row) => [row.method, row.status, row.mse]);
 * ```
 */
export async function runGeneralization(
  data: Dataset,
  options: GeneralizationOptions,
): Promise<GeneralizationResult> {
  const name = "generalization";
  checkCommon(data, options, name);
  const { axis, known } = options;
  if (!Number.isInteger(known) || known < 0) {
    throw new RangeError(`Cannot run ${name}: known is ${known} (expected an integer >= 0)`);
  }
  const methods = options.methods ?? baselineMethods();
  const seeds = options.seeds ?? 5;
  const scale = options.scale ?? "task";
  if (scale !== "task" && scale !== "cpp") {
    throw new RangeError(`Cannot run ${name}: scale is '${scale}' (expected task or cpp)`);
  }
  const scaleFrom = options.scaleFrom ?? (scale === "cpp" ? "observed" : "train");
  if (scaleFrom !== "train" && scaleFrom !== "observed") {
    throw new RangeError(`Cannot run ${name}: scaleFrom is '${scaleFrom}'`);
  }
  const targetTaskScale = options.targetTaskScale ?? "unit";
  if (targetTaskScale !== "unit" && targetTaskScale !== "train") {
    throw new RangeError(`Cannot run ${name}: targetTaskScale is '${targetTaskScale}'`);
  }
  const { dense } = data.scores;
  const { nTasks } = dense;
  const names = entityNames(dense, axis);
  // Every (target, seed): its revealed, hidden and scored cells and its normalization.
  const { plans, targets, skipped } = newEntityPlans(data, {
    axis,
    known,
    seeds,
    scale,
    scaleFrom,
    targetTaskScale,
    targets: options.targets,
    scoreOn: options.scoreOn,
  });

  const paper = axis === "task"
    ? PAPER_NEW_TASK.filter((p) => p.k === known).map((p) => ({ task: p.task, mse: p.mse }))
    : [];
  const paperMse = new Map<string, number>(paper.map((p) => [p.task, p.mse]));
  const rows: GeneralizationRow[] = [];
  const predictionRows: GeneralizationPrediction[] = [];
  const points: ({ method: MethodId } & PointMetrics)[] = [];
  let done = 0;
  const total = methods.length;
  for (const method of methods) {
    const reason = coldStartReason(method, known, axis, data);
    if (reason !== null || plans.length === 0) {
      rows.push({
        axis,
        known,
        method: method.id,
        label: method.label,
        status: reason !== null ? "cold-start unsupported" : "no target",
        reason: reason ?? "no target qualifies (see skipped)",
        mse: null,
        l1: null,
        maePoints: null,
        pooled: null,
        targets: 0,
        cells: 0,
        perSeed: [],
        perTarget: [],
        backend: null,
        fitSeconds: null,
      });
      done++;
      continue;
    }
    const fit = await fitPlanned(data, method, plans, {
      backend: options.backend,
      onProgress: methodProgress(options.onProgress, {
        done,
        span: 1,
        total,
        label: `${method.id} k=${known}`,
      }),
    });
    // Per target and per (target, seed): sums of squared, absolute and point errors.
    const pooledCells = pointCells();
    const byTarget = new Map<number, { n: number; sq: number; abs: number; pts: number }>();
    const bySeed = new Map<string, { n: number; sq: number; abs: number; pts: number }>();
    plans.forEach((plan, index) => {
      const predicted = fit.predictions[index];
      const t = byTarget.get(plan.target) ?? { n: 0, sq: 0, abs: 0, pts: 0 };
      const s = { n: 0, sq: 0, abs: 0, pts: 0 };
      for (const k of plan.scored) {
        const p = predicted[k];
        if (!Number.isFinite(p)) {
          throw new RangeError(
            `Cannot score ${method.id}: its prediction for cell ${k} of job ${index} is ${p}`,
          );
        }
        const [i, j] = [Math.floor(k / nTasks), k % nTasks];
        const g = plan.norm.values[k];
        const points = denormalize(plan.norm, i, j, p);
        const err = Math.abs(points - dense.values[k]) * pointsPerUnit(data.scores.scale[j]);
        addPointCell(pooledCells, dense.values[k], points, data.scores.scale[j]);
        for (const acc of [t, s]) {
          acc.n++;
          acc.sq += (p - g) ** 2;
          acc.abs += Math.abs(p - g);
          acc.pts += err;
        }
        if (options.predictions) {
          predictionRows.push({
            method: method.id,
            seed: plan.seed,
            target: names[plan.target],
            model: dense.models[i],
            task: dense.tasks[j],
            gold: Number(dense.values[k].toPrecision(7)),
            predicted: points,
            goldNormalized: g,
            predictedNormalized: p,
          });
        }
      }
      byTarget.set(plan.target, t);
      bySeed.set(`${plan.target}/${plan.seed}`, s);
    });
    const perTarget: GeneralizationTargetRow[] = [...byTarget.entries()].map(([e, t]) => {
      const paperValue = paperMse.get(names[e]);
      return {
        target: names[e],
        cells: t.n / seeds,
        mse: t.sq / t.n,
        l1: t.abs / t.n,
        maePoints: t.pts / t.n,
        ...(paperValue !== undefined ? { paperMse: paperValue } : {}),
      };
    });
    const perSeed = Array.from({ length: seeds }, (_, seed) => {
      const list = [...byTarget.keys()].map((e) => bySeed.get(`${e}/${seed}`)!);
      return {
        seed,
        mse: mean(list.map((s) => s.sq / s.n)),
        l1: mean(list.map((s) => s.abs / s.n)),
        maePoints: mean(list.map((s) => s.pts / s.n)),
      };
    });
    let [n, sq, abs, pts] = [0, 0, 0, 0];
    for (const t of byTarget.values()) {
      [n, sq, abs, pts] = [n + t.n, sq + t.sq, abs + t.abs, pts + t.pts];
    }
    rows.push({
      axis,
      known,
      method: method.id,
      label: method.label,
      status: "ok",
      mse: mean(perTarget.map((t) => t.mse)),
      l1: mean(perTarget.map((t) => t.l1)),
      maePoints: mean(perTarget.map((t) => t.maePoints)),
      pooled: { mse: sq / n, l1: abs / n, maePoints: pts / n },
      targets: perTarget.length,
      cells: n / seeds,
      perSeed,
      perTarget,
      backend: fit.backend,
      fitSeconds: fit.seconds,
    });
    points.push({
      method: method.id,
      ...pointMetrics(pooledCells.gold, pooledCells.predicted, pooledCells.unit),
    });
    done++;
    options.onProgress?.({ done, total, label: `${method.id} k=${known} done` });
  }
  return {
    dataset: data.id,
    axis,
    known,
    split: axis === "model" ? "new-model" : "new-task",
    scale,
    scaleFrom,
    targetTaskScale: axis === "task" && scale === "task" && scaleFrom === "train"
      ? targetTaskScale
      : null,
    seeds,
    aggregate: "mean over targets",
    targets,
    skipped,
    scoreOn: options.scoreOn ? [...options.scoreOn] : null,
    rows,
    points,
    paper,
    ...(options.predictions ? { predictions: predictionRows } : {}),
  };
}

/** Options of {@linkcode generalizationCurve}: those of one setting, with a list of k. */
export interface GeneralizationCurveOptions extends Omit<GeneralizationOptions, "known"> {
  /** Default [0, 1, 2, 3, 4, 5]. */
  readonly ks?: readonly number[];
  /**
   * Default true: every k runs on the same targets, those that qualify at the largest k, so the
   * curve compares like with like. False: each k runs on every target that qualifies at that k.
   */
  readonly sameTargets?: boolean;
}

/** What {@linkcode generalizationCurve} returns: every k's rows, in order of k then method. */
export interface GeneralizationCurve {
  readonly dataset: string;
  readonly axis: GeneralizationAxis;
  readonly ks: readonly number[];
  readonly sameTargets: boolean;
  /** With `sameTargets`: the targets of every k; otherwise those of the largest k. */
  readonly targets: readonly string[];
  /** Entities left out at some k, with the reason (the first k that left them out). */
  readonly skipped: readonly { readonly target: string; readonly known: number; reason: string }[];
  readonly rows: readonly GeneralizationRow[];
  readonly results: readonly GeneralizationResult[];
}

/**
 * CPP-k (or CPP-T-k) for several k: one {@linkcode runGeneralization} per k.
 *
 * @example
 * ```ts
 * const curve = await generalizationCurve(data, { axis: "model", ks: [0, 1, 2, 3, 4, 5] });
 * curve.rows.filter((r) => r.status === "ok").map((r) => [r.known, r.method, r.mse]);
 * ```
 */
export async function generalizationCurve(
  data: Dataset,
  options: GeneralizationCurveOptions,
): Promise<GeneralizationCurve> {
  const ks = options.ks ?? [0, 1, 2, 3, 4, 5];
  if (ks.length === 0) throw new RangeError("Cannot run a generalization curve: no k given");
  const sameTargets = options.sameTargets ?? true;
  const maxK = Math.max(...ks);
  let targets = options.targets;
  const skipped: { target: string; known: number; reason: string }[] = [];
  if (sameTargets) {
    const at = eligibleTargets(data, { ...options, known: maxK });
    targets = at.targets;
    for (const s of at.skipped) skipped.push({ ...s, known: maxK });
  }
  const results: GeneralizationResult[] = [];
  for (const known of ks) {
    const result = await runGeneralization(data, { ...options, known, targets });
    for (const s of result.skipped) {
      if (!skipped.some((x) => x.target === s.target)) skipped.push({ ...s, known });
    }
    results.push(result);
  }
  return {
    dataset: data.id,
    axis: options.axis,
    ks: [...ks],
    sameTargets,
    targets: results[results.length - 1].targets,
    skipped,
    rows: results.flatMap((r) => r.rows),
    results,
  };
}
