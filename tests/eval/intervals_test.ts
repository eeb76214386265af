/**
 * Conformal prediction intervals: the finite-sample quantile on hand cases, coverage on synthetic
 * matrices whose truth is known, bounds in original units (lower-is-better tasks included),
 * batching, determinism, and a smoke run on cpp-crowdsource with `biases()`.
 */
import assert from "node:assert/strict";
import { type Dataset } from "../../src/lib/mod.ts";
import {
  biases,
  calibrateIntervals,
  conformalQuantile,
  conformalRank,
  fillMatrix,
  intervalJson,
  measureCoverage,
  predictWithIntervals,
  seededRandom,
} from "../../src/lib/eval/mod.ts";
import type { Job, Method } from "../../src/lib/models/types.ts";
import type { Normalization } from "../../src/lib/data/normalize.ts";
import { boundsOf } from "../../src/lib/eval/intervals/_conformal.ts";
import { datasetOf } from "./_fixtures.ts";
import { mirroredDataset } from "../_prerequisites.ts";

/** A standard normal draw (Box-Muller) from a seeded source. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * The truth `50 + a_i + b_j + 4 u_i v_j + noise` (a rank-2 signal plus a rank-1 interaction the
 * biases cannot fit, Gaussian noise of sd `noise`), clamped to [1, 99]; a share `hide` of the
 * cells is missing at random. Returns the dataset and the full truth.
 */
function synthetic(
  options: { models?: number; tasks?: number; hide?: number; noise?: number; seed?: number } = {},
): { data: Dataset; truth: number[][]; hidden: boolean[][] } {
  const { models = 60, tasks = 20, hide = 0.3, noise = 3, seed = 1 } = options;
  const random = seededRandom(seed);
  const a = Array.from({ length: models }, () => 10 * gaussian(random));
  const u = Array.from({ length: models }, () => gaussian(random));
  const b = Array.from({ length: tasks }, () => 8 * gaussian(random));
  const v = Array.from({ length: tasks }, () => gaussian(random));
  const truth = a.map((ai, i) =>
    b.map((bj, j) => {
      const y = 50 + ai + bj + 4 * u[i] * v[j] + noise * gaussian(random);
      return Math.min(99, Math.max(1, Number(y.toFixed(3))));
    })
  );
  const hidden = truth.map((row) => row.map(() => random() < hide));
  const rows = truth.map((row, i) => row.map((y, j) => (hidden[i][j] ? null : y)));
  return { data: datasetOf(rows), truth, hidden };
}

/** A method that records its fit calls and delegates to `biases()`. */
function recording(inner: Method = biases()): Method & { calls: (readonly Job[])[] } {
  const calls: (readonly Job[])[] = [];
  return {
    ...inner,
    calls,
    fit(problem, jobs, options) {
      calls.push(jobs);
      return inner.fit(problem, jobs, options);
    },
  };
}

Deno.test("conformalQuantile() takes the ⌈(n + 1)(1 - α)⌉-th smallest score", () => {
  // n = 9, level 0.9: rank ⌈10 · 0.9⌉ = 9, the largest.
  assert.equal(conformalQuantile([5, 1, 4, 2, 3, 9, 8, 7, 6], 0.9), 9);
  // n = 19, level 0.9: rank ⌈20 · 0.9⌉ = 18.
  assert.equal(conformalQuantile(Array.from({ length: 19 }, (_, k) => 19 - k), 0.9), 18);
  // n = 20: rank ⌈21 · 0.9⌉ = ⌈18.9⌉ = 19.
  assert.equal(conformalQuantile(Array.from({ length: 20 }, (_, k) => k + 1), 0.9), 19);
  // n = 4, level 0.5: rank ⌈2.5⌉ = 3.
  assert.equal(conformalQuantile([0.4, 0.1, 0.3, 0.2], 0.5), 0.3);
  // Ties count as separate scores.
  assert.equal(conformalQuantile([1, 1, 1, 2], 0.6), 1);
});

Deno.test("conformalQuantile() is infinite when n is too small for the level", () => {
  // n = 8 at 0.9: rank ⌈9 · 0.9⌉ = 9 > 8.
  assert.equal(conformalQuantile([1, 2, 3, 4, 5, 6, 7, 8], 0.9), Infinity);
  assert.equal(conformalQuantile([], 0.5), Infinity);
  assert.equal(conformalRank(8, 0.9), 9);
});

