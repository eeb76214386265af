/**
 * The scaling-law baseline of the emergent split (PROTOCOL.md, "Splits" and "Methods"): per model
 * family and target task, a curve fitted on the family's small members and extrapolated to its
 * large members.
 *
 * Exact definitions:
 * - Size: `params` = model factor 'Parameter Size(M)' x 1e6 (a parameter count). Small: at most
 *   `threshold` M parameters (default 13000, i.e. 13B); large: more. A model without a parameter
 *   count is neither (listed in `leftOut`).
 * - Family: model factor 'family' (exact string). A family is considered when it has at least one
 *   large member; its fit on task j uses its small members observed on j.
 * - `log-linear`: `score ≈ a + b · x`, `x = log10(params)`, least squares. Needs at least 2 small
 *   members with a score on the task and 2 distinct sizes.
 * - `sigmoid`: `score ≈ lo + (hi - lo) · σ(α + β · (x - c))`, `x = log10(compute)`, `c` = mean x
 *   of the members fitted, `σ` the logistic function. Fixed range: `lo`, `hi` = the task's unit
 *   range (0 and 100 for a percent task, 0 and 1 for a fraction task; a task of `other` scale is
 *   not fitted): floor 0 rather than a chance level, since chance differs per task (0 for
 *   generation tasks such as GSM8K, HumanEval, MBPP, MATH). α and β minimize the squared error in
 *   score units by Levenberg-Marquardt ({@linkcode levenbergMarquardt}), started from a
 *   least-squares line through the logits of the scores clipped to [1%, 99%] of the range.
 *   Needs 2 small members with a score and a known compute, with 2 distinct computes.
 * - Compute (`compute` option): "6ND" (default) = 6 · params · tokens, tokens = model factor
 *   'Pretraining Dataset Size(B)' x 1e9; unknown when either is missing. "flops-else-6ND" = the
 *   'FLOPs' factor where present, else 6ND. The default ignores the FLOPs column because its units
 *   are mixed in the crowdsourced table: Chinchilla's 5.76e23 is a FLOP count, but Pythia-1.4B's
 *   7120 and 2.8B's 14240 (6ND ≈ 2.5e21 and 5.0e21) are not, so mixing them with 6ND inside one
 *   family would put members on different scales.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { FactorTable } from "../../data/types.ts";
import { unitRange } from "../splits/job_scale.ts";
import { solveLinear } from "../_linear_algebra.ts";

/** The two laws. */
export type ScalingLaw = "log-linear" | "sigmoid";

/** How compute is obtained (see the module documentation). */
export type ComputeRule = "6ND" | "flops-else-6ND";

/** The model factors the baseline reads, by name. */
export interface ScaleFactorNames {
  readonly family: string;
  readonly params: string;
  readonly tokens: string;
  readonly flops: string;
}

export const DEFAULT_SCALE_FACTORS: ScaleFactorNames = {
  family: "family",
  params: "Parameter Size(M)",
  tokens: "Pretraining Dataset Size(B)",
  flops: "FLOPs",
};

/** A model's size facts. */
export interface ModelScale {
  readonly model: string;
  readonly family: string | null;
  /** Parameter count (the factor in M, x 1e6); null when unknown. */
  readonly params: number | null;
  /** Training tokens (the factor in B, x 1e9); null when unknown. */
  readonly tokens: number | null;
  /** Training compute in FLOPs per the compute rule; null when unknown. */
  readonly compute: number | null;
}

function column(table: FactorTable | undefined, name: string): readonly (number | string | null)[] {
  const found = table?.factors.find((f) => f.name === name);
  return found ? found.values : [];
}

