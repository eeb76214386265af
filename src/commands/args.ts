/**
 * A small, strict command-line flag parser: `--name value`, `--name=value`, boolean `--flag`,
 * repeatable flags; an unknown flag or a missing value is an error that names it.
 *
 * @module
 */

export interface FlagSpec {
  /** Flag takes no value. */
  readonly boolean?: boolean;
  /** Flag may be given several times; values are collected in order. */
  readonly repeat?: boolean;
  readonly description: string;
  /** Placeholder for the value in help text, e.g. FILE. */
  readonly value?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** A flag that is not among the specs: the CLI rewords it for the command at hand. */
export class UnknownOptionError extends RangeError {
  override name = "RangeError";
  constructor(readonly option: string, known: readonly string[]) {
    super(`Unknown option --${option}: expected one of ${known.map((n) => `--${n}`).join(", ")}`);
  }
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string[] | true>;
}

/**
 * Parses `argv` against `specs`.
 *
 * @example
 * ```ts
 * const { positional, flags } = parseArgs(["inspect", "x.csv", "--json"], { json: { boolean: true, description: "" } });
 * ```
 */
export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[] | true>();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === "--") {
      positional.push(...argv.slice(k + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "--") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UnknownOptionError(name, Object.keys(specs));
    if (spec.boolean) {
      if (eq >= 0) throw new RangeError(`Option --${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[k + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new RangeError(
          `Option --${name} needs a value${spec.value ? ` (${spec.value})` : ""}` +
            (next === undefined ? "" : `, got the option ${next}`),
        );
      }
      value = argv[++k];
    }
    const previous = flags.get(name);
    if (previous && previous !== true && !spec.repeat) {
      throw new RangeError(`Option --${name} given twice`);
    }
    flags.set(name, previous && previous !== true ? [...previous, value] : [value]);
  }
  return { positional, flags };
}

/** The last value of a flag, or undefined. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v === undefined || v === true ? undefined : v[v.length - 1];
}

/** All values of a repeatable flag, each split on commas, blanks dropped. */
export function flagList(args: ParsedArgs, name: string): string[] {
  const v = args.flags.get(name);
  if (v === undefined || v === true) return [];
  return v.flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "");
}

export function flagBoolean(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** Help text lines for `specs`. */
export function formatFlags(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => [
    `--${name}${s.value ? ` ${s.value}` : ""}`,
    s.description + (s.repeat ? " (repeatable)" : ""),
  ]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join("\n");
}
