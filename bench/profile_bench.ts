/**
 * The site's profile: each data loader (src/data/*.json.ts; the model pages read the leaderboard
 * loaders' JSON and train nothing) run on its own as Framework runs it, in a fresh process, with
 * `CPP_FIT_LOG` set (train/fit_log.ts): its wall time, the fits it trains (jobs, and the fit
 * calls that batch them), the time those fits took, and how many of its fits are the same fit
 * (same data, configuration, seed, backend: the same fit-cache key) as one another loader trains,
 * or as one it trains itself twice. The loaders run with the fit cache off, as a cold build
 * without the cache would run them; `CPP_PROFILE_CACHE=1` runs them in order on one fresh fit
 * cache instead (what a cold build costs with it), and `CPP_PROFILE_LOADERS=a,b` runs only the
 * loaders named.
 */
import type { FitLogLine } from "../src/lib/train/fit_log.ts";

interface LoaderProfile {
  readonly name: string;
  readonly seconds: number;
  readonly ok: boolean;
  readonly lines: readonly FitLogLine[];
}

async function runLoader(name: string, env: Record<string, string>): Promise<LoaderProfile> {
  const log = await Deno.makeTempFile({ suffix: ".jsonl" });
  try {
    const t0 = performance.now();
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", `src/data/${name}`],
      env: { ...env, CPP_FIT_LOG: log },
      stdout: "null",
      stderr: "null",
    }).output();
    const seconds = (performance.now() - t0) / 1000;
    const text = await Deno.readTextFile(log);
    const lines = text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as FitLogLine);
    return { name, seconds, ok: output.success, lines };
  } finally {
    await Deno.remove(log);
  }
}

export async function benchProfile(): Promise<void> {
  console.log("\n# Profile of the site's data loaders (fits, wall time, fits shared)");
  const only = Deno.env.get("CPP_PROFILE_LOADERS")?.split(",").filter(Boolean);
  const names: string[] = [];
  for await (const entry of Deno.readDir("src/data")) {
    if (entry.name.endsWith(".json.ts") && !entry.name.startsWith("_")) names.push(entry.name);
  }
  names.sort();
  const chosen = only ? names.filter((n) => only.some((o) => n.startsWith(o))) : names;
  const withCache = Deno.env.get("CPP_PROFILE_CACHE") === "1";
  const cache = withCache ? await Deno.makeTempDir() : null;
  const env: Record<string, string> = cache
    ? { CPP_FIT_CACHE: "1", CPP_FIT_CACHE_DIR: cache }
    : { CPP_FIT_CACHE: "0" };
  console.log(
    withCache
      ? "(in this order, on one fresh fit cache: later loaders read the fits earlier ones trained)"
      : "(each in a fresh process, the fit cache off)",
  );
  console.log(
    `${"loader".padEnd(36)} ${"wall s".padStart(7)} ${"fits".padStart(6)} ${"calls".padStart(5)} ` +
      `${"fit s".padStart(7)} ${"cached".padStart(6)} ${"twice".padStart(6)}`,
  );
  const profiles: LoaderProfile[] = [];
  try {
    for (const name of chosen) {
      // each line as its loader ends (the whole run takes as long as the site's loaders)
      const p = await runLoader(name, env);
      profiles.push(p);
      const keys = p.lines.flatMap((l) => l.keys ?? []);
      const sum = (f: (l: FitLogLine) => number) => p.lines.reduce((a, l) => a + f(l), 0);
      console.log(
        `${(p.name + (p.ok ? "" : " (failed)")).padEnd(36)} ${p.seconds.toFixed(1).padStart(7)} ` +
          `${String(sum((l) => l.jobs)).padStart(6)} ${String(p.lines.length).padStart(5)} ` +
          `${(sum((l) => l.ms) / 1000).toFixed(1).padStart(7)} ` +
          `${String(sum((l) => l.cached)).padStart(6)} ` +
          `${String(keys.length - new Set(keys).size).padStart(6)}`,
      );
    }
  } finally {
    if (cache) await Deno.remove(cache, { recursive: true });
  }
  // which loaders train each key
  const owners = new Map<string, Set<string>>();
  for (const p of profiles) {
    for (const key of p.lines.flatMap((l) => l.keys ?? [])) {
      if (!owners.has(key)) owners.set(key, new Set());
      owners.get(key)!.add(p.name);
    }
  }
  console.log("fits shared: a loader's distinct fits that other loaders train too (same key)");
  for (const p of profiles) {
    const others = new Map<string, number>();
    let shared = 0;
    for (const key of new Set(p.lines.flatMap((l) => l.keys ?? []))) {
      const peers = [...owners.get(key)!].filter((n) => n !== p.name);
      if (peers.length) shared++;
      for (const n of peers) others.set(n, (others.get(n) ?? 0) + 1);
    }
    const list = [...others].map(([n, c]) => `${n.replace(".json.ts", "")} ${c}`).join(", ");
    if (shared) console.log(`  ${p.name.padEnd(34)} ${String(shared).padStart(6)}  (${list})`);
  }
  const allFits = profiles.reduce((a, p) => a + p.lines.reduce((b, l) => b + l.jobs, 0), 0);
  const allSeconds = profiles.reduce((a, p) => a + p.seconds, 0);
  console.log(
    `all loaders: ${allSeconds.toFixed(1)} s one after another, ${allFits} fits, ` +
      `${owners.size} distinct (${allFits - owners.size} trained more than once)`,
  );
  console.log(
    "fits: jobs trained (or read from the cache); calls: fits batching them; fit s: their wall " +
      "time; cached: read from the fit cache; twice: the loader's own fits it trains again",
  );
}

if (import.meta.main) await benchProfile();
