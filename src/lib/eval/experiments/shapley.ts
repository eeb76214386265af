/**
 * Factor importance by Shapley values (PROTOCOL.md, "Factor importance (Shapley)").
 *
 * Players are the factors of one axis (`players: "model"`, the 13 model factors of
 * cpp-crowdsource, or `"task"`, its 4 task factors), analysed separately. The value of a
 * coalition C is `v(C) = MSE(empty) - MSE(C)` (higher = more useful): MSE on the held-out cells of
 * the factor-using method trained with only the factors of C on the analysed axis, averaged over
 * seeds. Definitions:
 * - Splits and scale: those of Table 1 (`random` split of the observed cells, `holdout` 0.05,
 *   seeds 0..seeds-1, `cpp` scale from every observed cell), so `v(all)` is Table 1's cell of the
 *   method. Every coalition is trained and scored on the same seeds; a job's seed is its split's
 *   seed, so every coalition of a seed also shares the initial draw and the inner early-stopping
 *   split (common random numbers: differences between coalitions carry less noise).
 * - The other axis: `otherFactors` "all" (default) keeps every factor of the other axis on in
 *   every coalition (the importance of a model factor inside the full method); "none" keeps them
 *   all off.
 * - Training: a method given by id is trained with {@linkcode SHAPLEY_TRAINING} (at most 400
 *   epochs, patience 30, instead of 2000 and 100): about three times faster, and its coalition
 *   values track the default recipe's more closely than two initial draws of the default recipe
 *   track each other (measured on cpp-crowdsource, see bench/shapley_bench.ts). Pass a `Method` to
 *   use any other configuration.
 * - Exact mode: all `2^p` coalitions (one fit call), `shapley` from the exact formula. Its `se` is
 *   the standard deviation over seeds of the per-seed Shapley values / sqrt(seeds): the noise of
 *   training and splitting (NaN for one seed).
 * - Permutation mode: uniform permutations, each followed by its reverse (`antithetic`); every
 *   prefix coalition is trained once (cache) and all new coalitions of a round of permutations
 *   train in ONE fit call. `shapley` is the mean marginal contribution over permutations; its `se`
 *   is the sampling error, the standard deviation of the per-unit mean marginal contribution /
 *   sqrt(#units), a unit being an antithetic pair (the independent draws) or a single permutation.
 *   `seSeeds` is, in both modes, the spread over seeds as in exact mode; it is not part of `se` in
 *   permutation mode.
 * - Efficiency: the values sum to `v(all) - v(empty) = mseEmpty - mseAll`, exactly in exact mode
 *   and per permutation in permutation mode (telescoping), up to float rounding.
 * - Budget: `auto` enumerates when `2^p` coalitions fit `budget.coalitions` (and, with
 *   `budget.seconds`, the time the empty and full coalitions took predicts the rest fits);
 *   otherwise it samples permutations until the next unit could exceed the coalition budget
 *   (2(p-1) new coalitions at most), the time budget, or `permutations`, or, with no
 *   `permutations` cap, until every coalition is trained. Forced `exact` ignores the budget.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { NormalizationKind } from "../../data/normalize.ts";
import type { FactorKind, FactorTable } from "../../data/types.ts";
import { type EngineConfig, method as learnedMethod } from "../../models/mod.ts";
import type { BackendChoice, Method, MethodId } from "../../models/types.ts";
import { fitPlanned, type PlannedJob } from "../experiment.ts";
import { mse } from "../metrics/held_out.ts";
import { seededRandom } from "../../util/random.ts";
import { randomPlans } from "../splits/random.ts";
import {
  drawPermutations,
  exactShapley,
  marginals,
  MAX_PLAYERS,
  meanSd,
  playersOf,
  prefixMasks,
} from "./_shapley_game.ts";

/**
 * The cheaper training recipe of the value function when the method is given by id: at most 400
 * epochs with patience 30 (the defaults are 2000 and 100).
 */
export const SHAPLEY_TRAINING: Readonly<Partial<EngineConfig>> = { maxEpochs: 400, patience: 30 };

