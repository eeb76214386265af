import assert from "node:assert/strict";
import {
  type Dataset,
  type FactorTable,
  type Job,
  type Method,
  method,
  normalize,
} from "../../src/lib/mod.ts";
import {
  exactShapley,
  runShapley,
  type ShapleyResult,
  shapleyWeights,
} from "../../src/lib/eval/mod.ts";
import { datasetOf, near } from "./_fixtures.ts";
import { type Column, withModelFactors } from "./_factor_fixtures.ts";
import { mirroredDataset } from "../_prerequisites.ts";

// 8 models x 6 tasks, every cell observed, so every split holds out 2 cells.
const base = datasetOf(
  Array.from({ length: 8 }, (_, i) => Array.from({ length: 6 }, (_, j) => 10 + 7 * i + 3 * j)),
);

/** `data` with `p` numeric model factors f0.. and 3 task factors g0..g2. */
function withFactors(data: Dataset, p: number): Dataset {
  const columns: Record<string, Column> = Object.fromEntries(
    Array.from({ length: p }, (_, f) => [`f${f}`, data.scores.dense.models.map((_, i) => i + f)]),
  );
  // f1 is missing for two models, so `present` has something to count
  if (p > 1) columns.f1 = columns.f1.map((v, i) => (i < 2 ? null : v));
  const tasks = data.scores.dense.tasks;
  const taskFactors: FactorTable = {
    source: "synthetic task factors",
    entity: "task",
    names: tasks,
    factors: ["g0", "g1", "g2"].map((name, f) => ({
      name,
      kind: "categorical" as const,
      kindSource: "declared" as const,
      values: tasks.map((_, j) => `v${(j + f) % 2}`),
    })),
  };
  return { ...withModelFactors(data, columns), taskFactors };
}

/** What the fake saw of one job. */
interface SeenJob {
  readonly seed: number;
  readonly modelFactorSet: readonly number[] | undefined;
  readonly taskFactorSet: readonly number[] | undefined;
  readonly hidden: number;
}

/**
 * A fake factor method whose held-out MSE is exactly `mseOf(coalition, seed)`: it knows the gold
 * matrix (cpp scale over every observed cell, as runShapley's default) and predicts gold + sqrt of
 * the wanted MSE on every cell. `players` says which factor set is the coalition.
 */
function fakeMethod(
  data: Dataset,
  players: "model" | "task",
  mseOf: (coalition: readonly number[], seed: number) => number,
  calls: SeenJob[][],
): Method {
  const { dense, lowerIsBetter } = data.scores;
  const gold = normalize(dense, lowerIsBetter, { kind: "cpp", train: dense.observed }).values;
  return {
    id: "ncf-factors",
    label: "fake factor method",
    usesFactors: true,
    coldStart: true,
    fit(_problem, jobs: readonly Job[]) {
      calls.push(jobs.map((job) => ({
        seed: job.seed,
        modelFactorSet: job.modelFactorSet,
        taskFactorSet: job.taskFactorSet,
        hidden: job.values!.filter((v, k) => dense.observed[k] && Number.isNaN(v)).length,
      })));
      const predictions = jobs.map((job) => {
        const set = (players === "model" ? job.modelFactorSet : job.taskFactorSet) ?? [];
        const d = Math.sqrt(mseOf(set, job.seed));
        return Float32Array.from(gold, (g) => g + d);
      });
      return Promise.resolve({
        method: "ncf-factors",
        backend: "ts",
        predictions,
        seconds: 0,
        epochs: jobs.map(() => 0),
        curves: jobs.map(() => []),
        config: { fake: true },
      });
    },
  };
}

const has = (set: readonly number[], ...players: number[]) => players.every((i) => set.includes(i));

// Four players: additive parts plus an interaction of players 0 and 1 that varies with the seed.
const a4 = [0.01, 0.004, 0.001, -0.002];
const b4 = (seed: number) => 0.006 + 0.002 * (seed - 1);
const mse4 = (set: readonly number[], seed: number) =>
  0.05 - set.reduce((sum, i) => sum + a4[i], 0) - (has(set, 0, 1) ? b4(seed) : 0);

