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
  kEntSum,
  kGrad,
  kHidGrad,
  kLoss,
  kPredict,
  kSlotRes,
  kStep,
} from "./kernels.ts";
import type { Layout } from "./layout.ts";
import {
  ENTITY_ARGS,
  KERNEL_NAMES,
  kernelDims,
  type KernelName,
  KERNELS,
  kernelSize,
} from "./sizes.ts";

export { KERNEL_NAMES, type KernelName, kernelSize } from "./sizes.ts";

const FUNCTIONS: Readonly<Record<KernelName, (...args: any[]) => number>> = {
  entHidden: kEntHidden,
  embed: kEmbed,
  entProj: kEntProj,
  cellOut: kCellOut,
  loss: kLoss,
  slotRes: kSlotRes,
  entDelta: kEntDelta,
  entSum: kEntSum,
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
  /** Calls so far of each pipeline (the first one compiles it). */
  readonly calls: { epochs: number; predict: number };
}

/** Where a pipeline call's time went, in ms: added to by runEpochs and runPredict. */
export interface CallTiming {
  /** The pipeline call (the first one compiles), without the copy of its result. */
  run: number;
  /** Copying the result out. */
  read: number;
}

const LOOP_MAX = 1 << 26;

/**
 * Per-job stride of each kernel argument, by argument name, and for the 3D ones (read
 * `[job][entity][lane]`) the lanes per entity (for the flat webgpu form).
 */
const ARG_STRIDE: Readonly<Record<string, string>> = {
  st: "S",
  data: "D",
  hid: "zHid",
  emb: "zEmb",
  pe: "zPe",
  res: "C",
  rs: "zRs",
  de: "zDe",
  acc: "zAcc",
  ge: "zGe",
  dh: "zHid",
  g: "P",
  loss: "zLoss",
};
const ARG_LANES: Readonly<Record<string, string>> = { de: "H", acc: "kq", ge: "kg" };

/** An exact `floor(num / den)` in kernel source (float division can round up at the boundary). */
function exactFloor(name: string, num: string, den: string): string {
  return `let ${name} = Math.floor(${num} / ${den}); ` +
    `if (${name} * ${den} > ${num}) { ${name} = ${name} - 1; } ` +
    `if ((${name} + 1) * ${den} <= ${num}) { ${name} = ${name} + 1; } `;
}

/**
 * The flat form of a kernel, for webgpu: a 1D output of `B x zOut` values and flat inputs read at
 * `b * stride + element` (a 2D WebGPU dispatch is capped at 65,535 workgroups per dimension, so a
 * 2D output cannot hold a large job). The job `b` (and, for a 3D kernel, the row `y`) is
 * recovered from `this.thread.x` with an exact floor. A 3D argument read `a[b][row][lane]` (the
 * row an expression without brackets) becomes `a[b * stride + row * lanes + lane]`.
 */
