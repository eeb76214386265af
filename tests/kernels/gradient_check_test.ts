import assert from "node:assert/strict";
import { paramBlocks } from "../../src/lib/kernels/layout.ts";
import { twinEpoch, twinObjective } from "../../src/lib/kernels/twins.ts";
import { midTrainingState, pack, smallJobs, smallProblem, VARIANTS } from "./_fixtures.ts";

/**
 * Central finite differences of the float64 objective against the hand-written gradient, for
 * every parameter of every block of every variant (the kernels are checked against these twins
 * in kernels_test.ts). L2 penalties are on, so their terms are checked too.
 */
for (const [variant, config] of Object.entries(VARIANTS)) {
  Deno.test(`the hand-written gradient of ${variant} matches finite differences in every block`, () => {
    const problem = smallProblem(3);
    const jobs = smallJobs(problem);
    const packed = pack(problem, jobs, config, { l2: 0.01, l2Bias: 0.003 });
    const { layout, data } = packed;
    const { S, D } = layout;
    const state32 = midTrainingState(packed, 21);
    const blocks = paramBlocks(layout);
    const names = blocks.map((b) => b.name);
    assert.ok(names.length >= 1, `${variant}: blocks ${names.join(", ")}`);
    for (let b = 0; b < jobs.length; b++) {
      const st = Float64Array.from(state32.subarray(b * S, (b + 1) * S));
      const job = Float64Array.from(data.subarray(b * D, (b + 1) * D));
      const analytic = twinEpoch(layout, st, job).g;
      for (const block of blocks) {
        let worst = 0;
        let nonzero = 0;
        for (let p = block.offset; p < block.offset + block.size; p++) {
          const h = 1e-6;
          const saved = st[p];
          st[p] = saved + h;
          const up = twinObjective(layout, st, job);
          st[p] = saved - h;
          const down = twinObjective(layout, st, job);
          st[p] = saved;
          const numeric = (up - down) / (2 * h);
          const err = Math.abs(numeric - analytic[p]) / (1e-6 + Math.abs(numeric));
          worst = Math.max(worst, err);
          if (Math.abs(numeric) > 1e-9) nonzero++;
        }
        assert.ok(
          worst < 1e-4,
          `${variant} job ${b} block ${block.name}: relative error ${worst.toExponential(2)}`,
        );
        assert.ok(nonzero > 0, `${variant} job ${b} block ${block.name}: gradient is all zero`);
      }
    }
  });
}
