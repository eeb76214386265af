/**
 * A user's files as `loadDataset()` finds and checks them: relative paths resolved against the
 * user's folder (`baseDir`; the CLI passes the folder `deno task` was started in), the bytes read
 * as UTF-8 with the absolute path tried named when there are none, and the factor kinds the user
 * declared checked against the factors read.
 *
 * @module
 */
import type { DataWarning, FactorTable } from "./types.ts";
import { sha256Hex } from "./resolve.ts";
import { closestNames } from "./factors.ts";
import { q, qList } from "./_values.ts";

/**
 * `path` as an absolute path: itself when absolute, else under `baseDir` (default: the working
 * folder), with `.` and `..` segments folded.
 */
export function absolutePath(path: string, baseDir?: string): string {
  const joined = path.startsWith("/") ? path : `${baseDir ?? Deno.cwd()}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** True when `path` (resolved against `baseDir`) is a file, or a link to one. */
export async function isFile(path: string, baseDir?: string): Promise<boolean> {
  try {
    return (await Deno.stat(absolutePath(path, baseDir))).isFile;
  } catch {
    return false;
  }
}

/**
 * The text, size and digest of a user's file. `path` is read under `baseDir` when relative and
 * named as given; a missing file is a RangeError naming the absolute path tried, and `what` says
 * what else the argument could have been (e.g. "nor a known dataset id").
 */
export async function readUserFile(
  path: string,
  baseDir: string | undefined,
  what = "",
): Promise<{ text: string; bytes: number; sha256: string }> {
  const absolute = absolutePath(path, baseDir);
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(absolute);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new RangeError(
        `Cannot read ${path}: no such file (tried ${absolute}${what ? `; ${what}` : ""})`,
      );
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new RangeError(`Cannot read ${path}: it is a folder (${absolute})`);
    }
    throw new RangeError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RangeError(`Cannot read ${path}: the file is not valid UTF-8 text`);
  }
  return { text, bytes: bytes.length, sha256: await sha256Hex(bytes) };
}

/**
 * Throws a RangeError for each factor the user typed (`kinds`) that no factor table has: a typo
 * would otherwise leave the factor typed by inference, without a word.
 */
export function checkDeclaredKinds(
  kinds: Readonly<Record<string, string>> | undefined,
  tables: readonly (FactorTable | undefined)[],
  dataset: string,
): void {
  const names = tables.flatMap((t) => t?.factors.map((f) => f.name) ?? []);
  const known = new Set(names);
  for (const [name, kind] of Object.entries(kinds ?? {})) {
    if (known.has(name)) continue;
    const close = closestNames(name, names);
    throw new RangeError(
      `Cannot type factor ${q(name)} as ${kind}: ${dataset} has no factor of that name` +
        (names.length === 0
          ? " (it has no factors: name a factor file or --factor-columns)"
          : ` (${close.length ? `did you mean ${qList(close)}? ` : ""}its factors: ` +
            `${qList(names)})`),
    );
  }
}

/** The warnings of the readers of a dataset's files, in reading order. */
export function readerWarnings(
  score: readonly DataWarning[],
  tables: readonly (FactorTable | undefined)[],
): DataWarning[] {
  const seen = new Set<FactorTable>();
  const out = [...score];
  for (const t of tables) {
    if (!t || seen.has(t)) continue;
    seen.add(t);
    out.push(...(t.warnings ?? []));
  }
  return out;
}
