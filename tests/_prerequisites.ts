/**
 * Prerequisites of tests that need something outside the repository (the dataset mirror, Chromium,
 * Jupyter, a WebGPU adapter). On a developer's machine a missing one skips the test with a message;
 * under CI=true it is a failure, never a silent skip.
 */

import { type Dataset, loadDataset } from "../src/lib/mod.ts";

export const inCi = Deno.env.get("CI") === "true";

/** The dataset mirror folder: CPP_DATA_DIR, else ../shared/datasets beside the repository. */
export function mirrorDir(): string | null {
  const candidates = [
    Deno.env.get("CPP_DATA_DIR"),
    new URL("../../shared/datasets", import.meta.url).pathname,
  ];
  for (const dir of candidates) {
    if (!dir) continue;
    try {
      if (Deno.statSync(`${dir}/cpp-llm`).isDirectory) return dir;
    } catch { /* try the next */ }
  }
  return null;
}

/**
 * Returns true when the prerequisite is there. When it is not: throws under CI, otherwise prints
 * why the test is skipped and returns false (the caller returns early).
 */
export function prerequisite(present: boolean, what: string): boolean {
  if (present) return true;
  if (inCi) throw new Error(`Missing prerequisite under CI=true: ${what}`);
  console.warn(`skipped: ${what} is not available on this machine`);
  return false;
}

/**
 * Dataset `id` read from the mirror only (no cache, no download), or null when the
 * mirror is missing (see {@linkcode prerequisite}: a skip on a laptop, a failure under CI).
 */
export async function mirroredDataset(id: string): Promise<Dataset | null> {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror (../shared/datasets or CPP_DATA_DIR)")) {
    return null;
  }
  return await loadDataset(id, { dataDir: dir!, offline: true });
}
