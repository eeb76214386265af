/**
 * What `cpp inspect` prints and the overview page draws: shape, coverage per task and per model,
 * the scale and direction of each task, the factors found, and the observed cells.
 */
import type { Dataset, Provenance } from "./load_dataset.ts";
import { normalize } from "./normalize.ts";
import type { DataWarning, FactorKind, TaskScale } from "./types.ts";

export interface TaskSummary {
  readonly name: string;
  readonly observed: number;
  readonly coverage: number;
  readonly lowerIsBetter: boolean;
  readonly scale: TaskScale;
  readonly min: number | null;
  readonly max: number | null;
}

export interface ModelSummary {
  readonly name: string;
  readonly observed: number;
  readonly coverage: number;
}

export interface FactorSummary {
  readonly name: string;
  readonly entity: "model" | "task";
  readonly kind: FactorKind;
  readonly kindSource: "declared" | "inferred";
  /** Entities (models or tasks of the score matrix) with a value. */
  readonly present: number;
}

export interface DatasetSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly provenance: Provenance;
  readonly shape: {
    readonly models: number;
    readonly tasks: number;
    readonly observed: number;
    readonly density: number;
  };
  readonly tasks: readonly TaskSummary[];
  readonly models: readonly ModelSummary[];
  readonly factors: {
    readonly model: readonly FactorSummary[];
    readonly task: readonly FactorSummary[];
  };
  /** What the readers read with a doubt (`Dataset.warnings`). */
  readonly warnings: readonly DataWarning[];
}

/** One observed cell, with its score on the per-task 0-1 scale (higher is better). */
export interface CellRow {
  readonly model: string;
  readonly task: string;
  readonly score: number;
  readonly normalized: number;
}

/**
 * Shape, coverage, scale and direction of a loaded dataset.
 *
 * @example
 * ```ts
 * const s = summarize(await loadDataset("cpp-crowdsource"));
 * s.shape; // { models: 72, tasks: 29, observed: 878, density: 0.4205 }
 * ```
 */
export function summarize(data: Dataset): DatasetSummary {
  const { dense, lowerIsBetter, scale, exact } = data.scores;
  const { nModels, nTasks, observed } = dense;
  const perTask = new Array<number>(nTasks).fill(0);
  const perModel = new Array<number>(nModels).fill(0);
  const min = new Array<number>(nTasks).fill(Infinity);
  const max = new Array<number>(nTasks).fill(-Infinity);
  let total = 0;
  for (let i = 0; i < nModels; i++) {
    for (let j = 0; j < nTasks; j++) {
      const k = i * nTasks + j;
      if (!observed[k]) continue;
      total++;
      perTask[j]++;
      perModel[i]++;
      min[j] = Math.min(min[j], exact[k]);
      max[j] = Math.max(max[j], exact[k]);
    }
  }
  const factorSummary = (table: Dataset["modelFactors"]): FactorSummary[] =>
    (table?.factors ?? []).map((f) => ({
      name: f.name,
      entity: table!.entity,
      kind: f.kind,
      kindSource: f.kindSource,
      present: f.values.filter((v) => v !== null).length,
    }));
  return {
    id: data.id,
    title: data.title,
    description: data.description,
    provenance: data.provenance,
    shape: {
      models: nModels,
      tasks: nTasks,
      observed: total,
      density: nModels * nTasks === 0 ? 0 : total / (nModels * nTasks),
    },
    tasks: dense.tasks.map((name, j) => ({
      name,
      observed: perTask[j],
      coverage: nModels === 0 ? 0 : perTask[j] / nModels,
      lowerIsBetter: lowerIsBetter[j],
      scale: scale[j],
      min: perTask[j] ? min[j] : null,
      max: perTask[j] ? max[j] : null,
    })),
    models: dense.models.map((name, i) => ({
      name,
      observed: perModel[i],
      coverage: nTasks === 0 ? 0 : perModel[i] / nTasks,
    })),
    factors: { model: factorSummary(data.modelFactors), task: factorSummary(data.taskFactors) },
    warnings: data.warnings,
  };
}

/** The observed cells, row-major, each with its per-task normalized score (0-1, higher is better). */
export function observedCells(data: Dataset): CellRow[] {
  const { dense, lowerIsBetter } = data.scores;
  const norm = normalize(dense, lowerIsBetter, { kind: "task" });
  const rows: CellRow[] = [];
  for (let i = 0; i < dense.nModels; i++) {
    for (let j = 0; j < dense.nTasks; j++) {
      const k = i * dense.nTasks + j;
      if (!dense.observed[k]) continue;
      rows.push({
        model: dense.models[i],
        task: dense.tasks[j],
        score: data.scores.exact[k],
        normalized: norm.values[k],
      });
    }
  }
  return rows;
}
