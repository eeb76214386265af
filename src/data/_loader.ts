// Shared by the data loaders: progress on stderr (Framework shows it) and the JSON on stdout.
import {
  type Dataset,
  datasetEntry,
  DataUnavailableError,
  loadDataset,
  unavailablePage,
} from "../lib/mod.ts";

// Mesa's software WebGPU adapter warns on every start without a runtime folder.
if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");

/** Progress lines on stderr, a few a second at most, and always the last. */
export function progress(what: string) {
  let last = 0;
  return (p: { done: number; total: number; label: string }) => {
    const now = performance.now();
    if (now - last < 1000 && p.done < p.total) return;
    last = now;
    const share = p.total > 0 ? (100 * p.done) / p.total : 0;
    console.error(`${what}: ${share.toFixed(0)}% ${p.label}`);
  };
}

/** Writes a page's JSON (non-finite numbers as null). */
export function emit(value: object): void {
  console.log(JSON.stringify(value, (_key, v) => {
    return typeof v === "number" && !Number.isFinite(v) ? null : v;
  }));
}

/**
 * The dataset `id`; when this build cannot have it (offline, no mirror), emits what its page shows
 * instead (`unavailable` and `notice`: the reason, without local paths) and returns null.
 */
export async function datasetOrUnavailable(id: string): Promise<Dataset | null> {
  try {
    return await loadDataset(id);
  } catch (error) {
    if (!(error instanceof DataUnavailableError)) throw error;
    const page = unavailablePage(id, datasetEntry(id).title, error.reason);
    console.error(`notice: ${page.notice}`);
    emit(page);
    return null;
  }
}
