/**
 * The shape of `src/data/overview.json` (emitted by `src/data/overview.json.ts`), as the components
 * read it. Provenance URLs come without their scheme (`raw.githubusercontent.com/…`) so that the
 * built site contains no `https://`.
 */

/** The whole file: one entry per dataset the report shows. */
export interface Overview {
  readonly datasets: readonly DatasetOverview[];
}

export interface DatasetOverview {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly provenance: Provenance;
  /** Set when the data shown is a stand-in (e.g. the embedded sample instead of the full dataset). */
  readonly notice: string | null;
  readonly shape: MatrixShape;
  readonly tasks: readonly TaskSummary[];
  readonly models: readonly ModelSummary[];
  /** Observed cells only. */
  readonly cells: readonly ScoreCell[];
}

export interface Provenance {
  /** Where the files were found; null when the build could not read them (datasets page). */
  readonly origin: "mirror" | "cache" | "download" | "embedded" | null;
  readonly commit: string | null;
  /** How to cite the source, when known. */
  readonly citation?: string | null;
  /** ISO date the files were retrieved, or null (embedded data). */
  readonly retrieved: string | null;
  readonly files: readonly ProvenanceFile[];
}

export interface ProvenanceFile {
  readonly role: "scores" | "modelFactors" | "taskFactors";
  readonly name: string;
  /** Without the scheme: `raw.githubusercontent.com/…`; null for a file embedded in the code. */
  readonly url: string | null;
  readonly sha256: string;
  /** Size read; null when the file was not read (datasets page). */
  readonly bytes: number | null;
}

export interface MatrixShape {
  readonly models: number;
  readonly tasks: number;
  readonly observed: number;
  /** observed / (models × tasks), in [0, 1]. */
  readonly density: number;
}

export interface TaskSummary {
  readonly name: string;
  readonly observed: number;
  /** Share of models with a score on this task, in [0, 1]. */
  readonly coverage: number;
  readonly lowerIsBetter: boolean;
  readonly scale: "percent" | "fraction" | "unbounded";
  readonly min: number;
  readonly max: number;
}

export interface ModelSummary {
  readonly name: string;
  readonly observed: number;
  /** Share of tasks this model has a score on, in [0, 1]. */
  readonly coverage: number;
}

export interface ScoreCell {
  readonly model: string;
  readonly task: string;
  /** Original units and direction. */
  readonly score: number;
  /** Per task, 0-1, higher is better. */
  readonly normalized: number;
}

/** Options every component accepts. */
export interface RenderOptions {
  /** The document to create elements in (default `globalThis.document`); tests pass linkedom's. */
  document?: Document;
}
