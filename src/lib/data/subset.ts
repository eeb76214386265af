/**
 * A dataset restricted to some tasks and to the models that have enough of them, e.g. the HELM
 * pilot of the slides: the 16 core scenarios and the models with at least half of them.
 */
import * as aq from "arquero";
import type { Dataset } from "./load_dataset.ts";
import { denseScores } from "./_dense.ts";
import type { FactorTable } from "./types.ts";

export interface SubsetOptions {
  /** Tasks to keep, in this order (default: all). Unknown names are an error. */
  readonly tasks?: readonly string[];
  /** Models to keep, in this order (default: all). Unknown names are an error. */
  readonly models?: readonly string[];
  /** Keep only models with at least this many observed scores among the kept tasks. */
  readonly minObserved?: number;
}

function pick(table: FactorTable | undefined, rows: readonly number[]): FactorTable | undefined {
  if (!table) return undefined;
  return {
    ...table,
    names: rows.map((r) => table.names[r]),
    factors: table.factors.map((f) => ({ ...f, values: rows.map((r) => f.values[r]) })),
  };
}

function indices(
  wanted: readonly string[] | undefined,
  index: ReadonlyMap<string, number>,
  all: readonly string[],
  what: string,
  source: string,
): number[] {
  if (!wanted) return all.map((_, k) => k);
  return wanted.map((name) => {
    const k = index.get(name);
    if (k === undefined) {
      throw new RangeError(`Cannot subset ${source}: no ${what} named '${name}'`);
    }
    return k;
  });
}

/**
 * The part of `data` on the chosen tasks and models; factors follow their models and tasks.
 *
 * @example
 * ```ts
 * const helm = await loadDataset("helm-core");
 * const core = subsetDataset(helm, { tasks: helm.scores.dense.tasks.slice(0, 16), minObserved: 8 });
 * ```
 */
export function subsetDataset(data: Dataset, options: SubsetOptions = {}): Dataset {
  const src = data.scores.dense;
  const source = data.scores.source;
  const taskRows = indices(options.tasks, src.taskIndex, src.tasks, "task", source);
  let modelRows = indices(options.models, src.modelIndex, src.models, "model", source);
  const minObserved = options.minObserved ?? 0;
  modelRows = modelRows.filter((i) =>
    taskRows.reduce((n, j) => n + src.observed[i * src.nTasks + j], 0) >= minObserved
  );
  const models = modelRows.map((i) => src.models[i]);
  const tasks = taskRows.map((j) => src.tasks[j]);
  const nModels = models.length;
  const nTasks = tasks.length;
  const values = new Float32Array(nModels * nTasks);
  const observed = new Uint8Array(nModels * nTasks);
  const exact = new Float64Array(nModels * nTasks);
  modelRows.forEach((i, a) =>
    taskRows.forEach((j, b) => {
      values[a * nTasks + b] = src.values[i * src.nTasks + j];
      observed[a * nTasks + b] = src.observed[i * src.nTasks + j];
      exact[a * nTasks + b] = data.scores.exact[i * src.nTasks + j];
    })
  );
  const dense = denseScores(models, tasks, values, observed);
  const keepModels = new Set(models);
  const keepTasks = new Set(tasks);
  const table = data.scores.table
    .params({ keepModels: [...keepModels], keepTasks: [...keepTasks] })
    .filter((
      d: { model: string; task: string },
      $: { keepModels: string[]; keepTasks: string[] },
    ) => aq.op.includes($.keepModels, d.model, 0) && aq.op.includes($.keepTasks, d.task, 0));
  return {
    ...data,
    scores: {
      ...data.scores,
      table,
      dense,
      exact,
      lowerIsBetter: taskRows.map((j) => data.scores.lowerIsBetter[j]),
      scale: taskRows.map((j) => data.scores.scale[j]),
    },
    modelFactors: pick(data.modelFactors, modelRows),
    taskFactors: pick(data.taskFactors, taskRows),
  };
}
