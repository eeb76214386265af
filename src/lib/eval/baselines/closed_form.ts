/**
 * The closed-form baselines of PROTOCOL.md ("Methods"), as {@linkcode Method}s: global mean, task
 * mean, and additive model + task biases. They read only each job's training cells, run in plain
 * TypeScript (backend "ts") and return the full n x m matrix of predictions per job.
 *
 * @module
 */
import type { FitResult, Job, Method, MethodId, Problem } from "../../models/types.ts";

interface Cells {
  readonly rows: Uint32Array;
  readonly cols: Uint32Array;
  readonly values: Float64Array;
}

/** The job's training cells and their values (the job's own matrix if it has one); all finite. */
function trainingCells(problem: Problem, job: Job, id: MethodId, index: number): Cells {
  const { nModels, nTasks } = problem;
  const values = job.values ?? problem.values;
  const n = job.train.length;
  if (n === 0) throw new RangeError(`Cannot fit ${id}: job ${index} has no training cell`);
  const rows = new Uint32Array(n);
  const cols = new Uint32Array(n);
  const out = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const k = job.train[c];
    if (k >= nModels * nTasks) {
      throw new RangeError(
        `Cannot fit ${id}: job ${index} trains on cell ${k}, outside the ${nModels} x ${nTasks} ` +
          `matrix`,
      );
    }
    const [i, j] = [Math.floor(k / nTasks), k % nTasks];
    if (!Number.isFinite(values[k])) {
      throw new RangeError(
        `Cannot fit ${id}: job ${index} trains on cell ${k} (model ${i}, task ${j}), whose value ` +
          `is ${values[k]}`,
      );
    }
    [rows[c], cols[c], out[c]] = [i, j, values[k]];
  }
  return { rows, cols, values: out };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * A plain-TypeScript method (backend "ts") that predicts each job on its own: `predict` returns
 * the job's n x m predictions (and, for an iterative fit, its sweeps); the results are wrapped
 * in a {@linkcode FitResult}.
 */
export function jobwiseMethod(
  id: MethodId,
  label: string,
  config: Record<string, unknown>,
  predict: (
    problem: Problem,
    job: Job,
    index: number,
  ) => { predictions: Float32Array; sweeps?: number },
): Method {
  return {
    id,
    label,
    usesFactors: false,
    coldStart: true,
    // The executor turns a throw into a rejection, as an async engine would.
    fit: (problem, jobs, options = {}) =>
      new Promise<FitResult>((resolve) => {
        const start = performance.now();
        const predictions: Float32Array[] = [];
        const sweeps: number[] = [];
        jobs.forEach((job, index) => {
          const result = predict(problem, job, index);
          predictions.push(result.predictions);
          if (result.sweeps !== undefined) sweeps.push(result.sweeps);
          options.onProgress?.({ done: index + 1, total: jobs.length, label });
        });
        const fit: FitResult = {
          method: id,
          backend: "ts",
          predictions,
          seconds: (performance.now() - start) / 1000,
          epochs: jobs.map(() => 0),
          curves: jobs.map(() => []),
          config: sweeps.length ? { ...config, sweeps } : config,
        };
        resolve(fit);
      }),
  };
}

/**
 * A closed-form baseline: `predict` sees only the job's training cells. Its result does not
 * depend on the job's seed, so a job whose training cells and values are those of the job before
 * (an ensemble's members: the conformal calibration trains 5 per fold) is not fitted again.
 */
function closedForm(
  id: MethodId,
  label: string,
  config: Record<string, unknown>,
  predict: (problem: Problem, cells: Cells) => { predictions: Float32Array; sweeps?: number },
): Method {
  let last: { cells: Cells; result: { predictions: Float32Array; sweeps?: number } } | null = null;
  return jobwiseMethod(id, label, config, (problem, job, index) => {
    const cells = trainingCells(problem, job, id, index);
    const result = last !== null && sameCells(last.cells, cells)
      ? last.result
      : predict(problem, cells);
    last = { cells, result };
    return { ...result, predictions: result.predictions.slice() };
  });
}

function sameCells(a: Cells, b: Cells): boolean {
  if (a.rows.length !== b.rows.length) return false;
  for (let c = 0; c < a.rows.length; c++) {
    if (a.rows[c] !== b.rows[c] || a.cols[c] !== b.cols[c] || a.values[c] !== b.values[c]) {
      return false;
    }
  }
  return true;
}

/**
 * Predicts every cell with the mean of the job's training cells.
 *
 * @example
 * ```ts
 * const fit = await globalMean().fit(problem, [{ train: split.train, seed: 0 }]);
 * fit.predictions[0]; // Float32Array, n x m, one value everywhere
 * ```
 */
export function globalMean(): Method {
  return closedForm("global-mean", "Global mean", {}, (problem, cells) => {
    const predictions = new Float32Array(problem.nModels * problem.nTasks);
    return { predictions: predictions.fill(mean(cells.values)) };
  });
}