// Ten players: additive, a pair, a triple and a threshold on the coalition size.
const a10 = [0.004, 0.002, 0.001, 0, -0.001, 0.003, 0.0005, 0.0015, -0.0005, 0.002];
const mse10 = (set: readonly number[]) =>
  0.08 - set.reduce((sum, i) => sum + a10[i], 0) - (has(set, 0, 1) ? 0.006 : 0) -
  (has(set, 2, 3, 4) ? 0.009 : 0) - (set.length >= 6 ? 0.005 : 0);
const exact10 = a10.map((a, i) =>
  a + (i < 2 ? 0.003 : 0) + (i >= 2 && i <= 4 ? 0.003 : 0) + 0.005 / 10
);

function assertEfficient(result: ShapleyResult, tol = 1e-12): void {
  const sum = result.values.reduce((s, r) => s + r.shapley, 0);
  near(sum, result.mseEmpty - result.mseAll, tol, "sum of Shapley values");
}

Deno.test("shapleyWeights() are k!(p-k-1)!/p! and exactShapley() solves a 3-player game", () => {
  const w = shapleyWeights(4);
  near(w[0], 6 / 24, 1e-15);
  near(w[1], 2 / 24, 1e-15);
  near(w[2], 2 / 24, 1e-15);
  near(w[3], 6 / 24, 1e-15);
  // glove game: player 0 holds a left glove, players 1 and 2 right gloves; a pair is worth 1
  const v = [0, 0, 0, 1, 0, 1, 0, 1]; // masks 0..7: value 1 when player 0 and another are in
  const phi = exactShapley(v, 3);
  near(phi[0], 2 / 3, 1e-15);
  near(phi[1], 1 / 6, 1e-15);
  near(phi[2], 1 / 6, 1e-15);
  assert.throws(() => exactShapley([0, 1, 2], 2), /3 coalition values for 2 players/);
});

Deno.test("runShapley() exact mode recovers hand-computed values, their seed error and efficiency", async () => {
  const data = withFactors(base, 4);
  const calls: SeenJob[][] = [];
  const result = await runShapley(data, {
    players: "model",
    method: fakeMethod(data, "model", mse4, calls),
    seeds: 3,
  });
  assert.equal(result.mode, "exact");
  assert.equal(result.coalitionsTrained, 16);
  assert.equal(result.permutations, 0);
  assert.equal(result.fits, 1);
  assert.deepEqual(result.values.map((r) => r.factor), ["f0", "f1", "f2", "f3"]);
  assert.deepEqual(result.values.map((r) => r.present), [8, 6, 8, 8]);
  assert.deepEqual(result.values.map((r) => r.kind), ["numeric", "numeric", "numeric", "numeric"]);
  // phi_i = a_i, plus half the seed-averaged interaction for players 0 and 1
  const expected = [a4[0] + 0.003, a4[1] + 0.003, a4[2], a4[3]];
  result.values.forEach((r, i) => near(r.shapley, expected[i], 1e-6, r.factor));
  // per-seed interaction halves are 0.002, 0.003, 0.004: sd 0.001, over sqrt(3)
  for (const r of result.values.slice(0, 2)) near(r.se, 0.001 / Math.sqrt(3), 1e-6, r.factor);
  for (const r of result.values.slice(2)) near(r.se, 0, 1e-6, r.factor);
  for (const r of result.values) assert.equal(r.se, r.seSeeds);
  assertEfficient(result);
  near(result.mseEmpty, 0.05, 1e-6);
  near(result.mseAll, 0.05 - 0.013 - 0.006, 1e-6);
  assert.equal(result.coalitionValues!.length, 16);
  const full = result.coalitionValues!.find((c) => c.coalition.length === 4)!;
  assert.deepEqual(full.coalition, ["f0", "f1", "f2", "f3"]);
  near(full.value, 0.019, 1e-6);
});

