/**
 * Table 1 of the paper: every method on `random` splits of the observed cells, over seeds
 * 0..seeds-1 (PROTOCOL.md, "Splits" and "Metrics").
 *
 * Per seed: the observed cells are split and the scale is built (`task`: each task's min and max
 * over the training cells; `cpp`: each model's range over all its observed scores, as PROTOCOL.md
 * and the reference code define it; see `scaleFrom`). Each seed is one job carrying its own
 * normalized matrix with its held-out cells set to NaN, so a method cannot read a test value even
 * by mistake, and all seeds of a method train as ONE batch (one fit call). Held-out cells are
 * scored against gold normalized with that seed's normalization.
 *
 * Caveat of a training-only scale (`scaleFrom: "train"`, visible in `perSeed`): a held-out cell
 * above its model's (cpp) or task's (task) training maximum normalizes above 1, and a model or task
 * with no training cell left gets range 1 and offset 0. Under `cpp` on cpp-crowdsource one model
 * has a single score, and seeds that hold it out would dominate the mean MSE: hence the cpp
 * scale's default of `scaleFrom: "observed"`.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import { denormalize, type NormalizationKind } from "../../data/normalize.ts";
import type { BackendChoice, Method, MethodId } from "../../models/types.ts";
import { baselineMethods } from "../baselines/closed_form.ts";
import { checkMethods, checkSeeds, fitPlanned, methodProgress } from "../experiment.ts";
import { type HeldOutMetrics, scoreHeldOut } from "../metrics/held_out.ts";
import { type MeanStd, meanStd } from "../metrics/mean_std.ts";
import { addPointCell, pointCells, type PointMetrics, pointMetrics } from "../metrics/points.ts";
import { randomPlans } from "../splits/random.ts";

/** The metrics of a Table 1 row, in output order. */
export const TABLE1_METRICS = [
  "mse",
  "l1",
  "rankAccuracy",
  "mae2",
  "pairwiseOrder",
  "maePoints",
  "medianAePoints",
] as const;

export type Table1Metric = (typeof TABLE1_METRICS)[number];

