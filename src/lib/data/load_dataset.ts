/**
 * `loadDataset()`: a registry dataset or a user's CSV file, read into scores and design factors,
 * with its provenance and, when the embedded sample stands in for missing data, a notice saying so.
 */
import {
  type DatasetEntry,
  datasetEntry,
  EMBEDDED_ID,
  type FactorSpec,
  REGISTRY,
} from "./registry.ts";
import {
  DataUnavailableError,
  type Origin,
  type ResolvedFile,
  resolveFile,
  type ResolveOptions,
} from "./resolve.ts";
import { readScores } from "./read_scores.ts";
import { matchFactors, readFactors } from "./factors.ts";
import type { DataWarning, FactorKind, FactorTable, ReadOptions, ScoreMatrix } from "./types.ts";
import {
  absolutePath,
  checkDeclaredKinds,
  isFile,
  readerWarnings,
  readUserFile,
} from "./_user_files.ts";

export interface ProvenanceFile {
  readonly role: "scores" | "modelFactors" | "taskFactors";
  readonly name: string;
  /** Public source (null for a local or embedded file). */
  readonly url: string | null;
  /** Local path read, or the URL downloaded. */
  readonly path: string;
  /** The pinned digest (registry), or the file's own for a user's file. */
  readonly sha256: string;
  /** The digest of the bytes read, computed on load; a registry file is rejected unless it matches. */
  readonly verifiedSha256: string;
  readonly bytes: number;
  readonly origin: Origin;
}

export interface Provenance {
  /** Where the scores came from; `embedded` when the shipped sample is used. */
  readonly origin: Origin;
  readonly commit: string | null;
  readonly citation: string | null;
  readonly files: readonly ProvenanceFile[];
}

/** A loaded dataset: what every experiment, page and command starts from. */
export interface Dataset {
  /** Registry id, or the file path for a user's file. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly scores: ScoreMatrix;
  /** Aligned with `scores.dense.models` when present. */
  readonly modelFactors?: FactorTable;
  /** Aligned with `scores.dense.tasks` when present. */
  readonly taskFactors?: FactorTable;
  readonly provenance: Provenance;
  /** Set when the embedded sample stands in for the dataset that was asked for. */
  readonly notice: string | null;
  /** The id that was asked for (differs from `id` when the sample stands in). */
  readonly requested: string;
  /** What the readers read with a doubt, and an argument that could name a file or a dataset. */
  readonly warnings: readonly DataWarning[];
}

/** Options for a user's own files (the CLI's read options). */
export interface FileOptions {
  readonly read?: ReadOptions;
  /** A model factor file (wide: one row per model) and how to type its columns. */
  readonly modelFactors?: string;
  /** A task factor file (transposed: one row per factor, one column per task). */
  readonly taskFactors?: string;
  readonly factorKinds?: Readonly<Record<string, FactorKind>>;
  /** Factor-file name → score-file name, for names the files spell differently. */
  readonly aliases?: Readonly<Record<string, string>>;
  /**
   * The folder relative file paths are read from (default: the working folder); messages name
   * the paths as given. The CLI passes the folder `deno task` was started in (`INIT_CWD`).
   */
  readonly baseDir?: string;
}

export interface LoadOptions extends ResolveOptions, FileOptions {
  /** Use the embedded sample (with a notice) when a registry dataset cannot be had. Default true. */
  readonly fallback?: boolean;
}

function isRegistryId(idOrPath: string): boolean {
  return /^[a-z0-9-]+$/.test(idOrPath) && !idOrPath.endsWith(".csv");
}

/**
 * Loads a registry dataset by id, or a CSV file by path. A name that could be both (no `.csv`,
 * and a file of that name in `baseDir`) is the dataset, with a warning; a file that is no
 * dataset id is read as a file. A factor the user typed (`factorKinds`) that the data does not
 * have is an error.
 *
 * @example
 * ```ts
 * const data = await loadDataset("cpp-crowdsource");
 * data.scores.dense.nModels; // 72
 * if (data.notice) console.error(data.notice);
 * for (const w of data.warnings) console.error(`warning: ${w.message}`);
 * ```
 */
export async function loadDataset(idOrPath: string, options: LoadOptions = {}): Promise<Dataset> {
  const data = await loadSource(idOrPath, options);
  if (data.notice === null) {
    checkDeclaredKinds(options.factorKinds, [data.modelFactors, data.taskFactors], data.id);
  }
  return data;
}

async function loadSource(idOrPath: string, options: LoadOptions): Promise<Dataset> {
  if (!isRegistryId(idOrPath)) return await loadFile(idOrPath, options);
  const file = await isFile(idOrPath, options.baseDir);
  const known = REGISTRY.some((e) => e.id === idOrPath);
  if (file && !known) return await loadFile(idOrPath, options);
  if (!known) {
    const absolute = absolutePath(idOrPath, options.baseDir);
    try {
      datasetEntry(idOrPath);
    } catch (error) {
      throw new RangeError(`${(error as Error).message} (and there is no file ${absolute})`);
    }
  }
  const data = await loadRegistered(idOrPath, options);
  if (!file) return data;
  const warning: DataWarning = {
    file: idOrPath,
    line: null,
    column: null,
    message: `${idOrPath}: read as the registry dataset '${idOrPath}', not as the file ` +
      `${absolutePath(idOrPath, options.baseDir)} (write ./${idOrPath} to read the file)`,
  };
  return { ...data, warnings: [warning, ...data.warnings] };
}

