/**
 * Finding a registry file's bytes: the `CPP_DATA_DIR` mirror, then the local cache, then a download
 * from the pinned public source. Every copy is checked against the registry's sha256 before use.
 */
import type { DatasetFile, FileRole } from "./registry.ts";

/** Where the bytes of a file came from. */
export type Origin = "mirror" | "cache" | "download" | "embedded" | "file";

export interface ResolvedFile<Role extends string = FileRole> {
  readonly file: DatasetFile<Role>;
  readonly origin: Origin;
  /** Local path read (mirror, cache or embedded sample). */
  readonly path: string;
  readonly text: string;
  readonly bytes: number;
  /** Hex sha256 of the bytes read, computed on resolving; never other than the pinned one. */
  readonly sha256: string;
}

export interface ResolveOptions {
  /** Offline mirror folder; default `CPP_DATA_DIR` from the environment. */
  dataDir?: string | null;
  /** Cache folder; default `CPP_CACHE_DIR`, else `$XDG_CACHE_HOME/cpp-llm`, else `~/.cache/cpp-llm`. */
  cacheDir?: string | null;
  /** Never download (tests, air-gapped machines). Default: `CPP_OFFLINE=1`. */
  offline?: boolean;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** Download time limit in milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** Raised when a file cannot be had from any source (not for a checksum mismatch: that is an error). */
export class DataUnavailableError extends Error {
  override name = "DataUnavailableError";
  /** The same without local paths (mirror and cache folders): fit for a published page. */
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined; // no --allow-env: behave as if unset
  }
}

/** The cache folder the options or the environment name. */
export function cacheDir(options: ResolveOptions = {}): string | null {
  if (options.cacheDir !== undefined) return options.cacheDir;
  const explicit = env("CPP_CACHE_DIR");
  if (explicit) return explicit;
  const xdg = env("XDG_CACHE_HOME");
  if (xdg) return `${xdg}/cpp-llm`;
  const home = env("HOME") ?? env("USERPROFILE");
  return home ? `${home}/.cache/cpp-llm` : null;
}

/** Hex sha256 of some bytes. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function readIfExists(path: string): Promise<Uint8Array | null> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** The digest of `bytes` when it is the pinned one; a RangeError naming both otherwise. */
async function verify(
  bytes: Uint8Array,
  file: DatasetFile<string>,
  where: string,
): Promise<string> {
  const actual = await sha256Hex(bytes);
  if (actual !== file.sha256) {
    throw new RangeError(
      `Cannot use ${where}: checksum mismatch for ${file.name}: sha256 is ${actual}, expected ` +
        `${file.sha256} (the file differs from the pinned source; delete it or fix CPP_DATA_DIR)`,
    );
  }
  return actual;
}

/** Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const slash = path.lastIndexOf("/");
  const dir = slash >= 0 ? path.slice(0, slash) : ".";
  await Deno.mkdir(dir, { recursive: true });
  const temp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeFile(temp, bytes);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array, where: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new RangeError(`Cannot read ${where}: the file is not valid UTF-8 text`);
  }
}

/**
 * The verified text of a registry file, from the first source that has it.
 *
 * @example
 * ```ts
 * const [file] = datasetEntry("helm-core").files;
 * const { origin, text } = await resolveFile(file, { dataDir: "../shared/datasets" });
 * ```
 */
export async function resolveFile<Role extends string = FileRole>(
  file: DatasetFile<Role>,
  options: ResolveOptions = {},
): Promise<ResolvedFile<Role>> {
  const make = (
    origin: Origin,
    path: string,
    bytes: Uint8Array,
    sha256: string,
  ): ResolvedFile<Role> => ({
    file,
    origin,
    path,
    text: decode(bytes, path),
    bytes: bytes.length,
    sha256,
  });

  if (file.url === null) {
    // Shipped inside the project, next to this module.
    const url = new URL(file.path, import.meta.url);
    const bytes = await Deno.readFile(url);
    return make("embedded", url.pathname, bytes, await verify(bytes, file, url.pathname));
  }

  const dataDir = options.dataDir !== undefined ? options.dataDir : env("CPP_DATA_DIR") ?? null;
  if (dataDir) {
    const path = `${dataDir.replace(/\/+$/, "")}/${file.path}`;
    const bytes = await readIfExists(path);
    if (bytes) return make("mirror", path, bytes, await verify(bytes, file, path));
  }

  const cache = cacheDir(options);
  const cachePath = cache ? `${cache}/${file.path}` : null;
  if (cachePath) {
    const bytes = await readIfExists(cachePath);
    if (bytes) {
      // A damaged cache entry is dropped and fetched again rather than trusted.
      const actual = await sha256Hex(bytes);
      if (actual === file.sha256) return make("cache", cachePath, bytes, actual);
      await Deno.remove(cachePath).catch(() => {});
    }
  }

  const offline = options.offline ?? env("CPP_OFFLINE") === "1";
  const where = [
    dataDir ? `CPP_DATA_DIR=${dataDir}` : "no CPP_DATA_DIR",
    `cache ${cache ?? "none"}`,
  ]
    .join(", ");
  if (offline) {
    throw new DataUnavailableError(
      `Cannot find ${file.name}: not in the mirror or cache (${where}) and downloads are off`,
      `${file.name} was not in a data mirror or the download cache, and downloads were off`,
    );
  }
  let bytes: Uint8Array;
  try {
    const response = await (options.fetch ?? fetch)(file.url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new DataUnavailableError(
      `Cannot download ${file.name} from ${file.url}: ${(error as Error).message} (${where})`,
      `${file.name} was not in a data mirror or the download cache, and its download from ` +
        `${file.url} failed (${(error as Error).message})`,
    );
  }
  const actual = await verify(bytes, file, `the download of ${file.url}`);
  if (cachePath) {
    try {
      await writeFileAtomic(cachePath, bytes);
    } catch {
      // An unwritable cache only costs a later re-download.
    }
  }
  return make("download", file.url, bytes, actual);
}
