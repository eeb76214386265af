/**
 * The evaluation layer: experiments, their splits and their metrics.
 *
 * Every experiment takes the same path: **plan → jobs → fit → score → aggregate**.
 *
 * 1. A **split** (`splits/`) plans which cells each job may learn from and how the job is scaled;
 *    every other cell of the job's matrix is hidden (NaN).
 * 2. `experiment.ts` turns the plan into one batch of jobs per method and fits it (`fitPlanned`: one
 *    `method.fit` call, progress mapped into the experiment's, the prediction matrices counted and
 *    sized); `checkMethods` and `checkSeeds` check the options the same way everywhere.
 * 3. **Metrics** (`metrics/`) score the held-out cells; the **experiment** (`experiments/`) aggregates
 *    them into its result.
 *
 * | folder         | module               | what                                                                             |
 * | -------------- | -------------------- | -------------------------------------------------------------------------------- |
 * | `splits/`      | `random.ts`          | `random`: a share of the observed cells per seed (Table 1, Shapley)              |
 * |                | `new_entity.ts`      | `new-model k`, `new-task k`: targets, revealed and hidden cells per seed         |
 * |                | `emergent.ts`        | `emergent`: small models and the large models' other tasks train                 |
 * |                | `per_model.ts`       | `per-model`: each model's cells cut into K folds per seed (BenchPress)           |
 * |                | `holdout_file.ts`    | a peer's folds from a file: CSV `fold,model,task` or BenchPress's JSON           |
 * |                | `new_release.ts`     | `new-release`: later models from K scores and the models released before         |
 * |                | `folds.ts`           | the calibration folds of conformal intervals (`gaps`, `new-model`)               |
 * |                | `job_scale.ts`       | a job's normalization from its own training cells, free of hidden gold           |
 * | `metrics/`     | `held_out.ts`        | MSE, L1, rank accuracy, MAE@2, pairwise order, errors in points                  |
 * |                | `points.ts`          | BenchPress's MedAE, MedAPE, within 3 / 5 points; what a point is                 |
 * |                | `mean_std.ts`        | mean and sample standard deviation over seeds                                    |
 * | `experiments/` | `table1.ts`          | Table 1: every method on `random` splits                                         |
 * |                | `generalization.ts`  | CPP-k and CPP-T-k, and the curve over k                                          |
 * |                | `emergent.ts`        | emergent tasks against `scaling_law.ts`                                          |
 * |                | `performance_law.ts` | MMLU from architecture factors beside CPP-0 / CPP-2                              |
 * |                | `shapley.ts`         | Shapley values of the design factors (`_shapley_game.ts`: the game, no training) |
 * |                | `holdout.ts`         | held-out folds scored in points, conformal intervals calibrated per fold         |
 * |                | `new_release.ts`     | new releases: the held-out path, aggregated per target                           |
 * |                | `probes.ts`          | probe sets: nested greedy selection, judged on held-out models                   |
 * | `intervals/`   | `intervals.ts`       | conformal 90% intervals: calibration, measured coverage, the filled matrix       |
 * |                | `fold_in.ts`         | intervals for a new model folded in from its factors and a few scores            |
 * |                | `fill_matrix.ts`     | the whole matrix filled by one method                                            |
 * |                | `cold_entities.ts`   | models and tasks without a score: no invented prediction, or a cold start        |
 * | `baselines/`   | `closed_form.ts`     | global mean, task mean, model + task biases                                      |
 * |                | `bias_als.ts`        | `bias-als`: BenchPress's Logit Bias ALS, the peer's method                       |
 *
 * `evaluation_json.ts` gives every split's result the one JSON shape of `cpp evaluate --json`.
 * The seeded random source is util/random.ts; this module is the surface the rest of the library, the
 * CLI, the loaders and the notebooks import. What each split and metric means is in PROTOCOL.md; the
 * choices it leaves open are in `docs/protocol-choices.md`.
 *
 * To add a split: write a function in `splits/` that returns, per seed or fold, the training cells and
 * the normalization (`jobNormalization` keeps the scale free of hidden gold), and run it through
 * `fitPlanned`; a split that only says which cells each fold holds out (and, when it is not every
 * other observed cell, which it trains on) returns `HeldOutFold`s, which `runHoldout` scores.
 *
 * @example
 * ```ts
 * import { baselineMethods, runTable1, table1Json } from "./src/lib/eval/mod.ts";
 * const result = await runTable1(data, { methods: baselineMethods(), scale: "cpp" });
 * console.log(JSON.stringify(table1Json(result)));
 * ```
 *
 * @module
 */
