/**
 * The fit cache: a trained job's outputs (predictions, epochs, curve, and with `keepModels` its
 * trained state and data), stored on disk under a key that digests everything the bytes depend
 * on: the job's normalized matrix, its training cells, its seed and factor coalition (and the
 * factor tables when the method reads them), the configuration, the backend that runs, and the
 * engine's code version (the sources of kernels/, train/ and util/random.ts, gpu.js's version,
 * V8's). A job's result does not depend on the batch or worker that trains it, so loaders, the
 * CLI and notebooks that train the same job share one entry, and a result read from the cache is
 * byte for byte the one training would give.
 *
 * Where: `CPP_FIT_CACHE_DIR`, else `fits/` in the library's cache folder (data/resolve.ts);
 * `CPP_FIT_CACHE=0` turns it off. Entries are written atomically (a temporary file, then a
 * rename), so concurrent processes never read half an entry; an entry that cannot be read is a
 * miss. Delete the folder to empty it.
 *
 * @module
 */
import { cacheDir, sha256Hex, writeFileAtomic } from "../data/resolve.ts";
import type { Backend } from "../kernels/backend.ts";
import type { EngineConfig } from "./config.ts";
import type { CurveRow, Job, Problem } from "./types.ts";

/** One job's outputs as stored: what training gives for it. */
export interface CachedJob {
  readonly prediction: Float32Array;
  readonly epochs: number;
  readonly curve: readonly CurveRow[];
  /** With `keepModels`: the batch's cell counts (to rebuild the layout), state and data. */
  readonly trained?: {
    readonly maxCells: number;
    readonly maxTrain: number;
    readonly state: Float32Array;
    readonly data: Float32Array;
  };
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/**
 * The fit cache's folder, or null when it is off (`CPP_FIT_CACHE=0`, or no cache folder);
 * `get` reads the environment.
 *
 * @example
 * ```ts
 * const dir = fitCacheDir(); // e.g. ~/.cache/cpp-llm/fits
 * ```
 */
export function fitCacheDir(get: (name: string) => string | undefined = env): string | null {
  const flag = get("CPP_FIT_CACHE");
  if (flag === "0" || flag === "false" || flag === "off") return null;
  const explicit = get("CPP_FIT_CACHE_DIR");
  if (explicit) return explicit;
  const base = cacheDir();
  return base ? `${base}/fits` : null;
}

const encoder = new TextEncoder();

async function readVersionParts(): Promise<Uint8Array[] | null> {
  const here = new URL(".", import.meta.url);
  if (here.protocol !== "file:") return null;
  const parts: Uint8Array[] = [encoder.encode(`v8 ${Deno.version.v8}\n`)];
  try {
    const gpujs = new URL("../../../node_modules/gpu.js/package.json", import.meta.url);
    parts.push(encoder.encode(`gpu.js ${JSON.parse(await Deno.readTextFile(gpujs)).version}\n`));
  } catch {
    parts.push(encoder.encode("gpu.js unknown\n"));
  }
  for (const folder of ["../kernels/", "./"]) {
    const url = new URL(folder, import.meta.url);
    const names: string[] = [];
    for await (const entry of Deno.readDir(url)) {
      if (entry.isFile && entry.name.endsWith(".ts")) names.push(entry.name);
    }
    names.sort();
    for (const name of names) {
      parts.push(encoder.encode(`${folder}${name}\n`), await Deno.readFile(new URL(name, url)));
    }
  }
  parts.push(await Deno.readFile(new URL("../util/random.ts", import.meta.url)));
  return parts;
}

let version: Promise<string | null> | undefined;

/**
 * The engine's code version: a digest of the sources that decide a fit's bytes, or null when
 * they cannot be read (then nothing is cached: an entry could outlive the code that made it).
 */
export function engineVersion(): Promise<string | null> {
  version ??= readVersionParts()
    .then((parts) => (parts ? sha256Hex(concat(parts)) : null))
    .catch(() => null);
  return version;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length + 4, 0));
  let o = 0;
  for (const p of parts) {
    // each part prefixed by its length, so that no two lists of parts give the same bytes
    new DataView(out.buffer).setUint32(o, p.length);
    out.set(p, o + 4);
    o += p.length + 4;
  }
  return out;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function canonical(value: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(value).sort().map((k) => [k, value[k]]));
}

