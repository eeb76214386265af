/**
 * Inference from exported weights: the forward pass of a trained model for any model row (a
 * known one, or a new one described by its design factors), and fold-in, which fits a new
 * model's ID embedding (and bias) to the few scores already known with every other weight fixed.
 *
 * This module has NO imports: the report's predict page loads it in the browser as it is, and the
 * library (the notebooks, the fold-in calibration) runs the same code. Its forward
 * pass is checked against the kernels' predictions (tests/models/infer_test.ts).
 *
 * Everything here is on the job's normalized scale (higher is better); {@linkcode toNormalized}
 * and {@linkcode fromNormalized} map one task's scores in and out.
 *
 * @module
 */

/** A design factor's value as a user types it: a number, a category, or missing. */
export type FactorValue = number | string | null | undefined;

/** How one numeric model factor is encoded: `sign(x) log1p(|x|)`, standardized. */
export interface PortableNumeric {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
}

/** One categorical model factor: the values seen in training and their embedding rows. */
export interface PortableCategorical {
  readonly name: string;
  /** Values seen by the trained model; any other value (or none) takes `unknown`. */
  readonly levels: readonly string[];
  /** levels.length x k, row-major. */
  readonly rows: readonly number[];
  /** The "unknown" row (k). */
  readonly unknown: readonly number[];
}

/** The model side's factor encoder: numeric MLP + categorical tables (absent without factors). */
export interface PortableEncoder {
  readonly numeric: readonly PortableNumeric[];
  readonly categorical: readonly PortableCategorical[];
  /** Hidden units of the numeric MLP. */
  readonly hidden: number;
  /** hidden x (2 numeric.length), row-major. */
  readonly W1: readonly number[];
  readonly a1: readonly number[];
  /** k x hidden, row-major. */
  readonly W2: readonly number[];
  readonly a2: readonly number[];
}

/** One trained ensemble member, exported (JSON-friendly: plain arrays). */
export interface PortableModel {
  readonly method: string;
  readonly head: "dot" | "ncf";
  /** Embedding dimension. */
  readonly k: number;
  /** Hidden units of the NCF head (0 for "dot"). */
  readonly H: number;
  readonly ids: boolean;
  readonly biases: boolean;
  /** The global offset (0 when unused). */
  readonly mu: number;
  /** The training objective's weights: MSE over `nTrain` cells + l2 |id|^2 + l2Bias b^2. */
  readonly l2: number;
  readonly l2Bias: number;
  readonly nTrain: number;
  readonly tasks: {
    readonly names: readonly string[];
    /** m x k: each task's full embedding (ID + factor part). */
    readonly emb: readonly number[];
    /** m x H: each task's share of the head's hidden layer (W1 task half . emb). */
    readonly proj: readonly number[];
    readonly bias: readonly number[];
  };
  /** The NCF head's model half of W1 (H x k), its offsets a1 (H), GMF weights wg (k), wh (H). */
  readonly W1m: readonly number[];
  readonly a1: readonly number[];
  readonly wg: readonly number[];
  readonly wh: readonly number[];
  readonly encoder: PortableEncoder | null;
  readonly models: {
    readonly names: readonly string[];
    /** n x k: each trained model's full embedding. */
    readonly emb: readonly number[];
    /** n: each trained model's bias (0 without biases). */
    readonly bias: readonly number[];
  };
}

/** A task's normalization: `(sign * s - offset) / range` (see data/normalize.ts). */
export interface PortableScale {
  readonly sign: readonly number[];
  readonly offset: readonly number[];
  readonly range: readonly number[];
  /** The task's unit range in original units, or null (unknown). */
  readonly unit: readonly ({ lo: number; hi: number } | null)[];
}

/** A score known for the model being predicted, on the normalized scale. */
export interface KnownScore {
  readonly task: number;
  readonly value: number;
}

