/**
 * Every method by id: the paper's four (trained by the gpu.js engine), the closed-form
 * baselines and BenchPress's bias-als (plain TypeScript). The CLI, loaders and notebooks pick methods here.
 */
import { biases, globalMean, taskMean } from "./eval/baselines/closed_form.ts";
import { biasAls } from "./eval/baselines/bias_als.ts";
import { LEARNED_METHODS, method } from "./models/mod.ts";
import type { Dataset } from "./data/load_dataset.ts";
import type { Method, MethodId } from "./models/types.ts";

/** The baselines, simplest first; `bias-als` is BenchPress's completer, the peer's method. */
export const BASELINE_METHODS: readonly MethodId[] = [
  "global-mean",
  "task-mean",
  "biases",
  "bias-als",
];
export const ALL_METHODS: readonly MethodId[] = [...LEARNED_METHODS, ...BASELINE_METHODS];

/**
 * The method named `id` with its default configuration.
 *
 * @example
 * ```ts
 * const mf = methodById("mf");
 * ```
 */
export function methodById(id: string): Method {
  switch (id) {
    case "global-mean":
      return globalMean();
    case "task-mean":
      return taskMean();
    case "biases":
      return biases();
    case "bias-als":
      return biasAls();
  }
  if (!(LEARNED_METHODS as readonly string[]).includes(id)) {
    throw new RangeError(
      `Unknown method '${id}': expected one of ${ALL_METHODS.join(", ")}, or all`,
    );
  }
  return method(id as (typeof LEARNED_METHODS)[number]);
}

/** Methods from a comma-separated list of ids, `all` standing for every method. */
export function methodsFromList(list: string): Method[] {
  const ids = list.split(",").map((s) => s.trim()).filter(Boolean).flatMap((id) =>
    id === "all" ? [...ALL_METHODS] : [id]
  );
  if (ids.length === 0) throw new RangeError("Option --method needs at least one method");
  return [...new Set(ids)].map(methodById);
}

/**
 * The methods that can run on `data`: those that use design factors need the dataset to have
 * model or task factors. The others are returned with the reason, for the report to say so.
 */
export function applicableMethods(
  data: Dataset,
  methods: readonly Method[],
): { methods: Method[]; skipped: { method: string; reason: string }[] } {
  const hasFactors =
    (data.modelFactors?.factors.length ?? 0) + (data.taskFactors?.factors.length ?? 0) > 0;
  const skipped = methods.filter((m) => m.usesFactors && !hasFactors).map((m) => ({
    method: m.id,
    reason: `${data.id} has no design factors`,
  }));
  return { methods: methods.filter((m) => !(m.usesFactors && !hasFactors)), skipped };
}
