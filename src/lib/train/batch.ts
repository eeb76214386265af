/**
 * The training loop: packs a batch of jobs, runs the epochs pipeline submit after submit until
 * every job has stopped early (or reached `maxEpochs`), optionally refits on all training cells,
 * and predicts the full matrix of every job; {@linkcode fitBatches} trains a list of jobs batch
 * after batch. Early stopping runs on the device (kernels/step): the loop only reads the state
 * back between submits.
 *
 * @module
 */
import type { Backend } from "../kernels/backend.ts";
import { type Layout, makeLayout } from "../kernels/layout.ts";
import { type CallTiming, getPlan, runEpochs, runPredict } from "../kernels/engine.ts";
import { createRng } from "../util/random.ts";
import type { EngineConfig } from "./config.ts";
import {
  archSpec,
  initState,
  type JobCells,
  jobCells,
  jobValues,
  packData,
  type ProblemShape,
  problemShape,
} from "./pack.ts";
import type {
  CurveRow,
  FitOptions,
  FitStages,
  Job,
  Problem,
  TrainedJob,
  TrainResult,
} from "./types.ts";

/** What the loop returns per batch. */
export interface BatchOutcome {
  readonly predictions: Float32Array[];
  readonly epochs: number[];
  readonly curves: CurveRow[][];
  readonly submits: number;
  /** Per job, when asked for: the trained state and data (for export). */
  readonly trained?: TrainedJob[];
  readonly stages: FitStages;
}

/** No time spent yet. */
export function noStages(): FitStages {
  return { probe: 0, pack: 0, compile: 0, epochs: 0, readback: 0 };
}

/** Adds the stages of `more` to `into`. */
export function addStages(into: FitStages, more: FitStages): FitStages {
  for (const key of Object.keys(into) as (keyof FitStages)[]) into[key] += more[key];
  return into;
}

/** Reads the curve log of one job's state. */
export function readCurve(layout: Layout, state: Float32Array, offset: number): CurveRow[] {
  const K = layout.constants;
  const t = state[offset + K.sT];
  const rows: CurveRow[] = [];
  const log = offset + K.sLog;
  for (let r = 0; r < K.nLog && r * K.logEvery < t; r++) {
    rows.push({
      epoch: r * K.logEvery,
      train: state[log + 2 * r],
      valid: state[log + 2 * r + 1],
    });
  }
  return rows;
}

async function runUntilStopped(
  backend: Backend,
  layout: Layout,
  B: number,
  config: EngineConfig,
  state: Float32Array,
  data: Float32Array,
  onSubmit: () => void,
  stages: FitStages,
): Promise<{ state: Float32Array; submits: number }> {
  const plan = getPlan(backend, layout, B, config.epochsPerCall);
  const fresh = plan.calls.epochs === 0;
  const S = layout.S;
  const stopAt = layout.constants.sStopped;
  const maxSubmits = Math.ceil(config.maxEpochs / config.epochsPerCall) + 1;
  const timing: CallTiming = { run: 0, read: 0 };
  let first = 0;
  let submits = 0;
  while (submits < maxSubmits) {
    state = await runEpochs(plan, state, data, timing);
    if (submits === 0) first = timing.run;
    submits++;
    onSubmit();
    let running = false;
    for (let b = 0; b < B && !running; b++) running = state[b * S + stopAt] === 0;
    if (!running) break;
  }
  // a fresh plan compiles on its first call: that call less a typical one
  const typical = submits > 1 ? (timing.run - first) / (submits - 1) : 0;
  const compile = fresh ? Math.max(0, first - typical) : 0;
  stages.compile += compile;
  stages.epochs += timing.run - compile;
  stages.readback += timing.read;
  return { state, submits };
}

