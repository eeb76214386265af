/**
 * The kernels by name: the shape of each one's output per job, and its arguments (no gpu.js
 * here, so the twins and the host code can use it without loading gpu.js).
 *
 * @module
 */
import type { Layout } from "./layout.ts";

const c = (l: Layout, name: string) => l.constants[name];

/**
 * Per kernel: its output per job, `[X]` (2D kernels, output `[X, B]`) or `[X, Y]` (3D kernels,
 * output `[X, Y, B]`: one row of X lanes per entity), and its arguments in order.
 */
export const KERNELS = {
  entHidden: { dims: (l: Layout) => [c(l, "nEnt") * c(l, "Hn")], args: ["st", "data"] },
  embed: {
    dims: (l: Layout) => [c(l, "nEnt") * (c(l, "k") + c(l, "Hn"))],
    args: ["st", "data", "hid"],
  },
  entProj: { dims: (l: Layout) => [c(l, "nEnt") * c(l, "H")], args: ["st", "emb"] },
  cellOut: { dims: (l: Layout) => [c(l, "C")], args: ["st", "data", "emb", "pe"] },
  slotRes: { dims: (l: Layout) => [c(l, "zRs")], args: ["st", "data", "res"] },
  entDelta: {
    dims: (l: Layout) => [c(l, "H"), 2 * c(l, "nEnt")],
    args: ["st", "data", "pe", "rs"],
  },
  entSum: { dims: (l: Layout) => [c(l, "kq"), c(l, "nEnt")], args: ["st", "data", "emb", "rs"] },
  loss: { dims: () => [2], args: ["data", "res", "acc"] },
  entGrad: { dims: (l: Layout) => [c(l, "kg"), c(l, "nEnt")], args: ["st", "acc", "de"] },
  hidGrad: { dims: (l: Layout) => [c(l, "nEnt") * c(l, "Hn")], args: ["st", "emb", "ge"] },
  grad: { dims: (l: Layout) => [l.P], args: ["st", "data", "emb", "res", "ge", "de", "dh"] },
  step: { dims: (l: Layout) => [l.S], args: ["st", "data", "g", "loss"] },
  predict: { dims: (l: Layout) => [c(l, "n") * c(l, "m")], args: ["st", "emb", "pe"] },
} as const satisfies Record<
  string,
  { dims: (l: Layout) => number[]; args: readonly string[] }
>;

export type KernelName = keyof typeof KERNELS;

/** The kernel names, in the order one epoch runs them (predict last). */
export const KERNEL_NAMES = Object.keys(KERNELS) as KernelName[];

/** A kernel's output per job: `[X]` or `[X, Y]`, each at least 1. */
export function kernelDims(layout: Layout, name: KernelName): number[] {
  return KERNELS[name].dims(layout).map((d) => Math.max(1, d));
}

/** Output floats per job of a kernel (at least 1). */
export function kernelSize(layout: Layout, name: KernelName): number {
  return kernelDims(layout, name).reduce((a, b) => a * b, 1);
}

/** The kernels that produce each 3D argument (read `[job][entity][lane]`). */
export const ENTITY_ARGS: Readonly<Record<string, KernelName>> = {
  acc: "entSum",
  ge: "entGrad",
  de: "entDelta",
};
