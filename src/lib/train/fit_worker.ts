/**
 * A Deno worker that trains a share of a fit's jobs (see parallel.ts). It receives the method,
 * problem, jobs, configuration and resolved backend, and posts progress and the result back.
 *
 * @module
 */
import { fitJobs } from "./fit.ts";
import type { FitResult, Job, MethodId, Problem } from "../models/types.ts";
import type { EngineConfig } from "../models/config.ts";
import type { Backend } from "../models/types.ts";

export interface WorkerRequest {
  readonly method: MethodId;
  readonly problem: Problem;
  readonly jobs: readonly Job[];
  readonly config: EngineConfig;
  readonly backend: Backend;
  readonly keepModels: boolean;
}

export type WorkerReply =
  | { readonly type: "progress"; readonly done: number }
  | { readonly type: "done"; readonly result: FitResult }
  | { readonly type: "error"; readonly message: string; readonly name: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

scope.onmessage = async ({ data }) => {
  try {
    const result = await fitJobs(data.method, data.problem, data.jobs, data.config, {
      backend: data.backend,
      workers: 1,
      keepModels: data.keepModels,
      onProgress: (p) => scope.postMessage({ type: "progress", done: p.done }),
    });
    scope.postMessage(
      { type: "done", result },
      result.predictions.map((p) => p.buffer as ArrayBuffer),
    );
  } catch (error) {
    const e = error as Error;
    scope.postMessage({ type: "error", message: e.message, name: e.name });
  }
};