function positive(v: number | string | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

/**
 * Every model's family, parameter count, tokens and compute, from its design factors.
 *
 * @example
 * ```ts
 * modelScales(data).find((m) => m.model === "LLama-2-7B"); // { params: 7e9, tokens: 2e12, … }
 * ```
 */
export function modelScales(
  data: Dataset,
  options: { compute?: ComputeRule; factors?: Partial<ScaleFactorNames> } = {},
): ModelScale[] {
  const names = { ...DEFAULT_SCALE_FACTORS, ...options.factors };
  const rule = options.compute ?? "6ND";
  if (rule !== "6ND" && rule !== "flops-else-6ND") {
    throw new RangeError(`Cannot read model sizes: compute rule '${rule}' is unknown`);
  }
  const table = data.modelFactors;
  if (!table || !table.factors.some((f) => f.name === names.params)) {
    throw new RangeError(
      `Cannot read model sizes: ${data.id} has no model factor '${names.params}'`,
    );
  }
  const family = column(table, names.family);
  const params = column(table, names.params);
  const tokens = column(table, names.tokens);
  const flops = column(table, names.flops);
  return data.scores.dense.models.map((model, i) => {
    const p = positive(params[i]);
    const t = positive(tokens[i]);
    const f = rule === "flops-else-6ND" ? positive(flops[i]) : null;
    const fam = family[i];
    return {
      model,
      family: fam === null || fam === undefined || fam === "" ? null : String(fam),
      params: p === null ? null : p * 1e6,
      tokens: t === null ? null : t * 1e9,
      compute: f ?? (p !== null && t !== null ? 6 * p * 1e6 * t * 1e9 : null),
    };
  });
}

/** A least-squares line `y ≈ a + b x`. */
export interface LineFit {
  readonly a: number;
  readonly b: number;
  readonly n: number;
  /** Sum of squared residuals. */
  readonly sse: number;
}

/**
 * Least-squares line through (x, y); needs 2 distinct x.
 *
 * @example
 * ```ts
 * fitLine([1, 2, 3], [3, 5, 7]); // { a: 1, b: 2, n: 3, sse: 0 }
 * ```
 */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`Cannot fit a line: ${n} x for ${y.length} y`);
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let [sxx, sxy] = [0, 0];
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (!(n >= 2 && sxx > 0)) {
    throw new RangeError(`Cannot fit a line: needs 2 distinct x (got ${n} points)`);
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - a - b * x[i]) ** 2;
  return { a, b, n, sse };
}

/** Options of {@linkcode levenbergMarquardt}. */
export interface LmOptions {
  /** Default 200. */
  readonly maxIterations?: number;
  /** Stop when a step lowers the squared error by less than this, relatively. Default 1e-12. */
  readonly tolerance?: number;
}

/** What {@linkcode levenbergMarquardt} returns. */
export interface LmResult {
  readonly params: number[];
  readonly sse: number;
  readonly iterations: number;
  /** False when the iteration limit stopped it. */
  readonly converged: boolean;
}

/**
 * Levenberg-Marquardt least squares for a few parameters: minimizes `Σ r_i(p)^2` given the
 * residuals and their Jacobian (`jacobian(p)[i][k] = ∂r_i/∂p_k`). Damping is Marquardt's (the
 * diagonal of JᵀJ scaled by μ), μ divided by 3 after an accepted step and multiplied by 4 after a
 * rejected one. Deterministic: no random restart.
 *
 * @example
 * ```ts
 * // fit y = p0 * exp(p1 * x)
 * const x = [0, 1, 2], y = [2, 2 * Math.E, 2 * Math.E ** 2];
 * const fit = levenbergMarquardt(
 *   (p) => x.map((v, i) => p[0] * Math.exp(p[1] * v) - y[i]),
 *   (p) => x.map((v) => [Math.exp(p[1] * v), p[0] * v * Math.exp(p[1] * v)]),
 *   [1, 0],
 * );
 * fit.params; // ≈ [2, 1]
 * ```
 */
