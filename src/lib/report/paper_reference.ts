/**
 * The paper's published numbers (Zhang et al., EMNLP 2024), transcribed from PROTOCOL.md, shown
 * beside ours for comparison. These are the only numbers in the report not computed here, and
 * every page that shows them labels them as the paper's.
 */

/** Table 1: crowdsourced data, 5% validation, the CPP reference scaling; mean and std. */
export const PAPER_TABLE1 = [
  {
    method: "mf",
    mse: { mean: 2.16e-2, std: 1.19e-4 },
    l1: { mean: 9.47e-2, std: 2.89e-4 },
    rankAccuracy: { mean: 0.4433, std: 0.0069 },
    mae2: { mean: 0.8316, std: 0.0073 },
  },
  {
    method: "ncf",
    mse: { mean: 1.58e-2, std: 4.22e-5 },
    l1: { mean: 8.94e-2, std: 3.10e-4 },
    rankAccuracy: { mean: 0.4176, std: 0.0122 },
    mae2: { mean: 0.8498, std: 0.0042 },
  },
  {
    method: "ncf-factors",
    mse: { mean: 1.25e-2, std: 3.35e-6 },
    l1: { mean: 7.88e-2, std: 6.31e-5 },
    rankAccuracy: { mean: 0.4545, std: 0.0033 },
    mae2: { mean: 0.8454, std: 0.0027 },
  },
  {
    method: "factors-only",
    mse: { mean: 1.75e-2, std: 2.07e-5 },
    l1: { mean: 8.57e-2, std: 1.48e-4 },
    rankAccuracy: { mean: 0.3347, std: 0.0012 },
    mae2: { mean: 0.8408, std: 0.0037 },
  },
] as const;

/** New-task generalization, MSE per task (CPP-T0: no score of the task known; CPP-T2: two). */
export const PAPER_NEW_TASK = [
  { task: "BoolQ(0-shot)", k: 0, mse: 0.0220 },
  { task: "BIG-bench hard(3-shot)", k: 0, mse: 0.0710 },
  { task: "HellaSwag(10-shot)", k: 0, mse: 0.0341 },
  { task: "HumanEval(pass@1)", k: 0, mse: 0.1244 },
  { task: "BoolQ(0-shot)", k: 2, mse: 0.0182 },
  { task: "BIG-bench hard(3-shot)", k: 2, mse: 0.0073 },
  { task: "HellaSwag(10-shot)", k: 2, mse: 0.0251 },
  { task: "HumanEval(pass@1)", k: 2, mse: 0.0763 },
] as const;
