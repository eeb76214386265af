/**
 * The command table: every command of `deno task cpp`, in the order the help lists them. The help
 * (`--help`, `help COMMAND`), the dispatch, the check that a command gets only its own flags, and
 * the reference docs/cli.md (`help --markdown`) are all made from it: a new command is one module
 * exporting a `Command`, and one line here.
 *
 * @module
 */
import { type FlagSpecs, formatFlags, type ParsedArgs } from "./args.ts";
import type { Command, Io } from "./_common.ts";
import { command as datasets } from "./datasets.ts";
import { command as inspect } from "./inspect.ts";
import { command as evaluate } from "./evaluate.ts";
import { command as shapley } from "./shapley.ts";
import { command as performanceLaw } from "./performance_law.ts";
import { command as predict } from "./predict.ts";
import { command as predictModel } from "./predict_model.ts";
import { command as probes } from "./probes.ts";

export type { Command, Io };

const HELP_FLAG: FlagSpecs = { help: { boolean: true, description: "This help" } };

const help: Command = {
  name: "help",
  summary: "This overview, or one command's options (help COMMAND)",
  usage: ["help [COMMAND] [--markdown]"],
  positional: ["[COMMAND]"],
  flags: [{
    title: "Options",
    specs: { markdown: { boolean: true, description: "Every command and option as Markdown" } },
  }],
  run: (args: ParsedArgs, io: Io) => {
    const name = args.positional[1];
    if (args.flags.get("markdown") === true) io.out(reference());
    else io.out(name === undefined ? overview() : commandHelp(commandNamed(name)));
    return Promise.resolve();
  },
};

/** Every command, in the order of the help. */
export const COMMANDS: readonly Command[] = [
  datasets,
  inspect,
  evaluate,
  shapley,
  performanceLaw,
  predict,
  predictModel,
  probes,
  help,
];

const ENVIRONMENT =
  `Environment: CPP_DATA_DIR (offline mirror folder), CPP_CACHE_DIR (download cache),
CPP_OFFLINE=1 (no downloads), CPP_DEBUG=1 (stack traces on errors). Relative paths are read from
the folder deno task was started in (INIT_CWD).`;

/** The command named `name`; a RangeError listing the commands otherwise. */
export function commandNamed(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const names = COMMANDS.map((c) => c.name);
  throw new RangeError(
    `Unknown command '${name}': expected ${names.slice(0, -1).join(", ")} or ` +
      `${names[names.length - 1]} (see --help)`,
  );
}

/** Every flag a command takes, its help flag included. */
export function flagsOf(command: Command): FlagSpecs {
  return Object.assign({}, ...command.flags.map((g) => g.specs), HELP_FLAG);
}

/** The commands other than `command` that take the flag `name`. */
export function commandsTaking(name: string, except?: Command): string[] {
  return COMMANDS.filter((c) => c !== except && Object.hasOwn(flagsOf(c), name)).map((c) => c.name);
}

/** Synopsis lines: `deno task cpp ` before each, continuation lines (indented) indented further. */
function synopsis(command: Command, indent: string): string[] {
  return command.usage.map((line) =>
    /^\s/.test(line) ? `${indent}    ${line.trim()}` : `${indent}deno task cpp ${line}`
  );
}

/** `text` wrapped into lines of at most `width` characters (words are never split). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** `cpp --help`: every command's synopsis and what it does. */
export function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const summary = (c: Command) =>
    wrap(c.summary, 96 - width).map((line, k) =>
      `  ${(k === 0 ? c.name : "").padEnd(width)}  ${line}`
    );
  return [
    "cpp: collaborative performance prediction of LLMs",
    "",
    "Usage:",
    ...COMMANDS.flatMap((c) => synopsis(c, "  ")),
    "",
    "Commands:",
    ...COMMANDS.flatMap(summary),
    "",
    "Each command's options: deno task cpp COMMAND --help (or deno task cpp help COMMAND).",
    "",
    ENVIRONMENT,
    "",
  ].join("\n");
}

/** `cpp COMMAND --help`: the command's synopsis and every flag it takes. */
export function commandHelp(command: Command): string {
  return [
    `cpp ${command.name}: ${command.summary}`,
    "",
    "Usage:",
    ...synopsis(command, "  "),
    ...command.flags.flatMap((g) => ["", `${g.title}:`, formatFlags(g.specs)]),
    "",
    ENVIRONMENT,
    "",
  ].join("\n");
}

/** docs/cli.md: every command and flag as Markdown. */
export function reference(): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const lines = [
    "# Command line reference",
    "",
    "Generated from the command table (`src/commands/mod.ts`) by `deno task cpp help --markdown`;",
    "a test checks that this file is current.",
    "",
    ...COMMANDS.map((c) => `- [\`${c.name}\`](#${c.name}): ${c.summary}`),
  ];
  for (const c of COMMANDS) {
    lines.push("", `## ${c.name}`, "", `${c.summary}.`, "", "```sh");
    lines.push(...synopsis(c, ""), "```");
    for (const g of c.flags) {
      lines.push("", `${g.title}:`, "", "| option | what it does |", "| --- | --- |");
      for (const [name, s] of Object.entries(g.specs)) {
        const flag = `--${name}${s.value ? ` ${s.value}` : ""}`;
        lines.push(
          `| \`${cell(flag)}\` | ${cell(s.description)}${s.repeat ? " (repeatable)" : ""} |`,
        );
      }
    }
  }
  lines.push("", ENVIRONMENT.replaceAll("\n", " "), "");
  return lines.join("\n");
}
