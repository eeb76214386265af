/**
 * The learned methods of the paper, as `Method`s (see types.ts): matrix factorization (`mf`),
 * neural collaborative filtering (`ncf`), NCF with factor embeddings added to the ID embeddings
 * (`ncf-factors`), and factors only (`factors-only`, no ID embeddings: it predicts brand-new
 * models and tasks). All four are one architecture with flags, trained by the same kernels.
 *
 * @example
 * ```ts
 * import { method } from "./src/lib/models/mod.ts";
 * const mf = method("mf", { dim: 10, biases: true });
 * const result = await mf.fit(problem, [{ train, seed: 0 }], { backend: "auto" });
 * result.predictions[0]; // n x m, normalized scale
 * ```
 *
 * @module
 */
import type { FitOptions, FitResult, Job, Method, Problem } from "./types.ts";
import { checkConfig, DEFAULT_CONFIGS, type EngineConfig, type LearnedMethodId } from "./config.ts";
import { fitJobs, problemShape } from "../train/mod.ts";
import { exportMember } from "./export_model.ts";

export * from "./types.ts";
export { checkConfig, DEFAULT_CONFIGS, type EngineConfig, type LearnedMethodId } from "./config.ts";
export {
  type EncodedFactors,
  encodeFactors,
  type FactorShape,
  factorShape,
  signedLog1p,
} from "../train/mod.ts";

const LABELS: Readonly<Record<LearnedMethodId, string>> = {
  mf: "Matrix factorization",
  ncf: "Neural collaborative filtering",
  "ncf-factors": "NCF + factors",
  "factors-only": "Factors only",
};

/** The learned method ids, in the paper's order. */
export const LEARNED_METHODS: readonly LearnedMethodId[] = [
  "mf",
  "ncf",
  "ncf-factors",
  "factors-only",
];

/** A learned method with its configuration (a Method whose config can be read back). */
export interface LearnedMethod extends Method {
  readonly id: LearnedMethodId;
  readonly config: EngineConfig;
}

/**
 * A learned method with configuration overrides.
 *
 * @example
 * ```ts
 * const ncf = method("ncf", { hidden: 32, maxEpochs: 500 });
 * ```
 */
export function method(id: LearnedMethodId, overrides: Partial<EngineConfig> = {}): LearnedMethod {
  const base = DEFAULT_CONFIGS[id];
  if (!base) {
    throw new RangeError(
      `Cannot make method '${id}': unknown (expected one of ${LEARNED_METHODS.join(", ")})`,
    );
  }
  const config = checkConfig({ ...base, ...overrides });
  return {
    id,
    label: LABELS[id],
    usesFactors: config.factors,
    coldStart: config.factors,
    config,
    async fit(problem: Problem, jobs: readonly Job[], options?: FitOptions): Promise<FitResult> {
      const { trained, ...result } = await fitJobs(id, problem, jobs, config, options);
      if (!trained) return { method: id, ...result };
      const shape = problemShape(problem);
      const models = trained.map((t, b) => exportMember(id, t, problem, shape, jobs[b], config));
      return { method: id, ...result, models };
    },
  };
}

/** The four learned methods with their default configurations. */
export const METHODS: Readonly<Record<LearnedMethodId, LearnedMethod>> = {
  mf: method("mf"),
  ncf: method("ncf"),
  "ncf-factors": method("ncf-factors"),
  "factors-only": method("factors-only"),
};
export * from "./infer.ts";
