/**
 * Backends: one gpu.js instance per mode, WebGPU adapter detection, and the `auto` choice.
 * This folder is the only place that imports gpu.js.
 *
 * @module
 */
import { GPU } from "gpu.js";

/** A gpu.js mode the kernels run on under Deno (the WebGL modes need a native addon). */
export type Backend = "cpu" | "webasm" | "webgpu";
/** A backend, or `auto`: chosen by {@linkcode chooseAuto}. */
export type BackendChoice = Backend | "auto";

const instances = new Map<Backend, GPU>();

/** The gpu.js instance of a backend (created once per process). */
export function gpuFor(backend: Backend): GPU {
  let gpu = instances.get(backend);
  if (!gpu) {
    // deno-lint-ignore no-explicit-any
    gpu = new GPU({ mode: backend } as any);
    instances.set(backend, gpu);
  }
  return gpu;
}

/** What `navigator.gpu` answered, once per process. */
export interface WebGpuInfo {
  /** An adapter answered. */
  readonly available: boolean;
  /** It is a software (fallback) adapter, such as llvmpipe. */
  readonly fallback: boolean;
  /** The adapter's description, for reports. */
  readonly description: string;
}

let webGpuInfo: Promise<WebGpuInfo> | undefined;

/** Asks `navigator.gpu` for an adapter (cached). Never throws. */
export function webGpuAdapter(): Promise<WebGpuInfo> {
  webGpuInfo ??= (async () => {
    try {
      // deno-lint-ignore no-explicit-any
      const gpu = (globalThis.navigator as any)?.gpu;
      if (!gpu) return { available: false, fallback: false, description: "no navigator.gpu" };
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { available: false, fallback: false, description: "no adapter" };
      const info = adapter.info ?? {};
      return {
        available: true,
        fallback: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
        description: String(info.description || info.device || info.vendor || "unknown"),
      };
    } catch (error) {
      return { available: false, fallback: false, description: String(error) };
    }
  })();
  return webGpuInfo;
}

/** The backends that can run here: cpu and webasm always, webgpu when an adapter answers. */
export async function availableBackends(): Promise<Backend[]> {
  const out: Backend[] = ["cpu", "webasm"];
  if ((await webGpuAdapter()).available) out.push("webgpu");
  return out;
}

/** How `auto` decided, for reports. */
export interface AutoChoice {
  readonly backend: Backend;
  readonly reason: string;
  /** Probe times in ms per backend (empty when a real GPU was found). */
  readonly probeMs: Readonly<Partial<Record<Backend, number>>>;
}

/** What a probe measured: ms on a small training problem, and where it was remembered. */
export interface ProbeTime {
  readonly ms: number;
  /** Set when the time was measured earlier and read back from this file. */
  readonly cachedIn?: string;
}

/** Times a backend on a small training problem (compile excluded). */
export type BackendProbe = (backend: Backend) => Promise<ProbeTime>;

let autoChoice: Promise<AutoChoice> | undefined;

/**
 * `auto`: a real (non-fallback) WebGPU adapter when one exists; else the faster of cpu and
 * webasm, measured with `probe` on a small training problem (once per process; the probe may
 * remember its measurements, see train/probe.ts).
 */
export function chooseAuto(probe: BackendProbe): Promise<AutoChoice> {
  autoChoice ??= (async () => {
    const info = await webGpuAdapter();
    if (info.available && !info.fallback) {
      return { backend: "webgpu", reason: `WebGPU adapter: ${info.description}`, probeMs: {} };
    }
    const cpu = await probe("cpu");
    const webasm = await probe("webasm");
    const backend: Backend = webasm.ms <= cpu.ms ? "webasm" : "cpu";
    const why = info.available ? `software WebGPU adapter (${info.description})` : "no WebGPU";
    const cached = cpu.cachedIn ?? webasm.cachedIn;
    return {
      backend,
      reason: `${why}; probe: cpu ${cpu.ms.toFixed(1)} ms, webasm ${webasm.ms.toFixed(1)} ms` +
        (cached ? ` (measured earlier on this machine, read from ${cached})` : ""),
      probeMs: { cpu: cpu.ms, webasm: webasm.ms },
    };
  })();
  return autoChoice;
}

/** Resolves a backend choice to a concrete backend. */
export async function resolveBackend(
  choice: BackendChoice,
  probe: BackendProbe,
): Promise<Backend> {
  if (choice === "auto") return (await chooseAuto(probe)).backend;
  if (choice !== "cpu" && choice !== "webasm" && choice !== "webgpu") {
    throw new RangeError(
      `Cannot choose a backend: '${choice}' (expected auto, cpu, webasm or webgpu)`,
    );
  }
  if (choice === "webgpu" && !(await webGpuAdapter()).available) {
    throw new Error("Cannot use backend webgpu: no WebGPU adapter answered");
  }
  return choice;
}
