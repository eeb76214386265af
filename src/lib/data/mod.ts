/**
 * The data layer: CSV parsing, score-file layouts, design factors and normalization.
 *
 * @module
 */
export * from "./types.ts";
export { type CsvRows, parseCsv, type ParseCsvOptions } from "./csv.ts";
export { detectLayout, findColumn, LAYOUTS, parseLayout } from "./layout.ts";
export { readScores, readScoresFile, type ReadScoresOptions } from "./read_scores.ts";
export {
  BENCHPRESS_FACTORS,
  decimalYear,
  readBenchpress,
  type ReadBenchpressOptions,
} from "./read_benchpress.ts";
export {
  closestNames,
  matchFactors,
  type MatchFactorsOptions,
  readFactors,
  readFactorsFile,
  type ReadFactorsOptions,
} from "./factors.ts";
export {
  denormalize,
  denormalizeAll,
  type Normalization,
  type NormalizationKind,
  normalize,
  type NormalizeOptions,
} from "./normalize.ts";
export { isMissing, MISSING_MARKERS, printable } from "./_values.ts";
export { absolutePath } from "./_user_files.ts";
export {
  type FactorSource,
  type NewFactorValue,
  type NewModelSchema,
  newModelSchema,
  parseKnownScores,
  resolveNewModelFactors,
} from "./new_model.ts";
