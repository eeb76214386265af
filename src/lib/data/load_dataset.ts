/**
 * `loadDataset()`: a registry dataset or a user's file (CSV, or BenchPress's JSON), read into scores,
 * design factors and per-cell sources, with its provenance. A registry dataset that cannot be had
 * (offline, no mirror, no cache) is a `DataUnavailableError`; nothing stands in for it, except a
 * dataset's own embedded copy (`frontier`), which reads to the same data.
 */
import {
  type DatasetEntry,
  datasetEntry,
  type DatasetFormat,
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
import { readBenchpress } from "./read_benchpress.ts";
import { readOpenLlm } from "./read_open_llm.ts";
import { matchFactors, readFactors } from "./factors.ts";
import {
  absolutePath,
  checkDeclaredKinds,
  isFile,
  readerWarnings,
  readUserFile,
} from "./_user_files.ts";
import type {
  CellSource,
  DataWarning,
  FactorKind,
  FactorTable,
  ReadOptions,
  ScoreMatrix,
  ScoreRead,
} from "./types.ts";

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
  /** Where the scores came from; `embedded` when the project's own copy was read. */
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
  /** Per cell (`i * nTasks + j`): where the observed score was reported, for datasets that say. */
  readonly sources?: readonly (CellSource | null)[];
  readonly provenance: Provenance;
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

export type LoadOptions = ResolveOptions & FileOptions;

function isRegistryId(idOrPath: string): boolean {
  return /^[a-z0-9-]+$/.test(idOrPath) && !idOrPath.endsWith(".csv");
}

/** The score files read in `format` (only `open-llm-csv` takes more than one). */
function readAny(
  files: readonly { file: string; text: string }[],
  format: DatasetFormat,
  read: ReadOptions,
): ScoreRead {
  if (format === "open-llm-csv") return readOpenLlm(files, read);
  const [{ text, file }] = files;
  return format === "benchpress-json"
    ? readBenchpress(text, { ...read, file })
    : readScores(text, { ...read, file });
}

/**
 * Loads a registry dataset by id, or a file by path (`.json`: BenchPress's matrix format; else a
 * CSV in any of the three layouts). A registry dataset that cannot be had is a
 * `DataUnavailableError` saying where it was looked for. A name that could be both (no `.csv`, and
 * a file of that name in `baseDir`) is the dataset, with a warning; a file that is no dataset id
 * is read as a file. A factor the user typed (`factorKinds`) that the data does not have is an
 * error.
 *
 * @example
 * ```ts
 * const data = await loadDataset("frontier");
 * data.scores.dense.nModels; // 84
 * data.sources?.[2]?.url; // where the first model's score on the third task was reported
 * for (const w of data.warnings) console.error(`warning: ${w.message}`);
 * ```
 */
export async function loadDataset(idOrPath: string, options: LoadOptions = {}): Promise<Dataset> {
  const data = await loadSource(idOrPath, options);
  checkDeclaredKinds(options.factorKinds, [data.modelFactors, data.taskFactors], data.id);
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
  const data = await loadEntry(datasetEntry(idOrPath), options);
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

/** The verified first score file of `entry`, or its embedded copy when it cannot be had. */
async function resolveScores(entry: DatasetEntry, options: LoadOptions): Promise<ResolvedFile> {
  const file = entry.files.find((f) => f.role === "scores")!;
  try {
    return await resolveFile(file, options);
  } catch (error) {
    if (!(error instanceof DataUnavailableError) || !entry.embeddedCopy) throw error;
    return await resolveFile(entry.embeddedCopy, options);
  }
}

async function loadEntry(entry: DatasetEntry, options: LoadOptions): Promise<Dataset> {
  const first = entry.files.find((f) => f.role === "scores");
  const resolved: ResolvedFile[] = [await resolveScores(entry, options)];
  for (const file of entry.files) {
    if (file !== first) resolved.push(await resolveFile(file, options));
  }
  const byRole = (role: string) => resolved.find((r) => r.file.role === role);
  const scoreFile = resolved[0];
  const { scores, modelFactors: inline, sources, warnings } = readAny(
    resolved.filter((r) => r.file.role === "scores").map((r) => ({
      file: r.file.name,
      text: r.text,
    })),
    entry.format ?? "csv",
    { ...entry.read, ...options.read },
  );

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
    ...(sources ? { sources } : {}),
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
  const format = /\.json$/i.test(path) ? "benchpress-json" : "csv";
  const { scores, modelFactors: inline, sources, warnings } = readAny(
    [{ file: path, text: local.text }],
    format,
    options.read ?? {},
  );
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
    ...(sources ? { sources } : {}),
    provenance: { origin: "file", commit: null, citation: null, files },
    warnings: readerWarnings(warnings, [modelFactors, taskFactors]),
  };
}