export function levenbergMarquardt(
  residuals: (p: readonly number[]) => number[],
  jacobian: (p: readonly number[]) => number[][],
  start: readonly number[],
  options: LmOptions = {},
): LmResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-12;
  const sumSq = (r: number[]) => r.reduce((s, v) => s + v * v, 0);
  let p = [...start];
  let sse = sumSq(residuals(p));
  if (!Number.isFinite(sse)) {
    throw new RangeError(`Cannot fit: the squared error at the start is ${sse}`);
  }
  const n = p.length;
  let mu = 1e-3;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const r = residuals(p);
    const jac = jacobian(p);
    const a = Array.from(
      { length: n },
      (_, u) => Array.from({ length: n }, (_, v) => jac.reduce((s, row) => s + row[u] * row[v], 0)),
    );
    const g = Array.from({ length: n }, (_, u) => jac.reduce((s, row, i) => s + row[u] * r[i], 0));
    if (g.every((v) => Math.abs(v) < 1e-15)) {
      return { params: p, sse, iterations: iteration, converged: true };
    }
    let accepted = false;
    while (mu < 1e12) {
      const damped = a.map((row, u) =>
        row.map((v, w) => (u === w ? v + mu * Math.max(v, 1e-12) : v))
      );
      let step: number[];
      try {
        step = solveLinear(damped, g.map((v) => -v));
      } catch {
        mu *= 4;
        continue;
      }
      const next = p.map((v, k) => v + step[k]);
      const nextSse = sumSq(residuals(next));
      if (Number.isFinite(nextSse) && nextSse < sse) {
        const gain = sse - nextSse;
        p = next;
        const before = sse;
        sse = nextSse;
        mu = Math.max(mu / 3, 1e-15);
        accepted = true;
        if (gain <= tolerance * (before + tolerance)) {
          return { params: p, sse, iterations: iteration, converged: true };
        }
        break;
      }
      mu *= 4;
    }
    // No damping lowers the error: a (local) minimum to the precision of the arithmetic.
    if (!accepted) return { params: p, sse, iterations: iteration, converged: true };
  }
  return { params: p, sse, iterations: maxIterations, converged: false };
}

