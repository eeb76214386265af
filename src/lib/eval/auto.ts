/**
 * `auto`: a method that chooses its configuration per job, on that job's training cells only.
 *
 * For every job of a batch:
 * 1. Inner folds: each model's training cells are shuffled (seeded by the job's seed) and dealt
 *    into `innerFolds` folds (5), as BenchPress's folds deal every model's cells; an inner job
 *    trains on the other folds' cells and is scored on its own (its values are NaN elsewhere, so
 *    no candidate can read a cell it is scored on, and the job's held-out cells are never there).
 * 2. Screening: every candidate configuration (a compact grid, {@linkcode defaultCandidates})
 *    fits all the inner jobs of the batch in one call, in a cheaper form (20 iterations instead of
 *    40); its inner score is the mean absolute error over the inner folds' cells on the job's
 *    normalized scale (every task counts in units of its own range).
 * 3. Ensemble: by default the family (a transform, with or without factors) whose candidates
 *    have the lowest mean inner score, its candidates (every rank) weighted equally
 *    ({@linkcode selectFamily}); or a greedy selection with replacement over all candidates
 *    ({@linkcode selectEnsemble}, `selection: "greedy"`). The chosen ones are fitted on the whole
 *    job in their full form, and the prediction is their weighted mean (on the job's normalized
 *    scale).
 *
 * The choice, and every candidate's inner score, is part of the fit's `config` (per job), so the
 * run's JSON says what was chosen and why. Everything is seeded by the jobs' seeds: same seed,
 * same bytes.
 *
 * @module
 */
import type { Dataset } from "../data/load_dataset.ts";
import { type NormalizationKind, normalize } from "../data/normalize.ts";
import type {
  BackendChoice,
  FitOptions,
  FitResult,
  Job,
  Method,
  Problem,
} from "../models/types.ts";
import { fitPlanned, type Progress } from "./experiment.ts";
import { createRng, shuffle } from "../util/random.ts";
import { als, type AlsOptions } from "./baselines/bias_als.ts";

/** One configuration `auto` may choose. */
export interface AutoCandidate {
  /** A short stable name, e.g. "als logit r2 factors". */
  readonly name: string;
  /** The configuration fitted on the whole job when it is chosen. */
  readonly method: Method;
  /** A cheaper form of it that scores it on the inner folds (default: `method`). */
  readonly screen?: Method;
  /** The structure it shares with other candidates of other capacities (default: its name). */
  readonly family?: string;
}

/** Options of {@linkcode auto}. */
export interface AutoOptions {
  /** Inner folds per job. Default 5. */
  readonly innerFolds?: number;
  /**
   * How the ensemble is chosen from the inner scores: `family` (default), the family (transform
   * and factors) whose candidates have the lowest mean inner score, its candidates (every
   * capacity) weighted equally; or `greedy`, {@linkcode selectEnsemble} over all candidates.
   */
  readonly selection?: "family" | "greedy";
  /** Rounds of the greedy ensemble selection (its weights are multiples of 1 / rounds). Default 5. */
  readonly rounds?: number;
  /** The grid; default {@linkcode defaultCandidates} of the problem. */
  readonly candidates?: (problem: Problem) => readonly AutoCandidate[];
}

/** Random starts and iterations of the screening fits and of the chosen candidates' fits. */
const SCREEN: AlsOptions = { starts: 10, iterations: 20 };
const FULL: AlsOptions = { starts: 10, iterations: 40 };

/** The random stream of the inner folds (the ALS starts draw from stream 0 of the same seed). */
const INNER_FOLD_STREAM = 0x61757430;

/** True when the problem has model or task design factors. */
function hasFactors(problem: Problem): boolean {
  return (problem.modelFactors?.factors.length ?? 0) + (problem.taskFactors?.factors.length ?? 0) >
    0;
}

/**
 * The default grid: ALS with biases (models/transform.ts's `logit` and `zscore`, rank 1-3), each
 * with and without the design factors as side features when the problem has factors. The gpu.js
 * methods can join through {@linkcode AutoOptions.candidates}; they are not in the default grid,
 * whose cost `cpp predict` must keep under a minute on 2 cores.
 *
 * @example
 * ```ts
 * defaultCandidates(problem).map((c) => c.name); // ["als logit r1", ..., "als zscore r2 factors"]
 * ```
 */