export function flatKernelSource(fn: (...args: any[]) => number): string {
  let src = fn.toString();
  const head2 = "const b = this.thread.y;";
  const head3 = "const b = this.thread.z;";
  const yLine = "const y = this.thread.y;";
  const xLine = "const x = this.thread.x;";
  const threeD = src.includes(head3);
  if (!(threeD ? src.includes(yLine) : src.includes(head2)) || !src.includes(xLine)) {
    throw new Error(`Cannot flatten kernel ${fn.name}: it must start by naming b (y) and x`);
  }
  if (threeD) {
    src = src.replace(
      head3,
      "const Z = this.constants.zOut; const X = this.constants.zX; " +
        exactFloor("b", "this.thread.x", "Z") + "const flatR = this.thread.x - b * Z; " +
        exactFloor("flatY", "flatR", "X"),
    );
    src = src.replace(yLine, "const y = flatY;");
    src = src.replace(xLine, "const x = flatR - flatY * X;");
  } else {
    src = src.replace(
      head2,
      "const Z = this.constants.zOut; " + exactFloor("b", "this.thread.x", "Z"),
    );
    src = src.replace(xLine, "const x = this.thread.x - b * Z;");
  }
  for (const [arg, lanes] of Object.entries(ARG_LANES)) {
    const stride = ARG_STRIDE[arg];
    src = src.replace(
      new RegExp(`\\b${arg}\\[b\\]\\[([^\\[\\]]+)\\]\\[`, "g"),
      (_, row) => `${arg}[b * this.constants.${stride} + (${row}) * this.constants.${lanes} + `,
    );
  }
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
  const dims = kernelDims(layout, name);
  const size = kernelSize(layout, name);
  const settings = {
    output: flat ? [size * B] : [...dims, B],
    constants: { ...layout.constants, zOut: size, zX: dims[0] },
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
  // One epoch, traced: an unused input of a kernel gets a stand-in of the same dimensions
  // (never read): `data` for 2D arguments, kEntSum's output for 3D ones.
  const epoch = (st: unknown, data: unknown): unknown => {
    let emb = st;
    let pe = data;
    let dh = data;
    if (fac) emb = k.embed(st, data, k.entHidden(st, data));
    if (ncf) pe = k.entProj(st, emb);
    const res = k.cellOut(st, data, emb, pe);
    const rs = k.slotRes(st, data, res);
    const acc = k.entSum(st, data, emb, rs);
    const loss = k.loss(data, res, acc);
    let de = acc;
    let ge = acc;
    if (ncf) de = k.entDelta(st, data, pe, rs);
    if (ncf || fac) ge = k.entGrad(st, acc, de);
    if (fac) dh = k.hidGrad(st, emb, ge);
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
  const calls = { epochs: 0, predict: 0 };
  const plan: Plan = { backend, layout, B, epochsPerCall, kernels, epochs, predict, flat, calls };
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
 * its output buffer on the next call): flat results as they are, 2D and 3D results row by row.
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
  const out = new Float32Array(X * B);
  let at = 0;
  const copy = (rows: unknown) => {
    if (rows instanceof Float32Array) {
      if (at + rows.length > out.length) {
        throw new RangeError(`Cannot read a kernel result: more than ${B} x ${X} values`);
      }
      out.set(rows, at);
      at += rows.length;
    } else for (const row of rows as ArrayLike<unknown> & Iterable<unknown>) copy(row);
  };
  copy(result);
  if (at !== out.length) {
    throw new RangeError(`Cannot read a kernel result: ${at} values (expected ${B} x ${X})`);
  }
  return out;
}

/**
 * A flat buffer of B jobs as the kernel argument `name`: as it is (flat plans), else as a 2D
 * input `[X, B]`, or a 3D one `[lanes, rows, B]` for the entity buffers.
 */
function argument(plan: Plan, name: string, values: Float32Array): unknown {
  const X = values.length / plan.B;
  if (!Number.isInteger(X)) {
    throw new RangeError(
      `Cannot pass ${name} to the kernels: ${values.length} floats for ${plan.B} jobs`,
    );
  }
  if (plan.flat) return values;
  let dims = [X];
  if (name in ENTITY_ARGS) {
    // the producer's shape; an unused argument gets a stand-in with another entity shape
    const shapes = [ENTITY_ARGS[name], ...Object.values(ENTITY_ARGS)].map((producer) =>
      kernelDims(plan.layout, producer)
    );
    dims = shapes.find((d) => d[0] * d[1] === X) ?? dims;
  }
  // gpu.js's typings declare `input` as a type only; it is a function at run time
  return (gpujs as any).input(values, [...dims, plan.B]);
}

/** Calls one of a plan's pipelines on (state, data) and copies out its `X` floats per job. */
async function callPipeline(
  plan: Plan,
  which: "epochs" | "predict",
  X: number,
  state: Float32Array,
  data: Float32Array,
  timing?: CallTiming,
): Promise<Float32Array> {
  const t0 = performance.now();
  const out = await plan[which](
    argument(plan, "st", state) as any,
    argument(plan, "data", data) as any,
  );
  plan.calls[which]++;
  const t1 = performance.now();
  const result = readResult(out, X, plan.B);
  if (timing) {
    timing.run += t1 - t0;
    timing.read += performance.now() - t1;
  }
  return result;
}

/** Runs `plan.epochsPerCall` epochs: state in, state out (B x S). */
export function runEpochs(
  plan: Plan,
  state: Float32Array,
  data: Float32Array,
  timing?: CallTiming,
): Promise<Float32Array> {
  return callPipeline(plan, "epochs", plan.layout.S, state, data, timing);
}

/** Predictions of every job for every cell (B x n m), from the parameters at the head of `state`. */
export function runPredict(
  plan: Plan,
  state: Float32Array,
  data: Float32Array,
  timing?: CallTiming,
): Promise<Float32Array> {
  const { n, m } = plan.layout.constants;
  return callPipeline(plan, "predict", n * m, state, data, timing);
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
  const names = KERNELS[name].args;
  if (args.length !== names.length) {
    throw new RangeError(
      `Cannot run kernel ${name}: ${args.length} arguments (expected ${names.length})`,
    );
  }
  const inputs = args.map((a, q) => argument(plan, names[q], a));
  const out = await kernel(...inputs);
  return readResult(out, kernelSize(plan.layout, name), plan.B);
}
