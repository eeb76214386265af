/**
 * The emergent split (PROTOCOL.md, "Splits"): predict the large models' scores on complex
 * reasoning tasks from the small models and from the large models' other scores, against the
 * scaling-law baseline of scaling_law.ts.
 *
 * Exact definitions:
 * - Small / large: model factor 'Parameter Size(M)' at most / above `threshold` (M parameters,
 *   default 13000). Models without a parameter count are in neither group and are left out of
 *   everything: none of their cells trains, none is scored (they are listed in `leftOut`).
 * - Targets (default): the tasks whose name contains GSM8K, BIG-bench hard, BBH, HumanEval, MBPP
 *   or MATH as a word ({@linkcode EMERGENT_TASK_PATTERN}).
 * - Collaborative methods: one job per seed, all seeds in one fit call per method. Training cells:
 *   every observed cell of the small models and the large models' observed non-target cells.
 *   Scored: the large models' observed target cells. Task scale (per task min and max over the
 *   training cells, so a target task is scaled by its small models only; a task whose training
 *   cells span no range takes its unit range, see splits/job_scale.ts). A large model with no training
 *   cell at all is a cold start: methods with `coldStart === false` make no prediction for it.
 * - Per (large model, target task, approach): `predicted` = mean over seeds of the prediction in
 *   the task's units (the scaling laws are deterministic: one value); `absError` = mean over seeds
 *   of |prediction - actual| (the expected error of one run, not the error of the mean);
 *   `predictedSd` = sample standard deviation over seeds (0 with one seed).
 * - MAE per task and approach, in points, on two scopes: "common" = the large models with a score
 *   on the task that EVERY compared approach (each collaborative method that ran, log-linear,
 *   sigmoid) predicts; "own" = every large model with a score that the approach predicts. The row
 *   with `task` null pools the cells of every target task (within each task's scope).
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { denormalize } from "../../data/normalize.ts";
import type { BackendChoice, Method, MethodId } from "../../models/types.ts";
import { baselineMethods } from "../baselines/closed_form.ts";
import { checkMethods, checkSeeds, fitPlanned, methodProgress } from "../experiment.ts";
import { emergentSplit } from "../splits/emergent.ts";
import {
  type ComputeRule,
  type LmOptions,
  type ScaleFactorNames,
  type ScalingLawBaseline,
  scalingLawBaseline,
  type ScalingLawCurvePoint,
  type ScalingLawFitRow,
} from "./scaling_law.ts";

/** Task names that count as emergent targets by default. */
export const EMERGENT_TASK_PATTERN =
  /(^|[^a-z0-9])(gsm8k|big-bench hard|bbh|humaneval|mbpp|math)([^a-z0-9]|$)/i;

/**
 * The default target tasks of a dataset: names matching {@linkcode EMERGENT_TASK_PATTERN}.
 *
 * @example
 * ```ts
 * emergentTargets(["MMLU(5-shot)", "GSM8K(4-shot)", "MATH(4-shot)"]); // ["GSM8K(4-shot)", "MATH(4-shot)"]
 * ```
 */
export function emergentTargets(tasks: readonly string[]): string[] {
  return tasks.filter((t) => EMERGENT_TASK_PATTERN.test(t));
}

