/**
 * The shape of `src/data/datasets.json` (emitted by `src/data/datasets.json.ts` from
 * `src/lib/report/datasets_report.ts`), as the datasets page's components read it. URLs come
 * without their scheme (`raw.githubusercontent.com/…`): the built site links nowhere.
 */
export type { RenderOptions } from "./overview_types.ts";

/** Where a file was found in the build. */
export type FileOrigin = "mirror" | "cache" | "download" | "embedded";

/** Read; not found anywhere (the other pages show the embedded sample instead); found and rejected. */
export type DatasetStatus = "loaded" | "unavailable" | "invalid";

/** The whole file. */
export interface DatasetsJson {
  /** ISO timestamp of the loader run: when the site was built. */
  readonly builtAt: string;
  /** This repository's commit at the build, or null where git could not say. */
  readonly repositoryCommit: string | null;
  readonly datasets: readonly DatasetRecordJson[];
  /** Every file of every dataset, in registry order. */
  readonly files: readonly DatasetFileJson[];
}

export interface DatasetRecordJson {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly citation: string;
  /** The commit of the public source the files are pinned to; null for the embedded sample. */
  readonly commit: string | null;
  readonly embedded: boolean;
  readonly status: DatasetStatus;
  /** Where the scores file was found; null when the dataset was not loaded. */
  readonly origin: FileOrigin | null;
  /** Why the dataset was not loaded; null when it was. */
  readonly reason: string | null;
  readonly shape: {
    readonly models: number;
    readonly tasks: number;
    readonly observed: number;
    /** observed / (models × tasks), in [0, 1]. */
    readonly density: number;
  } | null;
  /** The shape of the pinned files, from the registry. */
  readonly expected: { readonly models: number; readonly tasks: number; readonly observed: number };
  /** Number of model and task design factors read. */
  readonly factors: { readonly model: number; readonly task: number };
}

export interface DatasetFileJson {
  readonly dataset: string;
  readonly role: "scores" | "modelFactors" | "taskFactors";
  readonly name: string;
  /** Without the scheme; null for a file embedded in the code. */
  readonly url: string | null;
  /** The SHA-256 pinned in the registry. */
  readonly sha256: string;
  /** The SHA-256 of the bytes read in the build; null when the file was not read. */
  readonly verifiedSha256: string | null;
  readonly bytes: number | null;
  readonly origin: FileOrigin | null;
}
