/**
 * The evaluation layer: seeded randomness, splits, held-out metrics, the closed-form baselines
 * and the Table 1 experiment.
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
  randomSplit,
  type RandomSplitOptions,
  type Split,
} from "./splits.ts";
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
} from "./metrics.ts";
export { baselineMethods, biases, type BiasesOptions, globalMean, taskMean } from "./baselines.ts";
export {
  type MeanStd,
  meanStd,
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
} from "./table1.ts";
export * from "./fill_matrix.ts";
export * from "./cold_entities.ts";
export * from "./generalization.ts";
export * from "./emergent.ts";
export * from "./scaling_law.ts";
export * from "./performance_law.ts";
export {
  runShapley,
  SHAPLEY_DEFAULT_BUDGET,
  SHAPLEY_TRAINING,
  type ShapleyBudget,
  type ShapleyCoalitionRow,
  type ShapleyOptions,
  type ShapleyResult,
  type ShapleyValueRow,
} from "./shapley.ts";
export { exactShapley, shapleyWeights } from "./_shapley_game.ts";
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
} from "./intervals.ts";
export {
  calibrateFoldIn,
  type FactorField,
  type FoldInCalibrationOptions,
  type FoldInCoverage,
  type FoldInReport,
  modelFactorsOf,
  type Predictor,
  trainPredictor,
} from "./fold_in.ts";
