/**
 * Checking what a user says about a model that is not in the data: its design factors and the
 * scores already known, against the data it will be predicted from. The CLI (`cpp predict-model`)
 * reads them from flags and files; a page or a notebook from a form or an object; all check them
 * here, with the same messages. Nothing here prints: notices come back as data.
 *
 * @module
 */
import type { Dataset } from "./load_dataset.ts";
import { closestNames } from "./factors.ts";
import { type FactorKind, scaleBounds, type TaskScale } from "./types.ts";

/** A design factor's value: a number (numeric), a string (categorical), or null for missing. */
export type NewFactorValue = number | string | null;

/** What the checks need to know of the data a new model joins. */
export interface NewModelSchema {
  /** The dataset's id, for messages. */
  readonly dataset: string;
  /** The model factors, with the values a categorical one takes in the data. */
  readonly factors: readonly {
    readonly name: string;
    readonly kind: FactorKind;
    readonly levels: readonly string[];
  }[];
  readonly tasks: readonly string[];
  /** Aligned with `tasks`. */
  readonly scale: readonly TaskScale[];
}

/** One source of factor values, in the order they apply (a later one wins). */
export interface FactorSource {
  /** Where the values come from, for messages (e.g. `--factor`, `--factors f.json`). */
  readonly label: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * The schema of `data`: its model factors (categorical ones with their values) and its tasks.
 *
 * @example
 * ```ts
 * const schema = newModelSchema(await loadDataset("cpp-crowdsource"));
 * schema.factors.map((f) => f.name); // ["family", "Pretraining Dataset Size (B)", ...]
 * ```
 */
export function newModelSchema(data: Dataset): NewModelSchema {
  return {
    dataset: data.id,
    factors: (data.modelFactors?.factors ?? []).map((f) => ({
      name: f.name,
      kind: f.kind,
      levels: [...new Set(f.values.filter((v) => v !== null).map(String))],
    })),
    tasks: data.scores.dense.tasks,
    scale: data.scores.scale,
  };
}

/**
 * A new model's design factors: `start` (e.g. a known model's), then each source in order, a later
 * value winning. Names must be factors of the schema (a `RangeError` names the unknown one, the
 * closest names and the valid ones); a numeric factor's value must be a number, or null or "" for
 * missing; a category the data does not have is kept (it takes the "unknown" embedding) with a
 * notice.
 *
 * @example
 * ```ts
 * const { factors, notices } = resolveNewModelFactors(schema, {}, [
 *   { label: "--factor", values: { family: "LLama-2", "Parameter Size(M)": "7000" } },
 * ]);
 * factors["Parameter Size(M)"]; // 7000
 * ```
 */
export function resolveNewModelFactors(
  schema: NewModelSchema,
  start: Readonly<Record<string, NewFactorValue | undefined>>,
  sources: readonly FactorSource[],
): { factors: Record<string, NewFactorValue | undefined>; notices: string[] } {
  const byName = new Map(schema.factors.map((f) => [f.name, f]));
  const factors: Record<string, NewFactorValue | undefined> = { ...start };
  const notices: string[] = [];
  for (const { label, values } of sources) {
    for (const [name, raw] of Object.entries(values)) {
      const factor = byName.get(name);
      if (!factor) {
        throw new RangeError(
          schema.factors.length === 0
            ? `Cannot use design factors (${label}: '${name}'): ${schema.dataset} has no model ` +
              "factors"
            : `Unknown factor '${name}' (${label})` +
              suggestion(name, schema.factors.map((f) => f.name), "model factors"),
        );
      }
      if (raw === null || raw === "") {
        factors[name] = null;
        continue;
      }
      if (factor.kind === "numeric") {
        const x = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
        if (!Number.isFinite(x)) {
          throw new RangeError(
            `Factor '${name}' (${label}) is ${JSON.stringify(raw)} (expected a number, or ` +
              "nothing for missing)",
          );
        }
        factors[name] = x;
        continue;
      }
      if (typeof raw !== "string" && typeof raw !== "number") {
        throw new RangeError(
          `Factor '${name}' (${label}) is ${JSON.stringify(raw)} (expected a category)`,
        );
      }
      const value = String(raw);
      if (!factor.levels.includes(value)) {
        const close = closestNames(value, factor.levels);
        notices.push(
          `${name} '${value}' is not among the ${factor.levels.length} values of ` +
            `${schema.dataset} (it takes the 'unknown' embedding)` +
            (close.length ? `; closest: ${close.map((c) => `'${c}'`).join(", ")}` : ""),
        );
      }
      factors[name] = value;
    }
  }
  return { factors, notices };
}

/**
 * Known scores from `TASK=SCORE,TASK=SCORE` text, in the dataset's own units (a trailing `%` is
 * allowed on a percent task). A comma inside a task name is kept: a piece without `=` joins the
 * next one. Every task must be the schema's (exact name), once; every score a number, within
 * [0, 100] on a percent task and [0, 1] on a fraction task. Errors start with `label`.
 *
 * @example
 * ```ts
 * parseKnownScores(schema, "MMLU(5-shot)=45.7,GSM8K(4-shot)=16%", "Known scores");
 * // { "MMLU(5-shot)": 45.7, "GSM8K(4-shot)": 16 }
 * ```
 */
export function parseKnownScores(
  schema: NewModelSchema,
  text: string,
  label: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  const taskIndex = new Map(schema.tasks.map((t, j) => [t, j]));
  const pieces: string[] = [];
  let pending = "";
  for (const piece of text.split(",")) {
    pending = pending ? `${pending},${piece}` : piece;
    if (pending.includes("=")) {
      pieces.push(pending);
      pending = "";
    }
  }
  if (pending.trim() !== "") pieces.push(pending);
  for (const piece of pieces) {
    const eq = piece.lastIndexOf("=");
    if (eq <= 0) {
      throw new RangeError(`${label} expects TASK=SCORE,TASK=SCORE, got '${piece.trim()}'`);
    }
    const task = piece.slice(0, eq).trim();
    const raw = piece.slice(eq + 1).trim();
    const j = taskIndex.get(task);
    if (j === undefined) {
      throw new RangeError(
        `${label}: '${task}' is not a task of ${schema.dataset}` +
          suggestion(task, schema.tasks, "tasks"),
      );
    }
    if (Object.hasOwn(out, task)) throw new RangeError(`${label}: ${task} is given twice`);
    const unit = schema.scale[j];
    const number = unit === "percent" && raw.endsWith("%") ? raw.slice(0, -1).trim() : raw;
    const value = Number(number);
    if (number === "" || !Number.isFinite(value)) {
      throw new RangeError(`${label}: the score of ${task} is '${raw}' (expected a number)`);
    }
    const bounds = scaleBounds(unit);
    const range = bounds ? [bounds.lo, bounds.hi] : null;
    if (range && (value < range[0] || value > range[1])) {
      throw new RangeError(
        `${label}: the score of ${task} is ${raw}, outside the task's range ` +
          `[${range[0]}, ${range[1]}] (its scores in ${schema.dataset} are ${
            unit === "percent" ? "percentages" : "fractions"
          })`,
      );
    }
    out[task] = value;
  }
  return out;
}

/** "did you mean …?" and the valid names (the first 12 of a longer list). */
function suggestion(name: string, names: readonly string[], what: string): string {
  const close = closestNames(name, names);
  const shown = names.length > 15 ? names.slice(0, 12) : names;
  return (close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(" or ")}?)` : "") +
    `; the ${names.length} ${what}: ${shown.map((n) => `'${n}'`).join(", ")}` +
    (shown.length < names.length ? ", …" : "");
}
