/**
 * The shapes shared by the data layer, the registry, the CLI, loaders and (later) the kernels.
 * Scores are kept in their original units and direction; `normalize()` turns them into the
 * "higher is better", 0-1 scales of PROTOCOL.md and back.
 */
import type { ColumnTable } from "arquero";

/** The three layouts of PROTOCOL.md. */
export type Layout = "wide" | "transposed" | "long";

/**
 * A task's scale kind: `fraction` (bounded to [0, 1]), `percent` (bounded to [0, 100]) or
 * `unbounded` (Elo ratings, dollars, indices: never clipped). Declared by the dataset (a registry
 * entry, or `ReadOptions.unbounded`), else read off the observed values: all within [0, 1] is
 * `fraction`, all within [0, 100] is `percent`, anything else `unbounded`.
 */
export type TaskScale = "fraction" | "percent" | "unbounded";

/** The bounds of a bounded scale, null for `unbounded`. */
export function scaleBounds(scale: TaskScale): { lo: number; hi: number } | null {
  return scale === "fraction" ? { lo: 0, hi: 1 } : scale === "percent" ? { lo: 0, hi: 100 } : null;
}

/** Where an observed score was reported (datasets that record it, e.g. `frontier`). */
export interface CellSource {
  /** The page the score was taken from, or null when the dataset gives none. */
  readonly url: string | null;
  /** The kind of source (e.g. `official_blog`, `model_card`, `tech_report`, `leaderboard`). */
  readonly type: string | null;
  /** Whether the reported setting matches the model's canonical setting (null: not recorded). */
  readonly matchesCanonical: boolean | null;
  /** The dataset's audit status of the cell (e.g. `verified`, `needs_review`). */
  readonly auditStatus: string | null;
}

/** Row-major dense view for the kernels: `values[i * nTasks + j]` is model i on task j. */
export interface DenseScores {
  readonly models: readonly string[];
  readonly tasks: readonly string[];
  readonly modelIndex: ReadonlyMap<string, number>;
  readonly taskIndex: ReadonlyMap<string, number>;
  readonly nModels: number;
  readonly nTasks: number;
  /** Original units and direction; NaN where missing. */
  readonly values: Float32Array;
  /** 1 where observed, 0 where missing. */
  readonly observed: Uint8Array;
}

/** A score matrix as read from a file. */
export interface ScoreMatrix {
  /** The file it came from (path or dataset file name), for messages. */
  readonly source: string;
  /** Observed cells only: columns `model`, `task`, `score` (original units). */
  readonly table: ColumnTable;
  readonly dense: DenseScores;
  /**
   * Row-major like `dense.values`, NaN where missing: the scores as read, in double precision.
   * Summaries and exports print these; the methods train on the float32 view.
   */
  readonly exact: Float64Array;
  /** Per task (aligned with `dense.tasks`): true where lower is better (loss, BPB, perplexity). */
  readonly lowerIsBetter: readonly boolean[];
  /** Per task (aligned with `dense.tasks`). */
  readonly scale: readonly TaskScale[];
}

export type FactorKind = "numeric" | "categorical";

export interface FactorColumn {
  readonly name: string;
  readonly kind: FactorKind;
  /** "declared" when the caller or registry typed it, "inferred" when read off the values. */
  readonly kindSource: "declared" | "inferred";
  /** Aligned with `FactorTable.names`; null where missing. Numbers for numeric, strings otherwise. */
  readonly values: readonly (number | string | null)[];
}

/** Design factors of models or of tasks, one row per entity. */
export interface FactorTable {
  readonly source: string;
  readonly entity: "model" | "task";
  /** Entity names; after `matchFactors()` these are aligned with the score matrix's models/tasks. */
  readonly names: readonly string[];
  readonly factors: readonly FactorColumn[];
  /** What `readFactors()` read with a doubt (absent when it had none). */
  readonly warnings?: readonly DataWarning[];
}

/**
 * A doubt about the input that did not stop the read: the readers return these beside what they
 * read (the library never prints), and the CLI, the pages and the notebooks show them.
 */
export interface DataWarning {
  /** The file (path or dataset file name) or the dataset argument it is about. */
  readonly file: string;
  /** The 1-based line, or null when the warning is about the file or the argument as a whole. */
  readonly line: number | null;
  /** The column's header name (`column 3` when it has none), or null. */
  readonly column: string | null;
  /** The whole message, naming the file and the place: `FILE: line 4 (B), column 'MMLU': …`. */
  readonly message: string;
}

/** Options that tell the readers how a score file is laid out (the CLI's read options). */
export interface ReadOptions {
  /** Layout; detected from the header when omitted (an undetectable header is an error). */
  layout?: Layout;
  /** Wide: the column holding model names (default: the first column). */
  modelColumn?: string;
  /** Long: column names (defaults `model`, `task`, `score`, matched case-insensitively). */
  taskColumn?: string;
  scoreColumn?: string;
  /** Wide: columns that are model factors, not tasks (returned as `modelFactors`). */
  factorColumns?: readonly string[];
  /** Columns (wide) or rows (transposed) to ignore. */
  dropColumns?: readonly string[];
  /** Tasks whose name matches are lower-is-better (a RegExp, or a string compiled as one, case-insensitive). */
  lowerIsBetter?: string | RegExp;
  /**
   * Tasks whose name matches are on an unbounded scale (Elo, ratings, dollars): never clipped to
   * 0-100 or 0-1 whatever their values (a RegExp, or a string compiled as one, case-insensitive).
   */
  unbounded?: string | RegExp;
  /** Explicit factor kinds by column name; the others are inferred and reported as inferred. */
  factorKinds?: Readonly<Record<string, FactorKind>>;
}

/** What `readScores()` returns: the scores, factor columns found in the same file, and doubts. */
export interface ScoreRead {
  readonly scores: ScoreMatrix;
  readonly modelFactors?: FactorTable;
  /** Cells and rows read with a doubt (see {@linkcode DataWarning}); empty when none. */
  readonly warnings: readonly DataWarning[];
  /** Per cell (aligned with `scores.dense.values`): where the score was reported, when known. */
  readonly sources?: readonly (CellSource | null)[];
}
