/**
 * Probe sets (BenchPress's probe selection, its held-out validation): the N benchmarks that,
 * measured on a brand-new model, best predict its other scores. What `cpp probes` prints, and
 * what the predict page offers as "measure these first".
 *
 * Exact definitions (nested: the models a set is judged on never choose it):
 * - Models with at least one observed score are shuffled by `seededRandom(seed)`; the first
 *   `round(holdout x n)` (at least 1, leaving at least 2) are held out, the others select.
 * - Greedy forward selection on the selection models: the selection models are dealt into
 *   `folds` groups (in the same shuffled order). At each step, every allowed benchmark not yet
 *   chosen is tried: with P = the chosen ones plus the candidate, each group's models reveal
 *   only their observed cells on P, every other selection model is fully observed, and a job
 *   predicts the group's other observed cells; the candidate's score is the MedAE (points,
 *   metrics/points.ts) pooled over the cells of all groups. The lowest wins (ties: the first
 *   benchmark in dataset order). One batch per step trains every (candidate, group) job.
 * - Held-out score of each step's set: every held-out model, alone, reveals its observed cells
 *   on the set; the job trains on every observed cell of the selection models plus those, and
 *   predicts the model's other observed cells. The point metrics pool those cells over the
 *   held-out models (probe cells are not scored: they are known, not predicted).
 * - Scale and scoring as every held-out fold (experiments/holdout.ts): task scale from the job's
 *   training cells, predictions clipped on bounded tasks, cells of a task no training model
 *   scored left out.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { BackendChoice, Method, MethodId } from "../../models/types.ts";
import { biasAls } from "../baselines/bias_als.ts";
import { type HeldOutFold, methodProgress, type Progress } from "../experiment.ts";
import type { PointMetrics } from "../metrics/points.ts";
import { seededRandom, shuffle } from "../../util/random.ts";
import { runHoldout } from "./holdout.ts";

/** Options of {@linkcode selectProbes}. */
export interface ProbeOptions {
  /** Benchmarks in the set. */
  readonly size: number;
  /** The method that predicts from the probes. Default `bias-als` (BenchPress's). */
  readonly method?: Method;
  /** Task names the set may use (a cost allowlist, say). Default every task. */
  readonly allow?: readonly string[];
  /** Share of the models held out to judge the sets. Default 0.3 (BenchPress: 25 of 84). */
  readonly holdout?: number;
  /** Groups of selection models predicted in turn while selecting. Default 5. */
  readonly folds?: number;
  /** Seeds the model split. Default 0. */
  readonly seed?: number;
  readonly backend?: BackendChoice;
  readonly onProgress?: Progress;
}

/** One step of the greedy search: the benchmark added and how the set scores. */
export interface ProbeStep {
  readonly step: number;
  readonly task: string;
  /** The set after this step, in the order chosen. */
  readonly probes: readonly string[];
  /** Pooled MedAE over the selection models' predicted cells (what chose the benchmark). */
  readonly selectionMedae: number;
  /** The set judged on the held-out models. */
  readonly heldOut: PointMetrics;
}

/** What {@linkcode selectProbes} returns. */
export interface ProbeResult {
  readonly dataset: string;
  readonly method: MethodId;
  readonly size: number;
  /** The chosen set, in the order chosen. */
  readonly probes: readonly string[];
  readonly steps: readonly ProbeStep[];
  /** MedAE of the final set on the held-out models' other cells, points. */
  readonly medae: number;
  readonly candidates: number;
  readonly holdout: number;
  readonly folds: number;
  readonly seed: number;
  readonly selectionModels: readonly string[];
  readonly heldOutModels: readonly string[];
  /** Wall time of all the fits, seconds. */
  readonly fitSeconds: number;
}

/** Cells of `models` (indices) that are observed, split by whether their task is in `probes`. */
function cellsOf(
  data: Dataset,
  models: readonly number[],
  probes: ReadonlySet<number>,
): { revealed: number[]; hidden: number[] } {
  const { nTasks, observed } = data.scores.dense;
  const revealed: number[] = [];
  const hidden: number[] = [];
  for (const i of models) {
    for (let j = 0; j < nTasks; j++) {
      const k = i * nTasks + j;
      if (observed[k]) (probes.has(j) ? revealed : hidden).push(k);
    }
  }
  return { revealed, hidden };
}

