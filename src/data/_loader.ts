// Shared by the data loaders: progress on stderr (Framework shows it) and the JSON on stdout.
import { withoutScheme } from "../lib/mod.ts";

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

/** Writes the loader's JSON; URL schemes are stripped so the static site links nowhere. */
export function emit(value: unknown): void {
  const text = JSON.stringify(value, (_key, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    return typeof v === "string" ? withoutScheme(v) : v;
  });
  console.log(text);
}

/**
 * Runs an analysis; when the dataset cannot support it (the embedded sample standing in offline
 * has no design factors and none of the target tasks), returns why instead of failing the build.
 */
export async function unavailable<T>(
  data: { id: string; notice: string | null },
  run: () => Promise<T>,
): Promise<T | { unavailable: string }> {
  try {
    return await run();
  } catch (error) {
    if (!data.notice || !(error instanceof RangeError)) throw error;
    console.error(`notice: analysis unavailable on ${data.id}: ${error.message}`);
    return { unavailable: `${error.message} (the full dataset was not available)` };
  }
}