/** A fixed-range sigmoid `lo + (hi - lo) · σ(alpha + beta · (x - center))`. */
export interface SigmoidFit {
  readonly alpha: number;
  readonly beta: number;
  readonly center: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly sse: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const logistic = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * The value of a fitted sigmoid at `x`.
 *
 * @example
 * ```ts
 * sigmoidAt({ alpha: 0, beta: 1, center: 0, lo: 0, hi: 100, n: 2, sse: 0, iterations: 1,
 *   converged: true }, 0); // 50
 * ```
 */
export function sigmoidAt(fit: SigmoidFit, x: number): number {
  return fit.lo + (fit.hi - fit.lo) * logistic(fit.alpha + fit.beta * (x - fit.center));
}

/**
 * Fits a fixed-range sigmoid to (x, y) by Levenberg-Marquardt (see the module documentation);
 * needs 2 distinct x and `hi > lo`.
 *
 * @example
 * ```ts
 * const fit = fitSigmoid([20, 21, 22], [10, 50, 90], { lo: 0, hi: 100 });
 * sigmoidAt(fit, 21); // ≈ 50
 * ```
 */
export function fitSigmoid(
  x: readonly number[],
  y: readonly number[],
  range: { lo: number; hi: number },
  options: LmOptions = {},
): SigmoidFit {
  const { lo, hi } = range;
  if (!(hi > lo)) throw new RangeError(`Cannot fit a sigmoid: range [${lo}, ${hi}] is empty`);
  const n = x.length;
  const center = x.reduce((s, v) => s + v, 0) / n;
  const z = x.map((v) => v - center);
  const clip = (f: number) => Math.min(0.99, Math.max(0.01, f));
  const logits = y.map((v) => {
    const f = clip((v - lo) / (hi - lo));
    return Math.log(f / (1 - f));
  });
  const line = fitLine(z, logits);
  const width = hi - lo;
  const result = levenbergMarquardt(
    (p) => z.map((v, i) => lo + width * logistic(p[0] + p[1] * v) - y[i]),
    (p) =>
      z.map((v) => {
        const s = logistic(p[0] + p[1] * v);
        const d = width * s * (1 - s);
        return [d, d * v];
      }),
    [line.a, line.b],
    options,
  );
  return {
    alpha: result.params[0],
    beta: result.params[1],
    center,
    lo,
    hi,
    n,
    sse: result.sse,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Options of {@linkcode scalingLawBaseline}. */
export interface ScalingLawOptions {
  /** Small: at most this many M parameters. Default 13000 (13B). */
  readonly threshold?: number;
  /** Target task names. Required. */
  readonly targets: readonly string[];
  /** Default "6ND" (see the module documentation). */
  readonly compute?: ComputeRule;
  /** Points per fitted curve (for drawing). Default 50. */
  readonly curvePoints?: number;
  readonly factors?: Partial<ScaleFactorNames>;
  /** Levenberg-Marquardt settings of the sigmoid. */
  readonly lm?: LmOptions;
}

/** One (task, family, law): fitted, or why not. */
export interface ScalingLawFitRow {
  readonly task: string;
  readonly family: string;
  readonly law: ScalingLaw;
  readonly status: "fitted" | "not fitted";
  readonly reason?: string;
  /** The small members the fit used (observed on the task; with a compute for the sigmoid). */
  readonly small: readonly string[];
  /** The family's large members. */
  readonly large: readonly string[];
  /** log-linear: a, b (x = log10 params); sigmoid: alpha, beta, center, lo, hi (x = log10 FLOPs). */
  readonly params?: Readonly<Record<string, number>>;
  readonly sse?: number;
  readonly converged?: boolean;
}

/** A large member's extrapolated score on a target task. */
export interface ScalingLawPrediction {
  readonly task: string;
  readonly model: string;
  readonly family: string;
  readonly law: ScalingLaw;
  /** log10 params (log-linear) or log10 compute (sigmoid). */
  readonly x: number;
  readonly predicted: number;
}

/** A point of a fitted curve, for drawing. */
export interface ScalingLawCurvePoint {
  readonly task: string;
  readonly family: string;
  readonly law: ScalingLaw;
  readonly axis: "log10 params" | "log10 compute";
  readonly x: number;
  readonly score: number;
}

/** What {@linkcode scalingLawBaseline} returns. */
export interface ScalingLawBaseline {
  readonly threshold: number;
  readonly compute: ComputeRule;
  readonly targets: readonly string[];
  readonly scales: readonly ModelScale[];
  readonly small: readonly string[];
  readonly large: readonly string[];
  /** Models with no parameter count: neither small nor large. */
  readonly leftOut: readonly { readonly model: string; readonly reason: string }[];
  readonly fits: readonly ScalingLawFitRow[];
  readonly predictions: readonly ScalingLawPrediction[];
  readonly curves: readonly ScalingLawCurvePoint[];
}

/**
 * Fits both laws per (target task, family with a large member) on the small members and
 * extrapolates them to the large members (every large member with the size the law needs, scored
 * on the task or not).
 *
 * @example
 * ```ts
 * const law = scalingLawBaseline(data, { targets: ["GSM8K(4-shot)"] });
 * law.fits.filter((f) => f.status === "fitted");
 * ```
 */
export function scalingLawBaseline(data: Dataset, options: ScalingLawOptions): ScalingLawBaseline {
  const threshold = options.threshold ?? 13000;
  if (!(threshold > 0)) {
    throw new RangeError(`Cannot fit scaling laws: threshold is ${threshold} (expected > 0)`);
  }
  const rule = options.compute ?? "6ND";
  const curvePoints = options.curvePoints ?? 50;
  if (!Number.isInteger(curvePoints) || curvePoints < 2) {
    throw new RangeError(`Cannot fit scaling laws: curvePoints is ${curvePoints} (expected >= 2)`);
  }
  const scales = modelScales(data, { compute: rule, factors: options.factors });
  const { dense, scale: units } = data.scores;
  const taskIndex = options.targets.map((t) => {
    const j = dense.taskIndex.get(t);
    if (j === undefined) throw new RangeError(`Cannot fit scaling laws: no task named '${t}'`);
    return j;
  });
  const isSmall = (s: ModelScale) => s.params !== null && s.params <= threshold * 1e6;
  const isLarge = (s: ModelScale) => s.params !== null && s.params > threshold * 1e6;
  const leftOut = scales.filter((s) => s.params === null).map((s) => ({
    model: s.model,
    reason: "no parameter count (model factor missing)",
  }));
  const families = [...new Set(scales.filter(isLarge).map((s) => s.family ?? ""))]
    .filter((f) => f !== "").sort();
  const fits: ScalingLawFitRow[] = [];
  const predictions: ScalingLawPrediction[] = [];
  const curves: ScalingLawCurvePoint[] = [];
  const grid = (from: number, to: number) =>
    Array.from({ length: curvePoints }, (_, q) => from + ((to - from) * q) / (curvePoints - 1));
  for (const [t, task] of options.targets.entries()) {
    const j = taskIndex[t];
    const unit = unitRange(units[j], false);
    for (const family of families) {
      const members = scales.map((s, i) => ({ ...s, i })).filter((s) => s.family === family);
      const large = members.filter(isLarge);
      const smallScored = members.filter((s) =>
        isSmall(s) && dense.observed[s.i * dense.nTasks + j]
      );
      const score = (i: number) => dense.values[i * dense.nTasks + j];
      const base = { task, family, large: large.map((s) => s.model) };
      // log-linear in log10 params
      {
        const x = smallScored.map((s) => Math.log10(s.params!));
        const distinct = new Set(x).size;
        if (distinct < 2) {
          fits.push({
            ...base,
            law: "log-linear",
            status: "not fitted",
            reason: `${smallScored.length} small member(s) with a score on ${task}, ` +
              `${distinct} distinct size(s) (needs 2)`,
            small: smallScored.map((s) => s.model),
          });
        } else {
          const line = fitLine(x, smallScored.map((s) => score(s.i)));
          fits.push({
            ...base,
            law: "log-linear",
            status: "fitted",
            small: smallScored.map((s) => s.model),
            params: { a: line.a, b: line.b },
            sse: line.sse,
          });
          const xs = members.filter((s) => s.params !== null).map((s) => Math.log10(s.params!));
          for (const s of large) {
            const xl = Math.log10(s.params!);
            predictions.push({
              task,
              model: s.model,
              family,
              law: "log-linear",
              x: xl,
              predicted: line.a + line.b * xl,
            });
          }
          for (const v of grid(Math.min(...xs), Math.max(...xs))) {
            curves.push({
              task,
              family,
              law: "log-linear",
              axis: "log10 params",
              x: v,
              score: line.a + line.b * v,
            });
          }
        }
      }
      // fixed-range sigmoid in log10 compute
      {
        const withCompute = smallScored.filter((s) => s.compute !== null);
        const x = withCompute.map((s) => Math.log10(s.compute!));
        const distinct = new Set(x).size;
        let reason: string | null = null;
        if (!unit) reason = `${task} has no unit range (scale '${units[j]}') to fix the sigmoid's`;
        else if (distinct < 2) {
          reason = `${withCompute.length} small member(s) with a score on ${task} and a known ` +
            `compute, ${distinct} distinct compute(s) (needs 2)`;
        }
        if (reason !== null || !unit) {
          fits.push({
            ...base,
            law: "sigmoid",
            status: "not fitted",
            reason: reason ?? "no unit range",
            small: withCompute.map((s) => s.model),
          });
        } else {
          // Original units and direction: on a lower-is-better task the fit may decrease (beta < 0).
          const [lo, hi] = [unit.offset, unit.offset + unit.range];
          const fit = fitSigmoid(x, withCompute.map((s) => score(s.i)), { lo, hi }, options.lm);
          fits.push({
            ...base,
            law: "sigmoid",
            status: "fitted",
            small: withCompute.map((s) => s.model),
            params: { alpha: fit.alpha, beta: fit.beta, center: fit.center, lo, hi },
            sse: fit.sse,
            converged: fit.converged,
          });
          for (const s of large) {
            if (s.compute === null) continue;
            const xl = Math.log10(s.compute);
            predictions.push({
              task,
              model: s.model,
              family,
              law: "sigmoid",
              x: xl,
              predicted: sigmoidAt(fit, xl),
            });
          }
          const xs = members.filter((s) => s.compute !== null).map((s) => Math.log10(s.compute!));
          for (const v of grid(Math.min(...xs), Math.max(...xs))) {
            curves.push({
              task,
              family,
              law: "sigmoid",
              axis: "log10 compute",
              x: v,
              score: sigmoidAt(fit, v),
            });
          }
        }
      }
    }
  }
  return {
    threshold,
    compute: rule,
    targets: [...options.targets],
    scales,
    small: scales.filter(isSmall).map((s) => s.model),
    large: scales.filter(isLarge).map((s) => s.model),
    leftOut,
    fits,
    predictions,
    curves,
  };
}
