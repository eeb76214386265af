/**
 * BenchPress's published numbers (Zeng & Papailiopoulos, "You Don't Need to Run Every Eval",
 * microsoft/benchpress at commit 108c099; the shared datasets README restates them), shown beside
 * ours and always labeled as the peer's. Each entry says how BenchPress measured it, since some
 * protocols differ from the ones this project runs.
 */

/** Logit Bias ALS on BenchPress's 30 per-model folds (84 x 133, 26,040 held-out cells). */
export const BENCHPRESS_HOLDOUT = {
  method: "bias-als",
  medae: 4.6,
  medape: 7.8,
  within3: 0.366,
  within5: 0.528,
  coverage: 0.899,
  intervalWidth: 27.2,
  note: "90% intervals from BenchPress's hybrid uncertainty model (a learned per-cell risk " +
    "score), conformally scaled across folds",
} as const;

/** Probe sets: MedAE of a new model's other scores given the probes (points). */
export const BENCHPRESS_PROBES = [
  {
    protocol: "all-known",
    note: "probes chosen and scored on the same 84 models; probe cells count as exact",
    medae: { 5: 3.93, 10: 3.07 },
  },
  {
    protocol: "held-out models",
    note: "probes chosen on 59 models, scored on the other 25 models' non-probe cells",
    medae: { 1: 6.59, 5: 5.32, 10: 4.26 },
  },
] as const;

/** New releases predicted from k revealed scores by models trained on earlier releases. */
export const BENCHPRESS_NEW_RELEASE = [
  {
    protocol: "landmark table",
    note: "median over 8 landmark families; revealed cells count as exact",
    medae: { 1: 10.2, 5: 5.0, 10: 2.8 },
  },
  {
    protocol: "hidden cells only",
    note: "27 models released 2025-01-20 to 2025-11-13 with more than 20 scores, 10 seeds, " +
      "pooled over hidden cells",
    medae: { 1: 9.53, 5: 6.86, 10: 6.37 },
  },
] as const;