/** A fold that trains on `base` plus `revealed` and predicts `hidden`; null with nothing to predict. */
function foldOf(
  label: string,
  group: string,
  base: readonly number[],
  cells: { revealed: number[]; hidden: number[] },
): HeldOutFold | null {
  if (cells.hidden.length === 0) return null;
  return {
    fold: label,
    seed: 0,
    group,
    train: Uint32Array.from([...base, ...cells.revealed]).sort(),
    test: Uint32Array.from(cells.hidden).sort(),
  };
}

/**
 * Picks a probe set by nested greedy forward selection and judges each step on held-out models
 * (see the module documentation).
 *
 * @example
 * ```ts
 * const result = await selectProbes(await loadDataset("frontier"), { size: 5 });
 * result.probes; // five benchmark names, the first chosen first
 * result.medae; // points, on held-out models
 * ```
 */
export async function selectProbes(data: Dataset, options: ProbeOptions): Promise<ProbeResult> {
  const fail = (what: string) => new RangeError(`Cannot select probes: ${what}`);
  const { dense } = data.scores;
  const { nModels, nTasks } = dense;
  const method = options.method ?? biasAls();
  const holdout = options.holdout ?? 0.3;
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 0;
  if (!(holdout > 0 && holdout < 1)) {
    throw fail(`holdout is ${holdout} (expected a share in (0, 1))`);
  }
  if (!Number.isInteger(seed)) throw fail(`seed is ${seed} (expected an integer)`);
  const allowed = (options.allow ?? dense.tasks).map((name) => {
    const j = dense.taskIndex.get(name);
    if (j === undefined) throw fail(`${data.id} has no task '${name}'`);
    return j;
  });
  const candidates = [...new Set(allowed)].sort((a, b) => a - b);
  const size = options.size;
  if (!Number.isInteger(size) || size < 1 || size > candidates.length) {
    throw fail(`size is ${size} (expected 1..${candidates.length}, the candidate benchmarks)`);
  }
  const eligible: number[] = [];
  for (let i = 0; i < nModels; i++) {
    if (dense.observed.subarray(i * nTasks, (i + 1) * nTasks).some((o) => o === 1)) {
      eligible.push(i);
    }
  }
  if (eligible.length < 3) throw fail(`${eligible.length} model(s) have a score (needs 3)`);
  const order = shuffle(eligible.slice(), seededRandom(seed));
  const nHeld = Math.min(eligible.length - 2, Math.max(1, Math.round(holdout * eligible.length)));
  const heldOut = order.slice(0, nHeld).sort((a, b) => a - b);
  const selection = order.slice(nHeld);
  if (!Number.isInteger(folds) || folds < 2 || folds > selection.length) {
    throw fail(`folds is ${folds} (expected 2..${selection.length}, the selection models)`);
  }
  const groups: number[][] = Array.from({ length: folds }, () => []);
  selection.forEach((i, c) => groups[c % folds].push(i));
  const all = (models: readonly number[]) => cellsOf(data, models, new Set()).hidden;
  const outside = groups.map((_, g) => all(selection.filter((i) => !groups[g].includes(i))));
  // Each step is one unit of progress, and judging the sets one more.
  const score = (folds: HeldOutFold[], done: number, label: string) =>
    runHoldout(data, folds, {
      methods: [method],
      intervals: false,
      backend: options.backend,
      onProgress: methodProgress(options.onProgress, { done, span: 1, total: size + 1, label }),
    });
  let fitSeconds = 0;
  const chosen: number[] = [];
  const selectionMedae: number[] = [];
  for (let step = 1; step <= size; step++) {
    const remaining = candidates.filter((j) => !chosen.includes(j));
    const plan = remaining.flatMap((c) =>
      groups.flatMap((models, g) => {
        const fold = foldOf(
          `${dense.tasks[c]} group ${g}`,
          String(c),
          outside[g],
          cellsOf(data, models, new Set([...chosen, c])),
        );
        return fold ? [fold] : [];
      })
    );
    const result = await score(plan, step - 1, `step ${step}`);
    fitSeconds += result.rows[0].fitSeconds;
    let best: { task: number; medae: number } | null = null;
    for (const row of result.groups) {
      const task = Number(row.group);
      if (
        best === null || row.medae < best.medae || (row.medae === best.medae && task < best.task)
      ) {
        best = { task, medae: row.medae };
      }
    }
    if (best === null) throw fail(`step ${step} has no candidate with a cell to predict`);
    chosen.push(best.task);
    selectionMedae.push(best.medae);
  }
  // Every step's set on every held-out model, alone: one batch.
  const base = all(selection);
  const judged = chosen.flatMap((_, s) => {
    const probes = new Set(chosen.slice(0, s + 1));
    return heldOut.flatMap((i) => {
      const fold = foldOf(
        `step ${s + 1} ${dense.models[i]}`,
        `${s + 1}`,
        base,
        cellsOf(data, [i], probes),
      );
      return fold ? [fold] : [];
    });
  });
  const evaluation = await score(judged, size, "held-out models");
  fitSeconds += evaluation.rows[0].fitSeconds;
  const byStep = new Map(evaluation.groups.map((g) => [Number(g.group), g]));
  const steps: ProbeStep[] = chosen.map((j, s) => {
    const { method: _, group: __, ...metrics } = byStep.get(s + 1)!;
    return {
      step: s + 1,
      task: dense.tasks[j],
      probes: chosen.slice(0, s + 1).map((c) => dense.tasks[c]),
      selectionMedae: selectionMedae[s],
      heldOut: metrics,
    };
  });
  return {
    dataset: data.id,
    method: method.id,
    size,
    probes: chosen.map((j) => dense.tasks[j]),
    steps,
    medae: steps[steps.length - 1].heldOut.medae,
    candidates: candidates.length,
    holdout,
    folds,
    seed,
    selectionModels: [...selection].sort((a, b) => a - b).map((i) => dense.models[i]),
    heldOutModels: heldOut.map((i) => dense.models[i]),
    fitSeconds,
  };
}