Deno.test("conformalRank() is not pushed up by float rounding of (n + 1) · level", () => {
  // 10 · 0.7 is 7.000000000000001 in floating point; the rank is 7, not 8.
  assert.equal(conformalRank(9, 0.7), 7);
  assert.equal(conformalRank(99, 0.9), 90);
  assert.throws(() => conformalQuantile([1, 2], 1), RangeError);
  assert.throws(() => conformalQuantile([1, NaN], 0.5), RangeError);
});

Deno.test("calibrateIntervals() covers about 90% of held-out synthetic cells (gaps)", async () => {
  const { data } = synthetic();
  const c = await calibrateIntervals(data, biases(), { setting: "gaps", seeds: 1 });
  // 840 observed cells, all held out once: the binomial sd of the coverage is
  // sqrt(0.09 / 840) ≈ 0.010, the conformal quantile from ~756 scores adds about as much;
  // ±0.05 is over 3 combined sd.
  assert.equal(c.measured.n, c.n);
  assert.ok(c.n > 780 && c.n < 900, `${c.n} calibration cells`);
  assert.ok(Math.abs(c.measured.coverage - 0.9) < 0.05, `coverage ${c.measured.coverage}`);
  assert.equal(c.folds, 10);
  assert.equal(c.measured.perFold.length, 10);
  // The noise sd is 3 points: a 90% interval of a well-fitted cell is at least 2 · 1.64 · 3 wide.
  assert.ok(c.measured.medianWidth > 9 && c.measured.medianWidth < 40, `${c.measured.medianWidth}`);
});

Deno.test("predictWithIntervals() covers about 90% of the truly missing synthetic cells", async () => {
  const { data, truth, hidden } = synthetic({ seed: 7 });
  const method = biases();
  const gaps = await calibrateIntervals(data, method, { setting: "gaps", seeds: 1 });
  const filled = await predictWithIntervals(data, method, gaps);
  const { dense } = data.scores;
  let [n, covered] = [0, 0];
  for (const cell of filled.cells) {
    const [i, j] = [dense.modelIndex.get(cell.model)!, dense.taskIndex.get(cell.task)!];
    assert.equal(cell.observed === null, hidden[i][j]);
    if (cell.observed !== null) continue;
    n++;
    if (truth[i][j] >= cell.lower! && truth[i][j] <= cell.upper!) covered++;
  }
  // About 360 missing cells: binomial sd sqrt(0.09 / 360) ≈ 0.016, plus the calibration's own
  // ≈ 0.011; ±0.06 is over 3 combined sd.
  assert.ok(n > 300, `${n} missing cells`);
  assert.ok(Math.abs(covered / n - 0.9) < 0.06, `coverage ${covered / n} on ${n} cells`);
});

Deno.test("calibrateIntervals() new-model intervals are wider and still cover about 90%", async () => {
  const { data } = synthetic({ seed: 3 });
  const gaps = await calibrateIntervals(data, biases(), { setting: "gaps", seeds: 1 });
  const fresh = await calibrateIntervals(data, biases(), {
    setting: "new-model",
    known: 2,
    seeds: 1,
  });
  assert.equal(fresh.known, 2);
  assert.equal(fresh.targets!.length, 60);
  // 60 models in 10 folds, each hiding all but 2 of its ~14 scores: ~720 cells, clustered by
  // model (the rank-1 interaction makes a model's errors correlated), so a wider ±0.06.
  assert.ok(fresh.measured.n > 600, `${fresh.measured.n} cells`);
  assert.ok(Math.abs(fresh.measured.coverage - 0.9) < 0.06, `${fresh.measured.coverage}`);
  assert.ok(fresh.quantile > gaps.quantile, `${fresh.quantile} vs ${gaps.quantile}`);
});

Deno.test("predictWithIntervals(): lower <= predicted <= upper, observed cells carry none", async () => {
  const { data } = synthetic({ seed: 5 });
  const method = biases();
  const gaps = await calibrateIntervals(data, method, { seeds: 1 });
  const filled = await predictWithIntervals(data, method, gaps);
  assert.equal(filled.cells.length, 60 * 20);
  for (const c of filled.cells) {
    if (c.observed !== null) {
      assert.equal(c.lower, null);
      assert.equal(c.upper, null);
      assert.equal(c.setting, null);
      continue;
    }
    assert.ok(c.lower! <= c.predicted! && c.predicted! <= c.upper!, JSON.stringify(c));
    assert.ok(c.lower! < c.upper!);
    // Percent task: clipped to [0, 100].
    assert.ok(c.lower! >= 0 && c.upper! <= 100, JSON.stringify(c));
    assert.equal(c.setting, "gaps");
  }
});

