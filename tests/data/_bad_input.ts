/** Runs one bad-input case of tests/fixtures/bad/expected.json and returns what it threw. */
import { matchFactors, readFactors, readScores } from "../../src/lib/data/mod.ts";
import type { ReadFactorsOptions, ReadScoresOptions } from "../../src/lib/data/mod.ts";

/** One row of tests/fixtures/bad/expected.json. */
export interface BadCase {
  name: string;
  /** Relative to tests/fixtures/bad/. */
  file: string;
  /** Which call: readScores, readFactors, or readFactors then matchFactors against `scores`. */
  read: "scores" | "factors" | "match";
  options?: Record<string, unknown>;
  /** For "match": the score file whose models the factors must match. */
  scores?: string;
  aliases?: Record<string, string>;
  error?: string;
  message?: string;
}

export const BAD_DIR = new URL("../fixtures/bad/", import.meta.url);

/** Runs the case; returns the thrown value, or undefined when nothing was thrown. */
export function runBadCase(c: BadCase): unknown {
  const text = Deno.readTextFileSync(new URL(c.file, BAD_DIR));
  const file = `bad/${c.file}`;
  try {
    if (c.read === "scores") {
      readScores(text, { ...c.options, file } as ReadScoresOptions);
    } else {
      const table = readFactors(text, { ...c.options, file } as ReadFactorsOptions);
      if (c.read === "match") {
        const scoreText = Deno.readTextFileSync(new URL(c.scores!, BAD_DIR));
        const { scores } = readScores(scoreText, { file: c.scores! });
        matchFactors(table, scores.dense.models, { aliases: c.aliases });
      }
    }
  } catch (error) {
    return error;
  }
  return undefined;
}
