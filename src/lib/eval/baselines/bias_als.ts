/**
 * Alternating least squares with biases, a low-rank interaction and the design factors as fixed
 * side features: `als`, and `bias-als`, BenchPress's completer (Logit Bias ALS; microsoft/benchpress,
 * "You Don't Need to Run Every Eval"), the peer's method beside ours on the same cells. Plain
 * TypeScript, closed form per step, deterministic for a seed.
 *
 * Per job, from its training cells only:
 * 1. Transform (models/transform.ts): `bias-als` and `als` by default sit behind `logit` (a
 *    bounded task's score in points clipped to [0.5, 99.5] and mapped to its logit, an unbounded
 *    task left in its units, then a z-score per task over the job's training cells).
 * 2. Fit `z_ij ≈ mu + a_i + c_j + U_i · V_j + F_i · W_j + H_i · G_j` by alternating ridge
 *    regressions: every model's `(a_i, U_i, H_i)` given the tasks', then every task's
 *    `(c_j, V_j, W_j)` given the models', each a small linear system with penalty `lambda` on the
 *    biases and the interaction and `lambdaFactors` on the factor weights; then `mu` as the mean
 *    residual (not penalized). `F_i` are model i's design factors and `G_j` task j's (fixed,
 *    encoded as the engine encodes them: a numeric factor as its standardized signed log1p and a
 *    missing indicator, a categorical one as one-hot of its levels), present only with
 *    `factors`; `W_j` and `H_i` are their per-task and per-model weights. `biases: false` drops
 *    `a_i` and `c_j`. 40 iterations from `mu` = the mean, zero biases and weights, and
 *    interactions drawn from N(0, 0.01^2); the reconstruction is averaged over 10 such starts.
 * 3. Back through the transform; a bounded task's prediction lies within its range.
 *
 * `bias-als` is the configuration BenchPress publishes (rank 2, lambda 0.1, no factors). The
 * starts are drawn from `createRng(job.seed)`, one stream for all of them: BenchPress's numpy
 * draws (seeds 42..51) cannot be reproduced, so single cells differ from its published
 * predictions; the protocol's pooled metrics do not depend on the draw beyond noise.
 *
 * @module
 */
import type { FactorTable } from "../../data/types.ts";
import { encodeFactors, factorShape } from "../../train/encode_factors.ts";
import { LOGIT_CLIP, transformed, type TransformId } from "../../models/transform.ts";
import type { Job, Method, MethodId, Problem } from "../../models/types.ts";
import { createRng } from "../../util/random.ts";
import { jobwiseMethod } from "./closed_form.ts";

/** Options of {@linkcode als}; the defaults are BenchPress's. */
export interface AlsOptions {
  /** Rank of the interaction `U_i · V_j` (0: biases and factors only). Default 2. */
  readonly rank?: number;
  /** Ridge penalty on the biases and the interaction. Default 0.1. */
  readonly lambda?: number;
  /** ALS iterations per start. Default 40. */
  readonly iterations?: number;
  /** Random starts averaged. Default 10. */
  readonly starts?: number;
  /** Model and task biases `a_i`, `c_j`. Default true. */
  readonly biases?: boolean;
  /** The models' and tasks' design factors as fixed side features. Default false. */
  readonly factors?: boolean;
  /** Ridge penalty on the factor weights `W_j`, `H_i`. Default 1. */
  readonly lambdaFactors?: number;
  /** The transform the method learns in (models/transform.ts). Default "logit". */
  readonly transform?: TransformId;
  /** Bounded scores are clipped to [clip, 100 - clip] points before the logit. Default 0.5. */
  readonly clip?: number;
}

/** BenchPress's options; `bias-als` takes the same ones as `als`. */
export type BiasAlsOptions = AlsOptions;

type Resolved = Required<AlsOptions>;