Deno.test("runShapley() trains every coalition once per seed, with the right factor sets, in one fit", async () => {
  for (const otherFactors of ["all", "none"] as const) {
    for (const players of ["model", "task"] as const) {
      const data = withFactors(base, 4);
      const calls: SeenJob[][] = [];
      const p = players === "model" ? 4 : 3;
      const result = await runShapley(data, {
        players,
        method: fakeMethod(data, players, (set) => 0.05 - 0.001 * set.length, calls),
        seeds: 2,
        otherFactors,
      });
      assert.equal(result.mode, "exact");
      assert.equal(calls.length, 1, "one fit call");
      const jobs = calls[0];
      assert.equal(jobs.length, 2 ** p * 2);
      const other = otherFactors === "all" ? undefined : [];
      const seen = new Set<string>();
      for (const job of jobs) {
        const set = players === "model" ? job.modelFactorSet : job.taskFactorSet;
        assert.deepEqual(players === "model" ? job.taskFactorSet : job.modelFactorSet, other);
        assert.ok(set, "the analysed axis always has an explicit set");
        assert.deepEqual([...set].sort((x, y) => x - y), set, "ascending");
        assert.ok(set.every((f) => Number.isInteger(f) && f >= 0 && f < p));
        assert.equal(job.hidden, 2, "held-out cells are hidden from training");
        seen.add(`${job.seed}:${set.join(",")}`);
      }
      assert.equal(seen.size, jobs.length, "no (coalition, seed) twice");
      assert.deepEqual(new Set(jobs.map((j) => j.seed)), new Set([0, 1]));
      assert.ok(
        jobs.some((j) => (players === "model" ? j.modelFactorSet : j.taskFactorSet)!.length === 0),
      );
      assertEfficient(result);
    }
  }
});

