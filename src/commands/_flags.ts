/**
 * The flags that several commands share (their specs, for the command table), and the argument
 * and flags that several commands read the same way: the dataset (first positional argument),
 * --backend and --seeds. Built on `choiceFlag` and `numberFlag` (_common.ts).
 *
 * @module
 */
import type { BackendChoice } from "../lib/mod.ts";
import type { FlagSpecs, ParsedArgs } from "./args.ts";
import { choiceFlag, type FlagGroup, numberFlag } from "./_common.ts";

/** Where a registry dataset may come from. */
export const SOURCE_FLAGS: FlagSpecs = {
  "offline": { boolean: true, description: "Never download; use CPP_DATA_DIR or the cache" },
};

/** How a score file is read (they also override a registry entry's). */
export const READ_FLAGS: FlagSpecs = {
  "layout": {
    value: "wide|transposed|long",
    description: "Layout of a score file (default: detect)",
  },
  "model-column": { value: "NAME", description: "Wide layout: the column holding model names" },
  "factor-columns": {
    value: "A,B",
    repeat: true,
    description: "Wide layout: columns that are model factors, not tasks",
  },
  "drop-columns": { value: "A,B", repeat: true, description: "Columns (or rows) to ignore" },
  "lower-is-better": {
    value: "REGEX",
    description: "Tasks whose name matches are lower-is-better (case-insensitive)",
  },
  "unbounded": {
    value: "REGEX",
    description:
      "Tasks whose name matches are on an unbounded scale (Elo, dollars): never clipped to 0-100",
  },
  "model-factors": { value: "FILE", description: "Model factor file (one row per model)" },
  "task-factors": { value: "FILE", description: "Task factor file (one row per factor)" },
  "numeric": { value: "A,B", repeat: true, description: "Factor columns to type as numeric" },
  "categorical": {
    value: "A,B",
    repeat: true,
    description: "Factor columns to type as categorical",
  },
  "alias": {
    value: "FACTOR=SCORE",
    repeat: true,
    description: "A factor-file name and the score-file name it stands for",
  },
};

export const JSON_FLAG: FlagSpecs = {
  "json": { boolean: true, description: "Machine-readable output on stdout" },
};

export const LEVEL_FLAG: FlagSpecs = {
  "level": { value: "P", description: "Level of the conformal intervals (default 0.9)" },
};

export const BACKEND_FLAG: FlagSpecs = {
  "backend": { value: "auto|cpu|webasm|webgpu", description: "gpu.js backend (default auto)" },
};

/**
 * The flag groups of a command that reads a dataset: its own flags, then the source and read
 * options every such command takes.
 */
export function datasetFlags(own: FlagSpecs): FlagGroup[] {
  return [
    { title: "Options", specs: own },
    { title: "Source options", specs: SOURCE_FLAGS },
    {
      title: "Read options (for a CSV file; they also override a registry entry's)",
      specs: READ_FLAGS,
    },
  ];
}

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

/** --level: the intervals' nominal coverage, in (0, 1); 0.9 when absent. */
export function levelFlag(args: ParsedArgs): number {
  return numberFlag(args, "level", 0.9, (x) => x > 0 && x < 1, "a level in (0, 1)");
}

/** --seed: a whole number >= 0; 0 when absent. */
export function seedFlag(args: ParsedArgs): number {
  return numberFlag(args, "seed", 0, (x) => Number.isInteger(x) && x >= 0, "an integer >= 0");
}
