import assert from "node:assert/strict";
import { DEFAULT_CONFIGS, LEARNED_METHODS, method, METHODS } from "../../src/lib/models/mod.ts";
import type { Job, Problem } from "../../src/lib/models/types.ts";
import {
  backendReady,
  BACKENDS,
  observedCells,
  smallJobs,
  smallProblem,
} from "../kernels/_fixtures.ts";

const quick = { maxEpochs: 60, patience: 20, dim: 4, hidden: 6, factorHidden: 4 };
const sanitize = { sanitizeOps: false, sanitizeResources: false };

Deno.test("METHODS holds the four learned methods with their default configurations", () => {
  assert.deepEqual(Object.keys(METHODS), [...LEARNED_METHODS]);
  for (const id of LEARNED_METHODS) {
    assert.equal(METHODS[id].id, id);
    assert.deepEqual(METHODS[id].config, DEFAULT_CONFIGS[id]);
    assert.ok(METHODS[id].label.length > 0);
  }
  assert.equal(DEFAULT_CONFIGS.mf.dim, 10);
  assert.equal(DEFAULT_CONFIGS.mf.head, "dot");
  assert.equal(DEFAULT_CONFIGS["factors-only"].ids, false);
});

Deno.test("method() applies overrides and rejects bad ones with a message naming the field", () => {
  const mf = method("mf", { dim: 4, biases: false });
  assert.equal(mf.config.dim, 4);
  assert.equal(mf.config.biases, false);
  assert.throws(() => method("mf", { dim: 0 }), /dim is 0 \(expected an integer >= 1\)/);
  assert.throws(() => method("mf", { lr: -1 }), /lr is -1/);
  assert.throws(() => method("ncf", { hidden: 0 }), /head ncf needs hidden >= 1/);
  assert.throws(() => method("mf", { validFraction: 1 }), /validFraction is 1/);
  assert.throws(() => method("factors-only", { factors: false }), /ids and factors are both off/);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => method("svd" as any), /unknown \(expected one of mf, ncf/);
});

Deno.test("only the factor methods use factors and can predict entities with no score", () => {
  for (const id of LEARNED_METHODS) {
    const factors = id === "ncf-factors" || id === "factors-only";
    assert.equal(METHODS[id].usesFactors, factors, id);
    assert.equal(METHODS[id].coldStart, factors, id);
  }
});

Deno.test({
  name: "fit() returns an n x m prediction matrix, epochs, a curve and the backend per job",
  ...sanitize,
  fn: async () => {
    const problem = smallProblem();
    const jobs = smallJobs(problem);
    for (const id of LEARNED_METHODS) {
      const progress: number[] = [];
      const fit = await method(id, quick).fit(problem, jobs, {
        backend: "cpu",
        onProgress: (p) => progress.push(p.done),
      });
      assert.equal(fit.method, id);
      assert.equal(fit.backend, "cpu");
      assert.equal(fit.predictions.length, jobs.length);
      assert.equal(fit.epochs.length, jobs.length);
      assert.equal(fit.curves.length, jobs.length);
      for (let b = 0; b < jobs.length; b++) {
        assert.equal(fit.predictions[b].length, 35);
        assert.ok(fit.predictions[b].every(Number.isFinite), `${id}: finite predictions`);
        assert.ok(fit.epochs[b] >= 0 && fit.epochs[b] < quick.maxEpochs);
        assert.ok(fit.curves[b].length >= 2, `${id}: curve rows`);
        assert.equal(fit.curves[b][0].epoch, 0);
        assert.equal(fit.curves[b][1].epoch, 10);
      }
      assert.equal(progress.at(-1), jobs.length);
      assert.equal(fit.config.dim, 4);
      assert.ok(fit.seconds > 0);
    }
  },
});

for (const backend of BACKENDS) {
  Deno.test({
    name: `the same seed on ${backend} gives byte-identical predictions`,
    ...sanitize,
    fn: async () => {
      if (!backendReady(backend)) return;
      const problem = smallProblem();
      const jobs = smallJobs(problem);
      for (const id of LEARNED_METHODS) {
        const m = method(id, { ...quick, maxEpochs: 30 });
        const a = await m.fit(problem, jobs, { backend });
        const b = await m.fit(problem, jobs, { backend });
        for (let q = 0; q < jobs.length; q++) {
          assert.deepEqual(
            new Uint8Array(a.predictions[q].buffer),
            new Uint8Array(b.predictions[q].buffer),
          );
        }
        const other = await m.fit(problem, [{ ...jobs[0], seed: 99 }], { backend });
        assert.notDeepEqual(other.predictions[0], a.predictions[0], `${id}: another seed differs`);
      }
    },
  });
}