/**
 * Reads a list of task names (an allowlist for {@linkcode selectProbes}): one name per line
 * (blank lines and lines starting with `#` skipped), or a JSON array of names, or a JSON object
 * with such an array under `benchmarks`. Every name must be a task of `data`.
 *
 * @example
 * ```ts
 * parseTaskList("MMLU-Pro\nGPQA Diamond\n", "cheap.txt", data); // ["MMLU-Pro", "GPQA Diamond"]
 * ```
 */
export function parseTaskList(text: string, file: string, data: Dataset): string[] {
  const fail = (what: string) => new RangeError(`Cannot read task list ${file}: ${what}`);
  const known = data.scores.dense.taskIndex;
  let entries: { name: string; where: string }[];
  if (/^\s*[[{]/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SyntaxError(`Cannot read task list ${file}: ${(error as Error).message}`);
    }
    const list = Array.isArray(json) ? json : (json as { benchmarks?: unknown })?.benchmarks;
    if (!Array.isArray(list)) throw fail("expected a JSON array of task names, or { benchmarks }");
    entries = list.map((name, e) => {
      if (typeof name !== "string") throw fail(`entry ${e} is ${JSON.stringify(name)}`);
      return { name: name.trim(), where: `entry ${e}` };
    });
  } else {
    entries = text.split(/\r\n|\n|\r/).flatMap((line, l) => {
      const name = line.trim();
      return name === "" || name.startsWith("#") ? [] : [{ name, where: `line ${l + 1}` }];
    });
  }
  if (entries.length === 0) throw fail("it names no task");
  const seen = new Map<string, string>();
  for (const { name, where } of entries) {
    if (!known.has(name)) throw fail(`${where}: ${data.id} has no task '${name}'`);
    const before = seen.get(name);
    if (before) throw fail(`${where}: '${name}' is listed twice (also ${before})`);
    seen.set(name, where);
  }
  return entries.map((e) => e.name);
}
