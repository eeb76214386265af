import assert from "node:assert/strict";
import { method } from "../../src/lib/models/mod.ts";
import { workerCount } from "../../src/lib/train/parallel.ts";
import { smallJobs, smallProblem } from "../kernels/_fixtures.ts";

const quick = { maxEpochs: 80, patience: 20, dim: 4, hidden: 6, factorHidden: 4 };

Deno.test("fitting in workers gives the same bytes as fitting in one process", async () => {
  const problem = smallProblem();
  const base = smallJobs(problem);
  const jobs = [...base, ...base, ...base].map((j, k) => ({ ...j, seed: k }));
  for (const id of ["mf", "ncf-factors"] as const) {
    const m = method(id, quick);
    const one = await m.fit(problem, jobs, { backend: "webasm", workers: 1, cache: false });
    const two = await m.fit(problem, jobs, { backend: "webasm", workers: 2, cache: false });
    assert.equal(two.config.workers, 2);
    assert.equal(two.predictions.length, jobs.length);
    for (let b = 0; b < jobs.length; b++) {
      assert.deepEqual(two.predictions[b], one.predictions[b], `${id} job ${b}`);
    }
    assert.deepEqual(two.epochs, one.epochs);
    assert.deepEqual(two.curves, one.curves);
  }
});

Deno.test("workerCount() keeps at least 4 jobs per worker, one on webgpu, and rejects bad counts", () => {
  assert.equal(workerCount({ workers: 4 }, 9, "webasm"), 2);
  assert.equal(workerCount({ workers: 4 }, 100, "webasm"), 4);
  assert.equal(workerCount({ workers: 4 }, 3, "cpu"), 1);
  assert.equal(workerCount({ workers: 4 }, 100, "webgpu"), 1);
  assert.throws(() => workerCount({ workers: 0 }, 100, "cpu"), /workers is 0/);
});
