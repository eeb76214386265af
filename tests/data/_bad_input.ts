/**
 * Runs one case of the bad-input corpus (tests/fixtures/bad/expected.json): a reader call (its
 * error or its warnings), or a whole command line (its exit code, its stderr, what it wrote).
 */
import { matchFactors, readFactors, readScores } from "../../src/lib/data/mod.ts";
import type { ReadFactorsOptions, ReadScoresOptions } from "../../src/lib/data/mod.ts";
import { main } from "../../src/cli.ts";

/** One row of tests/fixtures/bad/expected.json. */
export interface BadCase {
  name: string;
  /** Relative to tests/fixtures/bad/. */
  file: string;
  /**
   * Which call: readScores, readFactors, readFactors then matchFactors against `scores`, or the
   * command line `argv` (run in this process, as `deno task cpp` from tests/fixtures/ or `cwd`).
   */
  read: "scores" | "factors" | "match" | "cli";
  options?: Record<string, unknown>;
  /** For "match": the score file whose models the factors must match. */
  scores?: string;
  aliases?: Record<string, string>;
  /** The error a reader throws: its class and exact message. */
  error?: string;
  message?: string;
  /** The exact messages of the warnings a reader returns (none when absent). */
  warnings?: string[];
  /**
   * For "cli": the arguments after `deno task cpp`; `$OUT` stands for a fresh empty folder. The
   * command runs with INIT_CWD at tests/fixtures/ (or at `cwd`, relative to it), so `bad/x.csv`
   * names a fixture.
   */
  argv?: string[];
  cwd?: string;
  /** For "cli": the exit code, and every stderr line but progress, `$OUT` and `$FIXTURES` for those folders. */
  code?: number;
  stderr?: string[];
  /** For "cli": lines stdout must hold. */
  stdout?: string[];
  /** For "cli": a file under `$OUT` the command wrote, and lines it must start with. */
  written?: { file: string; lines: string[] };
}

export const BAD_DIR = new URL("../fixtures/bad/", import.meta.url);
export const FIXTURES = decodeURIComponent(new URL("../fixtures", import.meta.url).pathname);

/** Runs a reader case; returns what it threw (undefined when nothing) and its warnings. */
export function runBadCase(c: BadCase): { error: unknown; warnings: string[] } {
  const text = Deno.readTextFileSync(new URL(c.file, BAD_DIR));
  const file = `bad/${c.file}`;
  try {
    if (c.read === "scores") {
      const read = readScores(text, { ...c.options, file } as ReadScoresOptions);
      return { error: undefined, warnings: read.warnings.map((w) => w.message) };
    }
    const table = readFactors(text, { ...c.options, file } as ReadFactorsOptions);
    if (c.read === "match") {
      const scoreText = Deno.readTextFileSync(new URL(c.scores!, BAD_DIR));
      const { scores } = readScores(scoreText, { file: c.scores! });
      matchFactors(table, scores.dense.models, { aliases: c.aliases });
    }
    return { error: undefined, warnings: (table.warnings ?? []).map((w) => w.message) };
  } catch (error) {
    return { error, warnings: [] };
  }
}

/** A progress line ("predict:  40%  …"): it depends on timing, so the corpus leaves it out. */
const PROGRESS = /^[\w -]+: +\d+% {2}/;

/** Runs a command-line case; stderr without progress, its folders written as `$OUT`, `$FIXTURES`. */
export async function runCliCase(c: BadCase): Promise<{
  code: number;
  stderr: string[];
  stdout: string;
  written: string | null;
}> {
  const out = await Deno.makeTempDir({ prefix: "cpp-bad-" });
  const saved = Deno.env.get("INIT_CWD");
  const cwd = c.cwd ? `${FIXTURES}/${c.cwd}` : FIXTURES;
  Deno.env.set("INIT_CWD", cwd);
  const stdout: string[] = [];
  const stderr: string[] = [];
  try {
    const argv = c.argv!.map((a) => a.replaceAll("$OUT", out));
    const code = await main(argv, { out: (t) => stdout.push(t), err: (t) => stderr.push(t) });
    const written = c.written
      ? await Deno.readTextFile(`${out}/${c.written.file}`).catch(() => null)
      : null;
    const clean = (line: string) => line.replaceAll(out, "$OUT").replaceAll(FIXTURES, "$FIXTURES");
    return {
      code,
      stderr: stderr.join("\n").split("\n").filter((l) => !PROGRESS.test(l)).map(clean),
      stdout: stdout.join("\n"),
      written,
    };
  } finally {
    saved === undefined ? Deno.env.delete("INIT_CWD") : Deno.env.set("INIT_CWD", saved);
    await Deno.remove(out, { recursive: true });
  }
}
