/**
 * `bias-als`: BenchPress's completer (Logit Bias ALS; microsoft/benchpress, "You Don't Need to
 * Run Every Eval"), the peer's method beside ours on the same cells. Plain TypeScript, closed
 * form per step, deterministic for a seed.
 *
 * Per job, from its training cells only, in the scores' original units:
 * 1. Transform: a bounded task's score (percent, or a fraction times 100) is clipped to
 *    [0.5, 99.5] points and mapped to its logit; an unbounded task (Elo, ratings, dollars) is
 *    left in its own units.
 * 2. z-score per task over the job's training cells (population standard deviation; a standard
 *    deviation below 1e-8 counts as 1; a task with no training cell gets mean 0 and scale 1).
 * 3. Fit `z_ij ≈ mu + a_i + c_j + U_i · V_j` (rank 2) by alternating ridge regressions: every
 *    model's `(a_i, U_i)` given the tasks', then every task's `(c_j, V_j)` given the models', each a
 *    small linear system with penalty `lambda` (0.1) on the bias and the factors; then `mu` as
 *    the mean residual (not penalized). 40 iterations from `mu` = the mean z, zero biases and
 *    factors drawn from N(0, 0.01^2); the reconstruction is averaged over 10 such starts.
 * 4. Back: undo the z-score, then the logit; a bounded task's prediction is clipped to its range
 *    (0-100 or 0-1), an unbounded one's is not. The prediction is returned on the job's
 *    normalized scale, like every method's.
 *
 * The starts are drawn from `createRng(job.seed)`, one stream for all of them: BenchPress's numpy
 * draws (seeds 42..51) cannot be reproduced, so single cells differ from its published
 * predictions; the protocol's pooled metrics do not depend on the draw beyond noise.
 *
 * @module
 */
import { denormalize } from "../../data/normalize.ts";
import type { Job, Method, Problem } from "../../models/types.ts";
import { createRng } from "../../util/random.ts";
import { isBounded, pointsPerUnit } from "../metrics/points.ts";
import { jobwiseMethod } from "./closed_form.ts";

/** Options of {@linkcode biasAls}; the defaults are BenchPress's. */
export interface BiasAlsOptions {
  /** Rank of the interaction `U_i · V_j`. Default 2. */
  readonly rank?: number;
  /** Ridge penalty on the biases and factors. Default 0.1. */
  readonly lambda?: number;
  /** ALS iterations per start. Default 40. */
  readonly iterations?: number;
  /** Random starts averaged. Default 10. */
  readonly starts?: number;
  /** Bounded scores are clipped to [clip, 100 - clip] points before the logit. Default 0.5. */
  readonly clip?: number;
}

/** Solves the symmetric positive definite `a x = b` (size d, row-major) in place into `x`. */
function solveSpd(a: Float64Array, b: Float64Array, d: number, x: Float64Array): void {
  // Cholesky a = L L^T, then two triangular solves; lambda > 0 keeps a positive definite.
  for (let r = 0; r < d; r++) {
    for (let c = 0; c <= r; c++) {
      let s = a[r * d + c];
      for (let k = 0; k < c; k++) s -= a[r * d + k] * a[c * d + k];
      a[r * d + c] = r === c ? Math.sqrt(s) : s / a[c * d + c];
    }
  }
  for (let r = 0; r < d; r++) {
    let s = b[r];
    for (let k = 0; k < r; k++) s -= a[r * d + k] * x[k];
    x[r] = s / a[r * d + r];
  }
  for (let r = d - 1; r >= 0; r--) {
    let s = x[r];
    for (let k = r + 1; k < d; k++) s -= a[k * d + r] * x[k];
    x[r] = s / a[r * d + r];
  }
}

/**
 * The cells grouped by one axis (compressed rows): entity e's cells are `start[e]..start[e + 1]`,
 * each with the index of its entity on the other axis and its z value, stored contiguously.
 */
interface Groups {
  readonly start: Uint32Array;
  readonly other: Uint32Array;
  readonly z: Float64Array;
}

function groupBy(keys: Uint32Array, others: Uint32Array, z: Float64Array, size: number): Groups {
  const start = new Uint32Array(size + 1);
  for (const key of keys) start[key + 1]++;
  for (let e = 0; e < size; e++) start[e + 1] += start[e];
  const fill = start.slice(0, size);
  const other = new Uint32Array(keys.length);
  const zs = new Float64Array(keys.length);
  keys.forEach((key, q) => {
    const p = fill[key]++;
    other[p] = others[q];
    zs[p] = z[q];
  });
  return { start, other, z: zs };
}

