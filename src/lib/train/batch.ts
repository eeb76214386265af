/**
 * The training loop of one batch: packs the jobs, runs the epochs pipeline submit after submit until
 * every job has stopped early (or reached `maxEpochs`), optionally refits on all training cells,
 * and predicts the full matrix of every job. Early stopping runs on the device (kernels/step):
 * the loop only reads the state back between submits.
 *
 * @module
 */
import type { Backend, Job, MethodId, Problem } from "../models/types.ts";
import type { EngineConfig } from "../models/config.ts";
import {
  archSpec,
  initState,
  type JobCells,
  jobCells,
  jobValues,
  packData,
  type ProblemShape,
} from "../models/pack.ts";
import { B_BEST_EPOCH, B_STOPPED, B_T, type Layout, makeLayout } from "../kernels/layout.ts";
import { getPlan, runEpochs, runPredict } from "../kernels/engine.ts";
import { createRng } from "./rng.ts";
import { exportMember } from "../models/export_model.ts";
import type { PortableModel } from "../models/infer.ts";

/** One logged row of a training curve. */
export interface CurveRow {
  epoch: number;
  train: number;
  valid: number;
}

/** What the loop returns per batch, before it is wrapped into a FitResult. */
export interface BatchOutcome {
  readonly predictions: Float32Array[];
  readonly epochs: number[];
  readonly curves: CurveRow[][];
  readonly submits: number;
  /** Per job, when asked for: the trained model, exported for inference (models/infer.ts). */
  readonly models?: PortableModel[];
}

/** Reads the curve log of one job's state. */
export function readCurve(layout: Layout, state: Float32Array, offset: number): CurveRow[] {
  const K = layout.constants;
  const t = state[offset + K.sBook + B_T];
  const rows: CurveRow[] = [];
  const log = offset + K.sBook + K.nBook;
  const nLog = (layout.S - K.sBook - K.nBook) / 2;
  for (let r = 0; r < nLog && r * K.logEvery < t; r++) {
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
): Promise<{ state: Float32Array; submits: number }> {
  const plan = getPlan(backend, layout, B, config.epochsPerCall);
  const S = layout.S;
  const stopAt = layout.constants.sBook + B_STOPPED;
  const maxSubmits = Math.ceil(config.maxEpochs / config.epochsPerCall) + 1;
  let submits = 0;
  while (submits < maxSubmits) {
    state = await runEpochs(plan, state, data);
    submits++;
    onSubmit();
    let running = false;
    for (let b = 0; b < B && !running; b++) running = state[b * S + stopAt] === 0;
    if (!running) break;
  }
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
  /** Export each job's trained model under this method id (null: do not export). */
  exportAs: MethodId | null = null,
): Promise<BatchOutcome> {
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
  const run = await runUntilStopped(backend, layout, B, config, state, data, onSubmit);
  const final = run.state;
  let submits = run.submits;
  const epochs: number[] = [];
  const curves: CurveRow[][] = [];
  for (let b = 0; b < B; b++) {
    epochs.push(final[b * S + K.sBook + B_BEST_EPOCH]);
    curves.push(readCurve(layout, final, b * S));
  }
  let predictState: Float32Array;
  if (config.refit) {
    // retrain from the same initial draw on every training cell, for the best epoch count
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
    const second = await runUntilStopped(backend, layout, B, config, state, data, onSubmit);
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
  for (let b = 0; b < B; b++) predictState[b * S + K.sBook + B_STOPPED] = 0;
  const plan = getPlan(backend, layout, B, config.epochsPerCall);
  const flat = await runPredict(plan, predictState, data);
  const nm = K.n * K.m;
  const predictions: Float32Array[] = [];
  for (let b = 0; b < B; b++) predictions.push(flat.slice(b * nm, (b + 1) * nm));
  const models = exportAs
    ? jobs.map((job, b) =>
      exportMember(
        exportAs,
        layout,
        predictState.subarray(b * S, b * S + layout.P + K.sBook + K.nBook),
        data.subarray(b * D, (b + 1) * D),
        problem,
        shape,
        job,
        config,
      )
    )
    : undefined;
  return { predictions, epochs, curves, submits, models };
}
