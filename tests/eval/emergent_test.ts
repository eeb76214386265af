import assert from "node:assert/strict";
import { biases, emergentTargets, runEmergent } from "../../src/lib/eval/mod.ts";
import { datasetOf, near } from "./_fixtures.ts";
import { type SpyCall, spyMethod, withModelFactors } from "./_factor_fixtures.ts";

Deno.test("emergentTargets() picks the complex reasoning tasks by name", () => {
  const tasks = [
    "MMLU(5-shot)",
    "GSM8K(4-shot)",
    "BIG-bench hard(3-shot)",
    "BBH",
    "HumanEval(pass@1)",
    "MBPP(3-shot)",
    "MATH(4-shot)",
    "MathQA",
    "ARC-c",
  ];
  assert.deepEqual(emergentTargets(tasks), tasks.slice(1, 7));
});

// t0 is the target: family A is exactly linear in log10 params on it. m6 (large, family B) has
// no training cell (its only score is on t0); m7 has no parameter count.
const paramsM = [1000, 3000, 7000, 30000, 70000, 2000, 40000, null];
const law = (p: number) => 10 + 20 * Math.log10(p / 1000);
const scores = paramsM.map((p, i) => [
  p === null ? 50 : law(p) + (i >= 5 ? 5 : 0),
  i === 6 ? null : 40 + i,
  i === 6 ? null : 60 - i,
]);
const data = withModelFactors(datasetOf(scores), {
  family: ["A", "A", "A", "A", "A", "B", "B", "A"],
  "Parameter Size(M)": paramsM,
  "Pretraining Dataset Size(B)": [100, 100, 100, 100, null, 300, 300, 100],
});

Deno.test("runEmergent() trains on small models and large non-target cells only", async () => {
  const calls: SpyCall[] = [];
  const result = await runEmergent(data, {
    targets: ["t0"],
    methods: [spyMethod(calls, { id: "mf", coldStart: false }, biases())],
    seeds: 3,
  });
  assert.deepEqual(result.small, ["m0", "m1", "m2", "m5"]);
  assert.deepEqual(result.large, ["m3", "m4", "m6"]);
  assert.deepEqual(result.leftOut.map((l) => l.model), ["m7"]);
  assert.equal(calls.length, 1, "all seeds in one fit call");
  assert.equal(calls[0].jobs.length, 3);
  const { nTasks, observed } = data.scores.dense;
  for (const job of calls[0].jobs) {
    const train = new Set(job.train);
    for (let k = 0; k < observed.length; k++) {
      const [i, j] = [Math.floor(k / nTasks), k % nTasks];
      if (!observed[k]) continue;
      const shouldTrain = i !== 7 && !([3, 4, 6].includes(i) && j === 0);
      assert.equal(train.has(k), shouldTrain, `cell (m${i}, t${j})`);
      if (!shouldTrain) assert.ok(Number.isNaN(job.values[k]), `cell (m${i}, t${j}) leaked`);
    }
  }
  // The target task's scale comes from the small models: their t0 values span [0, 1].
  const small = calls[0].jobs[0].train.filter((k) => k % nTasks === 0);
  const values = small.map((k) => calls[0].jobs[0].values[k]);
  near(Math.min(...values), 0, 1e-6);
  near(Math.max(...values), 1, 1e-6);
  // m6 has no training cell: a method without cold start predicts nothing for it.
  assert.deepEqual(
    result.predictions.filter((p) => p.approach === "mf").map((p) => p.model),
    ["m3", "m4"],
  );
});

Deno.test("runEmergent() scaling law: exact on a log-linear family, MAE on common and own sets", async () => {
  const result = await runEmergent(data, { targets: ["t0"], methods: [biases()], seeds: 2 });
  const linear = result.predictions.filter((p) => p.approach === "scaling-law-linear");
  assert.deepEqual(linear.map((p) => p.model), ["m3", "m4"]);
  for (const p of linear) near(p.absError, 0, 1e-4, p.model);
  assert.deepEqual(
    result.predictions.filter((p) => p.approach === "scaling-law-sigmoid").map((p) => p.model),
    ["m3"],
    "m4 has no token count, hence no compute",
  );
  const cov = (a: string) => result.coverage.find((c) => c.task === "t0" && c.approach === a)!;
  assert.equal(cov("biases").largeWithScore, 3);
  assert.equal(cov("biases").predicted, 3);
  assert.equal(cov("scaling-law-linear").predicted, 2);
  assert.equal(cov("scaling-law-sigmoid").predicted, 1);
  assert.equal(cov("biases").common, 1);
  const mae = (a: string, scope: string) =>
    result.mae.find((m) => m.task === "t0" && m.approach === a && m.scope === scope)!;
  assert.equal(mae("scaling-law-linear", "own").n, 2);
  near(mae("scaling-law-linear", "own").mae, 0, 1e-4);
  assert.equal(mae("biases", "own").n, 3);
  assert.equal(mae("biases", "common").n, 1);
  const m3 = result.predictions.find((p) => p.approach === "biases" && p.model === "m3")!;
  near(mae("biases", "common").mae, m3.absError, 1e-12);
  const all = result.mae.find((m) =>
    m.task === null && m.approach === "biases" && m.scope === "own"
  )!;
  assert.equal(all.n, 3);
  const fitB = result.fits.find((f) => f.family === "B" && f.law === "log-linear")!;
  assert.equal(fitB.status, "not fitted");
  assert.equal(result.curves.filter((p) => p.law === "log-linear").length, 50);
});