/** Options of {@linkcode foldIn}. */
export interface FoldInOptions {
  /** Adam steps. Default 300. */
  readonly steps?: number;
  /** Adam learning rate. Default 0.05. */
  readonly lr?: number;
}

/** What {@linkcode foldIn} returns. */
export interface FoldIn {
  /** The fitted ID embedding (zeros without ID embeddings or known scores). */
  readonly id: Float64Array;
  readonly bias: number;
  /** The model's full embedding: factor part + ID. */
  readonly emb: Float64Array;
  /** Normalized predictions for every task. */
  readonly predictions: Float64Array;
}

const relu = (x: number) => (x > 0 ? x : 0);
const signedLog1p = (x: number) => (x < 0 ? -Math.log1p(-x) : Math.log1p(x));

/**
 * The factor part of a new model's embedding (k values): what the trained model knows of a model
 * from its design factors alone. Zeros for a method without factors. Unknown names of `factors`
 * are an error; a factor left out is missing.
 */
export function factorEmbedding(
  model: PortableModel,
  factors: Readonly<Record<string, FactorValue>> = {},
): Float64Array {
  const { k } = model;
  const out = new Float64Array(k);
  const enc = model.encoder;
  if (!enc) return out;
  const known = new Set([...enc.numeric.map((f) => f.name), ...enc.categorical.map((f) => f.name)]);
  for (const name of Object.keys(factors)) {
    if (!known.has(name)) {
      throw new RangeError(
        `Cannot encode the model's factors: '${name}' is not a factor of this model ` +
          `(expected one of ${[...known].join(", ")})`,
      );
    }
  }
  const F = 2 * enc.numeric.length;
  const z = new Float64Array(F);
  enc.numeric.forEach((f, q) => {
    const raw = factors[f.name];
    const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    if (typeof v === "number" && Number.isFinite(v)) z[2 * q] = (signedLog1p(v) - f.mean) / f.sd;
    else if (v === null || v === undefined || v === "") z[2 * q + 1] = 1;
    else {
      throw new RangeError(
        `Cannot encode the model's factors: ${f.name} is '${raw}' (expected a number or nothing)`,
      );
    }
  });
  for (let d = 0; d < k; d++) out[d] = enc.a2[d];
  for (let h = 0; h < enc.hidden; h++) {
    let s = enc.a1[h];
    for (let f = 0; f < F; f++) s += enc.W1[h * F + f] * z[f];
    const a = relu(s);
    if (a === 0) continue;
    for (let d = 0; d < k; d++) out[d] += enc.W2[d * enc.hidden + h] * a;
  }
  for (const c of enc.categorical) {
    const raw = factors[c.name];
    const r = raw === null || raw === undefined ? -1 : c.levels.indexOf(String(raw));
    for (let d = 0; d < k; d++) out[d] += r < 0 ? c.unknown[d] : c.rows[r * k + d];
  }
  return out;
}

/** The head's prediction of task j for a model with embedding `emb`, bias `bias`, projection `pe`. */
function headAt(
  model: PortableModel,
  emb: ArrayLike<number>,
  bias: number,
  pe: Float64Array,
  j: number,
) {
  const { k, H, tasks } = model;
  let y = model.mu + bias + tasks.bias[j];
  const o = j * k;
  if (model.head === "ncf") {
    for (let d = 0; d < k; d++) y += model.wg[d] * emb[d] * tasks.emb[o + d];
    for (let h = 0; h < H; h++) {
      y += model.wh[h] * relu(model.a1[h] + pe[h] + tasks.proj[j * H + h]);
    }
  } else {
    for (let d = 0; d < k; d++) y += emb[d] * tasks.emb[o + d];
  }
  return y;
}

function project(model: PortableModel, emb: ArrayLike<number>): Float64Array {
  const { k, H } = model;
  const pe = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    let s = 0;
    for (let d = 0; d < k; d++) s += model.W1m[h * k + d] * emb[d];
    pe[h] = s;
  }
  return pe;
}