export function defaultCandidates(
  problem: Problem,
  screen: AlsOptions = SCREEN,
  full: AlsOptions = FULL,
): AutoCandidate[] {
  const grid: { transform: "logit" | "zscore"; rank: number }[] = [
    { transform: "logit", rank: 1 },
    { transform: "logit", rank: 2 },
    { transform: "logit", rank: 3 },
    { transform: "zscore", rank: 2 },
  ];
  const factorChoices = hasFactors(problem) ? [false, true] : [false];
  return factorChoices.flatMap((factors) =>
    grid.map(({ transform, rank }) => {
      const options: AlsOptions = { transform, rank, factors };
      return {
        name: `als ${transform} r${rank}${factors ? " factors" : ""}`,
        family: `als ${transform}${factors ? " factors" : ""}`,
        method: als({ ...options, ...full }),
        screen: als({ ...options, ...screen }),
      };
    })
  );
}

/**
 * Each model's training cells of `job` dealt into `folds` folds: per model, its cells in a seeded
 * random order, dealt round-robin from a random offset. Returns each cell's fold (aligned with
 * `job.train`).
 */
export function innerFoldsOf(job: Job, nTasks: number, folds: number): Uint8Array {
  const random = createRng(job.seed, INNER_FOLD_STREAM).next;
  const byModel = new Map<number, number[]>();
  job.train.forEach((k, q) => {
    const i = Math.floor(k / nTasks);
    const list = byModel.get(i);
    if (list) list.push(q);
    else byModel.set(i, [q]);
  });
  const fold = new Uint8Array(job.train.length);
  for (const i of [...byModel.keys()].sort((a, b) => a - b)) {
    const cells = shuffle(byModel.get(i)!, random);
    const offset = Math.floor(random() * folds);
    cells.forEach((q, r) => (fold[q] = (offset + r) % folds));
  }
  return fold;
}

/** One job restricted to the cells of `keep` (aligned with `job.train`); NaN elsewhere. */
function restrict(problem: Problem, job: Job, keep: (q: number) => boolean): Job {
  const source = job.values ?? problem.values;
  const values = new Float32Array(source.length).fill(NaN);
  const train: number[] = [];
  job.train.forEach((k, q) => {
    if (!keep(q)) return;
    train.push(k);
    values[k] = source[k];
  });
  return { ...job, train: Uint32Array.from(train), values };
}

/** One job's choice: the ensemble's weights, its inner score and every candidate's. */
export interface AutoChoice {
  /** Weight per chosen candidate (they sum to 1). */
  readonly weights: Readonly<Record<string, number>>;
  /** Inner mean absolute error (normalized scale) of the weighted ensemble. */
  readonly ensembleScore: number;
  /** Inner mean absolute error (normalized scale) per candidate. */
  readonly scores: Readonly<Record<string, number>>;
}

/**
 * Greedy ensemble selection with replacement (Caruana et al. 2004): `rounds` times, the candidate
 * whose addition gives the mean of the members so far the lowest mean absolute error on the inner
 * cells joins (ties: the lower index). Weights are the counts over `rounds`.
 *
 * @example
 * ```ts
 * selectEnsemble([Float64Array.of(1, 1), Float64Array.of(3, 3)], Float64Array.of(2, 2), 2).weights;
 * // [0.5, 0.5]
 * ```
 */
