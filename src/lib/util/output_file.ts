/**
 * Writing a result file for the user: atomically (a temporary file, then a rename), and never
 * over one of the inputs the command read.
 */
import { writeFileAtomic } from "../data/resolve.ts";

/**
 * Writes `text` to `path` atomically, refusing a path that is one of `inputs`.
 *
 * @example
 * ```ts
 * await writeOutput("filled.csv", csv, { inputs: ["scores.csv"] });
 * ```
 */
export async function writeOutput(
  path: string,
  text: string,
  { inputs = [] as readonly string[] } = {},
): Promise<void> {
  const real = async (p: string) => {
    try {
      return await Deno.realPath(p);
    } catch {
      return null;
    }
  };
  const target = await real(path);
  if (target !== null) {
    for (const input of inputs) {
      if ((await real(input)) === target) {
        throw new RangeError(`Cannot write ${path}: it is an input of this command (${input})`);
      }
    }
    if ((await Deno.stat(path)).isDirectory) {
      throw new RangeError(`Cannot write ${path}: it is a folder`);
    }
  }
  await writeFileAtomic(path, new TextEncoder().encode(text));
}
