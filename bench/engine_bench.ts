/**
 * Training engine: which backend `auto` takes and why; `cpp evaluate`'s fit time for MF on the
 * crowdsourced matrix, run as a user runs it (a fresh process, with and without the remembered
 * probe); where a fit's time goes (probe, pack, compile, epochs, read-back); the time per epoch
 * of each backend against the plain-TypeScript twins at three sizes; a batch of 1,000 MF models
 * against 1,000 sequential fits. Prints figures only (no timed asserts): times per epoch are the
 * fastest of interleaved runs, so a busy machine slows both sides of a ratio alike.
 */
import { loadDataset, normalize } from "../src/lib/mod.ts";
import { type FitStages, method } from "../src/lib/models/mod.ts";
import type { Backend, Job, Problem } from "../src/lib/models/types.ts";
import { DEFAULT_CONFIGS } from "../src/lib/models/config.ts";
import { archSpec, initState, jobCells, packData, problemShape } from "../src/lib/train/pack.ts";
import { makeLayout } from "../src/lib/kernels/layout.ts";
import { availableBackends, chooseAuto, webGpuAdapter } from "../src/lib/kernels/backend.ts";
import { getPlan, runEpochs } from "../src/lib/kernels/engine.ts";
import { twinEpoch } from "../src/lib/kernels/twins.ts";
import { createRng } from "../src/lib/util/random.ts";
import { probeBackend } from "../src/lib/train/probe.ts";

if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

/** A synthetic rank-3 problem, `density` observed, seeded. */
function synthetic(n: number, m: number, density: number, seed: number): Problem {
  const rng = createRng(seed, 11);
  const r = 3;
  const u = Float64Array.from({ length: n * r }, () => rng.normal() * 0.3);
  const v = Float64Array.from({ length: m * r }, () => rng.normal() * 0.3);
  const values = new Float32Array(n * m).fill(NaN);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (rng.next() >= density) continue;
      let s = 0.5;
      for (let d = 0; d < r; d++) s += u[i * r + d] * v[j * r + d];
      values[i * m + j] = s + 0.05 * rng.normal();
    }
  }
  return { nModels: n, nTasks: m, values };
}

function observed(problem: Problem): Uint32Array {
  const out: number[] = [];
  problem.values.forEach((v, c) => {
    if (!Number.isNaN(v)) out.push(c);
  });
  return Uint32Array.from(out);
}

/**
 * Per-epoch ms of the twins and of each backend on one MF job of a problem: the fastest of
 * `runs` interleaved rounds (twin, then each backend), `epochs` epochs per submit.
 */
async function perEpoch(label: string, problem: Problem, backends: Backend[], epochs: number) {
  // no early stop within the timed epochs; a short curve log (its size is part of the state)
  const config = { ...DEFAULT_CONFIGS.mf, maxEpochs: 1000, patience: 1e6 };
  const job: Job = { train: observed(problem), seed: 0 };
  const shape = problemShape(problem);
  const cells = jobCells(problem, job, config, 0);
  const layout = makeLayout(
    archSpec(shape, config, cells.fit.length + cells.valid.length, cells.fit.length),
  );
  const data = new Float32Array(layout.D);
  const state = new Float32Array(layout.S);
  packData(data, layout, problem, shape, job, cells, { ...config });
  initState(state, layout, problem.values, cells, config, createRng(0, 2));
  const runs = problem.values.length > 1e6 ? 3 : 7;
  const best: Record<string, number> = {};
  const plans = backends.map((backend) => getPlan(backend, layout, 1, epochs));
  for (const plan of plans) await runEpochs(plan, state, data); // compile
  twinEpoch(layout, Float64Array.from(state), data);
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    twinEpoch(layout, Float64Array.from(state), data);
    best.twin = Math.min(best.twin ?? Infinity, performance.now() - t0);
    for (const plan of plans) {
      t0 = performance.now();
      await runEpochs(plan, state, data);
      const t = (performance.now() - t0) / epochs;
      best[plan.backend] = Math.min(best[plan.backend] ?? Infinity, t);
    }
  }
  const parts = backends.map((b) => `${b} ${ms(best[b])} (${(best[b] / best.twin).toFixed(2)}x)`);
  console.log(
    `${`${label}, ms per epoch`.padEnd(44)} twin ${ms(best.twin)}; ${parts.join("; ")}` +
      `  (${epochs} epochs per submit, fastest of ${runs})`,
  );
}

const STAGES: readonly (keyof FitStages)[] = ["probe", "pack", "compile", "epochs", "readback"];

function stageLine(label: string, stages: FitStages, fits: number): void {
  const total = STAGES.reduce((a, k) => a + stages[k], 0);
  const parts = STAGES.map((k) => `${k} ${ms(stages[k] / fits)}`);
  console.log(`${label.padEnd(44)} ${parts.join(", ")} (ms per fit; ${ms(total / fits)} in all)`);
}

