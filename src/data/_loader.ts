// Shared by the data loaders: progress on stderr (Framework shows it) and the JSON on stdout.
import { type Dataset, isUnavailable, loadDataset, withoutScheme } from "../lib/mod.ts";

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

/** Loads a dataset, saying on stderr when the embedded sample stands in for it. */
export async function dataset(id: string): Promise<Dataset> {
  const data = await loadDataset(id);
  if (data.notice) console.error(`notice: ${data.notice}`);
  return data;
}

/** Writes a page's JSON; URL schemes are stripped so the static site links nowhere. */
export function emit(value: object): void {
  if (isUnavailable(value)) console.error(`notice: analysis unavailable: ${value.unavailable}`);
  const text = JSON.stringify(value, (_key, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    return typeof v === "string" ? withoutScheme(v) : v;
  });
  console.log(text);
}
