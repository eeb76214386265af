import assert from "node:assert/strict";
import { method } from "../../src/lib/models/mod.ts";
import type { FitResult, Job } from "../../src/lib/models/types.ts";
import { fitCacheDir, fitKeys } from "../../src/lib/train/fit_cache.ts";
import type { FitLogLine } from "../../src/lib/train/fit_log.ts";
import { DEFAULT_CONFIGS } from "../../src/lib/models/config.ts";
import { smallJobs, smallProblem } from "../kernels/_fixtures.ts";

const sanitize = { sanitizeOps: false, sanitizeResources: false };
const problem = smallProblem();
const jobs = smallJobs(problem);
const base = { backend: "webasm", workers: 1 } as const;

/** A fresh fit-cache folder for `fn` (passed as `cache`: test files may share one process's env). */
async function withCache<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir();
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function entries(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const shard of Deno.readDir(dir)) {
    for await (const file of Deno.readDir(`${dir}/${shard.name}`)) out.push(file.name);
  }
  return out.sort();
}

/** Everything of a fit but its timings. */
function outputs(fit: FitResult) {
  return {
    backend: fit.backend,
    predictions: fit.predictions.map((p) => Array.from(new Uint8Array(p.buffer))),
    epochs: fit.epochs,
    curves: fit.curves,
    config: fit.config,
    models: JSON.stringify(fit.models ?? null),
  };
}

Deno.test({
  name: "a fit read from the fit cache has the bytes of training, models included",
  ...sanitize,
  fn: () =>
    withCache(async (dir) => {
      const options = { ...base, cache: dir };
      for (const id of ["mf", "ncf-factors"] as const) {
        const m = method(id, { maxEpochs: 60 });
        const trained = await m.fit(problem, jobs, { ...options, keepModels: true, cache: false });
        const first = await m.fit(problem, jobs, { ...options, keepModels: true });
        assert.equal(first.cached, 0);
        const progress: number[] = [];
        const again = await m.fit(problem, jobs, {
          ...options,
          keepModels: true,
          onProgress: (p) => progress.push(p.done),
        });
        assert.equal(again.cached, jobs.length, `${id}: every job from the cache`);
        assert.deepEqual(progress, [jobs.length]);
        assert.deepEqual(outputs(again), outputs(trained));
        assert.deepEqual(outputs(first), outputs(trained));
        // without models, the same entries serve; the models' entries hold the predictions
        const plain = await m.fit(problem, jobs, options);
        assert.equal(plain.cached, jobs.length);
        assert.deepEqual(
          outputs(plain),
          outputs(await m.fit(problem, jobs, { ...options, cache: false })),
        );
      }
      assert.equal((await entries(dir)).length, 2 * jobs.length);
    }),
});

Deno.test({
  name: "a changed seed, training cell, value, configuration or backend misses the fit cache",
  ...sanitize,
  fn: () =>
    withCache(async (dir) => {
      const options = { ...base, cache: dir };
      const m = method("mf", { maxEpochs: 40 });
      await m.fit(problem, jobs, options);
      const reseeded: Job[] = jobs.map((j) => ({ ...j, seed: j.seed + 100 }));
      assert.equal((await m.fit(problem, reseeded, options)).cached, 0);
      const fewer: Job[] = jobs.map((j) => ({ ...j, train: j.train.subarray(1) }));
      assert.equal((await m.fit(problem, fewer, options)).cached, 0);
      const values = problem.values.slice();
      values[jobs[0].train[0]] += 0.01;
      const changed = await m.fit({ ...problem, values }, jobs, options);
      assert.equal(changed.cached, 0);
      assert.equal((await method("mf", { maxEpochs: 41 }).fit(problem, jobs, options)).cached, 0);
      assert.equal((await m.fit(problem, jobs, { ...options, backend: "cpu" })).cached, 0);
      assert.equal((await m.fit(problem, jobs, options)).cached, jobs.length);
      // keys differ job by job, and are stable
      const keys = await fitKeys(problem, jobs, DEFAULT_CONFIGS.mf, "webasm");
      assert.equal(new Set(keys).size, jobs.length);
      assert.deepEqual(await fitKeys(problem, jobs, DEFAULT_CONFIGS.mf, "webasm"), keys);
    }),
});