/** Trains one batch (all jobs in one launch per submit) and predicts. */
export async function fitBatch(
  backend: Backend,
  problem: Problem,
  shape: ProblemShape,
  jobs: readonly Job[],
  firstIndex: number,
  config: EngineConfig,
  onSubmit: () => void,
  /** Keep each job's trained state and data. */
  keep = false,
): Promise<BatchOutcome> {
  const stages = noStages();
  let t0 = performance.now();
  const B = jobs.length;
  const cells: JobCells[] = jobs.map((job, b) => jobCells(problem, job, config, firstIndex + b));
  let maxCells = 1;
  let maxTrain = 1;
  for (let b = 0; b < B; b++) {
    const n = jobs[b].train.length;
    maxCells = Math.max(maxCells, cells[b].fit.length + cells[b].valid.length);
    maxTrain = Math.max(maxTrain, cells[b].fit.length);
    // the refit learns from every training cell (one of them stands in as "validation")
    if (config.refit) {
      maxCells = Math.max(maxCells, n + 1);
      maxTrain = Math.max(maxTrain, n);
    }
  }
  const layout = makeLayout(archSpec(shape, config, maxCells, maxTrain));
  const { S, D } = layout;
  const K = layout.constants;
  const data = new Float32Array(B * D);
  const state = new Float32Array(B * S);
  const settings = {
    lr: config.lr,
    l2: config.l2,
    l2Bias: config.l2Bias,
    patience: config.patience,
    maxEpochs: config.maxEpochs,
  };
  const rngs = jobs.map((job) => createRng(job.seed, 2));
  for (let b = 0; b < B; b++) {
    packData(
      data.subarray(b * D, (b + 1) * D),
      layout,
      problem,
      shape,
      jobs[b],
      cells[b],
      settings,
    );
    const values = jobValues(problem, jobs[b], firstIndex + b);
    initState(state.subarray(b * S, (b + 1) * S), layout, values, cells[b], config, rngs[b]);
  }
  stages.pack += performance.now() - t0;
  const run = await runUntilStopped(backend, layout, B, config, state, data, onSubmit, stages);
  const final = run.state;
  let submits = run.submits;
  const epochs: number[] = [];
  const curves: CurveRow[][] = [];
  for (let b = 0; b < B; b++) {
    epochs.push(final[b * S + K.sBestEpoch]);
    curves.push(readCurve(layout, final, b * S));
  }
  let predictState: Float32Array;
  if (config.refit) {
    // retrain from the same initial draw on every training cell, for the best epoch count
    t0 = performance.now();
    for (let b = 0; b < B; b++) {
      const all: JobCells = { fit: jobs[b].train, valid: jobs[b].train.subarray(0, 1) };
      const refitEpochs = Math.max(1, Math.round(epochs[b] * config.refitScale));
      packData(data.subarray(b * D, (b + 1) * D), layout, problem, shape, jobs[b], all, {
        ...settings,
        patience: 1e9,
        maxEpochs: refitEpochs,
      });
      const rng = createRng(jobs[b].seed, 2);
      const values = jobValues(problem, jobs[b], firstIndex + b);
      initState(state.subarray(b * S, (b + 1) * S), layout, values, all, config, rng);
    }
    stages.pack += performance.now() - t0;
    const second = await runUntilStopped(
      backend,
      layout,
      B,
      config,
      state,
      data,
      onSubmit,
      stages,
    );
    submits += second.submits;
    predictState = second.state;
  } else {
    // predict with the best-validation parameters: copy them to the head of the state
    predictState = final;
    for (let b = 0; b < B; b++) {
      const o = b * S;
      predictState.copyWithin(o, o + 3 * layout.P, o + 4 * layout.P);
    }
  }
  // the kernels skip stopped jobs: mark every job running for the prediction pass
  for (let b = 0; b < B; b++) predictState[b * S + K.sStopped] = 0;
  const plan = getPlan(backend, layout, B, config.epochsPerCall);
  const timing: CallTiming = { run: 0, read: 0 };
  const fresh = plan.calls.predict === 0;
  const flat = await runPredict(plan, predictState, data, timing);
  t0 = performance.now();
  const nm = K.n * K.m;
  const predictions: Float32Array[] = [];
  for (let b = 0; b < B; b++) predictions.push(flat.slice(b * nm, (b + 1) * nm));
  const trained = keep
    ? jobs.map((_, b) => ({
      layout,
      state: predictState.slice(b * S, (b + 1) * S),
      data: data.slice(b * D, (b + 1) * D),
    }))
    : undefined;
  stages[fresh ? "compile" : "readback"] += timing.run;
  stages.readback += timing.read + performance.now() - t0;
  return { predictions, epochs, curves, submits, trained, stages };
}

/**
 * Trains every job on one concrete backend, in batches of `config.batchSize`, in this process
 * (the CPU workers of parallel.ts each run this on their share). `label` names the fit in
 * progress reports.
 */
export async function fitBatches(
  label: string,
  problem: Problem,
  jobs: readonly Job[],
  config: EngineConfig,
  backend: Backend,
  options: FitOptions = {},
): Promise<TrainResult> {
  const t0 = performance.now();
  const shape = problemShape(problem);
  const predictions: Float32Array[] = [];
  const epochs: number[] = [];
  const curves: CurveRow[][] = [];
  const trained: TrainedJob[] = [];
  const stages = noStages();
  const batches = Math.ceil(jobs.length / config.batchSize);
  let done = 0;
  for (let q = 0; q < batches; q++) {
    const batch = jobs.slice(q * config.batchSize, (q + 1) * config.batchSize);
    const progress = `${label}: batch ${q + 1}/${batches}`;
    const outcome = await fitBatch(
      backend,
      problem,
      shape,
      batch,
      q * config.batchSize,
      config,
      () => options.onProgress?.({ done, total: jobs.length, label: progress }),
      options.keepModels,
    );
    if (outcome.trained) trained.push(...outcome.trained);
    addStages(stages, outcome.stages);
    predictions.push(...outcome.predictions);
    epochs.push(...outcome.epochs);
    curves.push(...outcome.curves);
    done += batch.length;
    options.onProgress?.({ done, total: jobs.length, label: progress });
  }
  return {
    backend,
    predictions,
    seconds: (performance.now() - t0) / 1000,
    epochs,
    curves,
    config: { ...config },
    ...(options.keepModels ? { trained } : {}),
    stages,
  };
}
