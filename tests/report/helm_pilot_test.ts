import assert from "node:assert/strict";
import { helmPilot, loadDataset, methodById } from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

Deno.test("helmPilot() evaluates on every cell outside the training share, in the metric's units", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const helm = await loadDataset("helm-core", { dataDir: dir });
  const r = await helmPilot(helm, methodById("biases"), { seeds: 2 });
  assert.deepEqual(r.shape.models, 67);
  assert.equal(r.tasks.length, 16);
  assert.equal(r.shape.observed, 876);
  // 10% trains on round(0.1 x 876) = 88 cells, so 788 are evaluated per seed; 50%: 438.
  assert.deepEqual(r.summary.map((s) => [s.share, s.cells]), [[0.1, 788 * 2], [0.5, 438 * 2]]);
  for (const e of r.errors) assert.ok(Math.abs(e.error - (e.predicted - e.gold)) < 1e-12);
  const [ten, fifty] = r.summary;
  // More training cells, smaller errors.
  assert.ok(fifty.mae < ten.mae, `${fifty.mae} vs ${ten.mae}`);
  assert.ok(ten.within05 <= ten.within10);
  const mae = r.errors.filter((e) => e.share === 0.5).reduce((a, e) => a + Math.abs(e.error), 0) /
    (438 * 2);
  assert.ok(Math.abs(mae - fifty.mae) < 1e-12);
});
