/**
 * Fitting a method: resolves the backend, splits the jobs into batches of `batchSize`, trains each
 * batch (batch.ts) and wraps the outcome as a FitResult.
 *
 * @module
 */
import type { FitOptions, FitResult, Job, MethodId, Problem } from "../models/types.ts";
import type { EngineConfig } from "../models/config.ts";
import type { PortableModel } from "../models/infer.ts";
import { problemShape } from "../models/pack.ts";
import { resolveBackend } from "../kernels/backend.ts";
import { type CurveRow, fitBatch } from "./batch.ts";
import { probeBackend } from "./probe.ts";
import { fitInWorkers, workerCount } from "./parallel.ts";

export { type BatchOutcome, type CurveRow, fitBatch, readCurve } from "./batch.ts";

/**
 * Fits every job (in batches of `config.batchSize`, spread over CPU workers when there are enough
 * jobs; see parallel.ts) and wraps the outcome as a FitResult.
 */
export async function fitJobs(
  method: MethodId,
  problem: Problem,
  jobs: readonly Job[],
  config: EngineConfig,
  options: FitOptions = {},
): Promise<FitResult> {
  const t0 = performance.now();
  const backend = await resolveBackend(options.backend ?? "auto", probeBackend);
  const workers = workerCount(options, jobs.length, backend);
  if (workers > 1) {
    return await fitInWorkers(method, problem, jobs, config, backend, workers, options);
  }
  const shape = problemShape(problem);
  const predictions: Float32Array[] = [];
  const epochs: number[] = [];
  const curves: CurveRow[][] = [];
  const models: PortableModel[] = [];
  const batches = Math.ceil(jobs.length / config.batchSize);
  let done = 0;
  for (let q = 0; q < batches; q++) {
    const batch = jobs.slice(q * config.batchSize, (q + 1) * config.batchSize);
    const label = `${method}: batch ${q + 1}/${batches}`;
    const outcome = await fitBatch(
      backend,
      problem,
      shape,
      batch,
      q * config.batchSize,
      config,
      () => options.onProgress?.({ done, total: jobs.length, label }),
      options.keepModels ? method : null,
    );
    if (outcome.models) models.push(...outcome.models);
    predictions.push(...outcome.predictions);
    epochs.push(...outcome.epochs);
    curves.push(...outcome.curves);
    done += batch.length;
    options.onProgress?.({ done, total: jobs.length, label });
  }
  return {
    method,
    backend,
    predictions,
    seconds: (performance.now() - t0) / 1000,
    epochs,
    curves,
    config: { ...config },
    ...(options.keepModels ? { models } : {}),
  };
}