/**
 * Default budget: 800 distinct coalitions (x seeds jobs). For the 13 model factors of
 * cpp-crowdsource with 3 seeds, about 80 permutations in 4 minutes on 2 cores.
 */
export const SHAPLEY_DEFAULT_BUDGET: ShapleyBudget = { coalitions: 800 };

/** How much training a permutation analysis may do (exact mode, when forced, ignores it). */
export interface ShapleyBudget {
  /** Most distinct coalitions trained (each one job per seed). */
  readonly coalitions?: number;
  /** Wall time, seconds: no new round starts when it is predicted to end past this. */
  readonly seconds?: number;
}

/** Options of {@linkcode runShapley}. */
export interface ShapleyOptions {
  /** Which factors are the players. */
  readonly players: "model" | "task";
  /**
   * The factor-using method: an id (trained with {@linkcode SHAPLEY_TRAINING}) or any `Method`
   * that reads `Job.modelFactorSet` / `taskFactorSet`. Default "ncf-factors".
   */
  readonly method?: "ncf-factors" | "factors-only" | Method;
  /** Seeds 0..seeds-1 of the random split. Default 3. */
  readonly seeds?: number;
  /** Fraction of the observed cells held out per seed. Default 0.05 (Table 1). */
  readonly holdout?: number;
  /** Default "cpp" (Table 1). */
  readonly scale?: NormalizationKind;
  /** As in Table 1: default "observed" for the cpp scale, "train" for the task scale. */
  readonly scaleFrom?: "train" | "observed";
  /** The other axis's factors in every coalition: "all" (default) or "none". */
  readonly otherFactors?: "all" | "none";
  /** Default "auto": exact when it fits the budget, else permutation sampling. */
  readonly mode?: "auto" | "exact" | "permutation";
  /** Default {@linkcode SHAPLEY_DEFAULT_BUDGET}. */
  readonly budget?: ShapleyBudget;
  /** Most permutations sampled (rounded down to pairs when antithetic). Default: no limit. */
  readonly permutations?: number;
  /** Permutations per round (one fit call per round). Default 16. */
  readonly round?: number;
  /** Pair every permutation with its reverse. Default true. */
  readonly antithetic?: boolean;
  /** Seeds the permutation draw. Default 0. */
  readonly seed?: number;
  /** Passed to every fit. */
  readonly backend?: BackendChoice;
  /** Progress in coalitions (the engine's progress within a fit included). */
  readonly onProgress?: (p: { done: number; total: number; label: string }) => void;
}

/** One factor's importance. */
export interface ShapleyValueRow {
  readonly factor: string;
  /** The factor's kind (numeric or categorical). */
  readonly kind: FactorKind;
  readonly shapley: number;
  /** Exact mode: `seSeeds`. Permutation mode: the sampling error over permutations. */
  readonly se: number;
  /** Standard deviation over seeds of the per-seed Shapley values / sqrt(seeds). */
  readonly seSeeds: number;
  /** Entities (models or tasks of the matrix) with a value of this factor. */
  readonly present: number;
}

/** One coalition's seed-averaged held-out MSE (exact mode). */
export interface ShapleyCoalitionRow {
  readonly coalition: readonly string[];
  readonly mse: number;
  /** `mseEmpty - mse`. */
  readonly value: number;
}

/** What {@linkcode runShapley} returns. */
export interface ShapleyResult {
  readonly dataset: string;
  readonly players: "model" | "task";
  readonly method: MethodId;
  readonly mode: "exact" | "permutation";
  readonly seeds: number;
  readonly holdout: number;
  readonly scale: NormalizationKind;
  readonly scaleFrom: "train" | "observed";
  readonly otherFactors: "all" | "none";
  readonly antithetic: boolean;
  /** Distinct coalitions trained (each one job per seed). */
  readonly coalitionsTrained: number;
  /** Permutations sampled (0 in exact mode). */
  readonly permutations: number;
  /** Fit calls made. */
  readonly fits: number;
  /** Wall time of the whole analysis, seconds. */
  readonly seconds: number;
  /** Wall time inside the fits, seconds. */
  readonly fitSeconds: number;
  readonly backend: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** Seed-averaged MSE of the empty and of the full coalition: sum of `shapley` = difference. */
  readonly mseEmpty: number;
  readonly mseAll: number;
  /** In factor order. */
  readonly values: readonly ShapleyValueRow[];
  readonly coalitionValues?: readonly ShapleyCoalitionRow[];
}

