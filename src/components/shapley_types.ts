/**
 * The shape of `src/data/shapley.json` (emitted by `src/data/shapley.json.ts` from
 * `runShapley`, `src/lib/eval/shapley.ts`), as the factor-importance components read it. Numbers
 * the JSON writes as `null` (NaN: a standard error from one seed or one permutation unit) are
 * typed `number | null`.
 */
export type { RenderOptions } from "./overview_types.ts";

/** Which factors are the players. */
export type ShapleyPlayers = "model" | "task";

/** One factor's importance. */
export interface ShapleyValueJson {
  readonly factor: string;
  readonly kind: "numeric" | "categorical";
  /** Mean drop in held-out MSE the factor brings over coalitions of the other factors. */
  readonly shapley: number | null;
  /** Exact mode: `seSeeds`. Permutation mode: the sampling error over permutations. */
  readonly se: number | null;
  /** Standard deviation over seeds of the per-seed values / sqrt(seeds). */
  readonly seSeeds: number | null;
  /** Models (or tasks) of the matrix with a value of this factor. */
  readonly present: number;
}

/** One coalition's seed-averaged held-out MSE (exact mode). */
export interface ShapleyCoalitionJson {
  readonly coalition: readonly string[];
  readonly mse: number | null;
  readonly value: number | null;
}

/** One analysis: one player set, one method. */
export interface ShapleyResultJson {
  readonly dataset: string;
  readonly players: ShapleyPlayers;
  readonly method: string;
  readonly mode: "exact" | "permutation";
  readonly seeds: number;
  readonly holdout: number;
  readonly scale: string;
  readonly scaleFrom: string;
  readonly otherFactors: "all" | "none";
  readonly antithetic: boolean;
  readonly coalitionsTrained: number;
  /** 0 in exact mode. */
  readonly permutations: number;
  readonly fits: number;
  readonly seconds: number;
  readonly fitSeconds: number;
  readonly backend: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly mseEmpty: number | null;
  readonly mseAll: number | null;
  /** In factor order. */
  readonly values: readonly ShapleyValueJson[];
  readonly coalitionValues?: readonly ShapleyCoalitionJson[];
}

/** The whole file. */
export interface ShapleyJson {
  readonly dataset: string;
  readonly title: string;
  readonly notice: string | null;
  readonly results: readonly ShapleyResultJson[];
  /** Player sets not analysed (the dataset has no such factors). */
  readonly skipped: readonly { readonly players: ShapleyPlayers; readonly reason: string }[];
}

/** Models and tasks of the matrix, to show `present` as "5 of 72". */
export interface ShapleyTotals {
  readonly model?: number;
  readonly task?: number;
}