Deno.test("boundsOf(): the prediction and both ends are clipped to the task's range, in order", () => {
  // one task, lower is better on task 1: normalized v maps to sign * (v * 50 + 10)
  const norm: Normalization = {
    kind: "task",
    nModels: 1,
    nTasks: 2,
    values: new Float32Array(2),
    sign: Int8Array.from([1, -1]),
    offset: Float64Array.from([10, -90]),
    range: Float64Array.from([50, 50]),
    axis: "task",
  };
  const unit = { lo: 0, hi: 100 };
  // 2.1 -> 115: beyond the range; the interval [90, 140] clips to [90, 100]
  assert.deepEqual(boundsOf(norm, 0, 0, 2.1, 0.5, null), { predicted: 115, lower: 90, upper: 140 });
  assert.deepEqual(boundsOf(norm, 0, 0, 2.1, 0.5, unit), { predicted: 100, lower: 90, upper: 100 });
  // lower is better: -(v * 50 - 90); v = 2 -> -10, clipped to 0; the ends swap
  assert.deepEqual(boundsOf(norm, 0, 1, 2, 0.4, unit), { predicted: 0, lower: 0, upper: 10 });
  // inside the range nothing moves
  assert.deepEqual(boundsOf(norm, 0, 0, 1, 0.2, unit), { predicted: 60, lower: 50, upper: 70 });
});

Deno.test("fillMatrix(): predictions beyond a percent task's range are clipped to it", async () => {
  const { data } = synthetic({ models: 12, tasks: 4, seed: 44 });
  // a method that overshoots: every cell 2 task ranges above the task's minimum, or 1 below it
  const overshoot: Method = {
    ...biases(),
    fit(problem, jobs) {
      const n = problem.nModels * problem.nTasks;
      const predictions = jobs.map(() =>
        Float32Array.from({ length: n }, (_, k) => (k % 2 ? 3 : -2))
      );
      return Promise.resolve({
        method: "biases",
        backend: "ts",
        predictions,
        seconds: 0,
        epochs: jobs.map(() => 0),
        curves: jobs.map(() => []),
        config: {},
      });
    },
  };
  const filled = await fillMatrix(data, overshoot);
  assert.deepEqual(
    [...new Set(filled.cells.map((c, k) => `${k % 2}:${c.predicted}`))].sort(),
    ["0:0", "1:100"],
  );
});

Deno.test("predictWithIntervals(): a task with one observed score is scaled by its unit range", async () => {
  const { truth } = synthetic({ models: 30, tasks: 8, seed: 41 });
  // t3 keeps a single score: its observed range is empty, so (as in the calibration folds) its
  // normalized units are [0, 100] points, not a range of 1 point.
  const rows = truth.map((row, i) => row.map((y, j) => (j === 3 && i > 0 ? null : y)));
  const data = datasetOf(rows);
  const c = await calibrateIntervals(data, biases(), { seeds: 1 });
  const filled = await predictWithIntervals(data, biases(), c);
  const t3 = filled.cells.filter((x) => x.task === "t3" && x.observed === null);
  assert.equal(t3.length, 29);
  for (const x of t3) assert.ok(x.upper! - x.lower! > 10, JSON.stringify(x));
});

Deno.test("predictWithIntervals() gives models with at most k scores the new-model calibration", async () => {
  const { truth } = synthetic({ seed: 11 });
  // Model 0 keeps only two scores; the odd models miss task 5.
  const rows = truth.map((row, i) =>
    row.map((y, j) => (i === 0 ? (j < 2 ? y : null) : j === 5 && i % 2 ? null : y))
  );
  const data = datasetOf(rows);
  const method = biases();
  const gaps = await calibrateIntervals(data, method, { seeds: 1 });
  const fresh = await calibrateIntervals(data, method, { setting: "new-model", seeds: 1 });
  const filled = await predictWithIntervals(data, method, [gaps, fresh]);
  assert.equal(filled.newModelAtMost, 2);
  const missing = filled.cells.filter((c) => c.observed === null);
  for (const c of missing) assert.equal(c.setting, c.model === "m0" ? "new-model" : "gaps");
  const width = (model: string) => {
    const c = missing.find((x) => x.model === model && x.task === "t5")!;
    return c.upper! - c.lower!;
  };
  assert.ok(width("m0") > width("m1"), `${width("m0")} vs ${width("m1")}`);
  // Only a new-model calibration: it serves every cell.
  const only = await predictWithIntervals(data, method, fresh);
  assert.ok(only.cells.every((c) => c.observed !== null || c.setting === "new-model"));
});