/** Options of {@linkcode runEmergent}. */
export interface EmergentOptions {
  /** M parameters; small = at most this. Default 13000. */
  readonly threshold?: number;
  /** Target task names. Default {@linkcode emergentTargets} of the dataset's tasks. */
  readonly targets?: readonly string[];
  /** Default: the three baselines. */
  readonly methods?: readonly Method[];
  /** Seeds 0..seeds-1. Default 5. */
  readonly seeds?: number;
  /** Compute rule of the sigmoid law. Default "6ND". */
  readonly compute?: ComputeRule;
  /** Points per drawn curve. Default 50. */
  readonly curvePoints?: number;
  readonly factors?: Partial<ScaleFactorNames>;
  readonly lm?: LmOptions;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** The approach ids of the scaling-law baseline beside the method ids. */
export type EmergentApproach = MethodId | "scaling-law-linear" | "scaling-law-sigmoid";

/** One large model's prediction by one approach on one target task. */
export interface EmergentPrediction {
  readonly task: string;
  readonly model: string;
  readonly family: string | null;
  /** M parameters. */
  readonly paramsM: number;
  readonly actual: number;
  readonly approach: EmergentApproach;
  readonly kind: "collaborative" | "scaling law";
  readonly predicted: number;
  readonly predictedSd: number;
  readonly absError: number;
}

/** Mean absolute error (points) of one approach on one task (or all, `task` null) and scope. */
export interface EmergentMae {
  readonly task: string | null;
  readonly approach: EmergentApproach;
  readonly scope: "common" | "own";
  /** Scored cells (large models). */
  readonly n: number;
  /** NaN (null in JSON) when n is 0. */
  readonly mae: number;
}

/** How many of a task's large models with a score each approach predicts. */
export interface EmergentCoverage {
  readonly task: string;
  readonly largeWithScore: number;
  readonly approach: EmergentApproach;
  readonly predicted: number;
  /** Large models with a score predicted by every approach. */
  readonly common: number;
}

/** What {@linkcode runEmergent} returns. */
/** A family member's actual score on a target task, for drawing the family fits. */
export interface EmergentPoint {
  readonly task: string;
  readonly family: string;
  readonly model: string;
  readonly group: "small" | "large";
  readonly log10Params: number;
  readonly log10Compute: number | null;
  readonly actual: number;
}

export interface EmergentResult {
  readonly dataset: string;
  readonly threshold: number;
  readonly thresholdUnit: string;
  readonly targets: readonly string[];
  readonly seeds: number;
  readonly scale: "task";
  readonly small: readonly string[];
  readonly large: readonly string[];
  readonly leftOut: readonly { readonly model: string; readonly reason: string }[];
  readonly methods: readonly {
    readonly method: MethodId;
    readonly label: string;
    readonly backend: string;
    readonly fitSeconds: number;
  }[];
  readonly approaches: readonly EmergentApproach[];
  readonly predictions: readonly EmergentPrediction[];
  readonly mae: readonly EmergentMae[];
  readonly coverage: readonly EmergentCoverage[];
  /** Per (task, family, law): fitted or why not. */
  readonly fits: readonly ScalingLawFitRow[];
  readonly curves: readonly ScalingLawCurvePoint[];
  readonly compute: ComputeRule;
  /** Every member of a fitted family with a score on a target: its place on both axes. */
  readonly points: readonly EmergentPoint[];
}

function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: 0 };
  return { mean, sd: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) };
}

/**
 * Runs the emergent split: the collaborative methods and the scaling-law baseline, per target
 * task, on the large models.
 *
 * @example
 * ```ts
 * const result = await runEmergent(await loadDataset("cpp-crowdsource"), { seeds: 5 });
 * result.mae.filter((r) => r.scope === "common");
 * ```
 */
