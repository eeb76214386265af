/**
 * Fitting a list of jobs: resolves the backend, then trains the jobs in this process (batch.ts)
 * or spreads them over CPU workers (parallel.ts).
 *
 * @module
 */
import { resolveBackend } from "../kernels/backend.ts";
import { fitBatches } from "./batch.ts";
import type { EngineConfig } from "./config.ts";
import { fitInWorkers, workerCount } from "./parallel.ts";
import { probeBackend } from "./probe.ts";
import type { FitOptions, Job, Problem, TrainResult } from "./types.ts";

/**
 * Fits every job (in batches of `config.batchSize`, spread over CPU workers when there are enough
 * jobs; see parallel.ts). `label` names the fit in progress reports (the method's id).
 *
 * @example
 * ```ts
 * const result = await fitJobs("mf", problem, [{ train, seed: 0 }], DEFAULT_CONFIGS.mf);
 * result.predictions[0]; // n x m, normalized scale
 * ```
 */
export async function fitJobs(
  label: string,
  problem: Problem,
  jobs: readonly Job[],
  config: EngineConfig,
  options: FitOptions = {},
): Promise<TrainResult> {
  const t0 = performance.now();
  const backend = await resolveBackend(options.backend ?? "auto", probeBackend);
  const probe = performance.now() - t0;
  const workers = workerCount(options, jobs.length, backend);
  const result = workers > 1
    ? await fitInWorkers(label, problem, jobs, config, backend, workers, options)
    : await fitBatches(label, problem, jobs, config, backend, options);
  return {
    ...result,
    seconds: (performance.now() - t0) / 1000,
    stages: { ...result.stages, probe },
  };
}
