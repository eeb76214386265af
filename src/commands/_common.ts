/**
 * What every command shares: the I/O seam, the shape of a command, loading a dataset with the
 * read options, numeric and choice flags, progress lines on stderr.
 *
 * @module
 */
import {
  absolutePath,
  type Dataset,
  type FactorKind,
  loadDataset,
  type LoadOptions,
} from "../lib/mod.ts";
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

/**
 * The folder relative paths are read from and written to: the one `deno task` was started in
 * (it sets INIT_CWD and runs the command in the project folder), else the working folder.
 */
export function userFolder(): string {
  return Deno.env.get("INIT_CWD") || Deno.cwd();
}

/** `path` for reading or writing: relative paths resolved against the user's folder. */
export function userPath(path: string): string {
  return absolutePath(path, userFolder());
}

export function loadOptions(args: ParsedArgs): LoadOptions {
  const kinds: Record<string, FactorKind> = {};
  for (const name of flagList(args, "numeric")) kinds[name] = "numeric";
  for (const name of flagList(args, "categorical")) {
    if (kinds[name] === "numeric") {
      throw new RangeError(
        `Options --numeric and --categorical both name '${name}' (expected each factor in one ` +
          "of them)",
      );
    }
    kinds[name] = "categorical";
  }
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
    baseDir: userFolder(),
  };
}

/** Loads the dataset or file `target`; where it was read from and its warnings on stderr. */
export async function load(target: string, args: ParsedArgs, io: Io): Promise<Dataset> {
  const data = await loadDataset(target, loadOptions(args));
  const read = data.provenance.files.find((f) => f.role === "scores");
  if (read?.origin === "embedded" && data.provenance.commit !== null) {
    io.err(`cpp: ${data.id}: read the project's embedded copy (${read.name}) of the pinned data`);
  }
  for (const w of data.warnings.slice(0, WARNINGS_SHOWN)) io.err(`cpp: warning: ${w.message}`);
  const more = data.warnings.length - WARNINGS_SHOWN;
  if (more > 0) {
    io.err(`cpp: warning: … and ${more} more (cpp inspect ${target} --json lists them all)`);
  }
  return data;
}

/** The warnings a command prints on stderr before it says how many more there are. */
const WARNINGS_SHOWN = 20;

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

/** The files a command reads (absolute paths), for the check that no output overwrites one. */
export function inputsOf(target: string, options: LoadOptions): string[] {
  return [target, options.modelFactors, options.taskFactors].filter((x): x is string => !!x)
    .map(userPath);
}

export function formatMeanStd(
  x: { mean: number; std: number },
  digits: (v: number) => string,
): string {
  return Number.isFinite(x.std) ? `${digits(x.mean)} ± ${digits(x.std)}` : digits(x.mean);
}
