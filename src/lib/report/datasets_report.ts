/**
 * The datasets page's data: every registry dataset with its pinned source (commit, files,
 * sha256), where this build found each file and the digest it verified, the shape it read, and
 * why a dataset could not be loaded, plus when and from which commit of this repository the site
 * was built.
 */
import { DataUnavailableError, type Origin } from "../data/resolve.ts";
import { type DatasetEntry, datasetEntry, type FileRole, REGISTRY } from "../data/registry.ts";
import { loadDataset, type LoadOptions } from "../data/load_dataset.ts";
import { summarize } from "../data/summary.ts";

/** Whether a dataset was read, could not be found anywhere, or was found and rejected. */
export type DatasetStatus = "loaded" | "unavailable" | "invalid";

/** One file of one dataset, as pinned and as this build found it. */
export interface DatasetFileRow {
  readonly dataset: string;
  readonly role: FileRole;
  readonly name: string;
  /** The public source (the page links it); null for an embedded file. */
  readonly url: string | null;
  /** The digest pinned in the registry. */
  readonly sha256: string;
  /** The digest of the bytes read on load; null when the file was not read. */
  readonly verifiedSha256: string | null;
  /** Size of the bytes read; null when the file was not read. */
  readonly bytes: number | null;
  /** Where the file was found; null when it was not read. */
  readonly origin: Origin | null;
}

export interface DatasetRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly citation: string;
  /** The commit of the public source the files are pinned to; null for the embedded sample. */
  readonly commit: string | null;
  /** True when the project ships the data (always available). */
  readonly embedded: boolean;
  readonly status: DatasetStatus;
  /** Where the scores file was found; null when the dataset was not loaded. */
  readonly origin: Origin | null;
  /** Why the dataset was not loaded (without local paths); null when it was. */
  readonly reason: string | null;
  /** The shape read; null when the dataset was not loaded. */
  readonly shape: {
    readonly models: number;
    readonly tasks: number;
    readonly observed: number;
    readonly density: number;
  } | null;
  /** The shape the pinned files have (registry). */
  readonly expected: { readonly models: number; readonly tasks: number; readonly observed: number };
  /** Number of model and task design factors read (0 when none or not loaded). */
  readonly factors: { readonly model: number; readonly task: number };
}

export interface DatasetsReport {
  /** ISO timestamp of the run that made this report (the site's build). */
  readonly builtAt: string;
  /** This repository's commit (`git rev-parse HEAD`), or null where git cannot say. */
  readonly repositoryCommit: string | null;
  readonly datasets: readonly DatasetRecord[];
  /** Every file of every dataset, in registry order. */
  readonly files: readonly DatasetFileRow[];
}

export interface DatasetsReportOptions extends LoadOptions {
  /** The build time (default: now). */
  readonly now?: Date;
  /** This repository's commit; default: asked of git by {@linkcode repositoryCommit}. */
  readonly repositoryCommit?: string | null;
}

/**
 * The commit checked out in the repository holding `dir` (default: this module's folder), or
 * null when git is missing, not allowed to run, or `dir` is not in a repository. Never throws.
 */
export async function repositoryCommit(
  dir: string | URL = new URL(".", import.meta.url),
): Promise<string | null> {
  try {
    const { success, stdout } = await new Deno.Command("git", {
      args: ["rev-parse", "HEAD"],
      cwd: dir,
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    const commit = new TextDecoder().decode(stdout).trim();
    return success && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit) ? commit : null;
  } catch {
    return null;
  }
}

/** The entry's pinned files, then its embedded copy (read only when the pinned file is not had). */
function pinnedFiles(entry: DatasetEntry): DatasetFileRow[] {
  return [...entry.files, ...(entry.embeddedCopy ? [entry.embeddedCopy] : [])].map((f) => ({
    dataset: entry.id,
    role: f.role,
    name: f.name,
    url: f.url,
    sha256: f.sha256,
    verifiedSha256: null,
    bytes: null,
    origin: null,
  }));
}

/**
 * Loads every dataset of `ids` (default: the whole registry) without falling back, and records
 * where each file came from; a dataset that cannot be had, or whose files are rejected (a
 * checksum mismatch), is listed with the reason instead of failing.
 *
 * @example
 * ```ts
 * const report = await datasetsReport();
 * for (const d of report.datasets) console.log(d.id, d.status, d.origin ?? d.reason);
 * ```
 */
export async function datasetsReport(
  ids: readonly string[] = REGISTRY.map((e) => e.id),
  options: DatasetsReportOptions = {},
): Promise<DatasetsReport> {
  const { now, repositoryCommit: commit, ...load } = options;
  const datasets: DatasetRecord[] = [];
  const files: DatasetFileRow[] = [];
  for (const entry of ids.map(datasetEntry)) {
    const about = {
      id: entry.id,
      title: entry.title,
      description: entry.description,
      citation: entry.citation,
      commit: entry.commit,
      embedded: entry.embedded,
    };
    const rest = { expected: { ...entry.expected } };
    try {
      const data = await loadDataset(entry.id, load);
      const s = summarize(data);
      datasets.push({
        ...about,
        status: "loaded",
        origin: data.provenance.origin,
        reason: null,
        shape: s.shape,
        ...rest,
        factors: { model: s.factors.model.length, task: s.factors.task.length },
      });
      const read = new Map(data.provenance.files.map((f) => [`${f.role}/${f.name}`, f]));
      files.push(
        ...pinnedFiles(entry).map((f) => {
          const r = read.get(`${f.role}/${f.name}`);
          return r
            ? { ...f, verifiedSha256: r.verifiedSha256, bytes: r.bytes, origin: r.origin }
            : f;
        }),
      );
    } catch (error) {
      // Not found anywhere: the other pages say so too. Found but rejected (checksum, unreadable
      // text): the other pages fail the build, this one says why.
      const missing = error instanceof DataUnavailableError;
      if (!missing && !(error instanceof RangeError)) throw error;
      datasets.push({
        ...about,
        status: missing ? "unavailable" : "invalid",
        origin: null,
        reason: missing ? error.reason : error.message,
        shape: null,
        ...rest,
        factors: { model: 0, task: 0 },
      });
      files.push(...pinnedFiles(entry));
    }
  }
  return {
    builtAt: (now ?? new Date()).toISOString(),
    repositoryCommit: commit !== undefined ? commit : await repositoryCommit(),
    datasets,
    files,
  };
}