export {
  type Random,
  randomInt,
  sampleWithoutReplacement,
  seededRandom,
  shuffle,
} from "../util/random.ts";
export {
  cellMask,
  heldOutCount,
  type RandomPlan,
  randomPlans,
  randomSplit,
  type RandomSplitOptions,
  type Split,
} from "./splits/random.ts";
export {
  checkMethods,
  checkSeeds,
  fitPlanned,
  type FitPlannedOptions,
  type HeldOutFold,
  methodProgress,
  type PlannedJob,
  type Progress,
} from "./experiment.ts";
export {
  type HeldOutMetrics,
  type HeldOutRanking,
  type HeldOutRanks,
  heldOutRanks,
  type HeldOutValues,
  l1,
  mae2,
  maePoints,
  medianAePoints,
  mse,
  pairwiseOrder,
  rankAccuracy,
  scoreHeldOut,
  type ScoreHeldOutInput,
} from "./metrics/held_out.ts";
export {
  baselineMethods,
  biases,
  type BiasesOptions,
  globalMean,
  jobwiseMethod,
  taskMean,
} from "./baselines/closed_form.ts";
export { biasAls, type BiasAlsOptions } from "./baselines/bias_als.ts";
export {
  isBounded,
  medianOf,
  type PointMetrics,
  pointMetrics,
  pointsPerUnit,
  ZERO_GOLD,
} from "./metrics/points.ts";
export { perModelFolds } from "./splits/per_model.ts";
export { parseHoldoutFile, readBenchpressFolds, readHoldoutFile } from "./splits/holdout_file.ts";
export * from "./experiments/holdout.ts";
export {
  newReleaseFolds,
  type NewReleaseOptions,
  type NewReleasePlan,
  RELEASE_FACTOR,
  type ReleaseTarget,
} from "./splits/new_release.ts";
export * from "./experiments/new_release.ts";
export * from "./experiments/probes.ts";
export * from "./evaluation_json.ts";
export { type MeanStd, meanStd } from "./metrics/mean_std.ts";
export {
  runTable1,
  TABLE1_METRICS,
  type Table1Fit,
  type Table1Json,
  table1Json,
  type Table1MethodRow,
  type Table1Metric,
  type Table1Options,
  type Table1PredictionRow,
  type Table1Result,
  type Table1SeedRow,
} from "./experiments/table1.ts";
export * from "./intervals/fill_matrix.ts";
export * from "./intervals/cold_entities.ts";
export * from "./experiments/generalization.ts";
export * from "./experiments/emergent.ts";
export * from "./experiments/scaling_law.ts";
export * from "./experiments/performance_law.ts";
export {
  runShapley,
  SHAPLEY_DEFAULT_BUDGET,
  SHAPLEY_TRAINING,
  type ShapleyBudget,
  type ShapleyCoalitionRow,
  type ShapleyOptions,
  type ShapleyResult,
  type ShapleyValueRow,
} from "./experiments/shapley.ts";
export { exactShapley, shapleyWeights } from "./experiments/_shapley_game.ts";
export {
  calibrateIntervals,
  type Calibration,
  conformalQuantile,
  conformalRank,
  type IntervalCell,
  type IntervalCoverage,
  type IntervalJson,
  intervalJson,
  type IntervalMatrix,
  type IntervalOptions,
  type IntervalScore,
  type IntervalSetting,
  measureCoverage,
  type PredictIntervalOptions,
  predictWithIntervals,
} from "./intervals/intervals.ts";
export {
  calibrateFoldIn,
  type FactorField,
  type FoldInCalibrationOptions,
  type FoldInCoverage,
  type FoldInReport,
  modelFactorsOf,
  type Predictor,
  trainPredictor,
} from "./intervals/fold_in.ts";