Deno.test("intervals of a lower-is-better task are the negated, swapped ones in original units", async () => {
  const { truth } = synthetic({ models: 30, tasks: 8, seed: 13 });
  // t0 as a loss (lower is better, values 200-400) against the same scores negated.
  const loss = truth.map((row, i) =>
    row.map((y, j) => (i % 4 === j % 4 ? null : j === 0 ? 500 - 3 * y : y))
  );
  const negated = loss.map((row) => row.map((y, j) => (y !== null && j === 0 ? -y : y)));
  const a = datasetOf(loss, "^t0$");
  const b = datasetOf(negated);
  assert.deepEqual(a.scores.lowerIsBetter.slice(0, 2), [true, false]);
  const method = biases();
  const ca = await calibrateIntervals(a, method, { seeds: 1 });
  const cb = await calibrateIntervals(b, method, { seeds: 1 });
  assert.equal(ca.quantile, cb.quantile);
  assert.equal(ca.measured.coverage, cb.measured.coverage);
  const pa = await predictWithIntervals(a, method, ca);
  const pb = await predictWithIntervals(b, method, cb);
  let checked = 0;
  pa.cells.forEach((x, q) => {
    const y = pb.cells[q];
    if (x.observed !== null || x.task !== "t0") return;
    assert.ok(x.lower! < x.predicted! && x.predicted! < x.upper!, JSON.stringify(x));
    assert.ok(Math.abs(x.predicted! + y.predicted!) < 1e-3);
    assert.ok(Math.abs(x.lower! + y.upper!) < 1e-3, `${x.lower} vs -${y.upper}`);
    assert.ok(Math.abs(x.upper! + y.lower!) < 1e-3, `${x.upper} vs -${y.lower}`);
    checked++;
  });
  assert.ok(checked >= 7, `${checked} cells of t0 checked`);
});

Deno.test("calibrateIntervals() trains every fold x seed in ONE fit, never on held-out cells", async () => {
  const { data } = synthetic({ models: 24, tasks: 10, seed: 17 });
  const method = recording();
  const c = await calibrateIntervals(data, method, { folds: 5, seeds: 3 });
  assert.equal(method.calls.length, 1);
  const jobs = method.calls[0];
  assert.equal(jobs.length, 5 * 3);
  const { observed } = data.scores.dense;
  const heldOut = new Set<number>();
  jobs.forEach((job, q) => {
    assert.equal(job.seed, q % 3);
    const train = new Set(job.train);
    for (let k = 0; k < observed.length; k++) {
      if (!observed[k]) continue;
      if (train.has(k)) assert.ok(Number.isFinite(job.values![k]));
      else {
        assert.ok(Number.isNaN(job.values![k]), `job ${q} sees held-out cell ${k}`);
        heldOut.add(k);
      }
    }
  });
  // Every observed cell is held out by exactly one fold.
  assert.equal(heldOut.size, observed.reduce((a, b) => a + b, 0));
  assert.equal(c.n, heldOut.size);
});

Deno.test("calibrateIntervals() is deterministic for a seed and moves with it", async () => {
  const { data } = synthetic({ models: 30, tasks: 12, seed: 19 });
  const strip = (c: Awaited<ReturnType<typeof calibrateIntervals>>) => ({ ...c, fitSeconds: 0 });
  const options = { setting: "new-model" as const, seeds: 2, score: "task" as const };
  const one = await calibrateIntervals(data, biases(), options);
  const two = await calibrateIntervals(data, biases(), options);
  assert.deepEqual(strip(one), strip(two));
  const other = await calibrateIntervals(data, biases(), { ...options, seed: 1 });
  assert.notDeepEqual(strip(one).measured.perFold, strip(other).measured.perFold);
  const p1 = await predictWithIntervals(data, biases(), one);
  const p2 = await predictWithIntervals(data, biases(), two);
  assert.deepEqual(p1.cells, p2.cells);
});