/**
 * Predicts each task's cells with the mean of that task's training cells; a task with no training
 * cell gets the global mean of the training cells.
 *
 * @example
 * ```ts
 * const fit = await taskMean().fit(problem, [{ train: split.train, seed: 0 }]);
 * ```
 */
export function taskMean(): Method {
  return closedForm("task-mean", "Task mean", {}, (problem, cells) => {
    const { nModels, nTasks } = problem;
    const sum = new Float64Array(nTasks);
    const count = new Float64Array(nTasks);
    cells.cols.forEach((j, c) => {
      sum[j] += cells.values[c];
      count[j]++;
    });
    const global = mean(cells.values);
    const predictions = new Float32Array(nModels * nTasks);
    for (let j = 0; j < nTasks; j++) {
      const v = count[j] ? sum[j] / count[j] : global;
      for (let i = 0; i < nModels; i++) predictions[i * nTasks + j] = v;
    }
    return { predictions };
  });
}

/** Options of {@linkcode biases}. */
export interface BiasesOptions {
  /**
   * Ridge penalty on every model and task bias, default 1: one pseudo-observation at bias 0, so a
   * model or task with one or two training cells is pulled toward the mean instead of fitting
   * them exactly, while one with 20 cells moves by about 5%. The global mean is not penalized.
   */
  readonly lambda?: number;
  /** Stop when no parameter moves by more than this in a sweep. Default 1e-10. */
  readonly tolerance?: number;
  /** At most this many sweeps. Default 1000. */
  readonly maxSweeps?: number;
}

/**
 * Additive model + task biases, `s_ij ≈ mu + b_i + c_j`, minimizing
 * `Σ_train (s_ij - mu - b_i - c_j)^2 + λ (Σ b_i^2 + Σ c_j^2)` by alternating exact updates
 * (all b given c, all c given b, then mu) until convergence; the objective is convex, so the
 * result does not depend on the start. A model or task with no training cell keeps bias 0.
 *
 * @example
 * ```ts
 * const fit = await biases({ lambda: 1 }).fit(problem, [{ train: split.train, seed: 0 }]);
 * ```
 */
export function biases(options: BiasesOptions = {}): Method {
  const lambda = options.lambda ?? 1;
  const tolerance = options.tolerance ?? 1e-10;
  const maxSweeps = options.maxSweeps ?? 1000;
  if (!(lambda >= 0)) {
    throw new RangeError(`Cannot fit biases: lambda is ${lambda} (expected >= 0)`);
  }
  const config = { lambda, tolerance, maxSweeps };
  return closedForm("biases", "Model + task biases", config, (problem, cells) => {
    const { nModels, nTasks } = problem;
    const { rows, cols, values } = cells;
    const countModel = new Float64Array(nModels);
    const countTask = new Float64Array(nTasks);
    for (let c = 0; c < values.length; c++) {
      countModel[rows[c]]++;
      countTask[cols[c]]++;
    }
    let mu = mean(values);
    const b = new Float64Array(nModels);
    const t = new Float64Array(nTasks);
    const sumModel = new Float64Array(nModels);
    const sumTask = new Float64Array(nTasks);
    let sweeps = 0;
    while (sweeps < maxSweeps) {
      sweeps++;
      let moved = 0;
      sumModel.fill(0);
      for (let c = 0; c < values.length; c++) sumModel[rows[c]] += values[c] - mu - t[cols[c]];
      for (let i = 0; i < nModels; i++) {
        const next = countModel[i] ? sumModel[i] / (countModel[i] + lambda) : 0;
        moved = Math.max(moved, Math.abs(next - b[i]));
        b[i] = next;
      }
      sumTask.fill(0);
      for (let c = 0; c < values.length; c++) sumTask[cols[c]] += values[c] - mu - b[rows[c]];
      for (let j = 0; j < nTasks; j++) {
        const next = countTask[j] ? sumTask[j] / (countTask[j] + lambda) : 0;
        moved = Math.max(moved, Math.abs(next - t[j]));
        t[j] = next;
      }
      let residual = 0;
      for (let c = 0; c < values.length; c++) residual += values[c] - b[rows[c]] - t[cols[c]];
      const next = residual / values.length;
      moved = Math.max(moved, Math.abs(next - mu));
      mu = next;
      if (moved <= tolerance) break;
    }
    const predictions = new Float32Array(nModels * nTasks);
    for (let i = 0; i < nModels; i++) {
      for (let j = 0; j < nTasks; j++) predictions[i * nTasks + j] = mu + b[i] + t[j];
    }
    return { predictions, sweeps };
  });
}

/**
 * The three baselines with their default settings.
 *
 * @example
 * ```ts
 * const result = await runTable1(data, { methods: baselineMethods() });
 * ```
 */
export function baselineMethods(): Method[] {
  return [globalMean(), taskMean(), biases()];
}
