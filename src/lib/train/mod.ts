/**
 * The training engine, under the methods (models/) and over the kernels (kernels/): a problem
 * and its jobs packed into the kernels' buffers (pack.ts, encode_factors.ts, split.ts), the
 * training loop (batch.ts), the CPU workers (parallel.ts, fit_worker.ts) and the backend probe
 * behind `auto` (probe.ts).
 *
 * @example
 * ```ts
 * import { fitJobs } from "./src/lib/train/mod.ts";
 * import { DEFAULT_CONFIGS } from "./src/lib/models/mod.ts";
 * const result = await fitJobs("mf", problem, [{ train, seed: 0 }], DEFAULT_CONFIGS.mf);
 * result.predictions[0]; // n x m, normalized scale
 * ```
 *
 * @module
 */
export * from "./types.ts";
export { checkConfig, DEFAULT_TRAINING, type EngineConfig, MF_CONFIG } from "./config.ts";
export * from "./encode_factors.ts";
export { type ProblemShape, problemShape } from "./pack.ts";
export { fitJobs } from "./fit.ts";