function factorText(problem: Problem): string {
  const table = (t: Problem["modelFactors"]) => t ? { names: t.names, factors: t.factors } : null;
  return JSON.stringify([table(problem.modelFactors), table(problem.taskFactors)]);
}

/**
 * Each job's key (hex sha256), or null when the code version cannot be read.
 *
 * @example
 * ```ts
 * const keys = await fitKeys(problem, jobs, DEFAULT_CONFIGS.mf, "webasm");
 * ```
 */
export async function fitKeys(
  problem: Problem,
  jobs: readonly Job[],
  config: EngineConfig,
  backend: Backend,
): Promise<string[] | null> {
  const code = await engineVersion();
  if (code === null) return null;
  const head = [
    encoder.encode(`cpp-fit 1 ${code} ${backend} ${problem.nModels}x${problem.nTasks}`),
    encoder.encode(canonical(config as unknown as Record<string, unknown>)),
    encoder.encode(config.factors ? factorText(problem) : ""),
  ];
  const shared = bytesOf(problem.values);
  return Promise.all(jobs.map((job) =>
    sha256Hex(concat([
      ...head,
      job.values ? bytesOf(job.values) : shared,
      bytesOf(job.train),
      encoder.encode(
        JSON.stringify([job.seed, job.modelFactorSet ?? null, job.taskFactorSet ?? null]),
      ),
    ]))
  ));
}

const MAGIC = "cpp-fit 1\n";

function entryPath(dir: string, key: string): string {
  return `${dir}/${key.slice(0, 2)}/${key}.bin`;
}

/** Writes one entry atomically. */
export async function writeFit(dir: string, key: string, entry: CachedJob): Promise<void> {
  // the epochs and the curve as floats (they are read off the float state): NaN stays NaN
  const curve = new Float32Array(1 + 3 * entry.curve.length);
  curve[0] = entry.epochs;
  entry.curve.forEach((r, q) => curve.set([r.epoch, r.train, r.valid], 1 + 3 * q));
  const arrays = [entry.prediction, curve];
  if (entry.trained) arrays.push(entry.trained.state, entry.trained.data);
  const header = encoder.encode(JSON.stringify({
    lengths: arrays.map((a) => a.length),
    ...(entry.trained
      ? { maxCells: entry.trained.maxCells, maxTrain: entry.trained.maxTrain }
      : {}),
  }));
  // magic, header length, header padded to whole floats, then the arrays
  const start = MAGIC.length + 4 + header.length;
  const pad = (4 - (start % 4)) % 4;
  const out = new Uint8Array(start + pad + arrays.reduce((a, x) => a + x.byteLength, 0));
  out.set(encoder.encode(MAGIC));
  new DataView(out.buffer).setUint32(MAGIC.length, header.length);
  out.set(header, MAGIC.length + 4);
  let o = start + pad;
  for (const a of arrays) {
    out.set(bytesOf(a), o);
    o += a.byteLength;
  }
  await writeFileAtomic(entryPath(dir, key), out);
}

/**
 * Reads one entry; null when it is absent, unreadable or lacks what is asked (`trained` when
 * `keep`).
 */
export async function readFit(dir: string, key: string, keep: boolean): Promise<CachedJob | null> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(entryPath(dir, key));
  } catch {
    return null;
  }
  try {
    const decoder = new TextDecoder();
    if (decoder.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const start = MAGIC.length + 4 + view.getUint32(MAGIC.length);
    const header = JSON.parse(decoder.decode(bytes.subarray(MAGIC.length + 4, start)));
    const lengths: number[] = header.lengths;
    let o = start + ((4 - (start % 4)) % 4);
    if (o + lengths.reduce((a, n) => a + 4 * n, 0) !== bytes.length) return null;
    const arrays = lengths.map((n) => {
      const a = new Float32Array(bytes.slice(o, o + 4 * n).buffer);
      o += 4 * n;
      return a;
    });
    if (arrays.length < 2 || (keep && arrays.length < 4)) return null;
    const [prediction, flat, state, data] = arrays;
    const curve: CurveRow[] = [];
    for (let q = 1; q + 2 < flat.length; q += 3) {
      curve.push({ epoch: flat[q], train: flat[q + 1], valid: flat[q + 2] });
    }
    const { maxCells, maxTrain } = header;
    return {
      prediction,
      epochs: flat[0],
      curve,
      ...(keep ? { trained: { maxCells, maxTrain, state, data } } : {}),
    };
  } catch {
    return null;
  }
}
