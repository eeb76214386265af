/**
 * Keeps Framework's loader cache honest. Framework reruns a data loader only when the loader's
 * own file is newer than its cached output (`src/.observablehq/cache/`); it does not see the
 * library code the loader runs, the dataset files it reads, or the environment that decides where
 * they come from. `deno task build` and `deno task dev` run this first: it digests those inputs,
 * compares the digest with the one recorded beside the cache, and removes every cached loader
 * output made from other inputs, so Framework reruns exactly those loaders. Editing a page's
 * prose, a component or a stylesheet changes no input: no loader reruns.
 *
 * Inputs: every file under `src/lib` and `src/data`, `deno.json` and `package.json`, the Deno
 * version, the site's datasets (`site-datasets.json` or the file `CPP_SITE_DATASETS` names, and
 * every score or factor file it names), the variables that choose where data comes from
 * (`CPP_DATA_DIR`, `CPP_OFFLINE`, the cache folder), and for every file of every registry dataset
 * where it would be found (mirror, cache or nowhere) and its size. The datasets page also names
 * the repository's commit, so its output depends on `git rev-parse HEAD` too.
 *
 * @example
 * ```sh
 * deno run --allow-read --allow-write --allow-env --allow-run=git scripts/loader_cache.ts
 * ```
 */
import { cacheDir as defaultCacheDir } from "../src/lib/data/resolve.ts";
import { type DatasetFile, REGISTRY } from "../src/lib/data/registry.ts";
import { repositoryCommit } from "../src/lib/report/datasets_report.ts";
import { readSiteConfig, siteConfigPath } from "../src/lib/report/site_config.ts";

/** Where the digests of the inputs the cached outputs were made from are kept. */
export const MANIFEST = ".loader-inputs.json";

/** Loader outputs whose inputs include the repository's commit. */
const COMMIT_DEPENDENT = new Set(["data/datasets.json"]);

/** What decides the loaders' outputs beside the repository's files. */
export interface LoaderEnvironment {
  /** The mirror folder (`CPP_DATA_DIR`), or null. */
  readonly dataDir: string | null;
  /** The download cache folder, or null. */
  readonly cacheDir: string | null;
  readonly offline: boolean;
  /** The dataset files the loaders may resolve (default: every registry file). */
  readonly files?: readonly DatasetFile[];
  /** The repository's commit, or null where git cannot say. */
  readonly commit: string | null;
  /** The site's datasets file (default: none). */
  readonly siteConfig?: string;
}

/** The environment of this process, as the loaders will see it. */
export async function currentEnvironment(root: URL): Promise<LoaderEnvironment> {
  return {
    dataDir: Deno.env.get("CPP_DATA_DIR") || null,
    cacheDir: defaultCacheDir(),
    offline: Deno.env.get("CPP_OFFLINE") === "1",
    commit: await repositoryCommit(root),
    siteConfig: siteConfigPath(root),
  };
}

async function sha256(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const digest = await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Every file under `dir` (relative paths, sorted); none when it does not exist. */
async function filesUnder(dir: URL, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const entry of Deno.readDir(new URL(prefix, dir))) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory) out.push(...await filesUnder(dir, `${path}/`));
      else if (entry.isFile) out.push(path);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return out.sort();
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const stat = await Deno.stat(path);
    return stat.isFile ? stat.size : null;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** Where a dataset file would be found, as the loaders resolve it (without downloading). */
async function whereFound(file: DatasetFile, env: LoaderEnvironment): Promise<string> {
  if (file.url === null) return "embedded"; // shipped in src/lib: digested with it
  for (const [origin, dir] of [["mirror", env.dataDir], ["cache", env.cacheDir]] as const) {
    if (!dir) continue;
    const size = await sizeOf(`${dir.replace(/\/+$/, "")}/${file.path}`);
    if (size !== null) return `${origin} ${size}`;
  }
  return env.offline ? "unavailable" : "download";
}

/**
 * The digest of everything the loaders' outputs depend on, except the commit (see
 * {@linkcode outputDigest}).
 */
