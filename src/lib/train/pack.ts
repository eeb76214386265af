/**
 * Packs a batch of jobs into the kernels' buffers (see kernels/layout.ts): the layout, one data
 * buffer and one initial state per job, stacked job after job.
 *
 * @module
 */
import type { ArchSpec, Layout } from "../kernels/layout.ts";
import type { Job, Problem } from "./types.ts";
import type { EngineConfig } from "./config.ts";
import { encodeFactors, type FactorShape, factorShape } from "./encode_factors.ts";
import { innerSplit } from "./split.ts";
import { createRng, type Rng } from "../util/random.ts";

/** The problem-level facts every job of a batch shares. */
export interface ProblemShape {
  readonly n: number;
  readonly m: number;
  readonly model: FactorShape;
  readonly task: FactorShape;
}

export function problemShape(problem: Problem): ProblemShape {
  const { nModels: n, nTasks: m } = problem;
  if (problem.values.length !== n * m) {
    throw new RangeError(
      `Cannot fit: problem.values has ${problem.values.length} cells (expected ${n} x ${m})`,
    );
  }
  return {
    n,
    m,
    model: factorShape(problem.modelFactors, n),
    task: factorShape(problem.taskFactors, m),
  };
}

/** The normalized scores a job learns from: its own `values`, else the problem's. */
export function jobValues(problem: Problem, job: Job, index: number): Float32Array {
  const values = job.values ?? problem.values;
  if (values.length !== problem.nModels * problem.nTasks) {
    throw new RangeError(
      `Cannot fit job ${index}: its values have ${values.length} cells (expected ` +
        `${problem.nModels} x ${problem.nTasks})`,
    );
  }
  return values;
}

/** A job's cells: those it learns from, then those that stop it (may repeat `fit`). */
export interface JobCells {
  readonly fit: Uint32Array;
  readonly valid: Uint32Array;
}

/** Checks a job's cells and splits them (seeded by the job's seed). */
export function jobCells(
  problem: Problem,
  job: Job,
  config: EngineConfig,
  index: number,
): JobCells {
  const { nModels: n, nTasks: m } = problem;
  const values = jobValues(problem, job, index);
  const train = job.train;
  if (train.length === 0) throw new RangeError(`Cannot fit job ${index}: it has no training cell`);
  const seen = new Uint8Array(n * m);
  for (const c of train) {
    if (!(c < n * m)) {
      throw new RangeError(`Cannot fit job ${index}: cell ${c} is outside the ${n} x ${m} matrix`);
    }
    if (Number.isNaN(values[c])) {
      throw new RangeError(`Cannot fit job ${index}: training cell ${c} is missing (NaN)`);
    }
    if (seen[c]) throw new RangeError(`Cannot fit job ${index}: cell ${c} is listed twice`);
    seen[c] = 1;
  }
  const split = innerSplit(train, m, config.validFraction, createRng(job.seed, 1));
  // no cell could be held out (a one-cell job): stop on the training loss
  return split.valid.length > 0 ? split : { fit: split.fit, valid: split.fit };
}

/** The architecture a config needs for a problem and a batch's largest job. */
export function archSpec(
  shape: ProblemShape,
  config: EngineConfig,
  maxCells: number,
  maxTrain: number,
): ArchSpec {
  const fac = config.factors;
  return {
    n: shape.n,
    m: shape.m,
    k: config.dim,
    ids: config.ids,
    factors: fac,
    head: config.head,
    biases: config.biases,
    factorHidden: config.factorHidden,
    hidden: config.hidden,
    modelFeatures: shape.model.features,
    taskFeatures: shape.task.features,
    modelCategorical: shape.model.categorical.length,
    taskCategorical: shape.task.categorical.length,
    catRows: shape.model.rows + shape.task.rows,
    maxCells,
    maxTrain,
    logEvery: config.logEvery,
    logRows: Math.floor(config.maxEpochs / config.logEvery) + 1,
  };
}

/** Per-job training settings written into the data buffer's meta. */
export interface JobSettings {
  readonly lr: number;
  readonly l2: number;
  readonly l2Bias: number;
  readonly patience: number;
  readonly maxEpochs: number;
}

/**
 * Writes one job's data buffer (`out`, length `layout.D`).
 * `trainedModels`/`trainedTasks` mark the entities with a training cell in the whole job (the
 * factor standardization and the unknown bucket use them).
 */