/** `cpp evaluate cpp-crowdsource --method mf --seeds 5`'s fit time, in a fresh process. */
async function evaluateFitSeconds(cache: string): Promise<{ fit: number; backend: string }> {
  const cli = new URL("../src/cli.ts", import.meta.url).pathname;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-all", cli, "evaluate", "cpp-crowdsource", "--method", "mf"]
      .concat(["--seeds", "5", "--json", "--no-intervals"]),
    env: { CPP_CACHE_DIR: cache, CPP_FIT_CACHE: "0" },
    stdout: "piped",
    stderr: "null",
  }).output();
  if (!output.success) throw new Error("cpp evaluate failed");
  const json = JSON.parse(new TextDecoder().decode(output.stdout));
  return { fit: json.rows[0].fitSeconds.mean, backend: json.rows[0].backend };
}

export async function benchEngine(): Promise<void> {
  console.log("\n# Training engine (kernels, train, models)");
  const info = await webGpuAdapter();
  const backends = await availableBackends();
  const auto = await chooseAuto(probeBackend);
  console.log(
    `WebGPU: ${
      info.available ? `${info.description}${info.fallback ? " (software fallback)" : ""}` : "none"
    }`,
  );
  console.log(`auto picks ${auto.backend}: ${auto.reason}`);

  // cpp evaluate as a user runs it: every fit of the process counted, compile included
  const dataDir = Deno.env.get("CPP_DATA_DIR") ?? "../shared/datasets";
  const cache = await Deno.makeTempDir();
  try {
    const cold = await evaluateFitSeconds(cache);
    const warm = await evaluateFitSeconds(cache);
    console.log(
      `${"cpp evaluate --method mf --seeds 5, per fit".padEnd(44)} ${
        ms(warm.fit * 1000)
      } ms on ${warm.backend} (probe remembered); ${ms(cold.fit * 1000)} ms ` +
        `the first time on this machine (probe measured)`,
    );
  } catch (error) {
    console.log(`cpp evaluate: skipped (${(error as Error).message})`);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }

  // One MF fit on cpp-crowdsource (cpp scale, seed 0's 95% training cells), stage by stage.
  const data = await loadDataset("cpp-crowdsource", { dataDir });
  const { dense, lowerIsBetter } = data.scores;
  const norm = normalize(dense, lowerIsBetter, { kind: "cpp" });
  const cells = observed({ nModels: dense.nModels, nTasks: dense.nTasks, values: norm.values });
  const problem: Problem = { nModels: dense.nModels, nTasks: dense.nTasks, values: norm.values };
  const seedJobs = (count: number): Job[] =>
    Array.from({ length: count }, (_, s) => {
      const r = createRng(s, 1);
      return { train: cells.filter(() => r.next() >= 0.05), seed: s };
    });
  for (const backend of backends) {
    const mf = method("mf");
    const jobs = seedJobs(5);
    const first = await mf.fit(problem, jobs, { backend, workers: 1 });
    stageLine(`MF, 5 seeds in one batch, ${backend}, first`, first.stages!, 5);
    const again = await mf.fit(problem, jobs, { backend, workers: 1 });
    stageLine(`MF, 5 seeds in one batch, ${backend}, again`, again.stages!, 5);
  }

  // Per-epoch time against the twins.
  for (const [n, m] of [[72, 29], [1000, 100], [10000, 1000]]) {
    const problem = synthetic(n, m, 0.3, 1);
    const epochs = n * m > 1e6 ? 3 : n * m > 1e4 ? 10 : 50;
    await perEpoch(`MF ${n}x${m} (30% observed)`, problem, backends, epochs);
  }

  // 1,000 MF models at once against 1,000 sequential fits (20 epochs each, no early stop).
  const count = 1000;
  const epochs = 20;
  const jobs = seedJobs(count);
  const fixed = { maxEpochs: epochs, patience: 1e6, epochsPerCall: epochs, batchSize: count };
  for (const backend of backends.filter((b) => b !== "webgpu" || !info.fallback)) {
    const mf = method("mf", fixed);
    await mf.fit(problem, jobs.slice(0, 2), { backend, workers: 1 });
    const t0 = performance.now();
    await mf.fit(problem, jobs, { backend, workers: 1 });
    const batched = performance.now() - t0;
    // the same batch on its compiled plan: what the first one's time was made of
    const t1 = performance.now();
    const warm = await mf.fit(problem, jobs, { backend, workers: 1 });
    const compile = Math.max(0, batched - (performance.now() - t1));
    await mf.fit(problem, [jobs[0]], { backend, workers: 1 });
    const t2 = performance.now();
    for (const job of jobs) await mf.fit(problem, [job], { backend, workers: 1 });
    const sequential = performance.now() - t2;
    console.log(
      `${`${count} MF models x ${epochs} epochs, ${backend}`.padEnd(44)} batched ` +
        `${batched.toFixed(0)} ms, sequential ${sequential.toFixed(0)} ms ` +
        `(${(sequential / batched).toFixed(2)}x)`,
    );
    stageLine(`  the batch again (compile: first less again)`, { ...warm.stages!, compile }, count);
  }
  if (info.fallback) {
    console.log("1,000-model batch on webgpu: skipped (software adapter, minutes per run)");
  }
}

if (import.meta.main) await benchEngine();
