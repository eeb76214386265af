/**
 * The dataset registry: the public score matrices the project knows by name, pinned to a commit
 * and a sha256 per file. `frontier` (BenchPress's matrix) also ships inside the project as a
 * compact copy, so it is always available; `helm-seed` is a small sample shipped for tests and
 * quick tries.
 */
import type { FactorKind, Layout, ReadOptions } from "./types.ts";

export type FileRole = "scores" | "modelFactors" | "taskFactors";

/**
 * One file of a dataset: where it lives in a mirror folder, its public URL and its checksum. (A
 * file beside the datasets, like a peer's evaluation folds, has a role of its own.)
 */
export interface DatasetFile<Role extends string = FileRole> {
  readonly role: Role;
  readonly name: string;
  /** Path inside a mirror folder (`CPP_DATA_DIR`) and inside the cache. */
  readonly path: string;
  /** Public source, pinned to a commit; null for a file the project ships. */
  readonly url: string | null;
  readonly sha256: string;
}

/** How a factor file is laid out and typed, and how its names map onto the score file's. */
export interface FactorSpec {
  readonly layout: Extract<Layout, "wide" | "transposed">;
  readonly nameColumn?: string;
  readonly kinds: Readonly<Record<string, FactorKind>>;
  /** Factor-file name → score-file name, for the names the two files spell differently. */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** How a dataset's score file is read: a CSV in one of the three layouts, or BenchPress's JSON. */
export type DatasetFormat = "csv" | "benchpress-json";

export interface DatasetEntry {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Commit of the public source the checksums were taken at; null for the embedded sample. */
  readonly commit: string | null;
  readonly citation: string;
  readonly files: readonly DatasetFile[];
  /** Default "csv". */
  readonly format?: DatasetFormat;
  /**
   * A copy of the score file shipped inside the project (`url: null`), read when the pinned file
   * cannot be had from the mirror, the cache or a download; it reads to the same dataset.
   */
  readonly embeddedCopy?: DatasetFile;
  readonly read: ReadOptions;
  readonly modelFactors?: FactorSpec;
  readonly taskFactors?: FactorSpec;
  /** Shape the pinned files have, checked by the tests and shown before a download. */
  readonly expected: { readonly models: number; readonly tasks: number; readonly observed: number };
  /** True when the project ships the data (always available, even offline without a mirror). */
  readonly embedded: boolean;
}

const CPP_COMMIT = "4c4319a36d38a8eff086559c1a0c751570e6740f";
const cppUrl = (file: string) =>
  `https://raw.githubusercontent.com/Don-Joey/CPP_LLM/${CPP_COMMIT}/data/${file}`;
const CPP_CITATION =
  "Zhang, Lyu, Liu, Ma. Collaborative Performance Prediction for Large Language Models. EMNLP 2024.";

const BENCHPRESS_COMMIT = "108c0997a9083cbca80fdbd458f2878659f26b06";

/** BenchPress's benchmarks that are not percentages (Elo, rating, index, dollars, task score). */
export const FRONTIER_UNBOUNDED_TASKS: readonly string[] = [
  "AA Intelligence Index",
  "Chatbot Arena Elo",
  "Codeforces Rating",
  "GDPval (Artificial Analysis ELO)",
  "SWE-Lancer IC SWE Diamond Freelance ($)",
  "Vending-Bench 2",
];

const exactNames = (names: readonly string[]) =>
  `^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`;

/** The dataset the report and the CLI show first: current, and always available. */
export const DEFAULT_DATASET = "frontier";

/**
 * BenchPress's 30 evaluation folds of `frontier` (10 seeds x 3 per-model folds, 26,040 held-out
 * cells), resolved like a dataset file: `cpp evaluate frontier --holdout-file benchpress`.
 */
export const BENCHPRESS_FOLDS: DatasetFile<"folds"> = {
  role: "folds",
  name: "folds_s10_f3_bs42_ms1.json",
  path: "benchpress/folds_s10_f3_bs42_ms1.json",
  url: `https://raw.githubusercontent.com/microsoft/benchpress/${BENCHPRESS_COMMIT}/` +
    "benchpress/evaluation/folds/folds_s10_f3_bs42_ms1.json",
  sha256: "bdaab5ac07fab772b3976c59436382ab62e9a32ee7182573dfe204ff2f46bfdf",
};

export const REGISTRY: readonly DatasetEntry[] = [
  {
    id: "frontier",
    title: "Frontier models (BenchPress)",
    description:
      "84 frontier LLMs released 2024-2026 x 133 benchmarks, 2,604 observed scores (23.3% filled), " +
      "each with a cited source, curated by BenchPress; model factors from its metadata (provider, " +
      "reasoning, open weights, canonical mode and effort, release date). Most benchmarks are " +
      "percentages; six are not (Elo ratings, a rating, an index, dollars, a task score) and are " +
      "never clipped; OmniDocBench (edit distance) is lower-is-better.",
    commit: BENCHPRESS_COMMIT,
    citation: "Zeng, Papailiopoulos. You Don't Need to Run Every Eval. arXiv 2606.24020 (2026). " +
      "Data: microsoft/benchpress, CDLA-Permissive-2.0.",
    files: [
      {
        role: "scores",
        name: "data.json",
        path: "benchpress/data.json",
        url: `https://raw.githubusercontent.com/microsoft/benchpress/${BENCHPRESS_COMMIT}/` +
          "website/data.json",
        sha256: "0a72850d418a944f96033823ae98b74a422c4b206f60160215a9fc49473d206f",
      },
    ],
    format: "benchpress-json",
    embeddedCopy: {
      role: "scores",
      name: "frontier.json",
      path: "_embedded/frontier.json",
      url: null,
      sha256: "64f51f519527fd4b8bfa5b3705616b737233cda50731e63ea251ba258fe88dfd",
    },
    read: {
      lowerIsBetter: "lower is better",
      unbounded: exactNames(FRONTIER_UNBOUNDED_TASKS),
    },
    expected: { models: 84, tasks: 133, observed: 2604 },
    embedded: true,
  },
  {
    id: "cpp-crowdsource",
    title: "CPP crowdsourced scores",
    description:
      "72 LLMs x 29 benchmark settings gathered from papers, technical reports and model cards by the " +
      "CPP authors, with 13 model design factors and 4 task factors. Scores on a 0-100 scale.",
    commit: CPP_COMMIT,
    citation: CPP_CITATION,
    files: [
      {
        role: "scores",
        name: "crowdsource_performance.csv",
        path: "cpp-llm/crowdsource_performance.csv",
        url: cppUrl("crowdsource_performance.csv"),
        sha256: "cc8398bd025e4bbb498c2650a9f5f9f4a44299627c20055da757d3a43c415e1d",
      },
      {
        role: "modelFactors",
        name: "model_feature.csv",
        path: "cpp-llm/model_feature.csv",
        url: cppUrl("model_feature.csv"),
        sha256: "998da96e13e84e96759ee92805d7102b8eb6186cc750e433b055a87c407bf3d7",
      },
      {
        role: "taskFactors",
        name: "benchmark_feature.csv",
        path: "cpp-llm/benchmark_feature.csv",
        url: cppUrl("benchmark_feature.csv"),
        sha256: "da7f5cee65195ecdd4de6efaefc3fda9d2971df8f1839e3f2bdca8133b764797",
      },
    ],
    read: { layout: "wide" },
    modelFactors: {
      layout: "wide",
      nameColumn: "Model Name",
      // Typed as in the paper's factor table: context window and batch size are categories there.
      kinds: {
        "family": "categorical",
        "Pretraining Dataset Size(B)": "numeric",
        "Parameter Size(M)": "numeric",
        "Finetuning": "categorical",
        "GPUh": "numeric",
        "FLOPs": "numeric",
        "Context window": "categorical",
        "batch size(M)": "categorical",
        "Layers": "numeric",
        "Number Heads": "numeric",
        "Key/Value Size": "numeric",
        "bottleneck activation size": "numeric",
        "Carbon Emission (tCO2Eq)": "numeric",
      },
      // The factor file drops the size suffix the score file gives these three models.
      aliases: {
        "Luminous Base": "Luminous Base-13B",
        "Luminous Extended": "Luminous Extended-30B",
        "Luminous Supreme": "Luminous Supreme-70B",
      },
    },
    taskFactors: {
      layout: "transposed",
      kinds: {
        "ability": "categorical",
        "family": "categorical",
        "output": "categorical",
        "few-shot": "categorical",
      },
    },
    expected: { models: 72, tasks: 29, observed: 878 },
    embedded: false,
  },
  {
    id: "helm-core",
    title: "HELM core scenarios",
    description:
      "HELM core leaderboard as collected by the CPP authors: 56 metric rows x 88 models, 0-1 scale; " +
      "'… - BPB' rows (bits per byte) are lower-is-better.",
    commit: CPP_COMMIT,
    citation: CPP_CITATION,
    files: [
      {
        role: "scores",
        name: "helm_core.csv",
        path: "cpp-llm/helm_core.csv",
        url: cppUrl("helm_core.csv"),
        sha256: "cf1abd1380309922a8b301e057bfd25c64a4f54ca807dc4c256f82c865d95ac4",
      },
    ],
    read: { layout: "transposed", lowerIsBetter: " - BPB$" },
    expected: { models: 88, tasks: 56, observed: 2602 },
    embedded: false,
  },
  {
    id: "helm-seed",
    title: "HELM table of the seed slides (embedded sample)",
    description:
      "11 models x 6 HELM core scenarios transcribed from the CPP slides; shipped with the project " +
      "as a small sample for tests and quick tries.",
    commit: null,
    citation: CPP_CITATION,
    files: [
      {
        role: "scores",
        name: "helm_seed.csv",
        path: "samples/helm_seed.csv",
        url: null,
        sha256: "bbbfe923cbac4056b5c198b297ec29130f56115c9262504b22239f1c163697b9",
      },
    ],
    read: { layout: "wide" },
    expected: { models: 11, tasks: 6, observed: 66 },
    embedded: true,
  },
];

/** The registry entry named `id`, or a RangeError listing the known ones. */
export function datasetEntry(id: string): DatasetEntry {
  const entry = REGISTRY.find((e) => e.id === id);
  if (!entry) {
    throw new RangeError(
      `Cannot find dataset '${id}': known datasets are ${
        REGISTRY.map((e) => e.id).join(", ")
      }; or pass a path to a CSV file`,
    );
  }
  return entry;
}
