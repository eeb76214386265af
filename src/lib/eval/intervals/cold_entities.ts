/**
 * Models and tasks with no observed score, and what a method filling the matrix can say about
 * them. A method that only learns from scores cannot know such an entity: its cells get no
 * prediction, and the reason. A method that uses design factors predicts it from them (a cold
 * start) when the data has factors for it, and says so. Either way the scale must be known: on
 * the `task` scale a task without scores has no min and max to map a prediction back to, and on
 * the `cpp` scale neither has a model without scores.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { NormalizationKind } from "../../data/normalize.ts";
import type { FactorTable } from "../../data/types.ts";
import type { Method } from "../../models/types.ts";
import { printable } from "../../data/_values.ts";
import { subsetDataset } from "../../data/subset.ts";

/** A model or a task with no observed score. */
export interface ColdEntity {
  readonly entity: "model" | "task";
  readonly name: string;
  /** True when the method predicts its cells from design factors (a cold start). */
  readonly predicted: boolean;
  /** What happens and why, e.g. "task 'X' has no observed score: no prediction (mf …)". */
  readonly reason: string;
}

/** What {@linkcode coldEntities} returns: the list, and each cell's note (null for most). */
export interface ColdCells {
  readonly entities: readonly ColdEntity[];
  /** Cell k = i * nTasks + j: null, or the note of its model's or task's entity. */
  note(k: number): { readonly predicted: boolean; readonly note: string } | null;
}

/**
 * The models and tasks of `data` with no observed score, as `method` filling the matrix on
 * `scale` treats them.
 *
 * @example
 * ```ts
 * const cold = coldEntities(data, methodById("mf"), "task");
 * cold.entities; // [{ entity: "task", name: "EMPTY", predicted: false, reason: "…" }]
 * ```
 */
export function coldEntities(
  data: Dataset,
  method: Method,
  scale: NormalizationKind,
): ColdCells {
  const { dense } = data.scores;
  const { nModels, nTasks, observed } = dense;
  const perModel = new Uint32Array(nModels);
  const perTask = new Uint32Array(nTasks);
  for (let k = 0; k < observed.length; k++) {
    if (!observed[k]) continue;
    perModel[Math.floor(k / nTasks)]++;
    perTask[k % nTasks]++;
  }
  const describe = (
    entity: "model" | "task",
    name: string,
    index: number,
    table: FactorTable | undefined,
  ): ColdEntity => {
    const what = `${entity} '${printable(name)}' has no observed score`;
    const ownScale = (entity === "task") === (scale === "task");
    if (ownScale) {
      return {
        entity,
        name,
        predicted: false,
        reason: `${what}: no prediction (on the ${scale} scale a ${entity}'s scores set its ` +
          "range, so there is none to map a prediction back to)",
      };
    }
    if (method.usesFactors && hasFactors(table, index)) {
      return {
        entity,
        name,
        predicted: true,
        reason: `${what}: a cold start, predicted by ${method.id} from its ${entity} factors`,
      };
    }
    return {
      entity,
      name,
      predicted: false,
      reason: `${what}: no prediction (${method.id} cannot know it: ` +
        (method.usesFactors
          ? `the data has no ${entity} factors for it)`
          : `it learns ${entity}s from their scores; a method with ${entity} factors can start ` +
            "cold)"),
    };
  };
  const models = new Map<number, ColdEntity>();
  const tasks = new Map<number, ColdEntity>();
  perModel.forEach((n, i) => {
    if (n === 0) models.set(i, describe("model", dense.models[i], i, data.modelFactors));
  });
  perTask.forEach((n, j) => {
    if (n === 0) tasks.set(j, describe("task", dense.tasks[j], j, data.taskFactors));
  });
  return {
    entities: [...tasks.values(), ...models.values()],
    note: (k) => {
      const a = tasks.get(k % nTasks);
      const b = models.get(Math.floor(k / nTasks));
      if (!a && !b) return null;
      const unknown = [a, b].find((e) => e && !e.predicted);
      const e = unknown ?? a ?? b!;
      return { predicted: !unknown, note: e.reason };
    },
  };
}

/** True when the factor table has a value for entity `index`. */
function hasFactors(table: FactorTable | undefined, index: number): boolean {
  return (table?.factors ?? []).some((f) => f.values[index] !== null);
}

/**
 * `data` without its models and tasks that have no observed score, and which were left out: for
 * a view that shows every model and task with a prediction (the leaderboard).
 *
 * @example
 * ```ts
 * const { data: kept, omitted } = withoutColdEntities(data);
 * omitted; // [{ entity: "task", name: "EMPTY", reason: "task 'EMPTY' has no observed score" }]
 * ```
 */
export function withoutColdEntities(
  data: Dataset,
): { data: Dataset; omitted: { entity: "model" | "task"; name: string; reason: string }[] } {
  const { dense } = data.scores;
  const { nTasks, observed } = dense;
  const models = dense.models.filter((_, i) =>
    observed.subarray(i * nTasks, (i + 1) * nTasks).includes(1)
  );
  const tasks = dense.tasks.filter((_, j) => {
    for (let k = j; k < observed.length; k += nTasks) if (observed[k]) return true;
    return false;
  });
  if (models.length === dense.nModels && tasks.length === nTasks) return { data, omitted: [] };
  const keptModels = new Set(models);
  const keptTasks = new Set(tasks);
  const omitted = [
    ...dense.tasks.filter((t) => !keptTasks.has(t)).map((name) => ({
      entity: "task" as const,
      name,
    })),
    ...dense.models.filter((m) => !keptModels.has(m)).map((name) => ({
      entity: "model" as const,
      name,
    })),
  ].map((e) => ({ ...e, reason: `${e.entity} '${printable(e.name)}' has no observed score` }));
  return { data: subsetDataset(data, { models, tasks }), omitted };
}
