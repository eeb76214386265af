import assert from "node:assert/strict";
import {
  availableBackends,
  chooseAuto,
  resolveBackend,
  webGpuAdapter,
} from "../../src/lib/kernels/backend.ts";
import { probeBackend } from "../../src/lib/train/probe.ts";
import { method } from "../../src/lib/models/mod.ts";
import { smallJobs, smallProblem } from "./_fixtures.ts";

const sanitize = { sanitizeOps: false, sanitizeResources: false };

Deno.test("availableBackends() always lists cpu and webasm, and webgpu only with an adapter", async () => {
  const list = await availableBackends();
  assert.deepEqual(list.slice(0, 2), ["cpu", "webasm"]);
  assert.equal(list.includes("webgpu"), (await webGpuAdapter()).available);
});

Deno.test({
  name: "auto takes a real WebGPU adapter, else the faster of cpu and webasm by measurement",
  ...sanitize,
  fn: async () => {
    const choice = await chooseAuto(probeBackend);
    const info = await webGpuAdapter();
    if (info.available && !info.fallback) {
      assert.equal(choice.backend, "webgpu");
    } else {
      assert.ok(choice.backend === "cpu" || choice.backend === "webasm");
      const { cpu, webasm } = choice.probeMs;
      assert.ok(cpu! > 0 && webasm! > 0);
      assert.equal(choice.backend, webasm! <= cpu! ? "webasm" : "cpu");
      assert.match(choice.reason, /probe: cpu .* ms, webasm .* ms/);
    }
    assert.equal(await chooseAuto(probeBackend), choice, "measured once per process");
    const problem = smallProblem();
    const fit = await method("mf", { maxEpochs: 20 }).fit(problem, smallJobs(problem));
    assert.equal(fit.backend, choice.backend, "a fit reports the backend that ran");
  },
});

Deno.test("resolveBackend() rejects an unknown backend with a message that names it", async () => {
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    resolveBackend("webgl" as any, probeBackend),
    /Cannot choose a backend: 'webgl' \(expected auto, cpu, webasm or webgpu\)/,
  );
  assert.equal(await resolveBackend("cpu", probeBackend), "cpu");
});

Deno.test("the flat webgpu form of every kernel reads every argument at b * stride + element", async () => {
  const kernels = await import("../../src/lib/kernels/kernels.ts");
  const { flatKernelSource, KERNEL_NAMES } = await import("../../src/lib/kernels/engine.ts");
  // deno-lint-ignore no-explicit-any
  const fns = Object.values(kernels).filter((v) => typeof v === "function") as any[];
  assert.equal(fns.length, KERNEL_NAMES.length);
  for (const fn of fns) {
    const src = flatKernelSource(fn);
    assert.ok(!src.includes("[b]["), fn.name);
    assert.ok(!src.includes("this.thread.y"), fn.name);
    assert.match(src, /this\.constants\.zOut/);
  }
  assert.throws(() => flatKernelSource(() => 0), /Cannot flatten kernel/);
});
