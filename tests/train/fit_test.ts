import assert from "node:assert/strict";
import { method } from "../../src/lib/models/mod.ts";
import { smallJobs, smallProblem } from "../kernels/_fixtures.ts";

const sanitize = { sanitizeOps: false, sanitizeResources: false };
const problem = smallProblem();
const jobs = smallJobs(problem);

Deno.test({
  name: "training stops `patience` epochs after the best validation loss, and keeps the best",
  ...sanitize,
  fn: async () => {
    const patience = 15;
    // a high learning rate and no L2: the validation loss turns up early
    const m = method("ncf", { lr: 0.1, l2: 0, patience, logEvery: 1, maxEpochs: 400 });
    const fit = await m.fit(problem, jobs, { backend: "cpu" });
    for (let b = 0; b < jobs.length; b++) {
      const curve = fit.curves[b];
      const valid = curve.map((row) => row.valid);
      const best = valid.indexOf(Math.min(...valid));
      assert.equal(fit.epochs[b], best, `job ${b}: the best epoch is the first minimum`);
      assert.equal(curve.length, best + patience + 1, `job ${b}: stopped after patience`);
      assert.deepEqual(curve.map((row) => row.epoch), curve.map((_, e) => e));
    }
  },
});

Deno.test({
  name: "maxEpochs caps training when the validation loss keeps improving",
  ...sanitize,
  fn: async () => {
    const fit = await method("mf", { maxEpochs: 25, patience: 1000, logEvery: 5 }).fit(
      problem,
      jobs,
      { backend: "cpu" },
    );
    for (const curve of fit.curves) {
      assert.deepEqual(curve.map((row) => row.epoch), [0, 5, 10, 15, 20]);
    }
    assert.ok(fit.epochs.every((e) => e < 25));
  },
});

Deno.test({
  name: "the training loss falls during training, for every method",
  ...sanitize,
  fn: async () => {
    for (const id of ["mf", "ncf", "ncf-factors", "factors-only"] as const) {
      const fit = await method(id, { maxEpochs: 300 }).fit(problem, jobs, { backend: "webasm" });
      fit.curves.forEach((curve, b) => {
        const lowest = Math.min(...curve.map((row) => row.train));
        // factors-only learns from factors alone: jobs 1 and 2 switch most of them off
        const factor = id !== "factors-only" ? 0.5 : b === 0 ? 0.9 : 1;
        assert.ok(
          lowest < factor * curve[0].train,
          `${id} job ${b}: ${curve[0].train} → ${lowest}`,
        );
      });
    }
  },
});

Deno.test({
  name: "refit retrains on every training cell for the best epoch count, deterministically",
  ...sanitize,
  fn: async () => {
    const base = { maxEpochs: 200, patience: 20 };
    const plain = await method("mf", base).fit(problem, jobs, { backend: "cpu" });
    const refit = await method("mf", { ...base, refit: true }).fit(problem, jobs, {
      backend: "cpu",
    });
    const again = await method("mf", { ...base, refit: true }).fit(problem, jobs, {
      backend: "cpu",
    });
    assert.deepEqual(refit.epochs, plain.epochs);
    assert.notDeepEqual(refit.predictions, plain.predictions);
    assert.deepEqual(refit.predictions, again.predictions);
    assert.equal(refit.config.refit, true);
  },
});
