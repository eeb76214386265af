/**
 * What every command shares: the I/O seam, the flag specs, loading a dataset with the read
 * options, numeric and choice flags, progress lines on stderr.
 */
import { type Dataset, type FactorKind, loadDataset, type LoadOptions } from "../lib/mod.ts";
import {
  flagBoolean,
  flagList,
  type FlagSpecs,
  flagValue,
  type ParsedArgs,
} from "../lib/util/args.ts";

export const SOURCE_FLAGS: FlagSpecs = {
  "offline": { boolean: true, description: "Never download; use CPP_DATA_DIR or the cache" },
  "json": { boolean: true, description: "Machine-readable output on stdout" },
};

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

export const TRAIN_FLAGS: FlagSpecs = {
  "method": {
    value: "LIST",
    description: "mf, ncf, ncf-factors, factors-only, biases, task-mean, global-mean, or all",
  },
  "split": {
    value: "random|new-model|new-task|emergent",
    description: "Evaluation split (default random)",
  },
  "curve": {
    boolean: true,
    description: "new-model / new-task: K = 0..5 on the same targets (the report's curve)",
  },
  "known": {
    value: "K|TASK=SCORE,…",
    description: "evaluate new-model / new-task: scores of the target revealed (default 2; 0 = " +
      "cold start); predict-model: the new model's known scores, in the dataset's units",
  },
  "threshold": {
    value: "M",
    description: "emergent: largest 'small' model, millions of parameters (default 13000)",
  },
  "holdout": { value: "P", description: "Share of observed cells held out per seed (0.05)" },
  "seeds": {
    value: "N",
    description: "Seeds 0..N-1 (default 20 for random, else 5); predict-model: ensemble members",
  },
  "seed": {
    value: "N",
    description: "predict: the training seed; predict-model: the calibration folds and " +
      "reveals; shapley: the permutation draw (default 0)",
  },
  "scale": {
    value: "cpp|task",
    description: "Normalization (random split: cpp, to compare with the paper; otherwise task)",
  },
  "backend": { value: "auto|cpu|webasm|webgpu", description: "gpu.js backend (default auto)" },
  "dump-predictions": {
    value: "FILE",
    description: "evaluate: write every held-out cell's gold and prediction (CSV)",
  },
  "out": {
    value: "FILE",
    description: "predict: the filled matrix (CSV); predict-model: the predictions (CSV, or " +
      "JSON when FILE ends in .json)",
  },
  "level": {
    value: "P",
    description: "predict, predict-model: level of the conformal intervals (default 0.9)",
  },
  "no-intervals": {
    boolean: true,
    description: "evaluate: skip measuring the conformal intervals' coverage (faster)",
  },
  "players": { value: "model|task|both", description: "shapley: which factors (default both)" },
  "mode": {
    value: "auto|exact|permutation",
    description: "shapley: exact enumeration, permutation sampling, or exact when it fits",
  },
  "budget": { value: "N", description: "shapley: most coalitions trained (default 800)" },
};

/** `predict-model`: the new model and the calibration of its intervals. */
export const NEW_MODEL_FLAGS: FlagSpecs = {
  "factors": {
    value: "FILE.json",
    description: 'The new model\'s design factors, a JSON object {"NAME": VALUE, …}',
  },
  "factor": {
    value: "NAME=VALUE",
    repeat: true,
    description: "One design factor (NAME= for missing); wins over --factors and --like",
  },
  "like": {
    value: "MODEL",
    description: "Start from a dataset model's design factors (and show its actual scores)",
  },
  "exclude": {
    value: "MODEL",
    repeat: true,
    description: "Leave a model out of calibration and training, to test on a real one",
  },
  "folds": { value: "N", description: "Calibration folds over models (default 10)" },
};

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export function loadOptions(args: ParsedArgs): LoadOptions {
  const kinds: Record<string, FactorKind> = {};
  for (const name of flagList(args, "numeric")) kinds[name] = "numeric";
  for (const name of flagList(args, "categorical")) kinds[name] = "categorical";
  const aliases: Record<string, string> = {};
  for (const pair of (args.flags.get("alias") as string[] | undefined) ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0 || eq === pair.length - 1) {
      throw new RangeError(`Option --alias expects FACTOR=SCORE, got '${pair}'`);
    }
    aliases[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  const layout = flagValue(args, "layout");
  const factorColumns = flagList(args, "factor-columns");
  const dropColumns = flagList(args, "drop-columns");
  return {
    offline: flagBoolean(args, "offline") || undefined,
    read: {
      ...(layout !== undefined ? { layout: layout as "wide" } : {}),
      ...(flagValue(args, "model-column") ? { modelColumn: flagValue(args, "model-column") } : {}),
      ...(factorColumns.length ? { factorColumns } : {}),
      ...(dropColumns.length ? { dropColumns } : {}),
      ...(flagValue(args, "lower-is-better")
        ? { lowerIsBetter: flagValue(args, "lower-is-better") }
        : {}),
      ...(flagValue(args, "unbounded") ? { unbounded: flagValue(args, "unbounded") } : {}),
      ...(Object.keys(kinds).length ? { factorKinds: kinds } : {}),
    },
    modelFactors: flagValue(args, "model-factors"),
    taskFactors: flagValue(args, "task-factors"),
    factorKinds: kinds,
    aliases,
  };
}

export async function load(target: string, args: ParsedArgs, io: Io): Promise<Dataset> {
  const data = await loadDataset(target, loadOptions(args));
  const read = data.provenance.files.find((f) => f.role === "scores");
  if (read?.origin === "embedded" && data.provenance.commit !== null) {
    io.err(`cpp: ${data.id}: read the project's embedded copy (${read.name}) of the pinned data`);
  }
  return data;
}

export function numberFlag(
  args: ParsedArgs,
  name: string,
  fallback: number,
  check: (x: number) => boolean,
  expected: string,
): number {
  const raw = flagValue(args, name);
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x) || !check(x)) {
    throw new RangeError(`Option --${name} is '${raw}' (expected ${expected})`);
  }
  return x;
}

export function choiceFlag<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = flagValue(args, name) ?? fallback;
  if (!choices.includes(raw as T)) {
    throw new RangeError(`Option --${name} is '${raw}' (expected ${choices.join(", ")})`);
  }
  return raw as T;
}

/** Progress on stderr, at most a few lines a second, and always the last. */
export function progressPrinter(io: Io, what: string) {
  let last = 0;
  return (p: { done: number; total: number; label: string }) => {
    const now = performance.now();
    if (now - last < 500 && p.done < p.total) return;
    last = now;
    const share = p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 0;
    io.err(`${what}: ${share.toFixed(0).padStart(3)}%  ${p.label}`);
  };
}

export function inputsOf(target: string, options: LoadOptions): string[] {
  return [target, options.modelFactors, options.taskFactors].filter((x): x is string => !!x);
}

export function formatMeanStd(
  x: { mean: number; std: number },
  digits: (v: number) => string,
): string {
  return Number.isFinite(x.std) ? `${digits(x.mean)} ± ${digits(x.std)}` : digits(x.mean);
}