/** Normalized predictions of every task for a model with embedding `emb` and bias `bias`. */
export function predictRow(model: PortableModel, emb: ArrayLike<number>, bias = 0): Float64Array {
  const m = model.tasks.names.length;
  const pe = project(model, emb);
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) out[j] = headAt(model, emb, bias, pe, j);
  return out;
}

/** Normalized predictions of a trained model's row (by index among `model.models.names`). */
export function predictKnown(model: PortableModel, i: number): Float64Array {
  const { k } = model;
  return predictRow(model, model.models.emb.slice(i * k, (i + 1) * k), model.models.bias[i]);
}

/**
 * Fits a new model's ID embedding (and bias, where the method has biases) to its known scores,
 * every other weight fixed, by minimizing the training objective restricted to that model:
 * `sum_known (y - s)^2 / nTrain + l2 |id|^2 + l2Bias b^2`, by Adam from zero (deterministic).
 * Without known scores, or without ID embeddings, the ID stays zero: the prediction is the
 * factors' alone.
 *
 * @example
 * ```ts
 * const base = factorEmbedding(member, { "Parameter Size(M)": 7000, family: "LLama-2" });
 * const fit = foldIn(member, base, [{ task: 3, value: 0.42 }]);
 * fit.predictions; // normalized scores of every task
 * ```
 */
export function foldIn(
  model: PortableModel,
  base: ArrayLike<number>,
  known: readonly KnownScore[],
  options: FoldInOptions = {},
): FoldIn {
  const { k, H } = model;
  const m = model.tasks.names.length;
  for (const s of known) {
    if (!Number.isInteger(s.task) || s.task < 0 || s.task >= m || !Number.isFinite(s.value)) {
      throw new RangeError(
        `Cannot fold in a model: known score ${JSON.stringify(s)} (expected a task index below ` +
          `${m} and a finite value)`,
      );
    }
  }
  const id = new Float64Array(k);
  let bias = 0;
  const emb = Float64Array.from(base);
  const learnId = model.ids && known.length > 0;
  const learnBias = model.biases && known.length > 0;
  if (learnId || learnBias) {
    const steps = options.steps ?? 300;
    const lr = options.lr ?? 0.05;
    const P = k + 1;
    const mom = new Float64Array(P);
    const vel = new Float64Array(P);
    const g = new Float64Array(P);
    const scale = 2 / Math.max(1, model.nTrain);
    let b1 = 1;
    let b2 = 1;
    for (let t = 0; t < steps; t++) {
      for (let d = 0; d < k; d++) emb[d] = base[d] + id[d];
      const pe = project(model, emb);
      g.fill(0);
      for (const s of known) {
        const j = s.task;
        const r = scale * (headAt(model, emb, bias, pe, j) - s.value);
        const o = j * k;
        if (model.head === "ncf") {
          for (let d = 0; d < k; d++) g[d] += r * model.wg[d] * model.tasks.emb[o + d];
          for (let h = 0; h < H; h++) {
            if (model.a1[h] + pe[h] + model.tasks.proj[j * H + h] <= 0) continue;
            const w = r * model.wh[h];
            for (let d = 0; d < k; d++) g[d] += w * model.W1m[h * k + d];
          }
        } else {
          for (let d = 0; d < k; d++) g[d] += r * model.tasks.emb[o + d];
        }
        g[k] += r;
      }
      for (let d = 0; d < k; d++) g[d] = learnId ? g[d] + 2 * model.l2 * id[d] : 0;
      g[k] = learnBias ? g[k] + 2 * model.l2Bias * bias : 0;
      b1 *= 0.9;
      b2 *= 0.999;
      for (let p = 0; p < P; p++) {
        mom[p] = 0.9 * mom[p] + 0.1 * g[p];
        vel[p] = 0.999 * vel[p] + 0.001 * g[p] * g[p];
        const step = (lr * (mom[p] / (1 - b1))) / (Math.sqrt(vel[p] / (1 - b2)) + 1e-8);
        if (p < k) id[p] -= step;
        else bias -= step;
      }
    }
  }
  for (let d = 0; d < k; d++) emb[d] = base[d] + id[d];
  return { id, bias, emb, predictions: predictRow(model, emb, bias) };
}