/** Solves the symmetric positive definite `a x = b` (size d, lower triangle of a) into `x`. */
function solveSpd(a: Float64Array, b: Float64Array, d: number, x: Float64Array): void {
  // Cholesky a = L L^T in place, then two triangular solves; lambda > 0 keeps a positive definite.
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

/** Per entity, the inverse of its Gram block (lower triangle) plus `lambda` on the diagonal. */
function invertGrams(gram: Float64Array, count: number, w: number, lambda: number): Float64Array {
  const out = new Float64Array(count * w * w);
  const a = new Float64Array(w * w);
  const unit = new Float64Array(w);
  const column = new Float64Array(w);
  for (let e = 0; e < count; e++) {
    for (let c = 0; c < w; c++) {
      a.set(gram.subarray(e * w * w, (e + 1) * w * w));
      for (let x = 0; x < w; x++) a[x * w + x] += lambda;
      unit.fill(0);
      unit[c] = 1;
      solveSpd(a, unit, w, column);
      for (let x = 0; x < w; x++) out[e * w * w + x * w + c] = column[x];
    }
  }
  return out;
}

/** Sparse side features of one axis's entities (compressed rows), `width` columns. */
interface Features {
  readonly width: number;
  readonly start: Uint32Array;
  readonly index: Uint32Array;
  readonly value: Float64Array;
}

const NO_FEATURES = (count: number): Features => ({
  width: 0,
  start: new Uint32Array(count + 1),
  index: new Uint32Array(),
  value: new Float64Array(),
});

/**
 * One side's design factors as sparse features for one job: the engine's encoding
 * (train/encode_factors.ts) with each categorical row one-hot; columns no entity uses are
 * dropped.
 */
function sideFeatures(
  table: FactorTable | undefined,
  count: number,
  trained: Uint8Array,
  factorSet: readonly number[] | undefined,
): Features {
  if (!table || table.factors.length === 0) return NO_FEATURES(count);
  const shape = factorShape(table, count);
  const { z, catIdx } = encodeFactors(table, shape, trained, factorSet);
  const F = shape.features;
  const C = shape.categorical.length;
  const used = new Int32Array(F + shape.rows).fill(-1);
  const columns = (e: number): [number, number][] => {
    const out: [number, number][] = [];
    for (let x = 0; x < F; x++) if (z[e * F + x] !== 0) out.push([x, z[e * F + x]]);
    for (let q = 0; q < C; q++) if (catIdx[e * C + q] >= 0) out.push([F + catIdx[e * C + q], 1]);
    return out;
  };
  const rows = Array.from({ length: count }, (_, e) => columns(e));
  let width = 0;
  for (const row of rows) for (const [x] of row) if (used[x] < 0) used[x] = width++;
  const start = new Uint32Array(count + 1);
  rows.forEach((row, e) => (start[e + 1] = start[e] + row.length));
  const index = new Uint32Array(start[count]);
  const value = new Float64Array(start[count]);
  rows.forEach((row, e) =>
    row.forEach(([x, v], q) => {
      index[start[e] + q] = used[x];
      value[start[e] + q] = v;
    })
  );
  return { width, start, index, value };
}

/** One axis of the factorization: its entities' cells, parameters and side features. */
interface Axis {
  readonly count: number;
  /** Cells of entity e: `start[e]..start[e + 1]`, the other axis's entity and the cell's value. */
  readonly start: Uint32Array;
  readonly other: Uint32Array;
  readonly z: Float64Array;
  readonly bias: Float64Array;
  /** count x rank. */
  readonly latent: Float64Array;
  /** This axis's own (fixed) features. */
  readonly features: Features;
  /** count x the OTHER axis's feature width: weights on the other axis's features. */
  readonly weights: Float64Array;
  /**
   * Per entity, `(G + lambdaFactors I)^-1` (full, symmetric), G the Gram matrix of the other
   * axis's features over its cells: fixed for the job, so each ridge step solves only the small
   * bias-and-interaction system (the Schur complement of this block).
   */
  readonly inverse: Float64Array;
  /**
   * The same block in the space of the entity's cells, used where it has fewer cells than
   * features: per cell p, `S⁻¹ f_p` (`solved`, cells x width), and per entity the projection
   * `I - F S⁻¹ Fᵀ` over its cells (`projection` from `projectionStart[e]`, cells² values).
   */
  readonly solved: Float64Array;
  readonly projection: Float64Array;
  readonly projectionStart: Float64Array;
}

/** The dense feature vector of entity `f` of the other axis into `out`. */
function denseRow(features: Features, f: number, out: Float64Array): void {
  out.fill(0);
  for (let x = features.start[f]; x < features.start[f + 1]; x++) {
    out[features.index[x]] = features.value[x];
  }
}

/** {@linkcode Axis}'s cell-space form of the feature block (see there). */
function cellSpace(
  start: Uint32Array,
  other: Uint32Array,
  features: Features,
  inverse: Float64Array,
): Pick<Axis, "solved" | "projection" | "projectionStart"> {
  const w = features.width;
  const count = start.length - 1;
  const projectionStart = new Float64Array(count + 1);
  for (let e = 0; e < count; e++) {
    const cells = start[e + 1] - start[e];
    projectionStart[e + 1] = projectionStart[e] + (w > 0 && cells <= w ? cells * cells : 0);
  }
  const solved = new Float64Array(w > 0 ? other.length * w : 0);
  const projection = new Float64Array(projectionStart[count]);
  if (w === 0) return { solved, projection, projectionStart };
  const row = new Float64Array(w);
  for (let e = 0; e < count; e++) {
    const inv = inverse.subarray(e * w * w, (e + 1) * w * w);
    for (let p = start[e]; p < start[e + 1]; p++) {
      denseRow(features, other[p], row);
      for (let c = 0; c < w; c++) {
        let t = 0;
        for (let c2 = 0; c2 < w; c2++) t += inv[c * w + c2] * row[c2];
        solved[p * w + c] = t;
      }
    }
    const cells = start[e + 1] - start[e];
    if (projectionStart[e + 1] === projectionStart[e]) continue;
    const base = projectionStart[e];
    for (let q = 0; q < cells; q++) {
      denseRow(features, other[start[e] + q], row);
      for (let q2 = 0; q2 < cells; q2++) {
        let t = 0;
        for (let c = 0; c < w; c++) t += row[c] * solved[(start[e] + q2) * w + c];
        projection[base + q * cells + q2] = (q === q2 ? 1 : 0) - t;
      }
    }
  }
  return { solved, projection, projectionStart };
}

function axisOf(
  keys: Uint32Array,
  others: Uint32Array,
  z: Float64Array,
  count: number,
  rank: number,
  features: Features,
  otherFeatures: Features,
  lambdaFactors: number,
): Axis {
  const start = new Uint32Array(count + 1);
  for (const key of keys) start[key + 1]++;
  for (let e = 0; e < count; e++) start[e + 1] += start[e];
  const fill = start.slice(0, count);
  const other = new Uint32Array(keys.length);
  const zs = new Float64Array(keys.length);
  keys.forEach((key, q) => {
    const p = fill[key]++;
    other[p] = others[q];
    zs[p] = z[q];
  });
  const w = otherFeatures.width;
  const gram = new Float64Array(count * w * w);
  for (let e = 0; e < count; e++) {
    for (let p = start[e]; p < start[e + 1]; p++) {
      const f = other[p];
      for (let x = otherFeatures.start[f]; x < otherFeatures.start[f + 1]; x++) {
        const ix = otherFeatures.index[x];
        for (let y = otherFeatures.start[f]; y < otherFeatures.start[f + 1]; y++) {
          const iy = otherFeatures.index[y];
          if (iy <= ix) {
            gram[e * w * w + ix * w + iy] += otherFeatures.value[x] * otherFeatures.value[y];
          }
        }
      }
    }
  }
  const inverse = invertGrams(gram, count, w, lambdaFactors);
  return {
    count,
    start,
    other,
    z: zs,
    bias: new Float64Array(count),
    latent: new Float64Array(count * rank),
    features,
    weights: new Float64Array(count * otherFeatures.width),
    inverse,
    ...cellSpace(start, other, otherFeatures, inverse),
  };
}

/** Scratch space of the normal equations, sized for the larger of the two axes' systems. */
interface Work {
  /** The bias-and-interaction block: k x k (lower triangle) and its right-hand side. */
  readonly small: Float64Array;
  readonly smallRhs: Float64Array;
  readonly smallSol: Float64Array;
  /** The cross block (features x k), its product with the inverse, and the features' side. */
  readonly cross: Float64Array;
  readonly solvedCross: Float64Array;
  readonly featureRhs: Float64Array;
  readonly solvedFeatures: Float64Array;
  /** The cell-space path: the design `[1, V]` per cell, the residuals, and both projected. */
  readonly design: Float64Array;
  readonly residuals: Float64Array;
  readonly projected: Float64Array;
  readonly projectedResiduals: Float64Array;
}

function workFor(k: number, width: number, cells: number): Work {
  return {
    design: new Float64Array(cells * k),
    residuals: new Float64Array(cells),
    projected: new Float64Array(cells * k),
    projectedResiduals: new Float64Array(cells),
    small: new Float64Array(k * k),
    smallRhs: new Float64Array(k),
    smallSol: new Float64Array(k),
    cross: new Float64Array(width * k),
    solvedCross: new Float64Array(width * k),
    featureRhs: new Float64Array(width),
    solvedFeatures: new Float64Array(width),
  };
}

/** Model i's or task j's own features times the other entity's weights on them. */
function sideDot(own: Features, e: number, otherWeights: Float64Array, f: number): number {
  let s = 0;
  const w = own.width;
  for (let x = own.start[e]; x < own.start[e + 1]; x++) {
    s += own.value[x] * otherWeights[f * w + own.index[x]];
  }
  return s;
}

/**
 * One block of ridge regressions: every entity of `axis` gets its bias, interaction and weights
 * on the other axis's features, given the other axis's parameters. The system
 * `[[P, Qᵀ], [Q, S]] [x; w] = [b; c]` is solved through the Schur complement of the fixed
 * feature block `S` (its inverse precomputed): `(P - Qᵀ S⁻¹ Q) x = b - Qᵀ S⁻¹ c`,
 * `w = S⁻¹ (c - Q x)`.
 */
function block(axis: Axis, other: Axis, mu: number, o: Resolved, work: Work): void {
  const r = o.rank;
  const nb = o.biases ? 1 : 0;
  const k = nb + r;
  const pf = other.features.width;
  const { small, smallRhs, smallSol, cross, solvedCross, featureRhs, solvedFeatures } = work;
  const of = other.features;
  for (let e = 0; e < axis.count; e++) {
    const from = axis.start[e];
    const to = axis.start[e + 1];
    if (from === to) continue;
    if (axis.projectionStart[e + 1] > axis.projectionStart[e]) {
      cellBlock(axis, other, e, mu, o, work);
      continue;
    }
    small.fill(0, 0, k * k);
    smallRhs.fill(0, 0, k);
    cross.fill(0, 0, pf * k);
    featureRhs.fill(0, 0, pf);
    for (let p = from; p < to; p++) {
      const f = axis.other[p];
      const residual = axis.z[p] - mu - other.bias[f] - sideDot(axis.features, e, other.weights, f);
      if (nb) {
        small[0]++;
        smallRhs[0] += residual;
      }
      for (let x = 0; x < r; x++) {
        const vx = other.latent[f * r + x];
        const row = (nb + x) * k;
        smallRhs[nb + x] += vx * residual;
        if (nb) small[row] += vx;
        for (let y = 0; y <= x; y++) small[row + nb + y] += vx * other.latent[f * r + y];
      }
      for (let q = of.start[f]; q < of.start[f + 1]; q++) {
        const v = of.value[q];
        const c = of.index[q];
        featureRhs[c] += v * residual;
        if (nb) cross[c * k] += v;
        for (let y = 0; y < r; y++) cross[c * k + nb + y] += v * other.latent[f * r + y];
      }
    }
    for (let x = 0; x < k; x++) small[x * k + x] += o.lambda;
    if (pf > 0) {
      const inv = axis.inverse.subarray(e * pf * pf, (e + 1) * pf * pf);
      for (let c = 0; c < pf; c++) {
        let s = 0;
        for (let c2 = 0; c2 < pf; c2++) s += inv[c * pf + c2] * featureRhs[c2];
        solvedFeatures[c] = s;
        for (let y = 0; y < k; y++) {
          let t = 0;
          for (let c2 = 0; c2 < pf; c2++) t += inv[c * pf + c2] * cross[c2 * k + y];
          solvedCross[c * k + y] = t;
        }
      }
      for (let x = 0; x < k; x++) {
        let rhs = 0;
        for (let c = 0; c < pf; c++) rhs += cross[c * k + x] * solvedFeatures[c];
        smallRhs[x] -= rhs;
        for (let y = 0; y <= x; y++) {
          let t = 0;
          for (let c = 0; c < pf; c++) t += cross[c * k + x] * solvedCross[c * k + y];
          small[x * k + y] -= t;
        }
      }
    }
    solveSpd(small, smallRhs, k, smallSol);
    if (nb) axis.bias[e] = smallSol[0];
    for (let x = 0; x < r; x++) axis.latent[e * r + x] = smallSol[nb + x];
    for (let c = 0; c < pf; c++) {
      let w = solvedFeatures[c];
      for (let y = 0; y < k; y++) w -= solvedCross[c * k + y] * smallSol[y];
      axis.weights[e * pf + c] = w;
    }
  }
}

/**
 * {@linkcode block}'s step for one entity with fewer cells than features, in the space of its
 * cells: with `X = [1, V]` over its cells, `R = I - F S⁻¹ Fᵀ` and residuals `y`, the same solution
 * is `(Xᵀ R X + lambda I) x = Xᵀ R y` and `w = S⁻¹ Fᵀ (y - X x)`.
 */
function cellBlock(axis: Axis, other: Axis, e: number, mu: number, o: Resolved, work: Work): void {
  const r = o.rank;
  const nb = o.biases ? 1 : 0;
  const k = nb + r;
  const pf = other.features.width;
  const from = axis.start[e];
  const cells = axis.start[e + 1] - from;
  const { design, residuals, projected, projectedResiduals, small, smallRhs, smallSol } = work;
  for (let q = 0; q < cells; q++) {
    const f = axis.other[from + q];
    residuals[q] = axis.z[from + q] - mu - other.bias[f] -
      sideDot(axis.features, e, other.weights, f);
    if (nb) design[q * k] = 1;
    for (let y = 0; y < r; y++) design[q * k + nb + y] = other.latent[f * r + y];
  }
  const R = axis.projection.subarray(axis.projectionStart[e], axis.projectionStart[e + 1]);
  for (let q = 0; q < cells; q++) {
    let t = 0;
    for (let q2 = 0; q2 < cells; q2++) t += R[q * cells + q2] * residuals[q2];
    projectedResiduals[q] = t;
    for (let y = 0; y < k; y++) {
      let u = 0;
      for (let q2 = 0; q2 < cells; q2++) u += R[q * cells + q2] * design[q2 * k + y];
      projected[q * k + y] = u;
    }
  }
  for (let x = 0; x < k; x++) {
    let b = 0;
    for (let q = 0; q < cells; q++) b += design[q * k + x] * projectedResiduals[q];
    smallRhs[x] = b;
    for (let y = 0; y <= x; y++) {
      let t = 0;
      for (let q = 0; q < cells; q++) t += design[q * k + x] * projected[q * k + y];
      small[x * k + y] = t + (x === y ? o.lambda : 0);
    }
  }
  solveSpd(small, smallRhs, k, smallSol);
  if (nb) axis.bias[e] = smallSol[0];
  for (let x = 0; x < r; x++) axis.latent[e * r + x] = smallSol[nb + x];
  for (let q = 0; q < cells; q++) {
    let t = residuals[q];
    for (let y = 0; y < k; y++) t -= design[q * k + y] * smallSol[y];
    residuals[q] = t;
  }
  for (let c = 0; c < pf; c++) {
    let w = 0;
    for (let q = 0; q < cells; q++) w += axis.solved[(from + q) * pf + c] * residuals[q];
    axis.weights[e * pf + c] = w;
  }
}

/** The fitted value of cell (i, j) without `mu`. */
function cellValue(models: Axis, tasks: Axis, i: number, j: number, r: number): number {
  let s = models.bias[i] + tasks.bias[j];
  for (let x = 0; x < r; x++) s += models.latent[i * r + x] * tasks.latent[j * r + x];
  return s + sideDot(models.features, i, tasks.weights, j) +
    sideDot(tasks.features, j, models.weights, i);
}

/** One job on the values it is given (the transformed space): the reconstruction averaged over starts. */
function fitJob(
  problem: Problem,
  job: Job,
  index: number,
  o: Resolved,
  id: MethodId,
): Float32Array {
  const { nModels: n, nTasks: m } = problem;
  const values = job.values ?? problem.values;
  const nCells = job.train.length;
  if (nCells === 0) throw new RangeError(`Cannot fit ${id}: job ${index} has no training cell`);
  const rows = new Uint32Array(nCells);
  const cols = new Uint32Array(nCells);
  const z = new Float64Array(nCells);
  const trainedModel = new Uint8Array(n);
  const trainedTask = new Uint8Array(m);
  let zMean = 0;
  job.train.forEach((k, q) => {
    if (!(k < n * m) || !Number.isFinite(values[k])) {
      throw new RangeError(
        `Cannot fit ${id}: job ${index} trains on cell ${k}, whose value is ${values[k]}`,
      );
    }
    rows[q] = Math.floor(k / m);
    cols[q] = k % m;
    z[q] = values[k];
    trainedModel[rows[q]] = 1;
    trainedTask[cols[q]] = 1;
    zMean += z[q];
  });
  zMean /= nCells;
  const modelFeatures = o.factors
    ? sideFeatures(problem.modelFactors, n, trainedModel, job.modelFactorSet)
    : NO_FEATURES(n);
  const taskFeatures = o.factors
    ? sideFeatures(problem.taskFactors, m, trainedTask, job.taskFactorSet)
    : NO_FEATURES(m);
  const r = o.rank;
  const lf = o.lambdaFactors;
  const models = axisOf(rows, cols, z, n, r, modelFeatures, taskFeatures, lf);
  const tasks = axisOf(cols, rows, z, m, r, taskFeatures, modelFeatures, lf);
  let cells = 0;
  for (const axis of [models, tasks]) {
    for (let e = 0; e < axis.count; e++) cells = Math.max(cells, axis.start[e + 1] - axis.start[e]);
  }
  const work = workFor(1 + r, Math.max(modelFeatures.width, taskFeatures.width), cells);
  const sum = new Float64Array(n * m);
  const random = createRng(job.seed);
  for (let start = 0; start < o.starts; start++) {
    let mu = zMean;
    for (const axis of [models, tasks]) {
      axis.bias.fill(0);
      axis.weights.fill(0);
    }
    for (let x = 0; x < models.latent.length; x++) models.latent[x] = 0.01 * random.normal();
    for (let x = 0; x < tasks.latent.length; x++) tasks.latent[x] = 0.01 * random.normal();
    for (let it = 0; it < o.iterations; it++) {
      block(models, tasks, mu, o, work);
      block(tasks, models, mu, o, work);
      let residual = 0;
      for (let q = 0; q < nCells; q++) {
        residual += z[q] - cellValue(models, tasks, rows[q], cols[q], r);
      }
      mu = residual / nCells;
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) sum[i * m + j] += mu + cellValue(models, tasks, i, j, r);
    }
  }
  return Float32Array.from(sum, (s) => s / o.starts);
}