export async function runEmergent(
  data: Dataset,
  options: EmergentOptions = {},
): Promise<EmergentResult> {
  const methods = options.methods ?? baselineMethods();
  const seeds = options.seeds ?? 5;
  checkSeeds(seeds, "emergent");
  checkMethods(methods, "emergent", { allowEmpty: true });
  const ids = methods.map((m) => m.id);
  const { dense } = data.scores;
  const { nTasks } = dense;
  const targets = options.targets ?? emergentTargets(dense.tasks);
  if (targets.length === 0) {
    throw new RangeError(`Cannot run emergent: ${data.id} has no target task`);
  }
  const law: ScalingLawBaseline = scalingLawBaseline(data, {
    threshold: options.threshold,
    targets,
    compute: options.compute,
    curvePoints: options.curvePoints,
    factors: options.factors,
    lm: options.lm,
  });
  // Training: small models' cells, large models' non-target cells. Scored: large x target.
  const { train, scored, trainCount, norm } = emergentSplit(data, {
    small: law.small,
    large: law.large,
    targets,
  });
  const jobs = Array.from({ length: seeds }, (_, seed) => ({ seed, train, norm }));

  const scaleOf = new Map(law.scales.map((s) => [s.model, s]));
  const predictions: EmergentPrediction[] = [];
  const base = (k: number) => {
    const [i, j] = [Math.floor(k / nTasks), k % nTasks];
    const s = scaleOf.get(dense.models[i])!;
    return {
      task: dense.tasks[j],
      model: dense.models[i],
      family: s.family,
      paramsM: s.params! / 1e6,
      // float32 storage back to the digits of the file (data layer: 7 significant digits)
      actual: Number(dense.values[k].toPrecision(7)),
    };
  };
  const methodRows: EmergentResult["methods"][number][] = [];
  let done = 0;
  for (const method of methods) {
    const fit = await fitPlanned(data, method, jobs, {
      backend: options.backend,
      onProgress: methodProgress(options.onProgress, {
        done,
        span: 1,
        total: methods.length,
        label: method.id,
      }),
    });
    methodRows.push({
      method: method.id,
      label: method.label,
      backend: fit.backend,
      fitSeconds: fit.seconds,
    });
    for (const k of scored) {
      const [i, j] = [Math.floor(k / nTasks), k % nTasks];
      if (trainCount[i] === 0 && !method.coldStart) continue;
      const points = fit.predictions.map((p, seed) => {
        if (!Number.isFinite(p[k])) {
          throw new RangeError(
            `Cannot score ${method.id}: its prediction for cell ${k} of seed ${seed} is ${p[k]}`,
          );
        }
        return denormalize(norm, i, j, p[k]);
      });
      const { mean, sd } = meanSd(points);
      const actual = Number(dense.values[k].toPrecision(7));
      predictions.push({
        ...base(k),
        approach: method.id,
        kind: "collaborative",
        predicted: mean,
        predictedSd: sd,
        absError: points.reduce((a, v) => a + Math.abs(v - actual), 0) / points.length,
      });
    }
    done++;
    options.onProgress?.({ done, total: methods.length, label: `${method.id} done` });
  }
  const scoredSet = new Set(scored);
  for (const p of law.predictions) {
    const k = dense.modelIndex.get(p.model)! * nTasks + dense.taskIndex.get(p.task)!;
    if (!scoredSet.has(k)) continue;
    const b = base(k);
    predictions.push({
      ...b,
      approach: p.law === "log-linear" ? "scaling-law-linear" : "scaling-law-sigmoid",
      kind: "scaling law",
      predicted: p.predicted,
      predictedSd: 0,
      absError: Math.abs(p.predicted - b.actual),
    });
  }

  const approaches: EmergentApproach[] = [...ids, "scaling-law-linear", "scaling-law-sigmoid"];
  const mae: EmergentMae[] = [];
  const coverage: EmergentCoverage[] = [];
  const pooled = new Map<string, { n: number; sum: number }>();
  for (const task of targets) {
    const j = dense.taskIndex.get(task)!;
    const withScore = scored.filter((k) => k % nTasks === j).map((k) =>
      dense.models[k / nTasks | 0]
    );
    const of = (a: EmergentApproach) =>
      new Map(
        predictions.filter((p) => p.task === task && p.approach === a).map((p) => [p.model, p]),
      );
    const byApproach = new Map(approaches.map((a) => [a, of(a)]));
    const common = withScore.filter((m) => approaches.every((a) => byApproach.get(a)!.has(m)));
    for (const a of approaches) {
      const mine = byApproach.get(a)!;
      coverage.push({
        task,
        largeWithScore: withScore.length,
        approach: a,
        predicted: mine.size,
        common: common.length,
      });
      for (const scope of ["common", "own"] as const) {
        const list = scope === "common" ? common.map((m) => mine.get(m)!) : [...mine.values()];
        const sum = list.reduce((s, p) => s + p.absError, 0);
        mae.push({ task, approach: a, scope, n: list.length, mae: sum / list.length });
        const key = `${a}/${scope}`;
        const acc = pooled.get(key) ?? { n: 0, sum: 0 };
        pooled.set(key, { n: acc.n + list.length, sum: acc.sum + sum });
      }
    }
  }
  for (const a of approaches) {
    for (const scope of ["common", "own"] as const) {
      const acc = pooled.get(`${a}/${scope}`)!;
      mae.push({ task: null, approach: a, scope, n: acc.n, mae: acc.sum / acc.n });
    }
  }
  const fittedFamilies = new Set(
    law.fits.filter((f) => f.status === "fitted").map((f) => f.family),
  );
  const points: EmergentPoint[] = targets.flatMap((task) => {
    const j = dense.taskIndex.get(task)!;
    return law.scales
      .filter((s) => s.family !== null && s.params !== null && fittedFamilies.has(s.family))
      .flatMap((s) => {
        const k = dense.modelIndex.get(s.model)! * nTasks + j;
        if (!dense.observed[k]) return [];
        return [{
          task,
          family: s.family!,
          model: s.model,
          group: s.params! <= law.threshold * 1e6 ? "small" as const : "large" as const,
          log10Params: Math.log10(s.params!),
          log10Compute: s.compute === null ? null : Math.log10(s.compute),
          actual: Number(dense.values[k].toPrecision(7)),
        }];
      });
  });
  return {
    dataset: data.id,
    threshold: law.threshold,
    thresholdUnit:
      "M parameters (model factor 'Parameter Size(M)'); small = at most, large = above",
    targets: [...targets],
    seeds,
    scale: "task",
    small: law.small,
    large: law.large,
    leftOut: law.leftOut,
    methods: methodRows,
    approaches,
    predictions,
    mae,
    coverage,
    fits: law.fits,
    curves: law.curves,
    compute: law.compute,
    points,
  };
}