/** A score of task j in original units, normalized. */
export function toNormalized(scale: PortableScale, j: number, value: number): number {
  return (scale.sign[j] * value - scale.offset[j]) / scale.range[j];
}

/** A normalized value of task j back in original units. */
export function fromNormalized(scale: PortableScale, j: number, value: number): number {
  return scale.sign[j] * (value * scale.range[j] + scale.offset[j]);
}

/** Calibrated interval half-widths of fold-in predictions, by number of known scores. */
export interface FoldInCalibration {
  readonly level: number;
  readonly score: "absolute" | "ensemble";
  /** Conformal quantile for 0, 1, 2, ... known scores (the last serves any larger count). */
  readonly quantiles: readonly number[];
  /** `ensemble`: the ε added to each spread, per count of known scores as `quantiles`. */
  readonly epsilons: readonly number[];
}

/** One task's prediction for a new model, original units. */
export interface TaskPrediction {
  readonly task: string;
  /** The score the user gave, or null where it is predicted. */
  readonly known: number | null;
  readonly predicted: number;
  readonly lower: number;
  readonly upper: number;
  /** Ensemble spread, normalized units. */
  readonly spread: number;
}

/** Known scores in original units, by task name. */
export type KnownScores = Readonly<Record<string, number | null | undefined>>;

function knownList(members: readonly PortableModel[], scale: PortableScale, scores: KnownScores) {
  const names = members[0].tasks.names;
  const list: KnownScore[] = [];
  for (const [task, value] of Object.entries(scores)) {
    if (value === null || value === undefined || Number.isNaN(value)) continue;
    const j = names.indexOf(task);
    if (j < 0) {
      throw new RangeError(`Cannot predict the model: '${task}' is not a task of this model`);
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(`Cannot predict the model: the score of ${task} is ${value}`);
    }
    list.push({ task: j, value: toNormalized(scale, j, value) });
  }
  return list;
}

/** The ensemble's normalized mean and spread (n - 1) per task, after folding in every member. */
function ensembleRows(
  members: readonly PortableModel[],
  bases: readonly Float64Array[],
  known: readonly KnownScore[],
  options: FoldInOptions,
): { mean: Float64Array; spread: Float64Array } {
  const m = members[0].tasks.names.length;
  const rows = members.map((member, e) => foldIn(member, bases[e], known, options).predictions);
  const mean = new Float64Array(m);
  const spread = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (const r of rows) s += r[j];
    mean[j] = s / rows.length;
    let ss = 0;
    for (const r of rows) ss += (r[j] - mean[j]) ** 2;
    spread[j] = rows.length > 1 ? Math.sqrt(ss / (rows.length - 1)) : 0;
  }
  return { mean, spread };
}

/** The normalized half-width of a cell with `spread` when `count` scores are known. */
export function halfWidth(calibration: FoldInCalibration, count: number, spread: number): number {
  const c = Math.min(count, calibration.quantiles.length - 1);
  const q = calibration.quantiles[c];
  return calibration.score === "ensemble" ? q * (spread + calibration.epsilons[c]) : q;
}

/** The library's `boundsOf` (eval/intervals/_conformal.ts), restated here to keep this module import-free. */
function interval(scale: PortableScale, j: number, mean: number, half: number) {
  const raw = fromNormalized(scale, j, mean);
  const a = fromNormalized(scale, j, mean - half);
  const b = fromNormalized(scale, j, mean + half);
  const unit = scale.unit[j];
  const clip = (x: number) => (unit ? Math.min(unit.hi, Math.max(unit.lo, x)) : x);
  return {
    predicted: clip(raw),
    lower: clip(Math.min(a, b, raw)),
    upper: clip(Math.max(a, b, raw)),
  };
}