async function loadRegistered(id: string, options: LoadOptions): Promise<Dataset> {
  const entry = datasetEntry(id);
  try {
    return await loadEntry(entry, id, null, options);
  } catch (error) {
    if (!(error instanceof DataUnavailableError) || options.fallback === false) throw error;
    const notice = fallbackNotice(id, error.message);
    return await loadEntry(datasetEntry(EMBEDDED_ID), id, notice, options);
  }
}

/** The notice a dataset carries when the embedded sample stands in for `requested`. */
export function fallbackNotice(requested: string, reason: string): string {
  return `The full dataset '${requested}' was not available (${reason}); ` +
    `showing the embedded sample '${EMBEDDED_ID}' (11 models x 6 HELM tasks from the seed ` +
    `slides) instead. Set CPP_DATA_DIR to a mirror folder or connect to the internet.`;
}

async function loadEntry(
  entry: DatasetEntry,
  requested: string,
  notice: string | null,
  options: LoadOptions,
): Promise<Dataset> {
  const resolved: ResolvedFile[] = [];
  for (const file of entry.files) resolved.push(await resolveFile(file, options));
  const byRole = (role: string) => resolved.find((r) => r.file.role === role);
  const scoreFile = byRole("scores")!;
  const read = { ...entry.read, ...options.read, file: scoreFile.file.name };
  const { scores, modelFactors: inline, warnings } = readScores(scoreFile.text, read);

  const factorsFrom = async (
    entity: "model" | "task",
    spec: FactorSpec | undefined,
    role: "modelFactors" | "taskFactors",
  ): Promise<FactorTable | undefined> => {
    const userFile = entity === "model" ? options.modelFactors : options.taskFactors;
    const names = entity === "model" ? scores.dense.models : scores.dense.tasks;
    if (userFile) return await readUserFactors(userFile, entity, names, options);
    const found = byRole(role);
    if (!found || !spec) return entity === "model" ? inline : undefined;
    const table = readFactors(found.text, {
      file: found.file.name,
      entity,
      layout: spec.layout,
      nameColumn: spec.nameColumn,
      kinds: { ...spec.kinds, ...options.factorKinds },
    });
    return matchFactors(table, names, { aliases: { ...spec.aliases, ...options.aliases } });
  };

  const modelFactors = await factorsFrom("model", entry.modelFactors, "modelFactors");
  const taskFactors = await factorsFrom("task", entry.taskFactors, "taskFactors");
  return {
    id: entry.id,
    title: entry.title,
    description: entry.description,
    scores,
    modelFactors,
    taskFactors,
    provenance: {
      origin: scoreFile.origin,
      commit: entry.commit,
      citation: entry.citation,
      files: resolved.map((r) => ({
        role: r.file.role,
        name: r.file.name,
        url: r.file.url,
        path: r.path,
        sha256: r.file.sha256,
        verifiedSha256: r.sha256,
        bytes: r.bytes,
        origin: r.origin,
      })),
    },
    notice,
    requested,
    warnings: readerWarnings(warnings, [modelFactors, taskFactors]),
  };
}

async function readUserFactors(
  path: string,
  entity: "model" | "task",
  names: readonly string[],
  options: FileOptions,
): Promise<FactorTable> {
  const { text } = await readUserFile(path, options.baseDir);
  const table = readFactors(text, {
    file: path,
    entity,
    layout: entity === "model" ? "wide" : "transposed",
    kinds: options.factorKinds,
  });
  return matchFactors(table, names, { aliases: options.aliases });
}

async function loadFile(path: string, options: LoadOptions): Promise<Dataset> {
  const local = await readUserFile(path, options.baseDir, "nor a known dataset id");
  const { scores, modelFactors: inline, warnings } = readScores(local.text, {
    ...options.read,
    file: path,
  });
  const files: ProvenanceFile[] = [{
    role: "scores",
    name: path.split("/").pop()!,
    url: null,
    path,
    sha256: local.sha256,
    verifiedSha256: local.sha256,
    bytes: local.bytes,
    origin: "file",
  }];
  const extra = async (entity: "model" | "task", file: string | undefined) => {
    if (!file) return undefined;
    const info = await readUserFile(file, options.baseDir);
    files.push({
      role: entity === "model" ? "modelFactors" : "taskFactors",
      name: file.split("/").pop()!,
      url: null,
      path: file,
      sha256: info.sha256,
      verifiedSha256: info.sha256,
      bytes: info.bytes,
      origin: "file",
    });
    return await readUserFactors(
      file,
      entity,
      entity === "model" ? scores.dense.models : scores.dense.tasks,
      options,
    );
  };
  const modelFactors = (await extra("model", options.modelFactors)) ?? inline;
  const taskFactors = await extra("task", options.taskFactors);
  return {
    id: path,
    title: path.split("/").pop()!,
    description: `Scores read from ${path}`,
    scores,
    modelFactors,
    taskFactors,
    provenance: { origin: "file", commit: null, citation: null, files },
    notice: null,
    requested: path,
    warnings: readerWarnings(warnings, [modelFactors, taskFactors]),
  };
}
