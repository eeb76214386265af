/**
 * The transform stage: one place where a job's scores are mapped into the space a method learns
 * in, and its predictions exactly back. Every method can sit behind it ({@linkcode transformed}),
 * and the automatic selection (eval/auto) chooses the transform per dataset like any other
 * setting.
 *
 * A job arrives on its experiment's normalized scale (data/normalize.ts: `task` min-max per task,
 * or the `cpp` scale per model). The transforms (docs/protocol-choices.md, "Transforms"):
 * - `none`: the job's own scale, unchanged (the `task` or `cpp` min-max scale);
 * - `zscore`: per task, the scores in their original units (their own direction, as BenchPress)
 *   minus the mean of the task's training cells, divided by their population standard deviation;
 * - `logit`: first, on a bounded task (`percent`, or a `fraction` counted x 100), the score in
 *   points clipped to `[clip, 100 - clip]` (default 0.5) and mapped to `log(p / (1 - p))` with
 *   `p = points / 100`; an unbounded task (Elo, ratings, dollars) is never logit-transformed; then
 *   the `zscore` step. BenchPress's transform.
 *
 * A standard deviation below 1e-8 counts as 1; a task without a training cell gets mean 0 and
 * scale 1. The inverse is exact: back through the z-score, then the logistic function (a bounded
 * prediction lies in (0, 100) points), then the job's normalization. Only the clip of the forward
 * logit loses information, on scores within `clip` points of a bound.
 *
 * @module
 */
import type { TaskScale } from "../data/types.ts";
import type { FitResult, Job, Method, Problem, TransformId } from "./types.ts";

export type { TransformId } from "./types.ts";

/** The transforms of the stage, in the order the documentation lists them. */
export const TRANSFORMS: readonly TransformId[] = ["none", "zscore", "logit"];

/** Points a bounded score is kept away from its bounds before the logit (BenchPress: 0.5). */
export const LOGIT_CLIP = 0.5;

/** A transform fitted on one job's training cells: what maps its values there and back. */
export interface JobTransform {
  readonly id: TransformId;
  readonly clip: number;
  /** The job's training cells in the transformed space, row-major n x m, NaN elsewhere. */
  readonly values: Float32Array;
  /** Per task: the mean and standard deviation of the standardization (0 and 1 for `none`). */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Per task: points per original unit where the logit applies, 0 where it does not. */
  readonly logitUnit: Float64Array;
}

/** Checks a transform id, with a message that lists the others. */
export function checkTransform(id: string): TransformId {
  if (!(TRANSFORMS as readonly string[]).includes(id)) {
    throw new RangeError(
      `Cannot use transform '${id}': expected one of ${TRANSFORMS.join(", ")}`,
    );
  }
  return id as TransformId;
}

/** Points per unit of a bounded task's scores; 0 on an unbounded task (no logit there). */
function logitUnitOf(scale: TaskScale): number {
  return scale === "fraction" ? 100 : scale === "percent" ? 1 : 0;
}

/** The normalized value of cell (i, j) in the job's normalization, back in original units. */
function toOriginal(job: Job, i: number, j: number, v: number): number {
  const norm = job.normalization!;
  const a = norm.axis === "task" ? j : i;
  return norm.sign[j] * (v * norm.range[a] + norm.offset[a]);
}

/**
 * The pointwise step of a transform on cell (i, j): a job-normalized value to the value that is
 * then standardized: the score in original units, or the logit of a bounded score in points, as
 * BenchPress transforms (a lower-is-better task keeps its direction: the methods behind a
 * transform fit values, they never rank them); `none` keeps the value.
 */
function pointwise(
  t: Pick<JobTransform, "id" | "clip" | "logitUnit">,
  job: Job,
  i: number,
  j: number,
  v: number,
): number {
  if (t.id === "none") return v;
  const original = toOriginal(job, i, j, v);
  const unit = t.logitUnit[j];
  if (t.id === "zscore" || unit === 0) return original;
  const p = Math.min(100 - t.clip, Math.max(t.clip, original * unit)) / 100;
  return Math.log(p / (1 - p));
}

/**
 * Fits a transform on a job's training cells. `none` needs nothing; `zscore` and `logit` need the
 * job's normalization (`Job.normalization`, which `fitPlanned` sets) to reach the original units,
 * and `logit` the problem's task scales (which tasks are bounded).
 *
 * @example
 * ```ts
 * const t = fitTransform(problem, job, "logit");
 * t.values; // the job's training cells as z-scored logits, NaN elsewhere
 * ```
 */