function resolve(id: MethodId, options: AlsOptions): Resolved {
  const o: Resolved = {
    rank: options.rank ?? 2,
    lambda: options.lambda ?? 0.1,
    iterations: options.iterations ?? 40,
    starts: options.starts ?? 10,
    biases: options.biases ?? true,
    factors: options.factors ?? false,
    lambdaFactors: options.lambdaFactors ?? 1,
    transform: options.transform ?? "logit",
    clip: options.clip ?? LOGIT_CLIP,
  };
  const positiveInt = (x: number) => Number.isInteger(x) && x >= 1;
  if (
    !(Number.isInteger(o.rank) && o.rank >= 0) || !positiveInt(o.iterations) ||
    !positiveInt(o.starts)
  ) {
    throw new RangeError(
      `Cannot fit ${id}: rank must be an integer >= 0, iterations and starts positive integers ` +
        `(${o.rank}, ${o.iterations}, ${o.starts})`,
    );
  }
  if (!(o.lambda > 0) || !(o.lambdaFactors > 0) || !(o.clip >= 0 && o.clip < 50)) {
    throw new RangeError(
      `Cannot fit ${id}: lambda is ${o.lambda} and lambdaFactors ${o.lambdaFactors} (expected ` +
        `> 0), clip ${o.clip} (expected 0-50)`,
    );
  }
  return o;
}