export function packData(
  out: Float32Array,
  layout: Layout,
  problem: Problem,
  shape: ProblemShape,
  job: Job,
  cells: JobCells,
  settings: JobSettings,
): void {
  const K = layout.constants;
  const { n, m } = shape;
  const nEnt = n + m;
  out.fill(0);
  const nTr = cells.fit.length;
  const nVa = cells.valid.length;
  if (nTr + nVa > K.C || nTr > K.T) {
    throw new RangeError(
      `Cannot pack a job: ${nTr} + ${nVa} cells exceed the layout (${K.T} training, ${K.C} in all)`,
    );
  }
  out[K.mNTrain] = nTr;
  out[K.mNValid] = nVa;
  out[K.mScale] = 2 / nTr;
  out[K.mLr] = settings.lr;
  out[K.mL2] = settings.l2;
  out[K.mL2b] = settings.l2Bias;
  out[K.mPatience] = settings.patience;
  out[K.mMaxEpochs] = settings.maxEpochs;
  const values = job.values ?? problem.values;
  const all = [cells.fit, cells.valid];
  let c = 0;
  for (const list of all) {
    for (const cell of list) {
      const i = Math.floor(cell / m);
      out[K.dCI + c] = i;
      out[K.dCJ + c] = cell - i * m;
      out[K.dCS + c] = values[cell];
      c++;
    }
  }
  // CSR of training cells per entity (models, then tasks), with each cell's other entity
  const count = new Uint32Array(nEnt + 1);
  for (let q = 0; q < nTr; q++) {
    count[out[K.dCI + q]]++;
    count[n + out[K.dCJ + q]]++;
  }
  let acc = 0;
  for (let e = 0; e < nEnt; e++) {
    out[K.dEP + e] = acc;
    acc += count[e];
  }
  out[K.dEP + nEnt] = acc;
  const fill = new Uint32Array(nEnt);
  for (let q = 0; q < nTr; q++) {
    const i = out[K.dCI + q];
    const j = n + out[K.dCJ + q];
    const si = out[K.dEP + i] + fill[i]++;
    const sj = out[K.dEP + j] + fill[j]++;
    out[K.dEC + si] = q;
    out[K.dSO + si] = j;
    out[K.dEC + sj] = q;
    out[K.dSO + sj] = i;
  }
  if (K.factors === 0) return;
  // factors, encoded over the entities with a training cell in the whole job
  const trainedModels = new Uint8Array(n);
  const trainedTasks = new Uint8Array(m);
  for (const cell of job.train) {
    const i = Math.floor(cell / m);
    trainedModels[i] = 1;
    trainedTasks[cell - i * m] = 1;
  }
  const zm = encodeFactors(problem.modelFactors, shape.model, trainedModels, job.modelFactorSet);
  const zt = encodeFactors(problem.taskFactors, shape.task, trainedTasks, job.taskFactorSet);
  out.set(zm.z, K.dZ);
  out.set(zt.z, K.dZ + n * K.Fzm);
  const R = K.R;
  const rowCount = new Uint32Array(R + 1);
  const catIdx = new Int32Array(n * K.Cm + m * K.Ct);
  for (let q = 0; q < n * K.Cm; q++) catIdx[q] = zm.catIdx[q];
  for (let q = 0; q < m * K.Ct; q++) {
    const r = zt.catIdx[q];
    catIdx[n * K.Cm + q] = r < 0 ? -1 : shape.model.rows + r;
  }
  for (let q = 0; q < catIdx.length; q++) {
    out[K.dCX + q] = catIdx[q];
    if (catIdx[q] >= 0) rowCount[catIdx[q]]++;
  }
  acc = 0;
  for (let r = 0; r < R; r++) {
    out[K.dRP + r] = acc;
    acc += rowCount[r];
  }
  out[K.dRP + R] = acc;
  const rowFill = new Uint32Array(R);
  // entities in increasing order within each row
  for (let e = 0; e < nEnt; e++) {
    const lo = e < n ? e * K.Cm : n * K.Cm + (e - n) * K.Ct;
    const cnt = e < n ? K.Cm : K.Ct;
    for (let f = 0; f < cnt; f++) {
      const r = catIdx[lo + f];
      if (r >= 0) out[K.dRE + out[K.dRP + r] + rowFill[r]++] = e;
    }
  }
}

/**
 * Writes one job's initial state (`out`, length `layout.S`): random embeddings and weights
 * (zero ID embeddings for entities with no cell to learn from, so they stay neutral), zero
 * biases, the global offset at the mean training score, zero Adam moments.
 */
export function initState(
  out: Float32Array,
  layout: Layout,
  values: Float32Array,
  cells: JobCells,
  config: EngineConfig,
  rng: Rng,
): void {
  const K = layout.constants;
  const { n, m, k, nEnt, Hn, H, Fzm, Fzt } = K;
  out.fill(0);
  const s = config.initScale;
  const active = new Uint8Array(nEnt);
  let mean = 0;
  for (const cell of cells.fit) {
    const i = Math.floor(cell / m);
    active[i] = 1;
    active[n + cell - i * m] = 1;
    mean += values[cell];
  }
  mean /= Math.max(1, cells.fit.length);
  const normal = (o: number, count: number, sd: number) => {
    for (let q = 0; q < count; q++) out[o + q] = sd * rng.normal();
  };
  if (K.ids > 0) {
    for (let e = 0; e < nEnt; e++) {
      for (let d = 0; d < k; d++) out[K.pId + e * k + d] = active[e] ? s * rng.normal() : 0;
    }
  }
  if (K.factors > 0) {
    normal(K.pCat, K.R * k, s);
    normal(K.pWn1m, Hn * Fzm, Math.sqrt(2 / Math.max(1, Fzm)));
    normal(K.pWn2m, k * Hn, s / Math.sqrt(Hn));
    normal(K.pWn1t, Hn * Fzt, Math.sqrt(2 / Math.max(1, Fzt)));
    normal(K.pWn2t, k * Hn, s / Math.sqrt(Hn));
  }
  if (K.useMu > 0) out[K.pMu] = mean;
  if (K.head > 0) {
    normal(K.pW1, H * 2 * k, Math.sqrt(1 / k));
    for (let d = 0; d < k; d++) out[K.pWg + d] = 1;
    normal(K.pWh, H, s / Math.sqrt(H));
  }
  out[K.sBest] = 3e38;
  out[K.sPow1] = 1;
  out[K.sPow2] = 1;
}
