/**
 * The evaluation layer (map in README.md): splits (`splits/`) plan which cells each job hides,
 * one path fits them (`experiment.ts`), metrics (`metrics/`) score the held-out cells, and the
 * experiments (`experiments/`: Table 1, new models and tasks, emergent tasks, Performance Law,
 * Shapley) aggregate; `intervals/` calibrates conformal intervals and fills the matrix;
 * `baselines/` holds the closed-form methods.
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
} from "./random.ts";
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
export { parseHoldoutFile, readHoldoutFile } from "./splits/holdout_file.ts";
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
