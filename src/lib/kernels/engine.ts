/**
 * Compiles the kernels of one layout and batch size on one backend into two gpu.js pipelines:
 * `epochs` (many training epochs per submit, state in and out, no readback in between) and
 * `predict` (the full n x m matrix of every job). Compiled plans are cached per process.
 *
 * @module
 */
// deno-lint-ignore-file no-explicit-any
import * as gpujs from "gpu.js";
import type { GPU, IPipelineRunShortcut } from "gpu.js";
import { type Backend, gpuFor } from "./backend.ts";
import {
  kCellOut,
  kEmbed,
  kEntDelta,
  kEntGrad,
  kEntHidden,
  kEntProj,
  kGrad,
  kHidGrad,
  kLoss,
  kPredict,
  kStep,
} from "./kernels.ts";
import type { Layout } from "./layout.ts";
import { KERNEL_NAMES, type KernelName, kernelSize } from "./sizes.ts";

export { KERNEL_NAMES, type KernelName, kernelSize } from "./sizes.ts";

const FUNCTIONS: Readonly<Record<KernelName, (...args: any[]) => number>> = {
  entHidden: kEntHidden,
  embed: kEmbed,
  entProj: kEntProj,
  cellOut: kCellOut,
  loss: kLoss,
  entDelta: kEntDelta,
  entGrad: kEntGrad,
  hidGrad: kHidGrad,
  grad: kGrad,
  step: kStep,
  predict: kPredict,
};

type Shortcut = any;

/** A compiled layout x batch size x backend. */
export interface Plan {
  readonly backend: Backend;
  readonly layout: Layout;
  readonly B: number;
  readonly epochsPerCall: number;
  readonly kernels: Readonly<Record<KernelName, Shortcut>>;
  readonly epochs: IPipelineRunShortcut;
  readonly predict: IPipelineRunShortcut;
  /** Flat 1D buffers (webgpu) rather than 2D `[X, B]` ones (cpu, webasm). */
  readonly flat: boolean;
}

const LOOP_MAX = 1 << 26;

/** Per-job stride of each kernel argument, by argument name (for the flat webgpu form). */
const ARG_STRIDE: Readonly<Record<string, string>> = {
  st: "S",
  data: "D",
  hid: "zHid",
  emb: "zEmb",
  pe: "zPe",
  res: "C",
  de: "zDe",
  ge: "zGe",
  dh: "zHid",
  g: "P",
  loss: "zLoss",
};

/**
 * The flat form of a kernel, for webgpu: a 1D output of `B x zOut` values and flat inputs read at
 * `b * stride + element` (a 2D WebGPU dispatch is capped at 65,535 workgroups per dimension, so a
 * 2D output cannot hold a large job). The job `b` is recovered from `this.thread.x` with an exact
 * floor (float division can round up at the end of a job).
 */
export function flatKernelSource(fn: (...args: any[]) => number): string {
  let src = fn.toString();
  const head = "const b = this.thread.y;";
  const xLine = "const x = this.thread.x;";
  if (!src.includes(head) || !src.includes(xLine)) {
    throw new Error(`Cannot flatten kernel ${fn.name}: it must start by naming b and x`);
  }
  src = src.replace(
    head,
    "const Z = this.constants.zOut; let b = Math.floor(this.thread.x / Z); " +
      "if (b * Z > this.thread.x) { b = b - 1; } " +
      "if ((b + 1) * Z <= this.thread.x) { b = b + 1; }",
  );
  src = src.replace(xLine, "const x = this.thread.x - b * Z;");
  for (const [arg, stride] of Object.entries(ARG_STRIDE)) {
    src = src.replaceAll(`${arg}[b][`, `${arg}[b * this.constants.${stride} + `);
  }
  if (src.includes("[b][")) {
    throw new Error(`Cannot flatten kernel ${fn.name}: an argument has no stride`);
  }
  return src;
}

function makeKernel(
  gpu: GPU,
  name: KernelName,
  layout: Layout,
  B: number,
  flat: boolean,
): Shortcut {
  const size = kernelSize(layout, name);
  const settings = {
    output: flat ? [size * B] : [size, B],
    constants: { ...layout.constants, zOut: size },
    loopMaxIterations: LOOP_MAX,
    precision: "single",
    tactic: "precision",
  };
  const source = flat ? flatKernelSource(FUNCTIONS[name]) : FUNCTIONS[name];
  return (gpu as any).createKernel(source, settings);
}

const cache = new Map<string, Plan>();
const CACHE_MAX = 16;