/** One job, in the scores' original units: the fitted and averaged reconstruction of z. */
function fitJob(
  problem: Problem,
  job: Job,
  index: number,
  o: Required<BiasAlsOptions>,
): Float32Array {
  const { nModels: n, nTasks: m } = problem;
  const fail = (what: string) => new RangeError(`Cannot fit bias-als: job ${index} ${what}`);
  const scale = job.normalization;
  if (!scale) {
    throw fail("has no normalization (bias-als works in the scores' own units)");
  }
  const scales = problem.taskScales;
  if (!scales || scales.length !== m) {
    throw new RangeError(
      "Cannot fit bias-als: the problem has no task scales (which tasks are bounded)",
    );
  }
  const values = job.values ?? problem.values;
  const norm = { ...scale, values };
  const nCells = job.train.length;
  if (nCells === 0) throw fail("has no training cell");
  const rows = new Uint32Array(nCells);
  const cols = new Uint32Array(nCells);
  const t = new Float64Array(nCells);
  // points per unit of a bounded task (a fraction's 1 is 100 points); null where unbounded
  const units = scales.map((s) => (isBounded(s) ? pointsPerUnit(s) : null));
  const logit = (points: number) => {
    const p = Math.min(100 - o.clip, Math.max(o.clip, points)) / 100;
    return Math.log(p / (1 - p));
  };
  for (let q = 0; q < nCells; q++) {
    const k = job.train[q];
    const [i, j] = [Math.floor(k / m), k % m];
    if (!(k < n * m) || !Number.isFinite(values[k])) {
      throw fail(`trains on cell ${k}, whose value is ${values[k]}`);
    }
    const raw = denormalize(norm, i, j, values[k]);
    [rows[q], cols[q]] = [i, j];
    t[q] = units[j] === null ? raw : logit(raw * units[j]!);
  }
  // z-score per task over the training cells
  const mean = new Float64Array(m);
  const sd = new Float64Array(m).fill(1);
  const count = new Float64Array(m);
  for (let q = 0; q < nCells; q++) {
    mean[cols[q]] += t[q];
    count[cols[q]]++;
  }
  for (let j = 0; j < m; j++) if (count[j]) mean[j] /= count[j];
  const ss = new Float64Array(m);
  for (let q = 0; q < nCells; q++) ss[cols[q]] += (t[q] - mean[cols[q]]) ** 2;
  for (let j = 0; j < m; j++) {
    const s = count[j] ? Math.sqrt(ss[j] / count[j]) : 0;
    if (s >= 1e-8) sd[j] = s;
  }
  const z = Float64Array.from(t, (v, q) => (v - mean[cols[q]]) / sd[cols[q]]);
  let zMean = 0;
  for (const v of z) zMean += v;
  zMean /= nCells;

  const r = o.rank;
  const d = r + 1;
  const byRow = groupBy(rows, cols, z, n);
  const byCol = groupBy(cols, rows, z, m);
  const a = new Float64Array(n);
  const c = new Float64Array(m);
  const u = new Float64Array(n * r);
  const v = new Float64Array(m * r);
  const sum = new Float64Array(n * m);
  const lhs = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  const sol = new Float64Array(d);
  const random = createRng(job.seed);
  // One block of ridge regressions: each entity's (bias, factors) given the other axis's.
  const block = (
    groups: Groups,
    size: number,
    bias: Float64Array,
    factors: Float64Array,
    otherBias: Float64Array,
    otherFactors: Float64Array,
    mu: number,
  ) => {
    const { start, other, z: zs } = groups;
    for (let e = 0; e < size; e++) {
      const from = start[e];
      const to = start[e + 1];
      if (from === to) continue;
      if (r === 2) {
        // rank 2, the default: the 3 x 3 normal equations in scalars (about twice as fast)
        let s00 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s22 = 0, b0 = 0, b1 = 0, b2 = 0;
        for (let p = from; p < to; p++) {
          const f = other[p];
          const residual = zs[p] - mu - otherBias[f];
          const f1 = otherFactors[2 * f];
          const f2 = otherFactors[2 * f + 1];
          s00++;
          s10 += f1;
          s11 += f1 * f1;
          s20 += f2;
          s21 += f2 * f1;
          s22 += f2 * f2;
          b0 += residual;
          b1 += f1 * residual;
          b2 += f2 * residual;
        }
        lhs[0] = s00 + o.lambda;
        lhs[3] = s10;
        lhs[4] = s11 + o.lambda;
        lhs[6] = s20;
        lhs[7] = s21;
        lhs[8] = s22 + o.lambda;
        rhs[0] = b0;
        rhs[1] = b1;
        rhs[2] = b2;
      } else {
        lhs.fill(0);
        rhs.fill(0);
        for (let p = from; p < to; p++) {
          const f = other[p];
          const residual = zs[p] - mu - otherBias[f];
          // feature = (1, otherFactors[f]); lhs holds its lower triangle
          lhs[0]++;
          rhs[0] += residual;
          for (let x = 1; x < d; x++) {
            const fx = otherFactors[f * r + x - 1];
            rhs[x] += fx * residual;
            lhs[x * d] += fx;
            for (let y = 1; y <= x; y++) lhs[x * d + y] += fx * otherFactors[f * r + y - 1];
          }
        }
        for (let x = 0; x < d; x++) lhs[x * d + x] += o.lambda;
      }
      solveSpd(lhs, rhs, d, sol);
      bias[e] = sol[0];
      for (let x = 0; x < r; x++) factors[e * r + x] = sol[x + 1];
    }
  };
  for (let start = 0; start < o.starts; start++) {
    let mu = zMean;
    a.fill(0);
    c.fill(0);
    for (let x = 0; x < u.length; x++) u[x] = 0.01 * random.normal();
    for (let x = 0; x < v.length; x++) v[x] = 0.01 * random.normal();
    for (let it = 0; it < o.iterations; it++) {
      block(byRow, n, a, u, c, v, mu);
      block(byCol, m, c, v, a, u, mu);
      let residual = 0;
      for (let q = 0; q < nCells; q++) {
        const i = rows[q];
        const j = cols[q];
        let dot = 0;
        for (let x = 0; x < r; x++) dot += u[i * r + x] * v[j * r + x];
        residual += z[q] - a[i] - c[j] - dot;
      }
      mu = residual / nCells;
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let dot = 0;
        for (let x = 0; x < r; x++) dot += u[i * r + x] * v[j * r + x];
        sum[i * m + j] += mu + a[i] + c[j] + dot;
      }
    }
  }
  // Back to original units, clipped on bounded tasks, then to the job's normalized scale.
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const k = i * m + j;
      const back = (sum[k] / o.starts) * sd[j] + mean[j];
      const unit = units[j];
      const raw = unit === null
        ? back
        : Math.min(100, Math.max(0, 100 / (1 + Math.exp(-back)))) / unit;
      const e = scale.axis === "task" ? j : i;
      out[k] = (scale.sign[j] * raw - scale.offset[e]) / scale.range[e];
    }
  }
  return out;
}

