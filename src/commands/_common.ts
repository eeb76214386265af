/**
 * What every command shares: the I/O seam, the shape of a command, loading a dataset with the
 * read options, numeric and choice flags, progress lines on stderr.
 *
 * @module
 */
import { type Dataset, type FactorKind, loadDataset, type LoadOptions } from "../lib/mod.ts";
import { flagBoolean, flagList, type FlagSpecs, flagValue, type ParsedArgs } from "./args.ts";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Flags that the help prints under one title. */
export interface FlagGroup {
  readonly title: string;
  readonly specs: FlagSpecs;
}

/**
 * One command of the CLI: the command table (`COMMANDS` in mod.ts) lists them, and the help, the
 * dispatch, the flag check and docs/cli.md are all made from it.
 */
export interface Command {
  /** What follows `deno task cpp`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Synopsis lines, each after `deno task cpp `. */
  readonly usage: readonly string[];
  /** The arguments after the name: their placeholders, e.g. `["<dataset-or-file>"]`. */
  readonly positional: readonly string[];
  /** The only flags the command takes, grouped as its help prints them. */
  readonly flags: readonly FlagGroup[];
  /** Runs the command; `args.positional[0]` is its name. */
  run(args: ParsedArgs, io: Io): Promise<void>;
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
    fallback: !flagBoolean(args, "no-fallback"),
    read: {
      ...(layout !== undefined ? { layout: layout as "wide" } : {}),
      ...(flagValue(args, "model-column") ? { modelColumn: flagValue(args, "model-column") } : {}),
      ...(factorColumns.length ? { factorColumns } : {}),
      ...(dropColumns.length ? { dropColumns } : {}),
      ...(flagValue(args, "lower-is-better")
        ? { lowerIsBetter: flagValue(args, "lower-is-better") }
        : {}),
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
  if (data.notice) io.err(`cpp: notice: ${data.notice}`);
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
