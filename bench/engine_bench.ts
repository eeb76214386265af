/**
 * Training engine: one MF fit on the crowdsourced matrix (compile time apart), per-epoch time of
 * each backend against the plain-TypeScript twins at three sizes, and a batch of 1,000 MF models
 * against 1,000 sequential fits. Prints figures only (no timed asserts).
 */
import { loadDataset, normalize } from "../src/lib/mod.ts";
import { method } from "../src/lib/models/mod.ts";
import type { Backend, Job, Problem } from "../src/lib/models/types.ts";
import { DEFAULT_CONFIGS } from "../src/lib/models/config.ts";
import { archSpec, initState, jobCells, packData, problemShape } from "../src/lib/models/pack.ts";
import { makeLayout } from "../src/lib/kernels/layout.ts";
import { availableBackends, chooseAuto, webGpuAdapter } from "../src/lib/kernels/backend.ts";
import { getPlan, runEpochs } from "../src/lib/kernels/engine.ts";
import { twinEpoch } from "../src/lib/kernels/twins.ts";
import { createRng } from "../src/lib/train/rng.ts";
import { probeBackend } from "../src/lib/train/probe.ts";
import { report, time } from "./_timing.ts";

if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");

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

/** Per-epoch ms of the backends and the twins on one MF job of a problem. */
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
  const runs = problem.values.length > 1e6 ? 2 : 5;
  const twinState = Float64Array.from(state);
  const twin = await time(() => twinEpoch(layout, twinState, data), { runs, warmup: 1 });
  report(`${label} plain TS twin, per epoch`, twin);
  for (const backend of backends) {
    try {
      const plan = getPlan(backend, layout, 1, epochs);
      const t = await time(() => runEpochs(plan, state, data), { runs, warmup: 1 });
      const per = { ...t, median: t.median / epochs, min: t.min / epochs, max: t.max / epochs };
      report(`${label} ${backend}, per epoch`, per, `(${epochs} epochs per submit)`);
    } catch (error) {
      console.log(`${label} ${backend}: failed (${(error as Error).message.split("\n")[0]})`);
    }
  }
}

export async function benchEngine(): Promise<void> {
  console.log("\n# Training engine (kernels, models, train)");
  const info = await webGpuAdapter();
  const backends = await availableBackends();
  const auto = await chooseAuto(probeBackend);
  console.log(
    `WebGPU: ${info.available ? info.description : "none"}${info.fallback ? " (fallback)" : ""}`,
  );
  console.log(`auto picks ${auto.backend}: ${auto.reason}`);

  // One MF fit on cpp-crowdsource (cpp scale, seed 0's 95% training cells).
  const dataDir = Deno.env.get("CPP_DATA_DIR") ?? "../shared/datasets";
  const data = await loadDataset("cpp-crowdsource", { dataDir });
  const { dense, lowerIsBetter } = data.scores;
  const norm = normalize(dense, lowerIsBetter, { kind: "cpp" });
  const cells = observed({ nModels: dense.nModels, nTasks: dense.nTasks, values: norm.values });
  const rng = createRng(0, 1);
  const train = cells.filter(() => rng.next() >= 0.05);
  const problem: Problem = { nModels: dense.nModels, nTasks: dense.nTasks, values: norm.values };
  for (const backend of backends) {
    const mf = method("mf");
    const t0 = performance.now();
    const first = await mf.fit(problem, [{ train, seed: 0 }], { backend });
    const cold = performance.now() - t0;
    const t = await time(() => mf.fit(problem, [{ train, seed: 0 }], { backend }), {
      runs: backend === "webgpu" ? 3 : 10,
      warmup: 1,
    });
    report(
      `MF fit, cpp-crowdsource ${train.length} cells, ${backend}`,
      t,
      `(${first.curves[0].at(-1)!.epoch + 10} epochs; first fit ${cold.toFixed(0)} ms, ` +
        `compile ~${(cold - t.median).toFixed(0)} ms)`,
    );
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
  const jobs: Job[] = Array.from({ length: count }, (_, s) => {
    const r = createRng(s, 1);
    return { train: cells.filter(() => r.next() >= 0.05), seed: s };
  });
  const fixed = { maxEpochs: epochs, patience: 1e6, epochsPerCall: epochs, batchSize: count };
  for (const backend of backends.filter((b) => b !== "webgpu" || !info.fallback)) {
    const mf = method("mf", fixed);
    await mf.fit(problem, jobs.slice(0, 2), { backend });
    const t0 = performance.now();
    await mf.fit(problem, jobs, { backend });
    const batched = performance.now() - t0;
    await mf.fit(problem, [jobs[0]], { backend });
    const t1 = performance.now();
    for (const job of jobs) await mf.fit(problem, [job], { backend });
    const sequential = performance.now() - t1;
    console.log(
      `${`${count} MF models x ${epochs} epochs, ${backend}`.padEnd(52)} batched ` +
        `${batched.toFixed(0)} ms, sequential ${sequential.toFixed(0)} ms ` +
        `(${(sequential / batched).toFixed(2)}x)`,
    );
  }
  if (info.fallback) {
    console.log("1,000-model batch on webgpu: skipped (software adapter, minutes per run)");
  }
}

if (import.meta.main) await benchEngine();