/**
 * BenchPress's Logit Bias ALS as a {@linkcode Method} (see the module documentation). Its jobs
 * need their normalization (`Job.normalization`) and the problem its task scales
 * (`Problem.taskScales`); `fitPlanned` (eval/experiment.ts) passes both.
 *
 * @example
 * ```ts
 * const result = await runTable1(data, { methods: [biasAls()], scale: "task" });
 * ```
 */
export function biasAls(options: BiasAlsOptions = {}): Method {
  const o: Required<BiasAlsOptions> = {
    rank: options.rank ?? 2,
    lambda: options.lambda ?? 0.1,
    iterations: options.iterations ?? 40,
    starts: options.starts ?? 10,
    clip: options.clip ?? 0.5,
  };
  const positiveInt = (x: number) => Number.isInteger(x) && x >= 1;
  if (!positiveInt(o.rank) || !positiveInt(o.iterations) || !positiveInt(o.starts)) {
    throw new RangeError(
      `Cannot fit bias-als: rank, iterations and starts must be positive integers ` +
        `(${o.rank}, ${o.iterations}, ${o.starts})`,
    );
  }
  if (!(o.lambda > 0) || !(o.clip >= 0 && o.clip < 50)) {
    throw new RangeError(
      `Cannot fit bias-als: lambda is ${o.lambda} (expected > 0), clip ${o.clip} (expected 0-50)`,
    );
  }
  return jobwiseMethod(
    "bias-als",
    "Logit bias ALS (BenchPress)",
    { ...o },
    (problem, job, index) => ({ predictions: fitJob(problem, job, index, o) }),
  );
}
