import assert from "node:assert/strict";
import { biases, perModelFolds, runHoldout, seededRandom } from "../../src/lib/eval/mod.ts";
import { datasetOf } from "./_fixtures.ts";
import { type SpyCall, spyMethod } from "./_factor_fixtures.ts";

/** 40 models x 10 tasks, additive plus noise (percent), some cells missing. */
function additive(): (number | null)[][] {
  const random = seededRandom(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: 40 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => {
      if ((i + 3 * j) % 5 === 0) return null;
      const v = 50 + 15 * Math.sin(i) + 10 * Math.cos(j) + 3 * gauss();
      return Number(Math.min(99, Math.max(1, v)).toFixed(2));
    }));
}

Deno.test("runHoldout() scores every fold in points and calibrates intervals on the fold's training cells only", async () => {
  const data = datasetOf(additive());
  const { dense } = data.scores;
  const folds = perModelFolds(dense.observed, dense.nTasks, { folds: 3, seeds: 2 });
  const calls: SpyCall[] = [];
  const spy = spyMethod(calls, { id: "biases" }, biases());
  const result = await runHoldout(data, folds, { methods: [spy], intervalFolds: 4 });
  assert.equal(calls.length, 1); // one batch: 6 folds + 6 x 4 calibration jobs
  const jobs = calls[0].jobs;
  assert.equal(jobs.length, 6 + 6 * 4);
  folds.forEach((fold, f) => {
    const held = new Set(fold.test);
    const own = [jobs[f], ...jobs.slice(6 + 4 * f, 6 + 4 * (f + 1))];
    for (const job of own) {
      for (const k of job.train) assert.ok(!held.has(k), `fold ${f} trains on a held-out cell`);
      for (const k of held) assert.ok(Number.isNaN(job.values[k]));
    }
  });
  const row = result.rows[0];
  assert.equal(result.cells, 2 * dense.observed.reduce((a, b) => a + b, 0));
  assert.equal(row.n, result.cells);
  assert.ok(row.medae > 1 && row.medae < 4, `MedAE ${row.medae}`); // noise sd 3: MedAE about 2
  assert.ok(row.coverage! > 0.85 && row.coverage! < 0.98, `coverage ${row.coverage}`);
  assert.ok(row.intervalWidth! > 5 && row.intervalWidth! < 20, `width ${row.intervalWidth}`);
  assert.deepEqual([result.level, result.intervalFolds, result.unpredictable], [0.9, 4, 0]);
  assert.deepEqual(result.groups, []);
  // the same folds, the same numbers
  const again = await runHoldout(data, folds, { methods: [biases()], intervalFolds: 4 });
  assert.deepEqual(
    { ...again.rows[0], fitSeconds: 0 },
    { ...row, label: again.rows[0].label, method: "biases", fitSeconds: 0 },
  );
});

Deno.test("runHoldout() leaves out cells of a task nobody trains on, clips bounded predictions, groups folds", async () => {
  // t2 is observed on m0 and m1 only; fold A holds both out
  const data = datasetOf([[10, 20, 30], [40, 50, 60], [70, 80, null], [90, 95, null]]);
  const folds = [
    { fold: "A", seed: 0, test: Uint32Array.of(2, 5, 9), group: "g1" },
    { fold: "B", seed: 1, test: Uint32Array.of(0, 10), group: "g2" },
  ];
  const result = await runHoldout(data, folds, {
    methods: [biases()],
    intervals: false,
    predictions: true,
  });
  assert.equal(result.unpredictable, 2); // (m0, t2) and (m1, t2)
  assert.equal(result.cells, 3);
  assert.deepEqual(result.groups.map((g) => [g.group, g.n]), [["g1", 1], ["g2", 2]]);
  assert.deepEqual([result.rows[0].coverage, result.rows[0].intervalWidth], [null, null]);
  for (const p of result.predictions!) {
    assert.ok(p.predicted >= 0 && p.predicted <= 100);
    assert.equal(p.lower, null);
  }
  await assert.rejects(
    runHoldout(data, [{ fold: "C", seed: 0, test: Uint32Array.of(2, 5) }], { intervals: false }),
    /no fold has a cell any method can predict/,
  );
  await assert.rejects(
    runHoldout(data, [{
      fold: "D",
      seed: 0,
      test: Uint32Array.of(0),
      train: Uint32Array.of(0, 1),
    }]),
    /D trains on cell 0, which it holds out/,
  );
});