Deno.test({
  name: "a job's predictions do not depend on the batch it is trained in",
  ...sanitize,
  fn: async () => {
    const problem = smallProblem();
    const jobs = smallJobs(problem);
    for (const backend of ["cpu", "webasm"] as const) {
      for (const id of LEARNED_METHODS) {
        const m = method(id, quick);
        const together = await m.fit(problem, jobs, { backend });
        const alone = await m.fit(problem, [jobs[1]], { backend });
        assert.deepEqual(alone.predictions[0], together.predictions[1], `${backend} ${id}`);
        const split = await method(id, { ...quick, batchSize: 2 }).fit(problem, jobs, { backend });
        assert.deepEqual(split.predictions, together.predictions, `${backend} ${id} batchSize 2`);
      }
    }
  },
});

Deno.test({
  name: "an empty factor coalition trains, and factors change what the factor methods learn",
  ...sanitize,
  fn: async () => {
    const problem = smallProblem();
    const [job] = smallJobs(problem);
    for (const id of ["ncf-factors", "factors-only"] as const) {
      const m = method(id, quick);
      const empty = await m.fit(problem, [{ ...job, modelFactorSet: [], taskFactorSet: [] }], {
        backend: "cpu",
      });
      assert.ok(empty.predictions[0].every(Number.isFinite));
      const all = await m.fit(problem, [job], { backend: "cpu" });
      assert.notDeepEqual(all.predictions[0], empty.predictions[0], id);
    }
    // without any factor, factors-only sees every model alike: one prediction per task
    const blind = await method("factors-only", quick).fit(
      problem,
      [{ ...job, modelFactorSet: [], taskFactorSet: [] }],
      { backend: "cpu" },
    );
    const p = blind.predictions[0];
    for (let i = 1; i < 7; i++) {
      for (let j = 0; j < 5; j++) assert.ok(Math.abs(p[i * 5 + j] - p[j]) < 1e-6);
    }
  },
});

Deno.test({
  name: "factors-only predicts a model with no training cell from its factors",
  ...sanitize,
  fn: async () => {
    const problem = smallProblem();
    // model 6 has no training cell; its factors differ from model 5's
    const train = Uint32Array.from(observedCells(problem).filter((c) => Math.floor(c / 5) !== 6));
    const fit = await method("factors-only", quick).fit(problem, [{ train, seed: 4 }], {
      backend: "cpu",
    });
    const p = fit.predictions[0];
    const row = (i: number) => Array.from(p.subarray(i * 5, (i + 1) * 5));
    assert.ok(row(6).every(Number.isFinite));
    assert.notDeepEqual(row(6), row(5));
  },
});

Deno.test({
  name: "a job's own values replace the problem's values",
  ...sanitize,
  fn: async () => {
    const problem = smallProblem();
    const [job] = smallJobs(problem);
    const shifted = problem.values.map((v) => v + 1);
    const m = method("mf", quick);
    const own = await m.fit(problem, [{ ...job, values: shifted }], { backend: "cpu" });
    const base = await m.fit({ ...problem, values: shifted }, [job], { backend: "cpu" });
    assert.deepEqual(own.predictions[0], base.predictions[0]);
  },
});

Deno.test("fit() rejects jobs it cannot train, saying which and why", async () => {
  const problem: Problem = smallProblem();
  const m = method("mf", quick);
  const fit = (jobs: Job[]) => m.fit(problem, jobs, { backend: "cpu" });
  const missing = problem.values.findIndex(Number.isNaN);
  await assert.rejects(fit([{ train: new Uint32Array(0), seed: 0 }]), /job 0: it has no training/);
  await assert.rejects(fit([{ train: Uint32Array.of(0, 99), seed: 0 }]), /cell 99 is outside/);
  await assert.rejects(
    fit([{ train: Uint32Array.of(0, missing), seed: 0 }]),
    new RegExp(`training cell ${missing} is missing`),
  );
  await assert.rejects(fit([{ train: Uint32Array.of(0, 0), seed: 0 }]), /cell 0 is listed twice/);
  await assert.rejects(
    m.fit(problem, [{ train: Uint32Array.of(0), seed: 0 }], { backend: "gpu" as never }),
    /Cannot choose a backend: 'gpu'/,
  );
});

Deno.test({
  name: "the factor methods also run on a problem without factor tables",
  ...sanitize,
  fn: async () => {
    const { nModels, nTasks, values } = smallProblem();
    const problem = { nModels, nTasks, values };
    const jobs = smallJobs(smallProblem()).map(({ train, seed }) => ({ train, seed }));
    for (const id of ["ncf-factors", "factors-only"] as const) {
      const fit = await method(id, quick).fit(problem, jobs, { backend: "webasm" });
      assert.ok(fit.predictions.every((p) => p.every(Number.isFinite)), id);
    }
  },
});