Deno.test("calibrateIntervals(): the task score scales by each task's residuals", async () => {
  // Task noise sd 1 on t0..t9, 8 on t10..t19: one half-width for all would over-cover the quiet
  // tasks and under-cover the noisy ones; the task score adapts and still covers ~90% overall.
  // (Normalized by each task's range, which the noise widens too: the scales differ by about 2.)
  const random = seededRandom(23);
  const rows = Array.from({ length: 60 }, () => {
    const a = 8 * gaussian(random);
    return Array.from({ length: 20 }, (_, j) => {
      if (random() < 0.25) return null;
      const y = 50 + a + (j - 10) + (j < 10 ? 1 : 8) * gaussian(random);
      return Number(Math.min(99, Math.max(1, y)).toFixed(3));
    });
  });
  const data = datasetOf(rows);
  const c = await calibrateIntervals(data, biases(), { score: "task", seeds: 1 });
  const tau = (from: number) =>
    Array.from({ length: 10 }, (_, j) => c.taskScale![`t${from + j}`]).reduce((a, b) => a + b);
  assert.ok(tau(10) > 1.7 * tau(0), JSON.stringify(c.taskScale));
  assert.ok(Math.abs(c.measured.coverage - 0.9) < 0.05, `${c.measured.coverage}`);
  const plain = await calibrateIntervals(data, biases(), { score: "absolute", seeds: 1 });
  assert.ok(c.measured.medianWidth < plain.measured.medianWidth);
});

Deno.test("calibrateIntervals(): the ensemble score of a deterministic method is the absolute one", async () => {
  const { data } = synthetic({ models: 30, tasks: 12, seed: 29 });
  const e = await calibrateIntervals(data, biases(), { score: "ensemble", seeds: 2 });
  const a = await calibrateIntervals(data, biases(), { score: "absolute", seeds: 2 });
  assert.equal(e.epsilon, 1);
  assert.equal(e.quantile, a.quantile);
  assert.equal(e.measured.coverage, a.measured.coverage);
});

Deno.test("calibrateIntervals() rejects bad options and cold starts it cannot predict", async () => {
  const { data } = synthetic({ models: 20, tasks: 8, seed: 31 });
  await assert.rejects(() => calibrateIntervals(data, biases(), { level: 1 }), RangeError);
  await assert.rejects(() => calibrateIntervals(data, biases(), { folds: 1 }), RangeError);
  await assert.rejects(() => calibrateIntervals(data, biases(), { seeds: 0 }), RangeError);
  await assert.rejects(
    () => calibrateIntervals(data, biases(), { score: "median" as "task" }),
    RangeError,
  );
  const warm: Method = { ...biases(), coldStart: false };
  await assert.rejects(
    () => calibrateIntervals(data, warm, { setting: "new-model", known: 0 }),
    /cold-start|cold/,
  );
  const c = await calibrateIntervals(data, biases(), { seeds: 1 });
  const other: Method = { ...biases(), id: "task-mean" };
  await assert.rejects(() => predictWithIntervals(data, other, c), /is for 'biases'/);
  const c2 = await calibrateIntervals(data, biases(), { seeds: 2, setting: "new-model" });
  await assert.rejects(() => predictWithIntervals(data, biases(), [c, c2]), /differ in seeds/);
});

Deno.test("intervalJson() gives the coverage and median width for cpp evaluate --json", async () => {
  const { data } = synthetic({ models: 30, tasks: 12, seed: 37 });
  const m = await measureCoverage(data, biases(), { seeds: 1 });
  const json = intervalJson(m);
  assert.deepEqual(Object.keys(json), [
    "level",
    "setting",
    "score",
    "coverage",
    "intervalWidth",
    "intervalWidthNormalized",
    "n",
    "folds",
    "seeds",
  ]);
  assert.equal(json.coverage, Number(m.coverage.toPrecision(4)));
  assert.equal(json.intervalWidth, Number(m.medianWidth.toPrecision(4)));
  assert.equal(json.setting, "gaps");
});

Deno.test("intervals on cpp-crowdsource with biases(): both settings cover near 90%", async () => {
  const data = await mirroredDataset("cpp-crowdsource");
  if (!data) return;
  const method = biases();
  const gaps = await calibrateIntervals(data, method, { seeds: 1 });
  const fresh = await calibrateIntervals(data, method, { setting: "new-model", seeds: 1 });
  assert.equal(gaps.n, 878);
  // Measured 0.901 (gaps, 878 cells) and 0.899 (new model, 735 cells): sd about 0.015.
  for (const c of [gaps, fresh]) {
    assert.ok(c.measured.coverage > 0.85 && c.measured.coverage < 0.95, `${c.measured.coverage}`);
  }
  assert.ok(fresh.measured.medianWidth > gaps.measured.medianWidth);
  const filled = await predictWithIntervals(data, method, [gaps, fresh]);
  assert.equal(filled.cells.length, 72 * 29);
  const missing = filled.cells.filter((c) => c.observed === null);
  assert.equal(missing.length, 72 * 29 - 878);
  assert.ok(missing.every((c) => c.lower! <= c.predicted! && c.predicted! <= c.upper!));
  assert.ok(missing.some((c) => c.setting === "new-model"));
});
