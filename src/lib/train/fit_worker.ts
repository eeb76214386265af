/**
 * A Deno worker that trains a share of a fit's jobs (see parallel.ts): it receives the label,
 * problem, jobs, configuration and resolved backend, runs the batch loop (batch.ts), and posts
 * progress and the result back.
 *
 * @module
 */
import type { Backend } from "../kernels/backend.ts";
import { fitBatches } from "./batch.ts";
import type { EngineConfig } from "./config.ts";
import type { Job, Problem, TrainResult } from "./types.ts";

/** What the worker is asked to train. */
export interface WorkerRequest {
  readonly label: string;
  readonly problem: Problem;
  readonly jobs: readonly Job[];
  readonly config: EngineConfig;
  readonly backend: Backend;
  readonly keepModels: boolean;
}

/** What the worker answers: progress, then the result or an error. */
export type WorkerReply =
  | { readonly type: "progress"; readonly done: number }
  | { readonly type: "done"; readonly result: TrainResult }
  | { readonly type: "error"; readonly message: string; readonly name: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

scope.onmessage = async ({ data }) => {
  try {
    const result = await fitBatches(
      data.label,
      data.problem,
      data.jobs,
      data.config,
      data.backend,
      {
        keepModels: data.keepModels,
        onProgress: (p) => scope.postMessage({ type: "progress", done: p.done }),
      },
    );
    const buffers = [
      ...result.predictions,
      ...(result.trained ?? []).flatMap((t) => [t.state, t.data]),
    ].map((a) => a.buffer as ArrayBuffer);
    scope.postMessage({ type: "done", result }, buffers);
  } catch (error) {
    const e = error as Error;
    scope.postMessage({ type: "error", message: e.message, name: e.name });
  }
};
