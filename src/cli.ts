/**
 * `deno task cpp <command>`: the command-line entry. Thin: find the command in the command table
 * (src/commands/mod.ts), parse its own flags, run it. Results go to stdout, notices and progress
 * to stderr; any error exits non-zero with one line.
 *
 * @module
 */
import { flagBoolean, parseArgs, UnknownOptionError } from "./commands/args.ts";
import {
  type Command,
  commandHelp,
  commandNamed,
  commandsTaking,
  flagsOf,
  type Io,
  overview,
} from "./commands/mod.ts";

/** Runs the CLI on `argv`; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const name = argv[0];
    if (name === undefined || name === "--help") {
      io.out(overview());
      return name === undefined ? 2 : 0;
    }
    if (name.startsWith("--")) {
      throw new RangeError(
        `Cannot read the command line: it starts with the option ${name} (expected the command ` +
          "first: deno task cpp COMMAND [options]; see --help)",
      );
    }
    const command = commandNamed(name);
    const args = parseFor(command, argv);
    if (flagBoolean(args, "help")) {
      io.out(commandHelp(command));
      return 0;
    }
    await command.run(args, io);
    return 0;
  } catch (error) {
    const e = error as Error;
    io.err(`cpp: error: ${e.message}`);
    if (Deno.env.get("CPP_DEBUG") === "1") io.err(e.stack ?? "");
    return 1;
  }
}

/** `argv` parsed with the command's own flags only, and at most its positional arguments. */
function parseFor(command: Command, argv: readonly string[]) {
  const specs = flagsOf(command);
  let args;
  try {
    args = parseArgs(argv, specs);
  } catch (error) {
    if (!(error instanceof UnknownOptionError)) throw error;
    const others = commandsTaking(error.option, command);
    throw new RangeError(
      `Unknown option --${error.option} for ${command.name}` +
        (others.length ? ` (an option of ${others.join(", ")})` : "") +
        `: ${command.name} takes ${Object.keys(specs).map((n) => `--${n}`).join(", ")}`,
    );
  }
  const extra = args.positional.slice(1 + command.positional.length);
  if (extra.length > 0) {
    const takes = command.positional.length === 0
      ? "no argument"
      : `${command.positional.join(" ")} only`;
    throw new RangeError(
      `Command ${command.name} takes ${takes}, got also ${extra.map((x) => `'${x}'`).join(", ")}` +
        " (a value with spaces needs quotes)",
    );
  }
  return args;
}

if (import.meta.main) {
  // Mesa's software WebGPU adapter warns on every start without a runtime folder.
  if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");
  const encoder = new TextEncoder();
  const write = (stream: typeof Deno.stdout, text: string) => {
    const bytes = encoder.encode(text + "\n");
    try {
      for (let done = 0; done < bytes.length;) done += stream.writeSync(bytes.subarray(done));
    } catch (error) {
      // The reader went away (`cpp inspect … | head`): stop quietly, as Unix tools do.
      if (error instanceof Deno.errors.BrokenPipe) Deno.exit(0);
      throw error;
    }
  };
  const code = await main(Deno.args, {
    out: (text) => write(Deno.stdout, text),
    err: (text) => write(Deno.stderr, text),
  });
  Deno.exit(code);
}
