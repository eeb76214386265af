// Shared by the data loaders: the site's datasets (site-datasets.json), progress on stderr
// (Framework shows it) and the JSON on stdout.
import {
  type Dataset,
  datasetEntry,
  DataUnavailableError,
  loadSiteDataset,
  readSiteConfig,
  REGISTRY,
  type SiteConfig,
  siteConfigPath,
  unavailablePage,
} from "../lib/mod.ts";

// Mesa's software WebGPU adapter warns on every start without a runtime folder.
if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");

/** The datasets the site covers. */
export function siteConfig(): SiteConfig {
  return readSiteConfig(siteConfigPath(new URL("../../", import.meta.url)));
}

/** The value of a parameterized loader's route parameter (`[dataset].json.ts` gets `--dataset=x`). */
export function param(name: string): string {
  const prefix = `--${name}=`;
  const arg = Deno.args.find((a) => a.startsWith(prefix));
  if (!arg) throw new RangeError(`Cannot run the loader: no --${name}= argument`);
  return arg.slice(prefix.length);
}

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
 * The site's dataset `id`; when the site does not cover it, or this build cannot have it
 * (offline, no mirror), emits what its page shows instead (`unavailable` and `notice`: the
 * reason, without local paths) and returns null.
 */
export async function datasetOrUnavailable(id: string): Promise<Dataset | null> {
  const config = siteConfig();
  const dataset = config.datasets.find((d) => d.id === id);
  const say = (title: string, reason: string) => {
    const page = unavailablePage(id, title, reason);
    console.error(`notice: ${page.notice}`);
    emit(page);
    return null;
  };
  if (!dataset) {
    const title = REGISTRY.some((e) => e.id === id) ? datasetEntry(id).title : id;
    const file = config.path.split("/").pop();
    return say(title, `the report's datasets (${file}) do not include it`);
  }
  try {
    return await loadSiteDataset(dataset);
  } catch (error) {
    if (!(error instanceof DataUnavailableError)) throw error;
    return say(dataset.title, error.reason);
  }
}
