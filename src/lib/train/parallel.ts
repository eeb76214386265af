/**
 * Spreading a fit's jobs over CPU workers: the jobs are cut into contiguous shares, each share
 * trained by the batch loop (`fitBatches`, batch.ts) in its own Deno worker (fit_worker.ts) (gpu.js's own threaded webasm does not run under
 * Deno), and the results joined in job order. Jobs are independent, so the bytes are the same
 * as in one process.
 *
 * @module
 */
import type { Backend } from "../kernels/backend.ts";
import type { EngineConfig } from "./config.ts";
import { addStages, noStages } from "./batch.ts";
import type { WorkerReply, WorkerRequest } from "./fit_worker.ts";
import type { FitOptions, Job, Problem, TrainResult } from "./types.ts";

/** Below this many jobs per worker, starting a worker (≈0.3 s) costs more than it saves. */
export const MIN_JOBS_PER_WORKER = 4;

/** Workers to use: the option, else `CPP_WORKERS`, else the CPU cores (at most 4). */
export function workerCount(options: FitOptions, jobs: number, backend: Backend): number {
  if (backend === "webgpu" || typeof Worker === "undefined") return 1;
  let wanted = options.workers;
  if (wanted === undefined) {
    let fromEnv: string | undefined;
    try {
      fromEnv = Deno.env.get("CPP_WORKERS");
    } catch {
      fromEnv = undefined;
    }
    wanted = fromEnv ? Number(fromEnv) : Math.min(4, navigator.hardwareConcurrency || 1);
  }
  if (!Number.isInteger(wanted) || wanted < 1) {
    throw new RangeError(`Cannot fit: workers is ${wanted} (expected an integer >= 1)`);
  }
  return Math.max(1, Math.min(wanted, Math.floor(jobs / MIN_JOBS_PER_WORKER)));
}

function runShare(request: WorkerRequest, onDone: (done: number) => void): Promise<TrainResult> {
  const worker = new Worker(new URL("./fit_worker.ts", import.meta.url), { type: "module" });
  return new Promise<TrainResult>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      if (data.type === "progress") return onDone(data.done);
      worker.terminate();
      if (data.type === "done") resolve(data.result);
      else {
        const error = new Error(data.message);
        error.name = data.name;
        reject(error);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(`Cannot fit: a training worker failed: ${event.message}`));
    };
    worker.postMessage(request);
  });
}

/** Fits `jobs` over `workers` workers and joins the results in job order. */
export async function fitInWorkers(
  label: string,
  problem: Problem,
  jobs: readonly Job[],
  config: EngineConfig,
  backend: Backend,
  workers: number,
  options: FitOptions,
): Promise<TrainResult> {
  const t0 = performance.now();
  const size = Math.ceil(jobs.length / workers);
  const done = new Array<number>(workers).fill(0);
  const report = () =>
    options.onProgress?.({
      done: done.reduce((a, b) => a + b, 0),
      total: jobs.length,
      label: `${label}: ${workers} workers`,
    });
  const shares = await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      runShare(
        {
          label,
          problem,
          jobs: jobs.slice(w * size, (w + 1) * size),
          config,
          backend,
          keepModels: options.keepModels ?? false,
        },
        (d) => {
          done[w] = d;
          report();
        },
      )),
  );
  return {
    backend,
    predictions: shares.flatMap((s) => s.predictions),
    seconds: (performance.now() - t0) / 1000,
    epochs: shares.flatMap((s) => s.epochs),
    curves: shares.flatMap((s) => s.curves),
    config: { ...config, workers },
    ...(options.keepModels ? { trained: shares.flatMap((s) => s.trained ?? []) } : {}),
    stages: shares.map((s) => s.stages).reduce(addStages, noStages()),
  };
}
