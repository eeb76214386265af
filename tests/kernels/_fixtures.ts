/**
 * Shared fixtures of the engine tests: a small synthetic problem with numeric and categorical
 * factors (some missing, some negative), the architecture variants every test runs, batches
 * packed the way the training loop packs them, and the backends to run on.
 */
import type { FactorTable } from "../../src/lib/data/types.ts";
import type { Job, Problem } from "../../src/lib/train/types.ts";
import { DEFAULT_CONFIGS, type EngineConfig } from "../../src/lib/models/config.ts";
import {
  archSpec,
  initState,
  jobCells,
  jobValues,
  packData,
  problemShape,
} from "../../src/lib/train/pack.ts";
import { type Layout, makeLayout } from "../../src/lib/kernels/layout.ts";
import { availableBackends, type Backend } from "../../src/lib/kernels/backend.ts";
import { createRng } from "../../src/lib/util/random.ts";
import { prerequisite } from "../_prerequisites.ts";

if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");

/** A 7 x 5 problem, about 70% observed, with model and task factors. */
export function smallProblem(seed = 1): Problem {
  const n = 7;
  const m = 5;
  const rng = createRng(seed, 7);
  const values = new Float32Array(n * m).fill(NaN);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      // every model and task keeps at least two cells
      if ((i + j) % 3 !== 0 || i < 2) values[i * m + j] = 0.2 + 0.6 * rng.next();
    }
  }
  const modelFactors: FactorTable = {
    source: "test",
    entity: "model",
    names: Array.from({ length: n }, (_, i) => `model${i}`),
    factors: [
      {
        name: "params",
        kind: "numeric",
        kindSource: "declared",
        values: [7, 13, 70, null, 1.5, 3000, 0.5],
      },
      {
        name: "family",
        kind: "categorical",
        kindSource: "declared",
        values: ["a", "a", "b", "c", null, "b", "d"],
      },
      {
        name: "delta",
        kind: "numeric",
        kindSource: "declared",
        values: [-3, 2, null, 0, -0.5, 4, null],
      },
      {
        name: "tuned",
        kind: "categorical",
        kindSource: "declared",
        values: ["no", "yes", "no", "no", "yes", "no", "no"],
      },
    ],
  };
  const taskFactors: FactorTable = {
    source: "test",
    entity: "task",
    names: Array.from({ length: m }, (_, j) => `task${j}`),
    factors: [
      {
        name: "shots",
        kind: "numeric",
        kindSource: "declared",
        values: [0, 5, 25, null, 3],
      },
      {
        name: "ability",
        kind: "categorical",
        kindSource: "declared",
        values: ["x", "y", "x", "z", "y"],
      },
    ],
  };
  return { nModels: n, nTasks: m, values, modelFactors, taskFactors };
}

/** The observed cells of a problem. */
export function observedCells(problem: Problem): number[] {
  const out: number[] = [];
  for (let c = 0; c < problem.values.length; c++) if (!Number.isNaN(problem.values[c])) out.push(c);
  return out;
}

/** Three jobs: different cells left out, seeds and factor sets (one empty coalition). */
export function smallJobs(problem: Problem): Job[] {
  const cells = observedCells(problem);
  const drop = (every: number, from: number) =>
    Uint32Array.from(cells.filter((_, q) => q % every !== from));
  return [
    { train: drop(6, 1), seed: 11 },
    { train: drop(5, 2), seed: 12, modelFactorSet: [0, 1], taskFactorSet: [] },
    { train: drop(7, 3), seed: 13, modelFactorSet: [], taskFactorSet: [1] },
  ];
}

/** Architecture variants: every head x embedding combination the methods use, and more. */
export const VARIANTS: Readonly<Record<string, EngineConfig>> = {
  mf: { ...DEFAULT_CONFIGS.mf, dim: 3 },
  "mf-no-biases": { ...DEFAULT_CONFIGS.mf, dim: 3, biases: false },
  ncf: { ...DEFAULT_CONFIGS.ncf, dim: 3, hidden: 4, biases: true },
  "ncf-factors": { ...DEFAULT_CONFIGS["ncf-factors"], dim: 3, hidden: 4, factorHidden: 3 },
  "factors-only": { ...DEFAULT_CONFIGS["factors-only"], dim: 3, hidden: 4, factorHidden: 3 },
  "dot-factors": {
    ...DEFAULT_CONFIGS.mf,
    dim: 3,
    factors: true,
    factorHidden: 3,
  },
};

