/**
 * The leaderboard: a dataset's matrix filled by the method with the lowest held-out error, every
 * cell marked observed or predicted, every predicted cell with its calibrated interval, and, per
 * model, its factors and its nearest models in the learned embedding.
 */
import type { Dataset } from "../data/load_dataset.ts";
import type { CellSource, TaskScale } from "../data/types.ts";
import {
  calibrateIntervals,
  type Calibration,
  predictWithIntervals,
  runTable1,
} from "../eval/mod.ts";
import type { BackendChoice, Method } from "../models/types.ts";
import type { PortableModel } from "../models/infer.ts";
import { slugs } from "./slug.ts";
import { withoutColdEntities } from "../eval/mod.ts";

/** One cell of the leaderboard. */
export interface LeaderboardCellRow {
  readonly model: string;
  readonly task: string;
  /** The observed value, or the prediction where `observed` is false. */
  readonly score: number;
  readonly observed: boolean;
  /** Per task 0-1, higher is better, from the filled column's min and max. */
  readonly normalized: number;
  /** The method's own prediction (for an observed cell: its fit). */
  readonly predicted: number;
  /** The interval of a predicted cell (original units); null on observed cells. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Which calibration the interval comes from. */
  readonly setting: "gaps" | "new-model" | null;
  /** Where an observed score was reported (datasets that record it); null otherwise. */
  readonly source: CellSource | null;
}

/** A model row's facts. */
export interface LeaderboardModel {
  readonly name: string;
  /** URL-safe name, unique within the dataset (the model page's path). */
  readonly slug: string;
  readonly observed: number;
  /** Design factors by name (null where missing); empty without a factor file. */
  readonly factors: Readonly<Record<string, number | string | null>>;
  /** The nearest models in the learned embedding (cosine, averaged over the members). */
  readonly neighbors: readonly { readonly name: string; readonly similarity: number }[];
}

/** A calibration as the report shows it. */
export interface LeaderboardCalibration {
  readonly setting: "gaps" | "new-model";
  readonly known: number | null;
  readonly level: number;
  readonly coverage: number;
  readonly medianWidth: number;
  readonly n: number;
  readonly folds: number;
  readonly seeds: number;
  readonly score: string;
}

export interface LeaderboardReport {
  readonly dataset: string;
  readonly title: string;
  /** How the method was chosen: held-out MSE per candidate on the task scale. */
  readonly selection: readonly { method: string; mse: number; seeds: number }[];
  readonly method: string;
  readonly backend: string;
  readonly level: number;
  /** Ensemble members of the fill (and of each calibration fold). */
  readonly seeds: number;
  readonly models: readonly string[];
  readonly tasks: readonly string[];
  readonly lowerIsBetter: readonly boolean[];
  /** Each task's scale kind (bounded fraction or percent, or unbounded). */
  readonly scales: readonly TaskScale[];
  readonly modelInfo: readonly LeaderboardModel[];
  /** Model factors worth filtering on, when the dataset has them. */
  readonly filters: {
    readonly family: string | null;
    readonly params: string | null;
    readonly openWeights: string | null;
  };
  readonly calibrations: readonly LeaderboardCalibration[];
  /** Why a setting has no calibration (too few models), when one is missing. */
  readonly calibrationNotes: readonly string[];
  /** Models and tasks left out because they have no observed score (nothing to predict from). */
  readonly omitted: readonly { entity: "model" | "task"; name: string; reason: string }[];
  readonly cells: readonly LeaderboardCellRow[];
}

const r6 = (x: number) => Number(x.toPrecision(6));

/** Options of {@linkcode leaderboardReport}. */
export interface LeaderboardOptions {
  /** Random splits the candidates are compared on. Default 5. */
  readonly seeds?: number;
  /** Ensemble members of the fill and of each calibration fold. Default 3. */
  readonly intervalSeeds?: number;
  /** Nominal coverage of the intervals. Default 0.9. */
  readonly level?: number;
  readonly backend?: BackendChoice;
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

function findFactor(
  data: Dataset,
  pattern: RegExp,
  kind: "numeric" | "categorical",
): string | null {
  const f = data.modelFactors?.factors.find((f) => f.kind === kind && pattern.test(f.name));
  return f ? f.name : null;
}

/** The `count` nearest models of each model: cosine similarity averaged over the members. */
export function nearestModels(
  members: readonly PortableModel[],
  count = 5,
): { name: string; similarity: number }[][] {
  if (members.length === 0) return [];
  const { k } = members[0];
  const names = members[0].models.names;
  const n = names.length;
  const sim = new Float64Array(n * n);
  for (const member of members) {
    const e = member.models.emb;
    const norm = Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let d = 0; d < k; d++) s += e[i * k + d] ** 2;
      return Math.sqrt(s);
    });
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let d = 0; d < k; d++) s += e[a * k + d] * e[b * k + d];
        sim[a * n + b] += norm[a] > 0 && norm[b] > 0 ? s / (norm[a] * norm[b]) / members.length : 0;
      }
    }
  }
  return names.map((_, a) =>
    names
      .map((name, b) => ({ name, b, similarity: sim[a * n + b] }))
      .filter((x) => x.b !== a)
      .sort((x, y) => y.similarity - x.similarity || x.name.localeCompare(y.name))
      .slice(0, count)
      .map(({ name, similarity }) => ({ name, similarity: Number(similarity.toFixed(4)) }))
  );
}