export function selectEnsemble(
  predictions: readonly Float64Array[],
  gold: Float64Array,
  rounds: number,
): { weights: Float64Array; score: number; scores: Float64Array } {
  const n = gold.length;
  const mae = (p: ArrayLike<number>, divisor: number) => {
    let s = 0;
    for (let q = 0; q < n; q++) s += Math.abs(p[q] / divisor - gold[q]);
    return n ? s / n : Infinity;
  };
  const scores = Float64Array.from(predictions, (p) => mae(p, 1));
  const counts = new Float64Array(predictions.length);
  const sum = new Float64Array(n);
  const trial = new Float64Array(n);
  let score = Infinity;
  for (let round = 1; round <= rounds; round++) {
    let best = -1;
    let bestScore = Infinity;
    predictions.forEach((p, c) => {
      for (let q = 0; q < n; q++) trial[q] = sum[q] + p[q];
      const s = mae(trial, round);
      if (s < bestScore) [best, bestScore] = [c, s];
    });
    counts[best]++;
    for (let q = 0; q < n; q++) sum[q] += predictions[best][q];
    score = bestScore;
  }
  return { weights: counts.map((c) => c / rounds), score, scores };
}

/**
 * The family whose candidates have the lowest mean inner score (ties: the first), its candidates
 * weighted equally; `score` is that equal-weight ensemble's inner mean absolute error.
 *
 * @example
 * ```ts
 * selectFamily([Float64Array.of(1), Float64Array.of(3), Float64Array.of(2)], Float64Array.of(2), ["a", "a", "b"]).weights;
 * // [0, 0, 1]
 * ```
 */
export function selectFamily(
  predictions: readonly Float64Array[],
  gold: Float64Array,
  families: readonly string[],
): { weights: Float64Array; score: number; scores: Float64Array } {
  const n = gold.length;
  const mae = (p: ArrayLike<number>) => {
    let s = 0;
    for (let q = 0; q < n; q++) s += Math.abs(p[q] - gold[q]);
    return n ? s / n : Infinity;
  };
  const scores = Float64Array.from(predictions, mae);
  const names = [...new Set(families)];
  const meanOf = (name: string) => {
    const members = families.flatMap((f, c) => (f === name ? [scores[c]] : []));
    return members.reduce((a, b) => a + b, 0) / members.length;
  };
  let best = names[0];
  for (const name of names) if (meanOf(name) < meanOf(best)) best = name;
  const members = families.flatMap((f, c) => (f === best ? [c] : []));
  const weights = Float64Array.from(families, (f) => (f === best ? 1 / members.length : 0));
  const mean = new Float64Array(n);
  for (const c of members) {
    for (let q = 0; q < n; q++) mean[q] += predictions[c][q] / members.length;
  }
  return { weights, score: mae(mean), scores };
}

/**
 * Per job, the weighted mean of the candidates' predictions (`weights[x][c]`, job x, candidate c);
 * each candidate with a weight fits, in one batch, the jobs that weight it.
 */
async function fitWeighted(
  problem: Problem,
  jobs: readonly Job[],
  candidates: readonly AutoCandidate[],
  weights: readonly ArrayLike<number>[],
  options: FitOptions,
  step: (label: string) => void,
): Promise<Float32Array[]> {
  const size = problem.nModels * problem.nTasks;
  const sums = jobs.map(() => new Float64Array(size));
  for (const [c, candidate] of candidates.entries()) {
    const mine = jobs.flatMap((_, x) => (weights[x][c] > 0 ? [x] : []));
    if (mine.length === 0) continue;
    step(`fit ${candidate.name}`);
    const fit = await candidate.method.fit(problem, mine.map((x) => jobs[x]), options);
    mine.forEach((x, y) => {
      const p = fit.predictions[y];
      const w = weights[x][c];
      for (let k = 0; k < size; k++) sums[x][k] += w * p[k];
    });
  }
  return sums.map((sum) => Float32Array.from(sum));
}

/** An `auto` fit's result (plain TypeScript: no epochs, no curves). */
function resultOf(
  predictions: Float32Array[],
  start: number,
  config: Record<string, unknown>,
): FitResult {
  return {
    method: "auto",
    backend: "ts",
    predictions,
    seconds: (performance.now() - start) / 1000,
    epochs: predictions.map(() => 0),
    curves: predictions.map(() => []),
    config,
  };
}

