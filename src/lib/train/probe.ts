/**
 * The timing probe behind backend `auto`: a fixed-length MF training run on a synthetic problem
 * the size of the crowdsourced matrix (72 x 29, 40% observed), timed after a warm-up run (so
 * kernel compilation is not counted), on one backend. Measuring costs a compile and six runs per
 * backend, more than a small fit, so each measurement is remembered in the cache folder
 * (`backend-probe.json`), keyed by the machine (Deno version, platform, cores) and the kernels'
 * source; another machine, Deno or kernel measures again.
 *
 * @module
 */
import type { Backend, ProbeTime } from "../kernels/backend.ts";
import * as kernels from "../kernels/kernels.ts";
import { cacheDir, sha256Hex, writeFileAtomic } from "../data/resolve.ts";
import { createRng } from "../util/random.ts";
import { fitBatch } from "./batch.ts";
import { type EngineConfig, MF_CONFIG } from "./config.ts";
import { problemShape } from "./pack.ts";

/** Matrix factorization, 100 epochs, no early stop. */
const PROBE_CONFIG: EngineConfig = { ...MF_CONFIG, maxEpochs: 100, patience: 1000 };

/** Milliseconds of one probe run on `backend` (the faster of two timed runs). */
export async function measureBackend(backend: Backend): Promise<number> {
  const n = 72;
  const m = 29;
  const rng = createRng(2024, 5);
  const values = new Float32Array(n * m).fill(NaN);
  const cells: number[] = [];
  for (let c = 0; c < n * m; c++) {
    if (rng.next() < 0.4) {
      values[c] = rng.next();
      cells.push(c);
    }
  }
  const problem = { nModels: n, nTasks: m, values };
  const jobs = [{ train: Uint32Array.from(cells), seed: 0 }];
  const shape = problemShape(problem);
  const run = () => fitBatch(backend, problem, shape, jobs, 0, PROBE_CONFIG, () => {});
  await run();
  let best = Infinity;
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    await run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** What the probe's measurements depend on: the machine, the runtime and the kernels. */
async function fingerprint(): Promise<string> {
  const source = Object.values(kernels).map((f) => String(f)).join("\n");
  const digest = await sha256Hex(new TextEncoder().encode(source));
  const cores = navigator.hardwareConcurrency ?? 0;
  return `deno ${Deno.version.deno} ${Deno.build.target}, ${cores} cores, kernels ${
    digest.slice(0, 12)
  }`;
}

type ProbeCache = Record<string, Partial<Record<Backend, number>>>;

async function readCache(path: string): Promise<ProbeCache> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(path));
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {}; // missing, unreadable or damaged: measure again
  }
}

/**
 * The probe behind `auto`: `backend`'s time, read from the cache folder when this machine
 * measured it before, else measured (and remembered). `cache` is the folder (default: the
 * library's cache folder, see data/resolve.ts; null: do not remember).
 *
 * @example
 * ```ts
 * const { ms, cachedIn } = await probeBackend("webasm");
 * ```
 */
export async function probeBackend(
  backend: Backend,
  { cache = cacheDir() }: { cache?: string | null } = {},
): Promise<ProbeTime> {
  if (cache === null) return { ms: await measureBackend(backend) };
  const path = `${cache}/backend-probe.json`;
  const key = await fingerprint();
  const known = (await readCache(path))[key]?.[backend];
  if (typeof known === "number" && known > 0) return { ms: known, cachedIn: path };
  const ms = await measureBackend(backend);
  try {
    const all = await readCache(path);
    all[key] = { ...all[key], [backend]: ms };
    await writeFileAtomic(path, new TextEncoder().encode(JSON.stringify(all, null, 2) + "\n"));
  } catch {
    // a read-only or missing cache folder: the measurement still stands for this process
  }
  return { ms };
}