/**
 * Predicts every task of a new model from its design factors and the scores already known
 * (original units), with calibrated intervals: the ensemble's members are each folded in, their
 * mean is the prediction and the interval's half-width comes from `calibration`.
 *
 * @example
 * ```ts
 * const rows = predictNewModel(members, scale, calibration, { family: "LLama-2" }, { MMLU: 45.3 });
 * rows.find((r) => r.task === "GSM8K"); // { predicted, lower, upper, known: null, ... }
 * ```
 */
export function predictNewModel(
  members: readonly PortableModel[],
  scale: PortableScale,
  calibration: FoldInCalibration,
  factors: Readonly<Record<string, FactorValue>>,
  scores: KnownScores = {},
  options: FoldInOptions = {},
): TaskPrediction[] {
  if (members.length === 0) throw new RangeError("Cannot predict the model: no ensemble member");
  const known = knownList(members, scale, scores);
  const bases = members.map((member) => factorEmbedding(member, factors));
  const { mean, spread } = ensembleRows(members, bases, known, options);
  return members[0].tasks.names.map((task, j) => {
    const half = halfWidth(calibration, known.length, spread[j]);
    const b = interval(scale, j, mean[j], half);
    const given = scores[task];
    return {
      task,
      known: typeof given === "number" && !Number.isNaN(given) ? given : null,
      ...b,
      spread: spread[j],
    };
  });
}

/** One candidate of {@linkcode whatToRunNext}. */
export interface NextBenchmark {
  readonly task: string;
  /** Mean normalized interval width over the other unknown tasks now, and after running it. */
  readonly widthBefore: number;
  readonly widthAfter: number;
  /** widthBefore - widthAfter: how much running this benchmark would shrink the others. */
  readonly gain: number;
}

/**
 * Ranks the benchmarks not yet known by how much running each would shrink the intervals of the
 * other unknown tasks: for each candidate, its score is taken at the ensemble's current
 * prediction, every member is folded in again with it, and the mean normalized width of the
 * other unknown tasks' intervals (half-widths from `calibration` at one more known score) is
 * compared with the width now. Largest gain first.
 */
export function whatToRunNext(
  members: readonly PortableModel[],
  scale: PortableScale,
  calibration: FoldInCalibration,
  factors: Readonly<Record<string, FactorValue>>,
  scores: KnownScores = {},
  options: FoldInOptions = {},
): NextBenchmark[] {
  if (members.length === 0) throw new RangeError("Cannot rank benchmarks: no ensemble member");
  const known = knownList(members, scale, scores);
  const names = members[0].tasks.names;
  // the factor part of the embedding does not depend on the candidate: encode it once
  const bases = members.map((member) => factorEmbedding(member, factors));
  const now = ensembleRows(members, bases, known, options);
  const taken = new Set(known.map((s) => s.task));
  const open = names.map((_, j) => j).filter((j) => !taken.has(j));
  const out: NextBenchmark[] = [];
  for (const c of open) {
    const others = open.filter((j) => j !== c);
    if (others.length === 0) continue;
    const after = ensembleRows(
      members,
      bases,
      [...known, { task: c, value: now.mean[c] }],
      options,
    );
    let before = 0;
    let next = 0;
    for (const j of others) {
      before += 2 * halfWidth(calibration, known.length, now.spread[j]);
      next += 2 * halfWidth(calibration, known.length + 1, after.spread[j]);
    }
    before /= others.length;
    next /= others.length;
    out.push({ task: names[c], widthBefore: before, widthAfter: next, gain: before - next });
  }
  return out.sort((a, b) => b.gain - a.gain || a.task.localeCompare(b.task));
}
