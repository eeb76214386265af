/**
 * The fit log behind the profile in `deno task bench profile`: with `CPP_FIT_LOG=FILE`, every
 * fit appends one JSON line to FILE (its label, backend, job count, how many came from the fit
 * cache, its wall time and each job's cache key), so a run of the site's loaders can count the
 * fits each one trains and the fits two of them share. Appends are single writes of one line, so
 * loaders running at once do not interleave within a line.
 *
 * @module
 */

/** One fit as logged. */
export interface FitLogLine {
  readonly label: string;
  readonly backend: string;
  readonly jobs: number;
  /** Jobs read from the fit cache rather than trained. */
  readonly cached: number;
  readonly ms: number;
  /** Each job's fit-cache key (fit_cache.ts), or null when the code version is unreadable. */
  readonly keys: readonly string[] | null;
}

/** The log file (`CPP_FIT_LOG`), or null when fits are not logged. */
export function fitLogPath(): string | null {
  try {
    return Deno.env.get("CPP_FIT_LOG") || null;
  } catch {
    return null;
  }
}

/** Appends one line to the log file. */
export async function logFit(path: string, line: FitLogLine): Promise<void> {
  await Deno.writeTextFile(path, JSON.stringify(line) + "\n", { append: true, create: true });
}
