/**
 * The argument and flags that several commands read the same way: the dataset (first positional
 * argument), --backend and --seeds. Built on `choiceFlag` and `numberFlag` (_common.ts).
 *
 * @module
 */
import type { BackendChoice } from "../lib/mod.ts";
import type { ParsedArgs } from "../lib/util/args.ts";
import { choiceFlag, numberFlag } from "./_common.ts";

/** The dataset id or CSV path after the command's name; a RangeError names the command without one. */
export function datasetArg(args: ParsedArgs, command: string): string {
  const target = args.positional[1];
  if (!target) throw new RangeError(`Command ${command} needs a dataset id or a CSV file path`);
  return target;
}

/** --backend: auto (default), cpu, webasm or webgpu. */
export function backendFlag(args: ParsedArgs): BackendChoice {
  return choiceFlag<BackendChoice>(args, "backend", ["auto", "cpu", "webasm", "webgpu"], "auto");
}

/** --seeds: a whole number >= 1, `fallback` when absent. */
export function seedsFlag(args: ParsedArgs, fallback: number): number {
  return numberFlag(
    args,
    "seeds",
    fallback,
    (x) => Number.isInteger(x) && x >= 1,
    "an integer >= 1",
  );
}
