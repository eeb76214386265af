/**
 * BenchPress's protocol on its own data (frontier) and its own 30 folds (the mirror's folds
 * file): the project scores exactly BenchPress's 26,040 cells, and bias-als lands beside
 * BenchPress's published Logit Bias ALS (MedAE 4.60, MedAPE 7.8%, within 3 36.6%, within 5
 * 52.8%). Figures pinned so that a change shows.
 */
import assert from "node:assert/strict";
import {
  benchpressFolds,
  benchpressReport,
  biasAls,
  biases,
  DataUnavailableError,
  loadDataset,
  perModelFolds,
  probeSetReport,
  readBenchpressFolds,
  readHoldoutFile,
  runHoldout,
  runNewRelease,
} from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";
import { smallFrontier } from "../_small_frontier.ts";

Deno.test("bias-als on BenchPress's 30 folds of frontier: its 26,040 cells, its MedAE", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const data = await loadDataset("frontier", { offline: true });
  const folds = await readHoldoutFile(`${dir}/benchpress/folds_s10_f3_bs42_ms1.json`, data);
  assert.equal(folds.length, 30);
  assert.equal(folds.reduce((n, f) => n + f.test.length, 0), 26040);
  const result = await runHoldout(data, folds, { methods: [biasAls()], intervals: false });
  assert.deepEqual([result.folds, result.cells, result.unpredictable], [30, 26040, 0]);
  const r = result.rows[0];
  const pinned = (x: number) => Number(x.toFixed(4));
  assert.deepEqual(
    [pinned(r.medae), pinned(r.medape), pinned(r.within3), pinned(r.within5)],
    [4.6219, 7.8148, 0.365, 0.5287],
  );
});

Deno.test("new releases of frontier: trained on earlier models only, scored on the rest", async () => {
  const data = await loadDataset("frontier", { offline: true });
  const result = await runNewRelease(data, { known: 5, seeds: 1, methods: [biases()] });
  assert.equal(result.factor, "release date");
  assert.equal(result.targets.length, 28);
  assert.ok(result.targets.every((t) => t.released > result.cutoff));
  assert.ok(result.rows[0].medae > 3 && result.rows[0].medae < 15, `${result.rows[0].medae}`);
});

Deno.test("readBenchpressFolds() resolves the folds file like a dataset file; offline without it, unavailable", async () => {
  const data = await loadDataset("frontier", { offline: true });
  const cache = await Deno.makeTempDir({ prefix: "cpp-folds-cache-" });
  try {
    await assert.rejects(
      readBenchpressFolds(data, { dataDir: null, cacheDir: cache, offline: true }),
      (e) => e instanceof DataUnavailableError && /folds_s10_f3_bs42_ms1\.json/.test(e.message),
    );
    const dir = mirrorDir();
    if (!prerequisite(dir !== null, "the dataset mirror")) return;
    const folds = await readBenchpressFolds(data, { dataDir: dir, cacheDir: cache, offline: true });
    const direct = await readHoldoutFile(`${dir}/benchpress/folds_s10_f3_bs42_ms1.json`, data);
    assert.deepEqual(folds, direct);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("benchpressReport(): held-out folds and new releases per K, with the peer's numbers and the commands; probeSetReport()", async () => {
  const full = await loadDataset("frontier", { offline: true });
  const data = await smallFrontier();
  const { observed, nTasks } = data.scores.dense;
  const folds = {
    source: "per-model" as const,
    note: "dealt here",
    folds: perModelFolds(observed, nTasks, { folds: 3, seeds: 2 }),
  };
  const seen: number[] = [];
  const report = await benchpressReport(data, folds, {
    methods: [biasAls(), biases()],
    known: [1, 5],
    releaseSeeds: 2,
    onProgress: (p) => seen.push(p.done / p.total),
  });
  assert.deepEqual(report.folds.rows.map((r) => r.method), ["bias-als", "biases"]);
  assert.equal(report.folds.count, 6);
  assert.equal(report.folds.cells, 2 * observed.reduce((s, v) => s + v, 0));
  assert.ok(report.folds.rows.every((r) => r.coverage !== null && r.medae > 0));
  assert.deepEqual(report.newRelease.rows.map((r) => [r.method, r.known]), [
    ["bias-als", 1],
    ["biases", 1],
    ["bias-als", 5],
    ["biases", 5],
  ]);
  assert.ok(report.newRelease.targets.length > 0);
  assert.equal(report.peer.holdout.medae, 4.6);
  assert.match(
    report.commands.folds,
    /--split per-model --folds 3 --seeds 10 --method bias-als,biases$/,
  );
  assert.deepEqual(
    report.commands.newRelease.map((c) =>
      /--split new-release --known (\d+) --seeds 2 /.exec(c)?.[1]
    ),
    ["1", "5"],
  );
  // Progress rises to the end across the experiments.
  assert.ok(seen.every((v, k) => k === 0 || v >= seen[k - 1]) && seen.at(-1) === 1);
  const probes = await probeSetReport(data, { size: 2 });
  assert.equal(probes.steps.length, 2);
  assert.deepEqual(probes.probes, probes.steps.map((s) => s.task));
  assert.equal(probes.selectionModels + probes.heldOutModels, 40);
  assert.equal(probes.peer, null, "BenchPress's figures are for its own matrix only");
  assert.equal(probes.command, `deno task cpp probes ${data.id} --size 2 --method bias-als`);
  // The peer's own folds, when they can be had, are its 30; else the protocol is dealt here.
  const frontierFolds = await benchpressFolds(full);
  if (mirrorDir() !== null) {
    assert.deepEqual([frontierFolds.source, frontierFolds.folds.length, frontierFolds.note], [
      "benchpress",
      30,
      null,
    ]);
  } else assert.equal(frontierFolds.source, "per-model");
});
