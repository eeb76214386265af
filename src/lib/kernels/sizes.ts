/**
 * The kernels by name, with the output length per job of each (no gpu.js here, so the twins and
 * the host code can use it without loading gpu.js).
 *
 * @module
 */
import type { Layout } from "./layout.ts";

const c = (l: Layout, name: string) => l.constants[name];

/** Output floats per job of each kernel. */
export const KERNELS = {
  entHidden: { size: (l: Layout) => c(l, "nEnt") * c(l, "Hn") },
  embed: { size: (l: Layout) => c(l, "nEnt") * (c(l, "k") + c(l, "Hn")) },
  entProj: { size: (l: Layout) => c(l, "nEnt") * c(l, "H") },
  cellOut: { size: (l: Layout) => c(l, "C") },
  loss: { size: () => 2 },
  entDelta: { size: (l: Layout) => c(l, "nEnt") * c(l, "H") * 2 },
  entGrad: { size: (l: Layout) => c(l, "nEnt") * c(l, "k") },
  hidGrad: { size: (l: Layout) => c(l, "nEnt") * c(l, "Hn") },
  grad: { size: (l: Layout) => l.P },
  step: { size: (l: Layout) => l.S },
  predict: { size: (l: Layout) => c(l, "n") * c(l, "m") },
} as const;

export type KernelName = keyof typeof KERNELS;

/** The kernel names, in the order one epoch runs them (predict last). */
export const KERNEL_NAMES = Object.keys(KERNELS) as KernelName[];

/** Output floats per job of a kernel (at least 1). */
export function kernelSize(layout: Layout, name: KernelName): number {
  return Math.max(1, KERNELS[name].size(layout));
}