Deno.test({
  name: "a damaged fit-cache entry is a miss and is written again; cache: false writes nothing",
  ...sanitize,
  fn: () =>
    withCache(async (dir) => {
      const options = { ...base, cache: dir };
      const m = method("mf", { maxEpochs: 40 });
      const trained = await m.fit(problem, jobs, options);
      const [entry] = (await entries(dir)).map((name) => `${dir}/${name.slice(0, 2)}/${name}`);
      const bytes = await Deno.readFile(entry);
      await Deno.writeFile(entry, bytes.subarray(0, bytes.length - 4));
      const again = await m.fit(problem, jobs, options);
      assert.equal(again.cached, jobs.length - 1);
      assert.deepEqual(outputs(again), outputs(trained));
      assert.deepEqual(await Deno.readFile(entry), bytes);
      const off = await method("mf", { maxEpochs: 30 }).fit(problem, jobs, {
        ...options,
        cache: false,
      });
      assert.equal(off.cached, 0);
      assert.equal((await entries(dir)).length, jobs.length);
    }),
});

Deno.test("CPP_FIT_CACHE=0 turns the fit cache off; CPP_FIT_CACHE_DIR moves it", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assert.equal(fitCacheDir(env({ CPP_FIT_CACHE: "0", CPP_FIT_CACHE_DIR: "/x" })), null);
  assert.equal(fitCacheDir(env({ CPP_FIT_CACHE_DIR: "/x" })), "/x");
  assert.equal(fitCacheDir(env({ CPP_FIT_CACHE: "1", CPP_FIT_CACHE_DIR: "/x" })), "/x");
});

Deno.test({
  name: "with CPP_FIT_LOG, each fit logs its jobs' cache keys; CPP_FIT_CACHE=0 stores nothing",
  ...sanitize,
  fn: () =>
    withCache(async (dir) => {
      // in a process of its own: the environment is shared by test files run in parallel
      const log = `${dir}/fits.jsonl`;
      const script = new URL("./_fit_env.ts", import.meta.url).pathname;
      const run = (env: Record<string, string>) =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "--allow-all", script],
          env: { CPP_FIT_LOG: log, CPP_FIT_CACHE_DIR: `${dir}/fits`, ...env },
          stdout: "null",
          stderr: "inherit",
        }).output();
      assert.ok((await run({ CPP_FIT_CACHE: "1" })).success);
      assert.ok((await run({ CPP_FIT_CACHE: "0" })).success);
      const lines: FitLogLine[] = (await Deno.readTextFile(log)).trim().split("\n").map((l) =>
        JSON.parse(l)
      );
      assert.deepEqual(
        lines.map((l) => [l.label, l.jobs, l.cached]),
        [["mf", 3, 0], ["mf", 1, 1], ["mf", 3, 0], ["mf", 1, 0]],
      );
      assert.equal(lines[1].keys![0], lines[0].keys![0]);
      assert.deepEqual(lines[2].keys, lines[0].keys);
      assert.equal((await entries(`${dir}/fits`)).length, jobs.length);
    }),
});

Deno.test({
  name: "a job cached from one batch serves another batch with the bytes training it there gives",
  ...sanitize,
  fn: () =>
    withCache(async (dir) => {
      for (const id of ["mf", "ncf-factors"] as const) {
        const m = method(id, { maxEpochs: 60 });
        const o = { ...base, keepModels: true } as const;
        await m.fit(problem, jobs, { ...o, cache: dir });
        for (const job of jobs) {
          // alone, the batch's padding (its most cells) is this job's, not the three jobs'
          const trained = await m.fit(problem, [job], { ...o, cache: false });
          const read = await m.fit(problem, [job], { ...o, cache: dir });
          assert.equal(read.cached, 1);
          assert.deepEqual(outputs(read), outputs(trained));
        }
      }
    }),
});