export function fitTransform(
  problem: Problem,
  job: Job,
  id: TransformId,
  clip = LOGIT_CLIP,
): JobTransform {
  checkTransform(id);
  const { nModels: n, nTasks: m } = problem;
  if (!(clip >= 0 && clip < 50)) {
    throw new RangeError(`Cannot use transform '${id}': clip is ${clip} (expected 0 <= clip < 50)`);
  }
  if (id !== "none" && !job.normalization) {
    throw new RangeError(
      `Cannot use transform '${id}': the job has no normalization to reach the scores' ` +
        `original units (is the method already behind a transform?)`,
    );
  }
  if (id === "logit" && problem.taskScales?.length !== m) {
    throw new RangeError(
      "Cannot use transform 'logit': the problem has no task scales (which tasks are bounded)",
    );
  }
  const logitUnit = new Float64Array(m);
  if (id === "logit") problem.taskScales!.forEach((s, j) => (logitUnit[j] = logitUnitOf(s)));
  const source = job.values ?? problem.values;
  const center = new Float64Array(m);
  const scale = new Float64Array(m).fill(1);
  const values = new Float32Array(n * m).fill(NaN);
  const head = { id, clip, logitUnit };
  const mapped = new Float64Array(job.train.length);
  job.train.forEach((k, q) => {
    const v = source[k];
    if (!(k < n * m) || !Number.isFinite(v)) {
      throw new RangeError(
        `Cannot use transform '${id}': the job trains on cell ${k}, whose value is ${v}`,
      );
    }
    mapped[q] = pointwise(head, job, Math.floor(k / m), k % m, v);
  });
  if (id !== "none") {
    const count = new Float64Array(m);
    job.train.forEach((k, q) => {
      center[k % m] += mapped[q];
      count[k % m]++;
    });
    for (let j = 0; j < m; j++) if (count[j]) center[j] /= count[j];
    const ss = new Float64Array(m);
    job.train.forEach((k, q) => (ss[k % m] += (mapped[q] - center[k % m]) ** 2));
    for (let j = 0; j < m; j++) {
      const sd = count[j] ? Math.sqrt(ss[j] / count[j]) : 0;
      if (sd >= 1e-8) scale[j] = sd;
    }
  }
  job.train.forEach((k, q) => (values[k] = (mapped[q] - center[k % m]) / scale[k % m]));
  return { id, clip, values, center, scale, logitUnit };
}

/**
 * A transformed value of cell (i, j) back on the job's normalized scale (the exact inverse of the
 * forward map, up to the logit's clip).
 */
export function inverseTransform(
  t: JobTransform,
  job: Job,
  i: number,
  j: number,
  z: number,
): number {
  if (t.id === "none") return z;
  const norm = job.normalization!;
  const value = z * t.scale[j] + t.center[j];
  const unit = t.logitUnit[j];
  // original units, then the job's normalization
  const original = t.id === "logit" && unit !== 0 ? 100 / (1 + Math.exp(-value)) / unit : value;
  const a = norm.axis === "task" ? j : i;
  return (norm.sign[j] * original - norm.offset[a]) / norm.range[a];
}

/**
 * The transform of a job-normalized value of cell (i, j) (e.g. a gold score), in the space the
 * transformed method learned in.
 */
export function forwardTransform(
  t: JobTransform,
  job: Job,
  i: number,
  j: number,
  v: number,
): number {
  return (pointwise(t, job, i, j, v) - t.center[j]) / t.scale[j];
}

/** Maps a whole prediction matrix from the transformed space back to the job's scale. */
export function inverseAll(
  t: JobTransform,
  job: Job,
  nTasks: number,
  z: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(z.length);
  for (let k = 0; k < z.length; k++) {
    out[k] = inverseTransform(t, job, Math.floor(k / nTasks), k % nTasks, z[k]);
  }
  return out;
}

/**
 * `method` behind a transform: each job's training cells are transformed ({@linkcode fitTransform},
 * from that job's cells only), the method fits the transformed jobs as one batch, and every
 * prediction is mapped back to the job's normalized scale. `none` returns the method itself.
 * The result's `config` records the transform; trained models (`keepModels`) are kept only with
 * `none` (their weights predict in the transformed space).
 *
 * @example
 * ```ts
 * const logitMf = transformed(method("mf"), "logit");
 * const fit = await logitMf.fit(problem, jobs); // predictions on each job's own scale
 * ```
 */
export function transformed(
  method: Method,
  id: TransformId,
  options: { clip?: number } = {},
): Method {
  checkTransform(id);
  if (id === "none") return method;
  if (method.transform && method.transform !== "none") {
    throw new RangeError(
      `Cannot put ${method.id} behind transform '${id}': it is already behind '${method.transform}'`,
    );
  }
  const clip = options.clip ?? LOGIT_CLIP;
  return {
    ...method,
    label: `${method.label}, ${id}`,
    transform: id,
    async fit(problem, jobs, fitOptions = {}): Promise<FitResult> {
      const fits = jobs.map((job) => fitTransform(problem, job, id, clip));
      const inner: Job[] = jobs.map((job, x) => {
        const { normalization: _, ...rest } = job;
        return { ...rest, values: fits[x].values };
      });
      const { keepModels: _, ...rest } = fitOptions;
      const fit = await method.fit(problem, inner, rest);
      const predictions = fit.predictions.map((p, x) =>
        inverseAll(fits[x], jobs[x], problem.nTasks, p)
      );
      const { models: __, ...result } = fit;
      return { ...result, predictions, config: { ...fit.config, transform: id, clip } };
    },
  };
}