export async function inputsDigest(root: URL, env: LoaderEnvironment): Promise<string> {
  const parts: string[] = [`deno ${Deno.version.deno}`];
  for (const folder of ["src/lib/", "src/data/"]) {
    for (const path of await filesUnder(new URL(folder, root))) {
      parts.push(
        `${folder}${path} ${await sha256(await Deno.readFile(new URL(folder + path, root)))}`,
      );
    }
  }
  for (const path of ["deno.json", "package.json"]) {
    const bytes = await Deno.readFile(new URL(path, root)).catch(() => null);
    parts.push(`${path} ${bytes ? await sha256(bytes) : "absent"}`);
  }
  if (env.siteConfig) {
    // The configuration, and the files of the researcher's own datasets it names.
    const config = readSiteConfig(env.siteConfig);
    const named = config.datasets.flatMap((d) =>
      [d.file, d.load.modelFactors, d.load.taskFactors].filter((p): p is string => !!p)
    );
    for (const path of [env.siteConfig, ...named]) {
      const bytes = await Deno.readFile(path).catch(() => null);
      parts.push(`${path} ${bytes ? await sha256(bytes) : "absent"}`);
    }
  }
  parts.push(`CPP_DATA_DIR ${env.dataDir ?? ""}`, `cache ${env.cacheDir ?? ""}`);
  parts.push(`CPP_OFFLINE ${env.offline ? 1 : 0}`);
  for (const file of env.files ?? REGISTRY.flatMap((e) => e.files)) {
    parts.push(`${file.path} ${await whereFound(file, env)}`);
  }
  return await sha256(parts.join("\n"));
}

/** The digest a cached output at `path` (relative to the cache folder) must have been made with. */
export function outputDigest(path: string, inputs: string, env: LoaderEnvironment): string {
  return COMMIT_DEPENDENT.has(path) ? `${inputs} ${env.commit ?? "no commit"}` : inputs;
}

/** The cached loader outputs: every file of the cache outside Framework's own `_` folders. */
async function cachedOutputs(cache: URL): Promise<string[]> {
  return (await filesUnder(cache)).filter((p) =>
    p !== MANIFEST && !p.startsWith("_") && !/\.\d+(\.err)?$/.test(p)
  );
}

/**
 * Removes the cached outputs made from other inputs than the current ones, and records the
 * current digests. Returns the outputs removed and kept (paths relative to the cache folder).
 */
export async function clearStaleOutputs(
  root: URL,
  env: LoaderEnvironment,
): Promise<{ removed: string[]; kept: string[] }> {
  const cache = new URL("src/.observablehq/cache/", root);
  const manifestUrl = new URL(MANIFEST, cache);
  let recorded: { inputs?: string; outputs?: Record<string, string> } = {};
  try {
    recorded = JSON.parse(await Deno.readTextFile(manifestUrl));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound) && !(error instanceof SyntaxError)) throw error;
  }
  const inputs = await inputsDigest(root, env);
  const removed: string[] = [];
  const kept: string[] = [];
  for (const path of await cachedOutputs(cache)) {
    // Outputs made before this script kept a record were made from unknown inputs.
    const madeWith = recorded.outputs?.[path] ?? recorded.inputs;
    if (madeWith === outputDigest(path, inputs, env)) {
      kept.push(path);
    } else {
      await Deno.remove(new URL(path, cache));
      removed.push(path);
    }
  }
  // What Framework writes from now on is made from the current inputs.
  const outputs = Object.fromEntries(
    [...COMMIT_DEPENDENT].map((p) => [p, outputDigest(p, inputs, env)]),
  );
  await Deno.mkdir(cache, { recursive: true });
  const temp = new URL(`${MANIFEST}.${Deno.pid}.tmp`, cache);
  await Deno.writeTextFile(temp, JSON.stringify({ inputs, outputs }, null, 2) + "\n");
  await Deno.rename(temp, manifestUrl);
  return { removed, kept };
}

if (import.meta.main) {
  const root = new URL("../", import.meta.url);
  const { removed, kept } = await clearStaleOutputs(root, await currentEnvironment(root));
  console.error(
    `loader cache: ${kept.length} output(s) current` +
      (removed.length
        ? `, ${removed.length} made from other inputs removed: ${removed.join(", ")}`
        : ""),
  );
}
