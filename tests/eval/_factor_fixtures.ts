/** Design factors for the hand-made datasets of the evaluation tests. */
import type { Dataset, FactorTable, Method, Problem } from "../../src/lib/mod.ts";
import { globalMean } from "../../src/lib/eval/mod.ts";

/** A column of model factors: numeric (numbers) or categorical (strings); null where missing. */
export type Column = readonly (number | string | null)[];

/** `data` with model factors built from named columns aligned with its models. */
export function withModelFactors(
  data: Dataset,
  columns: Readonly<Record<string, Column>>,
): Dataset {
  const names = data.scores.dense.models;
  const table: FactorTable = {
    source: "synthetic factors",
    entity: "model",
    names,
    factors: Object.entries(columns).map(([name, values]) => {
      if (values.length !== names.length) {
        throw new RangeError(`factor '${name}' has ${values.length} values for ${names.length}`);
      }
      return {
        name,
        kind: values.some((v) => typeof v === "string") ? "categorical" : "numeric",
        kindSource: "declared",
        values,
      };
    }),
  };
  return { ...data, modelFactors: table };
}

/** What a spy method saw in one fit call. */
export interface SpyCall {
  readonly problemValues: Float32Array;
  readonly jobs: readonly { train: Uint32Array; seed: number; values: Float32Array }[];
}

/**
 * A method that records every fit call (copies of what it got) and predicts like `inner`
 * (default: the global mean), under the id and flags given.
 */
export function spyMethod(
  calls: SpyCall[],
  flags: Partial<Pick<Method, "id" | "coldStart" | "usesFactors">> = {},
  inner: Method = globalMean(),
): Method {
  const id = flags.id ?? "mf";
  return {
    id,
    label: `spy (${id})`,
    usesFactors: flags.usesFactors ?? false,
    coldStart: flags.coldStart ?? true,
    async fit(problem: Problem, jobs) {
      calls.push({
        problemValues: problem.values.slice(),
        jobs: jobs.map((j) => ({
          train: j.train.slice(),
          seed: j.seed,
          values: (j.values ?? problem.values).slice(),
        })),
      });
      const fit = await inner.fit(problem, jobs);
      return { ...fit, method: id };
    },
  };
}

/** A method that fails the test if it is ever fitted. */
export function neverFitted(
  flags: Partial<Pick<Method, "id" | "coldStart" | "usesFactors">>,
): Method {
  const id = flags.id ?? "mf";
  return {
    id,
    label: `never (${id})`,
    usesFactors: flags.usesFactors ?? false,
    coldStart: flags.coldStart ?? false,
    fit() {
      throw new Error(`${id} must not be fitted here`);
    },
  };
}