function alsMethod(id: MethodId, label: string, options: AlsOptions): Method {
  const o = resolve(id, options);
  const { transform, clip, ...core } = o;
  const inner: Method = {
    ...jobwiseMethod(
      id,
      label,
      { ...core },
      (problem, job, index) => ({ predictions: fitJob(problem, job, index, o, id) }),
    ),
    usesFactors: o.factors,
  };
  return transformed(inner, transform, { clip });
}

/**
 * ALS with biases, a low-rank interaction and (with `factors`) the design factors as side
 * features, behind a transform (see the module documentation). Its jobs need their
 * normalization (`Job.normalization`) and, behind `logit`, the problem its task scales;
 * `fitPlanned` (eval/experiment.ts) passes both.
 *
 * @example
 * ```ts
 * const withFactors = als({ rank: 2, factors: true });
 * const result = await runHoldout(data, folds, { methods: [withFactors] });
 * ```
 */
export function als(options: AlsOptions = {}): Method {
  return alsMethod("als", "ALS with biases", options);
}

/**
 * BenchPress's Logit Bias ALS as a {@linkcode Method}: {@linkcode als} with BenchPress's settings
 * (rank 2, lambda 0.1, 40 iterations, 10 starts, logit with a 0.5-point clip, no factors).
 *
 * @example
 * ```ts
 * const result = await runTable1(data, { methods: [biasAls()], scale: "task" });
 * ```
 */
export function biasAls(options: BiasAlsOptions = {}): Method {
  return alsMethod("bias-als", "Logit bias ALS (BenchPress)", options);
}
