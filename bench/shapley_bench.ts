/**
 * Shapley factor importance on cpp-crowdsource (cpp scale, random 5% split, seeds 0..2):
 * 1. the training recipe of the value function: a batch of coalition jobs under the default
 *    recipe and under SHAPLEY_TRAINING, seconds per job, and how closely the coalition values of
 *    the two recipes agree next to two initial draws of one recipe (the noise floor);
 * 2. the 4 task factors, exact (target: under 30 s);
 * 3. the 13 model factors with the default budget (target: under 5 minutes on 2 cores).
 * Prints figures only (no timed asserts). Run alone: `deno run --allow-all bench/shapley_bench.ts`.
 */
import {
  type Dataset,
  type Job,
  loadDataset,
  method,
  normalize,
  randomSplit,
  runShapley,
  seededRandom,
  SHAPLEY_DEFAULT_BUDGET,
  SHAPLEY_TRAINING,
  type ShapleyResult,
} from "../src/lib/mod.ts";

if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");

type FactorMethod = "ncf-factors" | "factors-only";

function correlation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let k = 0; k < n; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) ** 2;
    syy += (y[k] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Coalition values v(C) = MSE(empty) - MSE(C), seed-averaged, of `count` model-factor coalitions
 * (the empty one first, then random ones), jobs seeded `seed + seedOffset`.
 */
async function coalitionValues(
  data: Dataset,
  id: FactorMethod,
  recipe: "default" | "shapley",
  count: number,
  seedOffset: number,
): Promise<{ values: number[]; secondsPerJob: number }> {
  const { dense, lowerIsBetter } = data.scores;
  const p = data.modelFactors!.factors.length;
  const random = seededRandom(42);
  const coalitions = Array.from(
    { length: count },
    (_, q) => q === 0 ? [] : Array.from({ length: p }, (_, f) => f).filter(() => random() < 0.5),
  );
  const runs = [0, 1, 2].map((seed) => {
    const split = randomSplit(dense.observed, { holdout: 0.05, seed });
    const gold = normalize(dense, lowerIsBetter, { kind: "cpp", train: dense.observed }).values;
    const hidden = gold.slice();
    for (const k of split.test) hidden[k] = NaN;
    return { seed, split, gold, hidden };
  });
  const jobs: Job[] = coalitions.flatMap((set) =>
    runs.map((r) => ({
      train: r.split.train,
      seed: r.seed + seedOffset,
      values: r.hidden,
      modelFactorSet: set,
    }))
  );
  const fitter = method(id, recipe === "shapley" ? SHAPLEY_TRAINING : {});
  const problem = {
    nModels: dense.nModels,
    nTasks: dense.nTasks,
    values: runs[0].hidden,
    modelFactors: data.modelFactors,
    taskFactors: data.taskFactors,
  };
  const fit = await fitter.fit(problem, jobs);
  const mse = coalitions.map((_, c) =>
    runs.reduce((sum, r, s) => {
      const predicted = fit.predictions[c * runs.length + s];
      let e = 0;
      for (const k of r.split.test) e += (predicted[k] - r.gold[k]) ** 2;
      return sum + e / r.split.test.length / runs.length;
    }, 0)
  );
  return { values: mse.map((m) => mse[0] - m), secondsPerJob: fit.seconds / jobs.length };
}

function printResult(result: ShapleyResult, wall: number): void {
  console.log(
    `${result.players} factors, ${result.method}: ${result.mode}, ${result.coalitionsTrained} ` +
      `coalitions x ${result.seeds} seeds, ${result.permutations} permutations, ${result.fits} ` +
      `fits, ${wall.toFixed(1)} s (${result.backend}); MSE empty ${result.mseEmpty.toFixed(5)}, ` +
      `all ${result.mseAll.toFixed(5)}`,
  );
  const sum = result.values.reduce((s, r) => s + r.shapley, 0);
  console.log(
    `  efficiency: sum ${sum.toExponential(4)} = v(all) ${
      (result.mseEmpty - result.mseAll).toExponential(4)
    }`,
  );
  console.log(
    `  ${"factor".padEnd(30)} ${"shapley".padStart(10)} ${"se".padStart(9)} ` +
      `${"seSeeds".padStart(9)} present`,
  );
  const rows = [...result.values].sort((a, b) => b.shapley - a.shapley);
  for (const r of rows) {
    console.log(
      `  ${r.factor.padEnd(30)} ${r.shapley.toExponential(2).padStart(10)} ${
        r.se.toExponential(1).padStart(9)
      } ${r.seSeeds.toExponential(1).padStart(9)} ${String(r.present).padStart(7)}`,
    );
  }
}

export async function benchShapley(): Promise<void> {
  console.log("\n# Shapley factor importance, cpp-crowdsource, cpp scale, random 5%, seeds 0..2");
  let data: Dataset;
  try {
    // the mirror: CPP_DATA_DIR, else ../shared/datasets beside the repository
    const dataDir = Deno.env.get("CPP_DATA_DIR") ??
      new URL("../../shared/datasets", import.meta.url).pathname;
    data = await loadDataset("cpp-crowdsource", { dataDir, offline: true });
  } catch (error) {
    console.log(`skipped (${(error as Error).message})`);
    return;
  }

  console.log("\n## Value-function recipe: 24 model-factor coalitions x 3 seeds = 72 jobs per fit");
  for (const id of ["ncf-factors", "factors-only"] as const) {
    const def = await coalitionValues(data, id, "default", 24, 0);
    const defOther = await coalitionValues(data, id, "default", 24, 1000);
    const cheap = await coalitionValues(data, id, "shapley", 24, 0);
    const cheapOther = await coalitionValues(data, id, "shapley", 24, 1000);
    const sd = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    console.log(
      `${id.padEnd(13)} s/job (two draws): default ${def.secondsPerJob.toFixed(3)}/` +
        `${defOther.secondsPerJob.toFixed(3)}, shapley ${cheap.secondsPerJob.toFixed(3)}/` +
        `${cheapOther.secondsPerJob.toFixed(3)}; rms v(C) ${sd(def.values).toExponential(1)}; ` +
        `corr(default, shapley) ${correlation(def.values, cheap.values).toFixed(2)}; ` +
        `corr between two initial draws: default ${
          correlation(def.values, defOther.values).toFixed(2)
        }, shapley ${correlation(cheap.values, cheapOther.values).toFixed(2)}`,
    );
  }

  console.log("\n## Task factors (4 players, exact; target under 30 s)");
  for (const id of ["ncf-factors", "factors-only"] as const) {
    const t0 = performance.now();
    const result = await runShapley(data, { players: "task", method: id });
    printResult(result, (performance.now() - t0) / 1000);
  }

  console.log(
    `\n## Model factors (13 players, default budget ${JSON.stringify(SHAPLEY_DEFAULT_BUDGET)}; ` +
      "target under 5 minutes on 2 cores)",
  );
  for (const id of ["ncf-factors", "factors-only"] as const) {
    const t0 = performance.now();
    const result = await runShapley(data, { players: "model", method: id });
    printResult(result, (performance.now() - t0) / 1000);
  }
}

if (import.meta.main) await benchShapley();
