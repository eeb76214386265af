import assert from "node:assert/strict";
import { scaleBounds } from "../../src/lib/data/types.ts";
import {
  addPointCell,
  pointCells,
  pointMetrics,
  pointsPerUnit,
} from "../../src/lib/eval/metrics/points.ts";

Deno.test("pointMetrics() pools medians, skips gold 0 for MedAPE, counts within 3 and 5 inclusively", () => {
  // errors 1, 3, 5, 8 points; gold 0 has no relative error
  const m = pointMetrics([10, 50, 0, 80], [11, 53, 5, 72], [1, 1, 1, 1]);
  assert.equal(m.n, 4);
  assert.equal(m.medae, 4); // (3 + 5) / 2
  // relative errors 10%, 6%, 10% (gold 0 skipped): median 10
  assert.equal(m.medape, 10);
  assert.equal(m.within3, 0.5); // 1 and 3
  assert.equal(m.within5, 0.75); // 1, 3 and 5
  assert.equal(m.mae, 17 / 4);
});

Deno.test("pointMetrics() counts a fraction task's error in percentage points", () => {
  const percent = pointMetrics([40, 60], [44, 58], [1, 1]);
  const fraction = pointMetrics([0.4, 0.6], [0.44, 0.58], [100, 100]);
  assert.ok(Math.abs(percent.medae - fraction.medae) < 1e-9);
  assert.ok(Math.abs(percent.medape - fraction.medape) < 1e-9);
  assert.equal(pointsPerUnit("fraction"), 100);
  assert.equal(pointsPerUnit("percent"), 1);
  assert.equal(pointsPerUnit("unbounded"), 1);
});

Deno.test("addPointCell() clips predictions on bounded tasks only", () => {
  const cells = pointCells();
  addPointCell(cells, 90, 104, "percent");
  addPointCell(cells, 0.2, -0.1, "fraction");
  addPointCell(cells, 1500, 1700, "unbounded");
  assert.deepEqual(cells.predicted, [100, 0, 1700]);
  assert.deepEqual(cells.unit, [1, 100, 1]);
  assert.deepEqual(scaleBounds("unbounded"), null);
  assert.throws(() => pointMetrics([1], [NaN], [1]), /Cannot compute point errors: cell 0/);
});