/** Options of {@linkcode runTable1}. */
export interface Table1Options {
  /** Default: the three baselines (`baselineMethods()`). */
  readonly methods?: readonly Method[];
  /** Number of seeds; seeds 0..seeds-1 are run. Default 20. */
  readonly seeds?: number;
  /** Fraction of the observed cells held out per seed. Default 0.05. */
  readonly holdout?: number;
  /** Default "cpp": Table 1 is there to compare with the paper, which uses the CPP scaling. */
  readonly scale?: NormalizationKind;
  /**
   * Which cells set the per-seed scale: "train" (held-out gold never enters the scaling; the
   * default of the `task` scale, as PROTOCOL.md says) or "observed" (every observed cell,
   * held-out ones included; the default of the `cpp` scale: PROTOCOL.md defines that scaling by
   * each model's observed scores, as the reference code computes it, and with training cells only
   * a model whose extreme score is held out gets gold values far outside [0, 1]). Only the
   * scaling constants see held-out gold; training never sees a held-out value.
   */
  readonly scaleFrom?: "train" | "observed";
  /** Passed to every fit. */
  readonly backend?: BackendChoice;
  /** Also return every held-out cell's gold and prediction (normalized scale). Default false. */
  readonly predictions?: boolean;
  /** Progress of the fits (per method, and the engine's own); library code never prints. */
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** One method's row: each metric's mean and std over the seeds. */
export type Table1MethodRow =
  & {
    readonly method: MethodId;
    readonly label: string;
    /** The backend(s) the fits reported, joined with "," if they differ between seeds. */
    readonly backend: string;
    readonly fitSeconds: MeanStd;
    /**
     * BenchPress's metrics pooled over the held-out cells of every seed (metrics/points.ts),
     * on the predictions clipped to each bounded task's range.
     */
    readonly points: PointMetrics;
  }
  & { readonly [K in Table1Metric]: MeanStd };

/** One (method, seed): the metrics of that split, the held-out count and the fit time. */
export type Table1SeedRow =
  & {
    readonly method: MethodId;
    readonly seed: number;
    readonly n: number;
    readonly fitSeconds: number;
  }
  & { readonly [K in Table1Metric]: number };

/** A held-out cell of one seed, normalized scale (that seed's normalization). */
export interface Table1PredictionRow {
  readonly seed: number;
  readonly method: MethodId;
  readonly model: string;
  readonly task: string;
  readonly gold: number;
  readonly predicted: number;
}

/** What {@linkcode runTable1} returns: tidy rows plus the configuration that produced them. */
export interface Table1Result {
  readonly dataset: string;
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
  readonly split: "random";
  readonly holdout: number;
  /** Number of seeds; the seeds are 0..seeds-1. */
  readonly seeds: number;
  readonly nObserved: number;
  /** Held-out cells per seed. */
  readonly nTest: number;
  readonly methods: readonly Table1MethodRow[];
  /** Ordered by method (as given), then seed. */
  readonly perSeed: readonly Table1SeedRow[];
  readonly predictions?: readonly Table1PredictionRow[];
  /** Per method: how its batch was fitted (configuration, epochs per seed, seed 0's curve). */
  readonly fits: readonly Table1Fit[];
}

/** How one method's batch of seeds was trained. */
export interface Table1Fit {
  readonly method: MethodId;
  readonly backend: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** Wall time of the whole batch (all seeds), seconds. */
  readonly seconds: number;
  readonly epochs: readonly number[];
  /** Seed 0's training curve (empty for closed-form methods). */
  readonly curve: readonly { epoch: number; train: number; valid: number }[];
}

/** The JSON the CLI prints for `--json` (rank metrics as fractions 0-1). */
export interface Table1Json {
  readonly dataset: string;
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
  readonly split: "random";
  readonly holdout: number;
  readonly seeds: number;
  readonly methods: readonly ({
    readonly method: MethodId;
    readonly backend: string;
    readonly mse: MeanStd;
    readonly l1: MeanStd;
    readonly rankAccuracy: MeanStd;
    readonly mae2: MeanStd;
    readonly pairwiseOrder: MeanStd;
    readonly maePoints: MeanStd;
    readonly fitSeconds: MeanStd;
  })[];
}

/**
 * Runs Table 1: every method on seeds 0..seeds-1 of the `random` split.
 *
 * @example
 * ```ts
 * const data = await loadDataset("cpp-crowdsource");
 * const result = await runTable1(data, { methods: baselineMethods(), seeds: 20, scale: "cpp" });
 * result.methods.map((r) => [r.method, r.mse.mean]);
 * ```
 */
export async function runTable1(data: Dataset, options: Table1Options = {}): Promise<Table1Result> {
  const methods = options.methods ?? baselineMethods();
  const seeds = options.seeds ?? 20;
  const holdout = options.holdout ?? 0.05;
  const scale = options.scale ?? "cpp";
  // The CPP reference scaling takes each model's range over all its observed scores (as the
  // reference code and PROTOCOL.md do); the task scale uses the training cells only.
  const scaleFrom = options.scaleFrom ?? (scale === "cpp" ? "observed" : "train");
  if (scaleFrom !== "train" && scaleFrom !== "observed") {
    throw new RangeError(
      `Cannot run Table 1: scaleFrom is '${scaleFrom}' (expected train or observed)`,
    );
  }
  checkSeeds(seeds, "Table 1");
  checkMethods(methods, "Table 1");

  const { dense } = data.scores;
  const { nTasks } = dense;
  const rows: Table1SeedRow[][] = methods.map(() => []);
  const pooled = methods.map(() => pointCells());
  const backends = methods.map(() => new Set<string>());
  const predictionRows: Table1PredictionRow[] = [];
  const fits: Table1Fit[] = [];
  let done = 0;

  // Every seed's split and normalization first: the jobs of all seeds then train as one batch
  // per method, each job carrying its own normalized matrix with its held-out cells hidden.
  const seedRuns = randomPlans(data, { seeds, holdout, scale, scaleFrom });
  const nTest = seedRuns[0].split.test.length;
  const jobs = seedRuns.map((r) => ({ seed: r.seed, train: r.split.train, norm: r.norm }));

  for (const [m, method] of methods.entries()) {
    const total = seeds * methods.length;
    const fit = await fitPlanned(data, method, jobs, {
      backend: options.backend,
      onProgress: methodProgress(options.onProgress, {
        done,
        span: seeds,
        total,
        label: method.id,
      }),
    });
    backends[m].add(fit.backend);
    fits.push({
      method: method.id,
      backend: fit.backend,
      config: fit.config,
      seconds: fit.seconds,
      epochs: fit.epochs,
      curve: fit.curves[0] ?? [],
    });
    for (const { seed, split, norm } of seedRuns) {
      const predicted = fit.predictions[seed];
      const metrics: HeldOutMetrics = scoreHeldOut({
        gold: norm.values,
        observed: dense.observed,
        test: split.test,
        predicted,
        normalization: norm,
        original: dense.values,
        taskScales: data.scores.scale,
      });
      for (const k of split.test) {
        const [i, j] = [Math.floor(k / nTasks), k % nTasks];
        const value = denormalize(norm, i, j, predicted[k]);
        addPointCell(pooled[m], dense.values[k], value, data.scores.scale[j]);
      }
      const { n, ...values } = metrics;
      // A batch trains all seeds at once: each model's share of the batch's wall time.
      rows[m].push({ method: method.id, seed, n, ...values, fitSeconds: fit.seconds / seeds });
      if (options.predictions) {
        for (const k of split.test) {
          predictionRows.push({
            seed,
            method: method.id,
            model: dense.models[Math.floor(k / nTasks)],
            task: dense.tasks[k % nTasks],
            gold: norm.values[k],
            predicted: predicted[k],
          });
        }
      }
    }
    done += seeds;
    options.onProgress?.({ done, total, label: `${method.id} done` });
  }

  const methodRows = methods.map((method, m): Table1MethodRow => {
    const of = (key: Table1Metric | "fitSeconds") => meanStd(rows[m].map((r) => r[key]));
    const metrics = Object.fromEntries(TABLE1_METRICS.map((key) => [key, of(key)])) as {
      [K in Table1Metric]: MeanStd;
    };
    return {
      method: method.id,
      label: method.label,
      backend: [...backends[m]].join(","),
      ...metrics,
      fitSeconds: of("fitSeconds"),
      points: pointMetrics(pooled[m].gold, pooled[m].predicted, pooled[m].unit),
    };
  });
  let nObserved = 0;
  for (const o of dense.observed) nObserved += o;
  return {
    dataset: data.id,
    scale,
    scaleFrom,
    split: "random",
    holdout,
    seeds,
    nObserved,
    nTest,
    methods: methodRows,
    perSeed: rows.flat(),
    fits,
    ...(options.predictions ? { predictions: predictionRows } : {}),
  };
}

/**
 * The CLI's `--json` shape of a Table 1 result: configuration and, per method, mean and std of
 * each metric (rank metrics as fractions 0-1).
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(table1Json(await runTable1(data))));
 * ```
 */
export function table1Json(result: Table1Result): Table1Json {
  return {
    dataset: result.dataset,
    scale: result.scale,
    scaleFrom: result.scaleFrom,
    split: result.split,
    holdout: result.holdout,
    seeds: result.seeds,
    methods: result.methods.map((r) => ({
      method: r.method,
      backend: r.backend,
      mse: r.mse,
      l1: r.l1,
      rankAccuracy: r.rankAccuracy,
      mae2: r.mae2,
      pairwiseOrder: r.pairwiseOrder,
      maePoints: r.maePoints,
      fitSeconds: r.fitSeconds,
    })),
  };
}