/**
 * The ensemble one `auto` fit chose (`weights` by candidate name, from its `config.choices`), as a
 * method that fits it on any job without choosing again: `cpp predict` chooses once on every
 * observed cell and calibrates its intervals with the choice it deploys.
 *
 * @example
 * ```ts
 * const chosen = await fitPlanned(data, auto(), [allCells]);
 * const fixed = fixedEnsemble(defaultCandidates(problem), chosen.config.choices[0].weights);
 * ```
 */
export function fixedEnsemble(
  candidates: readonly AutoCandidate[],
  weights: Readonly<Record<string, number>>,
): Method {
  const row = candidates.map((candidate) => weights[candidate.name] ?? 0);
  const unknown = Object.keys(weights).filter((name) => !candidates.some((c) => c.name === name));
  if (unknown.length || !(row.reduce((a, b) => a + b, 0) > 0)) {
    throw new RangeError(
      `Cannot fix auto's choice: ${unknown.length ? `no candidate '${unknown[0]}'` : "no weight"}`,
    );
  }
  const names = Object.entries(weights).map(([name, w]) => `${name} x ${w}`).join(", ");
  return {
    id: "auto",
    label: `auto (chosen: ${names})`,
    usesFactors: false,
    coldStart: true,
    async fit(problem, jobs, fitOptions = {}) {
      const start = performance.now();
      const { keepModels: _, onProgress, ...rest } = fitOptions;
      let done = 0;
      const total = row.filter((w) => w > 0).length;
      const predictions = await fitWeighted(
        problem,
        jobs,
        candidates,
        jobs.map(() => row),
        rest,
        (label) => onProgress?.({ done: done++, total, label }),
      );
      return resultOf(predictions, start, { weights });
    },
  };
}

/**
 * `auto` as a {@linkcode Method} (see the module documentation).
 *
 * @example
 * ```ts
 * const result = await runHoldout(data, folds, { methods: [auto()] });
 * ```
 */
