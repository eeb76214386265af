import assert from "node:assert/strict";
import { biases, newReleaseFolds, runNewRelease } from "../../src/lib/eval/mod.ts";
import { datasetOf } from "./_fixtures.ts";
import { type SpyCall, spyMethod, withModelFactors } from "./_factor_fixtures.ts";

// 7 models x 6 tasks, released 2023.1 .. 2025.0; m6 has no date; m5 has 2 scores
const rows = [
  [50, 60, 70, 40, 30, 20],
  [52, 61, 72, 41, 33, 21],
  [55, 65, 75, 45, 35, 25],
  [57, 66, 77, 47, 37, 27],
  [60, 70, 80, 50, 40, 30],
  [62, 71, null, null, null, null],
  [64, 72, 82, 52, 42, 32],
];
const released = [2023.1, 2023.5, 2024.0, 2024.2, 2024.6, 2025.0, null];
const data = withModelFactors(datasetOf(rows), {
  "release date": released,
  family: rows.map(() => "x"),
});

Deno.test("newReleaseFolds() predicts the last third from earlier models and K of its own scores", () => {
  const plan = newReleaseFolds(data, { known: 2, seeds: 2 });
  // 6 dated models: the last 2 are targets, the cutoff is the 4th release
  assert.equal(plan.cutoff, 2024.2);
  assert.deepEqual(plan.undated, ["m6"]);
  assert.deepEqual(plan.targets.map((t) => [t.model, t.earlier]), [["m4", 4]]);
  assert.deepEqual(plan.skipped, [{
    model: "m5",
    reason: "2 observed scores (needs at least k + 1 = 3)",
  }]);
  assert.equal(plan.folds.length, 2);
  for (const fold of plan.folds) {
    const models = new Set([...fold.train!].map((k) => Math.floor(k / 6)));
    assert.deepEqual([...models].sort(), [0, 1, 2, 3, 4]); // earlier models and the target
    const own = [...fold.train!].filter((k) => Math.floor(k / 6) === 4);
    assert.equal(own.length, 2); // K revealed
    assert.equal(fold.test.length, 4);
    assert.ok(own.every((k) => !fold.test.includes(k)));
    assert.equal(fold.group, "m4");
  }
  // the reveals of K = 1 are among those of K = 2
  const one = newReleaseFolds(data, { known: 1, seeds: 2 }).folds.filter((f) => f.group === "m4");
  one.forEach((fold, f) => {
    const revealed = [...fold.train!].filter((k) => Math.floor(k / 6) === 4);
    const more = [...plan.folds[f].train!].filter((k) => Math.floor(k / 6) === 4);
    assert.ok(revealed.every((k) => more.includes(k)));
  });
  // an explicit cutoff: m2 trains on m0 and m1 only
  const early = newReleaseFolds(data, { known: 0, seeds: 1, cutoff: 2023.9 });
  assert.deepEqual(early.targets.map((t) => [t.model, t.earlier]), [
    ["m2", 2],
    ["m3", 3],
    ["m4", 4],
    [
      "m5",
      5,
    ],
  ]);
  assert.throws(
    () => newReleaseFolds(data, { known: 1, seeds: 1, factor: "date" }),
    /synthetic has no numeric model factor 'date' \(numeric model factors: 'release date'\); name one with --release-factor/,
  );
  assert.throws(
    () => newReleaseFolds(data, { known: 1, seeds: 1, cutoff: 2026 }),
    /no model released after 2026 qualifies/,
  );
});

Deno.test("runNewRelease() trains each target's job on earlier models only and reports per-target MedAE", async () => {
  const calls: SpyCall[] = [];
  const result = await runNewRelease(data, {
    known: 1,
    seeds: 2,
    cutoff: 2023.9,
    methods: [spyMethod(calls, { id: "biases" }, biases())],
  });
  const targets = result.targets.map((t) => data.scores.dense.modelIndex.get(t.model)!);
  calls[0].jobs.forEach((job, f) => {
    const target = targets[Math.floor(f / 2)];
    for (const k of job.train) {
      const i = Math.floor(k / 6);
      assert.ok(i === target || released[i]! < released[target]!, `job ${f} trains on model ${i}`);
    }
  });
  assert.deepEqual(result.groups.map((g) => g.group), ["m2", "m3", "m4", "m5"]);
  const perTarget = result.groups.map((g) => g.medae).sort((a, b) => a - b);
  assert.equal(result.rows[0].targetMedae, (perTarget[1] + perTarget[2]) / 2);
  assert.deepEqual([result.known, result.seeds, result.level], [1, 2, null]);
});
