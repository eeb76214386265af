/**
 * The timing probe behind backend `auto`: a fixed-length MF training run on a synthetic problem
 * the size of the crowdsourced matrix (72 x 29, 40% observed), timed after a warm-up run (so
 * kernel compilation is not counted), on one backend.
 *
 * @module
 */
import type { Backend } from "../kernels/backend.ts";
import { createRng } from "../util/random.ts";
import { fitBatch } from "./batch.ts";
import { DEFAULT_TRAINING, type EngineConfig } from "./config.ts";
import { problemShape } from "./pack.ts";

/** Matrix factorization (the `mf` method's architecture), 100 epochs, no early stop. */
const PROBE_CONFIG: EngineConfig = {
  ...DEFAULT_TRAINING,
  dim: 10,
  ids: true,
  factors: false,
  head: "dot",
  biases: true,
  hidden: 0,
  factorHidden: 0,
  maxEpochs: 100,
  patience: 1000,
  epochsPerCall: 50,
};

/** Milliseconds of one probe run on `backend` (the faster of two timed runs). */
export async function probeBackend(backend: Backend): Promise<number> {
  const n = 72;
  const m = 29;
  const rng = createRng(2024, 5);
  const values = new Float32Array(n * m).fill(NaN);
  const cells: number[] = [];
  for (let c = 0; c < n * m; c++) {
    if (rng.next() < 0.4) {
      values[c] = rng.next();
      cells.push(c);
    }
  }
  const problem = { nModels: n, nTasks: m, values };
  const jobs = [{ train: Uint32Array.from(cells), seed: 0 }];
  const shape = problemShape(problem);
  const run = () => fitBatch(backend, problem, shape, jobs, 0, PROBE_CONFIG, () => {});
  await run();
  let best = Infinity;
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    await run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