/** A batch packed as the training loop packs it. */
export interface Packed {
  readonly layout: Layout;
  readonly B: number;
  readonly data: Float32Array;
  readonly state: Float32Array;
}

/** Packs jobs into a layout, data and initial states (as fitBatch does). */
export function pack(
  problem: Problem,
  jobs: readonly Job[],
  config: EngineConfig,
  overrides: Partial<{ l2: number; l2Bias: number; patience: number; maxEpochs: number }> = {},
): Packed {
  const shape = problemShape(problem);
  const cells = jobs.map((job, b) => jobCells(problem, job, config, b));
  const maxCells = Math.max(...cells.map((c) => c.fit.length + c.valid.length));
  const maxTrain = Math.max(...cells.map((c) => c.fit.length));
  const layout = makeLayout(archSpec(shape, config, maxCells, maxTrain));
  const { D, S } = layout;
  const B = jobs.length;
  const data = new Float32Array(B * D);
  const state = new Float32Array(B * S);
  const settings = {
    lr: config.lr,
    l2: overrides.l2 ?? config.l2,
    l2Bias: overrides.l2Bias ?? config.l2Bias,
    patience: overrides.patience ?? config.patience,
    maxEpochs: overrides.maxEpochs ?? config.maxEpochs,
  };
  for (let b = 0; b < B; b++) {
    packData(
      data.subarray(b * D, (b + 1) * D),
      layout,
      problem,
      shape,
      jobs[b],
      cells[b],
      settings,
    );
    const values = jobValues(problem, jobs[b], b);
    const rng = createRng(jobs[b].seed, 2);
    initState(state.subarray(b * S, (b + 1) * S), layout, values, cells[b], config, rng);
  }
  return { layout, B, data, state };
}

/**
 * A state "in the middle of training": every parameter random (so no ReLU sits at a kink and no
 * block is zero), positive second moments, a few epochs counted, job 1 stopped when asked.
 */
export function midTrainingState(packed: Packed, seed: number, stopJob = -1): Float32Array {
  const { layout, B } = packed;
  const { P, S } = layout;
  const K = layout.constants;
  const rng = createRng(seed, 3);
  const state = packed.state.slice();
  for (let b = 0; b < B; b++) {
    const o = b * S;
    for (let p = 0; p < P; p++) {
      state[o + p] = 0.5 * rng.normal();
      state[o + P + p] = 0.1 * rng.normal();
      state[o + 2 * P + p] = 0.01 + 0.1 * rng.next();
      state[o + 3 * P + p] = rng.normal();
    }
    state[o + K.sT] = 10;
    state[o + K.sBest] = 0.05 + 0.1 * b;
    state[o + K.sPow1] = 0.9 ** 10;
    state[o + K.sPow2] = 0.999 ** 10;
    state[o + K.sStopped] = b === stopJob ? 1 : 0;
  }
  return state;
}

/** Asserts two arrays agree to float32 rounding relative to the output's scale. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  tolerance = 2e-5,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  }
  let scale = 1;
  for (let q = 0; q < expected.length; q++) scale = Math.max(scale, Math.abs(expected[q]));
  for (let q = 0; q < expected.length; q++) {
    const diff = Math.abs(actual[q] - expected[q]);
    if (!(diff <= tolerance * scale)) {
      throw new Error(
        `${what}: element ${q} is ${actual[q]}, expected ${
          expected[q]
        } (diff ${diff}, scale ${scale})`,
      );
    }
  }
}

/**
 * The backends to test on: cpu and webasm always; webgpu when an adapter answers (software
 * ones included). Without one the webgpu tests are skipped with a message, or fail under CI=true.
 */
const available = await availableBackends();
export const BACKENDS: readonly Backend[] = ["cpu", "webasm", "webgpu"];

/** True when the backend can run here (prints why not, or throws under CI=true). */
export function backendReady(backend: Backend): boolean {
  return prerequisite(available.includes(backend), `a WebGPU adapter (backend ${backend})`);
}
