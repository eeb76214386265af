/**
 * BenchPress's protocol on its own data (frontier) and its own 30 folds (the mirror's folds
 * file): the project scores exactly BenchPress's 26,040 cells, and bias-als lands beside
 * BenchPress's published Logit Bias ALS (MedAE 4.60, MedAPE 7.8%, within 3 36.6%, within 5
 * 52.8%). Figures pinned so that a change shows.
 */
import assert from "node:assert/strict";
import {
  biasAls,
  biases,
  loadDataset,
  readHoldoutFile,
  runHoldout,
  runNewRelease,
} from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

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
