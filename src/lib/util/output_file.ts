/**
 * Writing a result file for the user: checked before any work is done (`checkOutput`), then
 * written atomically (a temporary file in the same folder, then a rename), never over one of the
 * inputs the command read, never into a folder that does not exist, and through a symbolic link
 * rather than over it.
 *
 * @module
 */
import { writeFileAtomic } from "../data/resolve.ts";

/** Options of {@linkcode checkOutput} and {@linkcode writeOutput}. */
export interface OutputOptions {
  /** The files the command reads: the output may not be one of them. */
  readonly inputs?: readonly string[];
}

async function realPath(path: string): Promise<string | null> {
  try {
    return await Deno.realPath(path);
  } catch {
    return null;
  }
}

async function lstat(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : slash === 0 ? "/" : path.slice(0, slash);
}

/**
 * Checks that `path` can take a result, before the work that makes it; returns the path to write
 * (a symbolic link's target, so that the link stays). A `RangeError` says why not: it is an input
 * of the command, a folder, not a regular file (a device, pipe or socket), a link to nothing, in a
 * folder that does not exist, or in one that cannot be written.
 *
 * @example
 * ```ts
 * const target = await checkOutput("out/filled.csv", { inputs: ["scores.csv"] });
 * ```
 */
export async function checkOutput(path: string, options: OutputOptions = {}): Promise<string> {
  const fail = (why: string) => new RangeError(`Cannot write ${path}: ${why}`);
  let target = path;
  const info = await lstat(path);
  if (info?.isSymlink) {
    const real = await realPath(path);
    if (real === null) {
      throw fail(
        `it is a symbolic link to a missing file (${await Deno.readLink(path)}; expected a link ` +
          "to an existing file, or a file path)",
      );
    }
    target = real;
  }
  const stat = info?.isSymlink ? await Deno.stat(target) : info;
  if (stat) {
    if (stat.isDirectory) throw fail("it is a folder (expected a file path)");
    if (!stat.isFile) {
      throw fail(
        "it is not a regular file (a device, pipe or socket cannot take a result written " +
          "atomically; expected a file path)",
      );
    }
    const real = await realPath(target);
    for (const input of options.inputs ?? []) {
      if (real !== null && (await realPath(input)) === real) {
        throw fail(`it is an input of this command (${input})`);
      }
    }
  }
  const folder = folderOf(target);
  const folderInfo = await Deno.stat(folder).catch(() => null);
  if (folderInfo === null) {
    throw fail(`the folder ${folder} does not exist (create it first, or name another folder)`);
  }
  if (!folderInfo.isDirectory) throw fail(`${folder} is not a folder`);
  // A probe: the atomic write needs a new file in this folder.
  const probe = `${folder}/.cpp-write-check-${crypto.randomUUID()}`;
  try {
    (await Deno.open(probe, { createNew: true, write: true })).close();
  } catch (error) {
    throw fail(`the folder ${folder} cannot be written (${(error as Error).message})`);
  }
  await Deno.remove(probe).catch(() => {});
  return target;
}

/**
 * Writes `text` to `path` atomically after {@linkcode checkOutput} (a link is written through).
 *
 * @example
 * ```ts
 * await writeOutput("filled.csv", csv, { inputs: ["scores.csv"] });
 * ```
 */
export async function writeOutput(
  path: string,
  text: string,
  options: OutputOptions = {},
): Promise<void> {
  const target = await checkOutput(path, options);
  await writeFileAtomic(target, new TextEncoder().encode(text));
}
