/**
 * The learned methods' configurations: the engine's architecture flags per method, on the default
 * training recipe (train/config.ts). The defaults below were tuned on cpp-crowdsource (`cpp`
 * scale, random 5% holdout); see bench/ for the script that measured them.
 *
 * @module
 */
import { DEFAULT_TRAINING, type EngineConfig, MF_CONFIG } from "../train/config.ts";

export { checkConfig, DEFAULT_TRAINING, type EngineConfig } from "../train/config.ts";

/** The learned methods of the paper. */
export type LearnedMethodId = "mf" | "ncf" | "ncf-factors" | "factors-only";

/**
 * Default configuration of each learned method. Tuned on cpp-crowdsource (`cpp` scale, random
 * 5% holdout, seeds 0..19, paired comparisons): biases help MF but hurt the NCF heads (their
 * unpenalized per-entity offsets overfit next to the MLP), and the factor methods want a
 * stronger L2 (3e-4) than the ID-only ones (1e-4); dimension 10 as in the paper.
 */
export const DEFAULT_CONFIGS: Readonly<Record<LearnedMethodId, EngineConfig>> = {
  mf: MF_CONFIG,
  ncf: {
    ...DEFAULT_TRAINING,
    dim: 10,
    ids: true,
    factors: false,
    head: "ncf",
    biases: false,
    hidden: 16,
    factorHidden: 0,
  },
  "ncf-factors": {
    ...DEFAULT_TRAINING,
    l2: 3e-4,
    dim: 10,
    ids: true,
    factors: true,
    head: "ncf",
    biases: false,
    hidden: 16,
    factorHidden: 8,
  },
  "factors-only": {
    ...DEFAULT_TRAINING,
    l2: 3e-4,
    dim: 10,
    ids: false,
    factors: true,
    head: "ncf",
    biases: false,
    hidden: 16,
    factorHidden: 8,
  },
};
