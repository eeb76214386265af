/**
 * Fitting a list of jobs: resolves the backend, reads the jobs the fit cache holds
 * (fit_cache.ts), trains the others in this process (batch.ts) or spreads them over CPU workers
 * (parallel.ts), and stores what it trained.
 *
 * @module
 */
import { resolveBackend } from "../kernels/backend.ts";
import { makeLayout } from "../kernels/layout.ts";
import { fitBatches } from "./batch.ts";
import type { EngineConfig } from "./config.ts";
import { type CachedJob, fitCacheDir, fitKeys, readFit, writeFit } from "./fit_cache.ts";
import { fitLogPath, logFit } from "./fit_log.ts";
import { archSpec, problemShape } from "./pack.ts";
import { fitInWorkers, workerCount } from "./parallel.ts";
import { probeBackend } from "./probe.ts";
import type { FitOptions, Job, Problem, TrainResult } from "./types.ts";

/**
 * Fits every job (in batches of `config.batchSize`, spread over CPU workers when there are enough
 * jobs; see parallel.ts), reading from and adding to the fit cache (`options.cache`, see
 * FitOptions). `label` names the fit in progress reports (the method's id).
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
  const keep = options.keepModels ?? false;
  const dir = typeof options.cache === "string"
    ? options.cache
    : options.cache === false
    ? null
    : fitCacheDir();
  const log = fitLogPath();
  const keys = dir || log ? await fitKeys(problem, jobs, config, backend) : null;
  const hits: (CachedJob | null)[] = dir && keys
    ? await Promise.all(keys.map((key) => readFit(dir, key, keep)))
    : jobs.map(() => null);
  const missing = jobs.flatMap((_, q) => (hits[q] ? [] : [q]));
  const cached = jobs.length - missing.length;
  const report = options.onProgress;
  // progress counts every job: the cached ones are done before training starts
  const onProgress = report && cached
    ? (p: { done: number; label: string }) =>
      report({ done: cached + p.done, total: jobs.length, label: p.label })
    : report;
  const trained = missing.length ? await train(missing.map((q) => jobs[q])) : null;
  if (!trained) report?.({ done: jobs.length, total: jobs.length, label: `${label}: fit cache` });
  if (dir && keys && trained) {
    await Promise.all(missing.map((q, r) =>
      writeFit(dir, keys[q], {
        prediction: trained.predictions[r],
        epochs: trained.epochs[r],
        curve: trained.curves[r],
        ...(trained.trained
          ? {
            trained: {
              maxCells: trained.trained[r].layout.spec.maxCells,
              maxTrain: trained.trained[r].layout.spec.maxTrain,
              state: trained.trained[r].state,
              data: trained.trained[r].data,
            },
          }
          : {}),
      }).catch(() => {}) // a read-only or full cache folder: the fit still stands
    ));
  }
  const workers = workerCount(options, jobs.length, backend);
  const shape = problemShape(problem);
  const at = new Map(missing.map((q, r) => [q, r]));
  const pick = <T>(q: number, fromTrained: (r: number) => T, fromCache: (hit: CachedJob) => T) =>
    at.has(q) ? fromTrained(at.get(q)!) : fromCache(hits[q]!);
  const result: TrainResult = {
    backend,
    predictions: jobs.map((_, q) => pick(q, (r) => trained!.predictions[r], (h) => h.prediction)),
    seconds: (performance.now() - t0) / 1000,
    epochs: jobs.map((_, q) => pick(q, (r) => trained!.epochs[r], (h) => h.epochs)),
    curves: jobs.map((_, q) => pick(q, (r) => trained!.curves[r], (h) => [...h.curve])),
    // what training every job would report: the worker count it would have used
    config: workers > 1 ? { ...config, workers } : { ...config },
    ...(keep
      ? {
        trained: jobs.map((_, q) =>
          pick(q, (r) => trained!.trained![r], ({ trained: t }) => ({
            layout: makeLayout(archSpec(shape, config, t!.maxCells, t!.maxTrain)),
            state: t!.state,
            data: t!.data,
          }))
        ),
      }
      : {}),
    stages: { ...(trained?.stages ?? { pack: 0, compile: 0, epochs: 0, readback: 0 }), probe },
    cached,
  };
  if (log) {
    await logFit(log, {
      label,
      backend,
      jobs: jobs.length,
      cached,
      ms: performance.now() - t0,
      keys,
    });
  }
  return result;

  function train(some: readonly Job[]): Promise<TrainResult> {
    const workers = workerCount(options, some.length, backend);
    const counted = { ...options, onProgress };
    return workers > 1
      ? fitInWorkers(label, problem, some, config, backend, workers, counted)
      : fitBatches(label, problem, some, config, backend, counted);
  }
}