export function auto(options: AutoOptions = {}): Method {
  const innerFolds = options.innerFolds ?? 5;
  const rounds = options.rounds ?? 5;
  const selection = options.selection ?? "family";
  if (selection !== "family" && selection !== "greedy") {
    throw new RangeError(
      `Cannot fit auto: selection is '${selection}' (expected family or greedy)`,
    );
  }
  if (!(Number.isInteger(innerFolds) && innerFolds >= 2 && innerFolds <= 20)) {
    throw new RangeError(`Cannot fit auto: innerFolds is ${innerFolds} (expected 2-20)`);
  }
  if (!(Number.isInteger(rounds) && rounds >= 1)) {
    throw new RangeError(`Cannot fit auto: rounds is ${rounds} (expected a positive integer)`);
  }
  const candidatesOf = options.candidates ?? defaultCandidates;
  return {
    id: "auto",
    label: "auto (chosen by inner cross-validation)",
    // The default grid uses the factors only where the problem has them.
    usesFactors: false,
    coldStart: true,
    async fit(problem: Problem, jobs: readonly Job[], fitOptions = {}): Promise<FitResult> {
      const start = performance.now();
      const { nTasks } = problem;
      const candidates = candidatesOf(problem);
      if (candidates.length === 0) throw new RangeError("Cannot fit auto: no candidate");
      const names = new Set(candidates.map((c) => c.name));
      if (names.size !== candidates.length) {
        throw new RangeError("Cannot fit auto: two candidates share a name");
      }
      jobs.forEach((job, index) => {
        if (job.train.length < innerFolds) {
          throw new RangeError(
            `Cannot fit auto: job ${index} has ${job.train.length} training cells (fewer than ` +
              `${innerFolds} inner folds)`,
          );
        }
      });
      const { keepModels: _, onProgress, ...rest } = fitOptions;
      const total = 2 * candidates.length;
      let done = 0;
      const step = (label: string) => onProgress?.({ done: done++, total, label });
      // 1. inner folds: jobs x folds inner jobs, and what they are scored on
      const folds = jobs.map((job) => innerFoldsOf(job, nTasks, innerFolds));
      const inner: Job[] = [];
      const scored: Uint32Array[] = [];
      jobs.forEach((job, x) => {
        for (let g = 0; g < innerFolds; g++) {
          inner.push(restrict(problem, job, (q) => folds[x][q] !== g));
          scored.push(Uint32Array.from(job.train.filter((_, q) => folds[x][q] === g)));
        }
      });
      // 2. screening: one batch per candidate; each job keeps its candidates' inner predictions
      const gold = jobs.map((job, x) => {
        const source = job.values ?? problem.values;
        const out: number[] = [];
        for (let g = 0; g < innerFolds; g++) {
          for (const k of scored[x * innerFolds + g]) out.push(source[k]);
        }
        return Float64Array.from(out);
      });
      const innerPredictions = jobs.map(() => [] as Float64Array[]);
      for (const candidate of candidates) {
        step(`screen ${candidate.name}`);
        const fit = await (candidate.screen ?? candidate.method).fit(problem, inner, rest);
        jobs.forEach((_, x) => {
          const out = new Float64Array(gold[x].length);
          let q = 0;
          for (let g = 0; g < innerFolds; g++) {
            const predicted = fit.predictions[x * innerFolds + g];
            for (const k of scored[x * innerFolds + g]) out[q++] = predicted[k];
          }
          innerPredictions[x].push(out);
        });
      }
      // 3. per job, the ensemble chosen greedily on the inner cells; each candidate fitted once on
      //    the jobs that chose it
      const families = candidates.map((c) => c.family ?? c.name);
      const selections = jobs.map((_, x) =>
        selection === "greedy"
          ? selectEnsemble(innerPredictions[x], gold[x], rounds)
          : selectFamily(innerPredictions[x], gold[x], families)
      );
      const predictions = await fitWeighted(
        problem,
        jobs,
        candidates,
        selections.map((selection) => selection.weights),
        rest,
        step,
      );
      const round = (v: number) => Number(v.toPrecision(6));
      const choices: AutoChoice[] = selections.map((selection) => ({
        weights: Object.fromEntries(
          candidates.flatMap((candidate, c) =>
            selection.weights[c] > 0 ? [[candidate.name, selection.weights[c]]] : []
          ),
        ),
        ensembleScore: round(selection.score),
        scores: Object.fromEntries(
          candidates.map((candidate, c) => [candidate.name, round(selection.scores[c])]),
        ),
      }));
      onProgress?.({ done: total, total, label: "auto" });
      return resultOf(predictions, start, {
        innerFolds,
        selection,
        ...(selection === "greedy" ? { rounds } : {}),
        candidates: candidates.map((c) => c.name),
        choices,
      });
    },
  };
}

/**
 * `auto`'s choice on every observed cell of `data` (one job, `scale` normalization, `seed`), and
 * the chosen ensemble as a method that fits it without choosing again ({@linkcode fixedEnsemble}).
 *
 * @example
 * ```ts
 * const { method, choice } = await chooseOnce(data);
 * choice.weights; // e.g. { "als logit r2 factors": 0.6, "als logit r1 factors": 0.4 }
 * ```
 */
export async function chooseOnce(
  data: Dataset,
  options: {
    scale?: NormalizationKind;
    seed?: number;
    backend?: BackendChoice;
    onProgress?: Progress;
    auto?: AutoOptions;
  } = {},
): Promise<{ method: Method; choice: AutoChoice }> {
  const { dense, lowerIsBetter } = data.scores;
  const norm = normalize(dense, lowerIsBetter, { kind: options.scale ?? "task" });
  const train: number[] = [];
  for (let k = 0; k < dense.observed.length; k++) if (dense.observed[k]) train.push(k);
  const fit = await fitPlanned(
    data,
    auto(options.auto),
    [{ seed: options.seed ?? 0, train: Uint32Array.from(train), norm }],
    { backend: options.backend, onProgress: options.onProgress },
  );
  const [choice] = fit.config.choices as AutoChoice[];
  const problem = {
    nModels: dense.nModels,
    nTasks: dense.nTasks,
    values: new Float32Array(0),
    modelFactors: data.modelFactors,
    taskFactors: data.taskFactors,
  };
  const candidates = (options.auto?.candidates ?? defaultCandidates)(problem);
  return { method: fixedEnsemble(candidates, choice.weights), choice };
}
