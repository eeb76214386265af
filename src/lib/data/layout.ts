/**
 * Score-file layouts (PROTOCOL.md, "The score matrix"): telling them apart from the header.
 *
 * @module
 */
import type { Layout, ReadOptions } from "./types.ts";

/** The layout names, in the order messages list them. */
export const LAYOUTS: readonly Layout[] = ["wide", "transposed", "long"];

const TASKS_FIRST = /^(metric|task|benchmark|scenario)s?$/i;
const MODELS_FIRST = /^(model|models|model name|name)$/i;

/**
 * Checks a layout name (from a flag or a registry entry) and returns it typed; an unknown name is
 * a `RangeError` ("unknown layout 'x': expected wide, transposed or long"), prefixed with
 * `prefix` when given.
 *
 * @example
 * ```ts
 * parseLayout("long"); // "long"
 * ```
 */
export function parseLayout(name: string, prefix?: string): Layout {
  if ((LAYOUTS as readonly string[]).includes(name)) return name as Layout;
  const message = `unknown layout '${name}': expected wide, transposed or long`;
  throw new RangeError(prefix === undefined ? message : `${prefix}: ${message}`);
}

/**
 * The index of the column named `name`: an exact match, else the only case-insensitive match;
 * -1 when there is none.
 */
export function findColumn(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  const matches = header.flatMap((h, c) => (h.toLowerCase() === lower ? [c] : []));
  return matches.length === 1 ? matches[0] : -1;
}

/** The model, task and score columns of a long file (defaults `model`, `task`, `score`). */
export function longColumnNames(
  options: Pick<ReadOptions, "modelColumn" | "taskColumn" | "scoreColumn">,
): { model: string; task: string; score: string } {
  return {
    model: options.modelColumn ?? "model",
    task: options.taskColumn ?? "task",
    score: options.scoreColumn ?? "score",
  };
}

/**
 * Detects the layout from a trimmed header row, or returns undefined when it cannot tell:
 * - long when the header has model, task and score columns (case-insensitive, or the names in
 *   `modelColumn`, `taskColumn`, `scoreColumn`);
 * - transposed when the first cell is `metric`, `task`, `benchmark` or `scenario` (or plural);
 * - wide when the first cell is empty, `model(s)`, `model name` or `name`, or when the header
 *   has the column named by `modelColumn`.
 *
 * @example
 * ```ts
 * detectLayout(["", "MMLU", "GSM8K"]); // "wide"
 * detectLayout(["Metric", "GPT-J (6B)"]); // "transposed"
 * detectLayout(["model", "task", "score", "source"]); // "long"
 * ```
 */
export function detectLayout(
  header: readonly string[],
  options: Pick<ReadOptions, "modelColumn" | "taskColumn" | "scoreColumn"> = {},
): Layout | undefined {
  const long = longColumnNames(options);
  if ([long.model, long.task, long.score].every((name) => findColumn(header, name) >= 0)) {
    return "long";
  }
  const first = header[0] ?? "";
  if (TASKS_FIRST.test(first)) return "transposed";
  if (first === "" || MODELS_FIRST.test(first)) return "wide";
  if (options.modelColumn !== undefined && header.includes(options.modelColumn)) return "wide";
  return undefined;
}