/** The compiled plan for a layout, batch size and backend (cached; built on first run). */
export function getPlan(backend: Backend, layout: Layout, B: number, epochsPerCall: number): Plan {
  const key = `${backend}|${B}|${epochsPerCall}|${JSON.stringify(layout.constants)}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const gpu = gpuFor(backend);
  const flat = backend === "webgpu";
  const kernels = Object.fromEntries(
    KERNEL_NAMES.map((name) => [name, makeKernel(gpu, name, layout, B, flat)]),
  ) as Record<KernelName, Shortcut>;
  const fac = layout.constants.factors > 0;
  const ncf = layout.constants.head > 0;
  const k = kernels;
  // One epoch, traced: unused inputs of a kernel get `data` as a stand-in (never read).
  const epoch = (st: unknown, data: unknown): unknown => {
    let emb = st;
    let pe = data;
    let de = data;
    let ge = data;
    let dh = data;
    if (fac) emb = k.embed(st, data, k.entHidden(st, data));
    if (ncf) pe = k.entProj(st, emb);
    const res = k.cellOut(st, data, emb, pe);
    const loss = k.loss(data, res);
    if (ncf) de = k.entDelta(st, data, pe, res);
    if (fac) {
      ge = k.entGrad(st, data, emb, res, de);
      dh = k.hidGrad(st, emb, ge);
    }
    const g = k.grad(st, data, emb, res, ge, de, dh);
    return k.step(st, data, g, loss);
  };
  const settings = { threads: false, constants: { epochs: epochsPerCall } };
  const epochs = gpu.createPipeline(function (this: any, st: unknown, data: unknown) {
    let s = st;
    for (let e = 0; e < this.constants.epochs; e++) s = epoch(s, data);
    return s;
  }, settings as any);
  const predict = gpu.createPipeline(function (st: unknown, data: unknown) {
    let emb = st;
    let pe = data;
    if (fac) emb = k.embed(st, data, k.entHidden(st, data));
    if (ncf) pe = k.entProj(st, emb);
    return k.predict(st, emb, pe);
  }, { threads: false } as any);
  const plan: Plan = { backend, layout, B, epochsPerCall, kernels, epochs, predict, flat };
  cache.set(key, plan);
  while (cache.size > CACHE_MAX) {
    const [oldKey, old] = cache.entries().next().value!;
    cache.delete(oldKey);
    destroyPlan(old);
  }
  return plan;
}

function destroyPlan(plan: Plan): void {
  // Destroying is best effort: a plan may be in flight elsewhere (its promise keeps it alive).
  try {
    void plan.epochs.destroy();
    void plan.predict.destroy();
    for (const kernel of Object.values(plan.kernels)) kernel.destroy?.();
  } catch {
    // ignore
  }
}

/** How each cached plan's pipelines execute (executor kind, fallback reason), for reports. */
export function planReport(): { backend: Backend; B: number; epochs: string; predict: string }[] {
  return [...cache.values()].map((plan) => ({
    backend: plan.backend,
    B: plan.B,
    epochs: `${plan.epochs.executorKind}${
      plan.epochs.fallbackReason ? ` (${plan.epochs.fallbackReason})` : ""
    }`,
    predict: `${plan.predict.executorKind}${
      plan.predict.fallbackReason ? ` (${plan.predict.fallbackReason})` : ""
    }`,
  }));
}

/** Drops every compiled plan (tests, benchmarks). */
export function clearPlans(): void {
  for (const plan of cache.values()) destroyPlan(plan);
  cache.clear();
}

/**
 * A kernel result as one Float32Array of B x X values, always our own copy (a backend may reuse
 * its output buffer on the next call): flat results as they are, 2D results row by row.
 */
function readResult(result: unknown, X: number, B: number): Float32Array {
  if (result instanceof Float32Array) {
    if (result.length !== X * B) {
      throw new RangeError(
        `Cannot read a kernel result: ${result.length} values (expected ${B} x ${X})`,
      );
    }
    return result.slice();
  }
  const rows = result as ArrayLike<ArrayLike<number>>;
  if (rows.length !== B) {
    throw new RangeError(`Cannot read a kernel result: ${rows.length} rows (expected ${B})`);
  }
  const out = new Float32Array(X * B);
  for (let b = 0; b < B; b++) out.set(rows[b], b * X);
  return out;
}

/** A flat B x X buffer as a kernel argument: as it is (flat plans) or as a 2D input. */
function argument(plan: Plan, values: Float32Array, X: number): unknown {
  if (values.length !== X * plan.B) {
    throw new RangeError(
      `Cannot pass a buffer to the kernels: ${values.length} floats (expected ${plan.B} x ${X})`,
    );
  }
  // gpu.js's typings declare `input` as a type only; it is a function at run time
  return plan.flat ? values : (gpujs as any).input(values, [X, plan.B]);
}

/** Runs `plan.epochsPerCall` epochs: state in, state out (B x S). */
export async function runEpochs(
  plan: Plan,
  state: Float32Array,
  data: Float32Array,
): Promise<Float32Array> {
  const { S, D } = plan.layout;
  const out = await plan.epochs(argument(plan, state, S) as any, argument(plan, data, D) as any);
  return readResult(out, S, plan.B);
}

/** Predictions of every job for every cell (B x n m), from the parameters at the head of `state`. */
export async function runPredict(
  plan: Plan,
  state: Float32Array,
  data: Float32Array,
): Promise<Float32Array> {
  const { S, D } = plan.layout;
  const out = await plan.predict(argument(plan, state, S) as any, argument(plan, data, D) as any);
  return readResult(out, plan.layout.constants.n * plan.layout.constants.m, plan.B);
}

/**
 * Runs one kernel by itself (the tests compare it with its twin). `args` are flat B x X
 * buffers, in the kernel's argument order.
 */
export async function runKernel(
  plan: Plan,
  name: KernelName,
  args: readonly Float32Array[],
): Promise<Float32Array> {
  const kernel = plan.kernels[name];
  const inputs = args.map((a) => argument(plan, a, a.length / plan.B));
  const out = await kernel(...inputs);
  return readResult(out, kernelSize(plan.layout, name), plan.B);
}