Deno.test("runShapley() permutation mode converges to the exact values, its SE covering the error", async () => {
  const data = withFactors(base, 10);
  const exactCalls: SeenJob[][] = [];
  const exact = await runShapley(data, {
    players: "model",
    method: fakeMethod(data, "model", mse10, exactCalls),
    mode: "exact",
    seeds: 2,
  });
  exact.values.forEach((r, i) => near(r.shapley, exact10[i], 1e-6, r.factor));
  assertEfficient(exact);

  const rms = (result: ShapleyResult) =>
    Math.sqrt(
      result.values.reduce((s, r, i) => s + (r.shapley - exact10[i]) ** 2, 0) / exact10.length,
    );
  const errors: number[] = [];
  for (const permutations of [8, 64, 512]) {
    const calls: SeenJob[][] = [];
    const result = await runShapley(data, {
      players: "model",
      method: fakeMethod(data, "model", mse10, calls),
      mode: "permutation",
      permutations,
      budget: {},
      seeds: 2,
    });
    assert.equal(result.mode, "permutation");
    assert.equal(result.permutations, permutations);
    assert.equal(result.coalitionValues, undefined);
    assertEfficient(result);
    for (const [i, r] of result.values.entries()) {
      const error = Math.abs(r.shapley - exact10[i]);
      // 4 pairs can all miss a rare marginal (the size threshold) and show no spread at all:
      // the SE is checked from 32 pairs on
      if (permutations >= 64) {
        assert.ok(error <= 4 * r.se + 1e-7, `${r.factor}: error ${error} vs se ${r.se}`);
      }
      near(r.seSeeds, 0, 1e-6, "the fake does not depend on the seed");
    }
    // the cache: no coalition trained twice, one fit per round of 16 permutations
    const keys = calls.flat().map((j) => `${j.seed}:${j.modelFactorSet!.join(",")}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(keys.length, result.coalitionsTrained * 2);
    assert.equal(calls.length, Math.ceil(permutations / 16));
    assert.equal(result.fits, calls.length);
    errors.push(rms(result));
  }
  assert.ok(errors[2] < errors[0], `rms errors ${errors}`);
  assert.ok(errors[2] < 5e-4, `rms error at 512 permutations ${errors[2]}`);
});

Deno.test("runShapley() permutation mode without antithetic pairs samples single permutations", async () => {
  const data = withFactors(base, 10);
  const result = await runShapley(data, {
    players: "model",
    method: fakeMethod(data, "model", mse10, []),
    mode: "permutation",
    antithetic: false,
    permutations: 7,
    budget: {},
    seeds: 1,
  });
  assert.equal(result.permutations, 7);
  assert.equal(result.antithetic, false);
  assertEfficient(result);
  for (const r of result.values) {
    assert.ok(Number.isFinite(r.se));
    assert.ok(Number.isNaN(r.seSeeds), "one seed: no spread over seeds");
  }
});

Deno.test("runShapley() is deterministic for a seed and draws other permutations for another", async () => {
  const data = withFactors(base, 10);
  const run = (seed: number) =>
    runShapley(data, {
      players: "model",
      method: fakeMethod(data, "model", mse10, []),
      budget: { coalitions: 200 },
      seeds: 2,
      seed,
    });
  const strip = ({ seconds: _s, fitSeconds: _f, ...rest }: ShapleyResult) => rest;
  const [first, again, other] = [await run(0), await run(0), await run(1)];
  assert.equal(first.mode, "permutation");
  assert.deepEqual(strip(first), strip(again));
  assert.notDeepEqual(first.values, other.values);
});

Deno.test("runShapley() respects the coalition budget and picks the mode from it", async () => {
  const data = withFactors(base, 10);
  const fake = fakeMethod(data, "model", mse10, []);
  const small = await runShapley(data, {
    players: "model",
    method: fake,
    budget: { coalitions: 100 },
  });
  assert.equal(small.mode, "permutation");
  assert.ok(small.coalitionsTrained <= 100, `${small.coalitionsTrained} coalitions`);
  assert.ok(small.coalitionsTrained > 100 - 2 * 9, "stops only when a pair might not fit");
  assert.ok(small.permutations >= 2 && small.permutations % 2 === 0);
  const big = await runShapley(data, {
    players: "model",
    method: fake,
    budget: { coalitions: 1024 },
  });
  assert.equal(big.mode, "exact");
  assert.equal(big.coalitionsTrained, 1024);
  const timed = await runShapley(data, { players: "model", method: fake, budget: { seconds: 60 } });
  assert.equal(timed.mode, "exact", "the fake is instant: 1024 coalitions fit a minute");
  // a method that says each job took 10 s: the empty and full coalitions predict that
  // enumerating would take far past 60 s, so it samples one round (always), then stops
  const slow: Method = {
    ...fake,
    fit: async (problem, jobs, options) => ({
      ...await fake.fit(problem, jobs, options),
      seconds: 10 * jobs.length,
    }),
  };
  const sampled = await runShapley(data, {
    players: "model",
    method: slow,
    budget: { seconds: 60 },
  });
  assert.equal(sampled.mode, "permutation");
  assert.equal(sampled.fits, 2);
  assert.equal(sampled.permutations, 16);
  assertEfficient(sampled);
  await assert.rejects(
    () => runShapley(data, { players: "model", method: fake, budget: { coalitions: 10 } }),
    /budget of 10 coalitions cannot hold the first 2 permutation\(s\) of 10 players/,
  );
});

Deno.test("runShapley() rejects a method without factors, a dataset without them and bad options", async () => {
  const data = withFactors(base, 3);
  await assert.rejects(
    () => runShapley(data, { players: "model", method: method("mf") }),
    /method 'mf' does not use design factors/,
  );
  await assert.rejects(
    () => runShapley(base, { players: "task" }),
    /dataset 'synthetic' has no task factors/,
  );
  const fake = fakeMethod(data, "model", () => 0.1, []);
  await assert.rejects(
    () => runShapley(data, { players: "model", method: fake, seeds: 0 }),
    /seeds is 0/,
  );
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    () => runShapley(data, { players: "both" as any, method: fake }),
    /players is 'both'/,
  );
});

Deno.test("runShapley() on cpp-crowdsource: the 4 task factors, exact, with a short training", async () => {
  const data = await mirroredDataset("cpp-crowdsource");
  if (!data) return;
  const result = await runShapley(data, {
    players: "task",
    method: method("ncf-factors", { maxEpochs: 60, patience: 10 }),
    seeds: 2,
  });
  assert.equal(result.mode, "exact");
  assert.equal(result.coalitionsTrained, 16);
  assert.deepEqual(result.values.map((r) => r.factor), ["ability", "family", "output", "few-shot"]);
  assert.deepEqual(result.values.map((r) => r.present), [29, 29, 29, 29]);
  for (const r of result.values) {
    assert.ok(Number.isFinite(r.shapley) && Number.isFinite(r.se), r.factor);
  }
  assert.equal(result.coalitionValues!.length, 16);
  assert.ok(result.mseEmpty > 0 && result.mseEmpty < 0.1, `mse(empty) ${result.mseEmpty}`);
  assertEfficient(result, 1e-12);
});