function calibrationRow(c: Calibration): LeaderboardCalibration {
  return {
    setting: c.setting,
    known: c.known,
    level: c.level,
    coverage: Number(c.measured.coverage.toFixed(4)),
    medianWidth: r6(c.measured.medianWidth),
    n: c.measured.n,
    folds: c.folds,
    seeds: c.seeds,
    score: c.score,
  };
}

/**
 * Picks the candidate with the lowest mean held-out MSE (task scale, `seeds` random splits),
 * calibrates its intervals (ordinary gaps; new models with 2 known scores, where the dataset has
 * enough models), and fills the matrix with an ensemble trained on every observed cell. Models
 * and tasks with no observed score are left out, and listed in `omitted`.
 *
 * @example
 * ```ts
 * const board = await leaderboardReport(data, methodsFromList("mf,ncf,biases"));
 * board.cells.filter((c) => !c.observed)[0]; // { model, task, score, lower, upper, ... }
 * ```
 */
export async function leaderboardReport(
  dataset: Dataset,
  candidates: readonly Method[],
  options: LeaderboardOptions = {},
): Promise<LeaderboardReport> {
  const { data, omitted } = withoutColdEntities(dataset);
  const seeds = options.seeds ?? 5;
  const intervalSeeds = options.intervalSeeds ?? 3;
  const level = options.level ?? 0.9;
  const progress = (what: string) =>
    options.onProgress
      ? (p: { done: number; total: number; label: string }) =>
        options.onProgress!({ ...p, label: `${what}: ${p.label}` })
      : undefined;
  const table = await runTable1(data, {
    methods: candidates,
    seeds,
    scale: "task",
    backend: options.backend,
    onProgress: progress("selection"),
  });
  const selection = table.methods.map((m) => ({ method: m.method, mse: m.mse.mean, seeds }));
  const best = selection.reduce((a, b) => (b.mse < a.mse ? b : a));
  const method = candidates.find((m) => m.id === best.method)!;
  const common = { level, seeds: intervalSeeds, backend: options.backend };
  const calibrations: Calibration[] = [
    await calibrateIntervals(data, method, {
      ...common,
      setting: "gaps",
      onProgress: progress("gap intervals"),
    }),
  ];
  const calibrationNotes: string[] = [];
  try {
    calibrations.push(
      await calibrateIntervals(data, method, {
        ...common,
        setting: "new-model",
        known: 2,
        onProgress: progress("new-model intervals"),
      }),
    );
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    calibrationNotes.push(`No new-model calibration: ${error.message}`);
  }
  const filled = await predictWithIntervals(data, method, calibrations, {
    backend: options.backend,
    keepModels: true,
    onProgress: progress("fill"),
  });
  const { dense, lowerIsBetter } = data.scores;
  const { nTasks } = dense;
  // Colour by position within each task's filled column, higher is better.
  const lo = new Array<number>(nTasks).fill(Infinity);
  const hi = new Array<number>(nTasks).fill(-Infinity);
  // Every model and task has a score (withoutColdEntities), so every cell has a prediction.
  const scoreOf = (c: (typeof filled.cells)[number]) => c.observed ?? c.predicted!;
  filled.cells.forEach((c, k) => {
    const j = k % nTasks;
    lo[j] = Math.min(lo[j], scoreOf(c));
    hi[j] = Math.max(hi[j], scoreOf(c));
  });
  const neighbors = filled.fit.models ? nearestModels(filled.fit.models) : [];
  const slugOf = slugs(dense.models);
  const observedCount = dense.models.map((_, i) => {
    let c = 0;
    for (let j = 0; j < nTasks; j++) c += dense.observed[i * nTasks + j];
    return c;
  });
  return {
    dataset: data.id,
    title: data.title,
    selection,
    method: method.id,
    backend: filled.backend,
    level,
    seeds: intervalSeeds,
    models: dense.models,
    tasks: dense.tasks,
    lowerIsBetter,
    scales: data.scores.scale,
    modelInfo: dense.models.map((name, i) => ({
      name,
      slug: slugOf[i],
      observed: observedCount[i],
      factors: Object.fromEntries(
        (data.modelFactors?.factors ?? []).map((f) => [f.name, f.values[i]]),
      ),
      neighbors: neighbors[i] ?? [],
    })),
    filters: {
      family: findFactor(data, /family|provider/i, "categorical"),
      params: findFactor(data, /param/i, "numeric"),
      openWeights: findFactor(data, /open|weights|licen[cs]e/i, "categorical"),
    },
    calibrations: calibrations.map(calibrationRow),
    calibrationNotes,
    omitted,
    cells: filled.cells.map((c, k) => {
      const j = k % nTasks;
      const score = scoreOf(c);
      const t = hi[j] > lo[j] ? (score - lo[j]) / (hi[j] - lo[j]) : 0.5;
      return {
        model: c.model,
        task: c.task,
        score: r6(score),
        observed: c.observed !== null,
        normalized: Number((lowerIsBetter[j] ? 1 - t : t).toFixed(4)),
        predicted: r6(c.predicted!),
        lower: c.lower === null ? null : r6(c.lower),
        upper: c.upper === null ? null : r6(c.upper),
        setting: c.setting,
        source: c.observed !== null ? data.sources?.[k] ?? null : null,
      };
    }),
  };
}