/**
 * Shapley values of the model or task factors of `data` for a factor-using method.
 *
 * @example
 * ```ts
 * const data = await loadDataset("cpp-crowdsource");
 * const tasks = await runShapley(data, { players: "task" }); // 16 coalitions: exact
 * const models = await runShapley(data, { players: "model", budget: { seconds: 240 } });
 * models.values.map((r) => [r.factor, r.shapley, r.se]);
 * ```
 */
export async function runShapley(data: Dataset, options: ShapleyOptions): Promise<ShapleyResult> {
  const t0 = performance.now();
  const fail = (what: string) => new RangeError(`Cannot run Shapley: ${what}`);
  const players = options.players;
  if (players !== "model" && players !== "task") {
    throw fail(`players is '${players}' (expected model or task)`);
  }
  const fitter: Method = typeof options.method === "object"
    ? options.method
    : learnedMethod(options.method ?? "ncf-factors", SHAPLEY_TRAINING);
  if (!fitter.usesFactors) throw fail(`method '${fitter.id}' does not use design factors`);
  const seeds = options.seeds ?? 3;
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw fail(`seeds is ${seeds} (expected a positive integer)`);
  }
  const holdout = options.holdout ?? 0.05;
  const scale = options.scale ?? "cpp";
  const scaleFrom = options.scaleFrom ?? (scale === "cpp" ? "observed" : "train");
  if (scaleFrom !== "train" && scaleFrom !== "observed") {
    throw fail(`scaleFrom is '${scaleFrom}' (expected train or observed)`);
  }
  const otherFactors = options.otherFactors ?? "all";
  if (otherFactors !== "all" && otherFactors !== "none") {
    throw fail(`otherFactors is '${otherFactors}' (expected all or none)`);
  }
  const requested = options.mode ?? "auto";
  if (!["auto", "exact", "permutation"].includes(requested)) {
    throw fail(`mode is '${requested}' (expected auto, exact or permutation)`);
  }
  const budget = options.budget ?? SHAPLEY_DEFAULT_BUDGET;
  const maxCoalitions = budget.coalitions ?? Infinity;
  const maxSeconds = budget.seconds ?? Infinity;
  if (!(maxCoalitions > 0) || !(maxSeconds > 0)) {
    throw fail(`budget is ${JSON.stringify(budget)} (expected positive numbers)`);
  }
  const antithetic = options.antithetic ?? true;
  const unitSize = antithetic ? 2 : 1;
  const maxPermutations = options.permutations ?? Infinity;
  if (!(maxPermutations >= unitSize)) {
    throw fail(`permutations is ${maxPermutations} (expected at least ${unitSize})`);
  }
  const round = options.round ?? 16;
  if (!Number.isInteger(round) || round < unitSize) {
    throw fail(`round is ${round} (expected an integer >= ${unitSize})`);
  }

  const table: FactorTable | undefined = players === "model" ? data.modelFactors : data.taskFactors;
  const p = table?.factors.length ?? 0;
  if (!table || p === 0) throw fail(`dataset '${data.id}' has no ${players} factors`);
  if (p > MAX_PLAYERS) throw fail(`${p} ${players} factors (at most ${MAX_PLAYERS})`);
  const fullMask = 2 ** p - 1;
  const mode: "exact" | "permutation" = requested === "exact"
    ? "exact"
    : requested === "permutation"
    ? "permutation"
    : p <= 20 && 2 ** p <= maxCoalitions
    ? "exact"
    : "permutation";
  if (mode === "exact" && p > 20) throw fail(`${p} players are too many to enumerate (at most 20)`);
  // The most new coalitions one unit of permutations can need (prefixes of sizes 1..p-1).
  const worstUnit = unitSize * (p - 1);
  if (mode === "permutation" && 2 + worstUnit > maxCoalitions) {
    throw fail(
      `a budget of ${maxCoalitions} coalitions cannot hold the first ${unitSize} ` +
        `permutation(s) of ${p} players (up to ${2 + worstUnit} coalitions)`,
    );
  }

  // Per seed: the split and scale of Table 1, held-out cells hidden from training.
  const runs = randomPlans(data, { seeds, holdout, scale, scaleFrom });
  const other = otherFactors === "all" ? undefined : [];

  // Coalition cache: mask -> held-out MSE per seed.
  const cache = new Map<number, Float64Array>();
  const backends = new Set<string>();
  let config: Readonly<Record<string, unknown>> = {};
  let fitSeconds = 0;
  let fits = 0;
  let finalMode = mode;
  let total = mode === "exact" ? 2 ** p : Math.min(maxCoalitions, 2 ** p);
  const progress = (done: number, label: string) =>
    options.onProgress?.({ done, total, label: `shapley ${players} (${finalMode}): ${label}` });

  const train = async (masks: readonly number[], label: string): Promise<void> => {
    if (masks.length === 0) return;
    const jobs: PlannedJob[] = [];
    for (const mask of masks) {
      const set = playersOf(mask);
      for (const run of runs) {
        jobs.push({
          seed: run.seed,
          train: run.split.train,
          norm: run.norm,
          modelFactorSet: players === "model" ? set : other,
          taskFactorSet: players === "task" ? set : other,
        });
      }
    }
    const before = cache.size;
    const fit = await fitPlanned(data, fitter, jobs, {
      backend: options.backend,
      onProgress: options.onProgress
        ? (q) => progress(before + (q.total > 0 ? (masks.length * q.done) / q.total : 0), label)
        : undefined,
    });
    fits++;
    fitSeconds += fit.seconds;
    backends.add(fit.backend);
    config = fit.config;
    masks.forEach((mask, c) => {
      const perSeed = new Float64Array(seeds);
      runs.forEach((run, s) => {
        const predicted = fit.predictions[c * seeds + s];
        perSeed[s] = mse({ gold: run.norm.values, predicted, test: run.split.test });
      });
      cache.set(mask, perSeed);
    });
    progress(cache.size, label);
  };
  const elapsed = () => (performance.now() - t0) / 1000;
  const secondsPerCoalition = () => fitSeconds / Math.max(1, cache.size);

  // A time budget under auto: the empty and full coalitions (needed either way) time the rest.
  if (mode === "exact" && requested === "auto" && Number.isFinite(maxSeconds)) {
    await train([0, fullMask], "empty and full coalitions");
    const rest = 2 ** p - cache.size;
    if (elapsed() + rest * secondsPerCoalition() > maxSeconds) {
      finalMode = "permutation";
      total = Math.min(maxCoalitions, 2 ** p);
    }
  }

  const mseEmptyOf = (s: number) => cache.get(0)![s];
  let values: readonly ShapleyValueRow[];
  let coalitionValues: ShapleyCoalitionRow[] | undefined;
  let permutationCount = 0;
  const present = table.factors.map((f) => f.values.filter((v) => v !== null).length);
  const names = table.factors.map((f) => f.name);

  if (finalMode === "exact") {
    const masks: number[] = [];
    for (let mask = 0; mask <= fullMask; mask++) if (!cache.has(mask)) masks.push(mask);
    await train(masks, `${masks.length} coalitions`);
    const perSeed = runs.map((_, s) => {
      const v = new Float64Array(fullMask + 1);
      for (let mask = 0; mask <= fullMask; mask++) v[mask] = mseEmptyOf(s) - cache.get(mask)![s];
      return exactShapley(v, p);
    });
    values = table.factors.map((factor, i) => {
      const { mean, sd } = meanSd(perSeed.map((phi) => phi[i]));
      const se = sd / Math.sqrt(seeds);
      return {
        factor: factor.name,
        kind: factor.kind,
        shapley: mean,
        se,
        seSeeds: se,
        present: present[i],
      };
    });
    const meanMse = (mask: number) => meanSd(cache.get(mask)!).mean;
    const empty = meanMse(0);
    coalitionValues = [];
    for (let mask = 0; mask <= fullMask; mask++) {
      const m = meanMse(mask);
      coalitionValues.push({
        coalition: playersOf(mask).map((i) => names[i]),
        mse: m,
        value: empty - m,
      });
    }
  } else {
    const random = seededRandom(options.seed ?? 0);
    const roundUnits = Math.floor(round / unitSize);
    const capUnits = Math.floor(maxPermutations / unitSize);
    const units: Uint8Array[][] = [];
    let newPerUnit = worstUnit;
    let exhausted = false;
    // Once every coalition is trained, more permutations cost no training: they go on up to
    // `permutations`, or stop there when no cap is set.
    const more = () => cache.size < 2 ** p || Number.isFinite(capUnits);
    for (let r = 1; !exhausted && units.length < capUnits && more(); r++) {
      let want = Math.min(roundUnits, capUnits - units.length);
      if (Number.isFinite(maxSeconds) && units.length > 0) {
        // the time left, at the cost per unit measured so far
        const perUnit = Math.max(newPerUnit * secondsPerCoalition(), 1e-9);
        const affordable = Math.floor((maxSeconds - elapsed()) / perUnit);
        if (affordable < want) [want, exhausted] = [Math.max(0, affordable), true];
      }
      const pending = new Set<number>(cache.has(0) ? [] : [0, fullMask]);
      const drawn: Uint8Array[][] = [];
      while (drawn.length < want) {
        // Stop before a unit whose worst case could break the coalition budget: no unit is
        // dropped for what it drew, so the sample stays uniform.
        const untrained = 2 ** p - cache.size - pending.size;
        if (cache.size + pending.size + Math.min(worstUnit, untrained) > maxCoalitions) {
          exhausted = true;
          break;
        }
        const unit = drawPermutations(p, random, antithetic);
        for (const permutation of unit) {
          for (const mask of prefixMasks(permutation)) if (!cache.has(mask)) pending.add(mask);
        }
        drawn.push(unit);
      }
      if (drawn.length === 0) break;
      const before = cache.size;
      await train(
        [...pending],
        `round ${r}: ${drawn.length * unitSize} permutations, ${pending.size} new coalitions`,
      );
      newPerUnit = Math.max(1, (cache.size - before) / drawn.length);
      units.push(...drawn);
    }
    permutationCount = units.length * unitSize;
    // Per unit and seed: the mean marginal contribution of every player over the unit.
    const unitMarginals = units.map((unit) =>
      runs.map((_, s) => {
        const sum = new Float64Array(p);
        for (const permutation of unit) {
          const d = marginals(permutation, (mask) => mseEmptyOf(s) - cache.get(mask)![s]);
          for (let i = 0; i < p; i++) sum[i] += d[i] / unit.length;
        }
        return sum;
      })
    );
    values = table.factors.map((factor, i) => {
      const perUnit = unitMarginals.map((u) => meanSd(u.map((d) => d[i])).mean);
      const { mean, sd } = meanSd(perUnit);
      const perSeed = runs.map((_, s) => meanSd(unitMarginals.map((u) => u[s][i])).mean);
      return {
        factor: factor.name,
        kind: factor.kind,
        shapley: mean,
        se: sd / Math.sqrt(perUnit.length),
        seSeeds: meanSd(perSeed).sd / Math.sqrt(seeds),
        present: present[i],
      };
    });
  }
  const meanOf = (mask: number) => meanSd(cache.get(mask)!).mean;
  return {
    dataset: data.id,
    players,
    method: fitter.id,
    mode: finalMode,
    seeds,
    holdout,
    scale,
    scaleFrom,
    otherFactors,
    antithetic,
    coalitionsTrained: cache.size,
    permutations: permutationCount,
    fits,
    seconds: elapsed(),
    fitSeconds,
    backend: [...backends].join(","),
    config,
    mseEmpty: meanOf(0),
    mseAll: meanOf(fullMask),
    values,
    ...(coalitionValues ? { coalitionValues } : {}),
  };
}
