import assert from "node:assert/strict";
import {
  getPlan,
  KERNEL_NAMES,
  type KernelName,
  runEpochs,
  runKernel,
  runPredict,
} from "../../src/lib/kernels/engine.ts";
import { twinBatch, twinEpoch, twinPredictJob } from "../../src/lib/kernels/twins.ts";
import {
  assertClose,
  backendReady,
  BACKENDS,
  midTrainingState,
  pack,
  type Packed,
  smallJobs,
  smallProblem,
  VARIANTS,
} from "./_fixtures.ts";

const f32 = (a: ArrayLike<number>) => Float32Array.from(a);

/**
 * Every kernel's inputs for a batch, computed by the twins (so a kernel and its twin read the
 * same float32 inputs and only the kernel under test differs).
 */
function kernelInputs(packed: Packed, state: Float32Array): Record<KernelName, Float32Array[]> {
  const { layout, B, data } = packed;
  const K = layout.constants;
  const fac = K.factors > 0;
  const ncf = K.head > 0;
  const run = (name: KernelName, args: Float32Array[]) => f32(twinBatch(layout, B, name, args));
  const hid = run("entHidden", [state, data]);
  const emb = fac ? run("embed", [state, data, hid]) : state;
  const pe = ncf ? run("entProj", [state, emb]) : data;
  const res = run("cellOut", [state, data, emb, pe]);
  const rs = run("slotRes", [state, data, res]);
  const acc = run("entSum", [state, data, emb, rs]);
  const loss = run("loss", [data, res, acc]);
  const de = ncf ? run("entDelta", [state, data, pe, rs]) : acc;
  const ge = ncf || fac ? run("entGrad", [state, acc, de]) : acc;
  const dh = fac ? run("hidGrad", [state, emb, ge]) : data;
  const g = run("grad", [state, data, emb, res, ge, de, dh]);
  return {
    entHidden: [state, data],
    embed: [state, data, hid],
    entProj: [state, emb],
    cellOut: [state, data, emb, pe],
    loss: [data, res, acc],
    slotRes: [state, data, res],
    entDelta: [state, data, pe, rs],
    entSum: [state, data, emb, rs],
    entGrad: [state, acc, de],
    hidGrad: [state, emb, ge],
    grad: [state, data, emb, res, ge, de, dh],
    step: [state, data, g, loss],
    predict: [state, emb, pe],
  };
}

/** The kernels a variant's epoch (and prediction) runs. */
function kernelsOf(packed: Packed): KernelName[] {
  const K = packed.layout.constants;
  return KERNEL_NAMES.filter((name) => {
    if (name === "entHidden" || name === "embed" || name === "hidGrad") return K.factors > 0;
    if (name === "entProj" || name === "entDelta") return K.head > 0;
    if (name === "entGrad") return K.factors > 0 || K.head > 0;
    return true;
  });
}

for (const backend of BACKENDS) {
  Deno.test({
    name: `every kernel matches its plain-TypeScript twin on ${backend}, in every variant`,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      if (!backendReady(backend)) return;
      const problem = smallProblem();
      const jobs = smallJobs(problem);
      for (const [variant, config] of Object.entries(VARIANTS)) {
        const packed = pack(problem, jobs, config);
        // job 2 is stopped: every per-epoch kernel must leave it alone
        const state = midTrainingState(packed, 5, 2);
        const { S } = packed.layout;
        const K = packed.layout.constants;
        // job 0 improves on its best validation loss; job 1 cannot and runs out of patience
        state[K.sBest] = 3e38;
        state[S + K.sBest] = -1;
        state[S + K.sWait] = config.patience - 1;
        const inputs = kernelInputs(packed, state);
        const plan = getPlan(backend, packed.layout, packed.B, 1);
        for (const name of kernelsOf(packed)) {
          const expected = twinBatch(packed.layout, packed.B, name, inputs[name]);
          const actual = await runKernel(plan, name, inputs[name]);
          assertClose(actual, expected, `${backend} ${variant} ${name}`);
        }
        const step = await runKernel(plan, "step", inputs.step);
        assert.equal(step[S + K.sStopped], 1, `${variant}: job 1 stops (patience)`);
        assert.equal(step[K.sStopped], 0, `${variant}: job 0 keeps running`);
      }
    },
  });

  Deno.test({
    name: `the epochs and predict pipelines on ${backend} match the twins epoch by epoch`,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      if (!backendReady(backend)) return;
      const problem = smallProblem(2);
      const jobs = smallJobs(problem);
      for (const [variant, config] of Object.entries(VARIANTS)) {
        const packed = pack(problem, jobs, config);
        const { layout, B, data } = packed;
        const { S, D } = layout;
        const start = midTrainingState(packed, 9);
        const epochs = 3;
        const plan = getPlan(backend, layout, B, epochs);
        const after = await runEpochs(plan, start, data);
        const expected = new Float64Array(B * S);
        for (let b = 0; b < B; b++) {
          let st: ArrayLike<number> = start.subarray(b * S, (b + 1) * S);
          const job = data.subarray(b * D, (b + 1) * D);
          for (let e = 0; e < epochs; e++) st = twinEpoch(layout, st, job).next;
          expected.set(st as Float64Array, b * S);
        }
        assertClose(after, expected, `${backend} ${variant}: state after ${epochs} epochs`, 1e-4);
        const predicted = await runPredict(plan, after, data);
        const nm = layout.constants.n * layout.constants.m;
        for (let b = 0; b < B; b++) {
          const twin = twinPredictJob(
            layout,
            after.subarray(b * S, (b + 1) * S),
            data.subarray(b * D),
          );
          assertClose(
            predicted.subarray(b * nm, (b + 1) * nm),
            twin,
            `${backend} ${variant} predict`,
          );
        }
      }
    },
  });
}
