/**
 * Exports a trained job as a {@linkcode PortableModel}: the weights the inference code
 * (models/infer.ts) needs to predict any model row, including a new model from its factors, with
 * the task side (embeddings, projections, biases) precomputed.
 *
 * @module
 */
import { twinEmbed, twinEntHidden } from "../kernels/twins.ts";
import {
  type EngineConfig,
  type Job,
  numericStats,
  type Problem,
  type ProblemShape,
  type TrainedJob,
} from "../train/mod.ts";
import type { PortableEncoder, PortableModel } from "./infer.ts";
import type { MethodId } from "./types.ts";

const round = (x: number) => Number(x.toPrecision(7));
const slice = (a: ArrayLike<number>, o: number, n: number) =>
  Array.from({ length: n }, (_, q) => round(a[o + q]));

function names(given: readonly string[] | undefined, count: number, what: string): string[] {
  return given && given.length === count
    ? [...given]
    : Array.from({ length: count }, (_, q) => `${what}${q}`);
}

/**
 * One job's portable model, from its trained state (parameters at the head of `state`) and its
 * packed data buffer.
 */
export function exportMember(
  method: MethodId,
  { layout, state, data }: TrainedJob,
  problem: Problem,
  shape: ProblemShape,
  job: Job,
  config: EngineConfig,
): PortableModel {
  const K = layout.constants;
  const { n, m, k, H, Hn, Fzm } = K;
  const st = Float64Array.from(state);
  st[K.sStopped] = 0;
  const emb = K.factors > 0 ? twinEmbed(K, st, data, twinEntHidden(K, st, data)) : st;
  const eOff = K.factors > 0 ? 0 : K.eOff;
  const taskEmb = slice(emb, eOff + n * k, m * k);
  const proj: number[] = [];
  for (let j = 0; j < m; j++) {
    for (let h = 0; h < H; h++) {
      let s = 0;
      for (let d = 0; d < k; d++) s += st[K.pW1 + h * 2 * k + k + d] * taskEmb[j * k + d];
      proj.push(round(s));
    }
  }
  const W1m: number[] = [];
  for (let h = 0; h < H; h++) {
    for (let d = 0; d < k; d++) W1m.push(round(st[K.pW1 + h * 2 * k + d]));
  }
  const bias = (e: number) => (K.biases > 0 ? round(st[K.pBias + e]) : 0);
  let encoder: PortableEncoder | null = null;
  const table = problem.modelFactors;
  if (K.factors > 0 && table) {
    const trained = new Uint8Array(n);
    for (const cell of job.train) trained[Math.floor(cell / m)] = 1;
    const on = new Set(job.modelFactorSet ?? table.factors.map((_, f) => f));
    encoder = {
      numeric: shape.model.numeric.map((f) => {
        const factor = table.factors[f];
        const s = on.has(f) ? numericStats(factor.values, trained) : { mean: 0, sd: 1 };
        return { name: factor.name, mean: s.mean, sd: s.sd };
      }),
      categorical: shape.model.categorical.map((f, q) => {
        const factor = table.factors[f];
        const seen = new Set<string>();
        for (let e = 0; e < n; e++) {
          if (trained[e] && factor.values[e] !== null) seen.add(String(factor.values[e]));
        }
        const levels = shape.model.levels[q].filter((v) => seen.has(v));
        const row = (r: number) => slice(st, K.pCat + (shape.model.rowOffset[q] + r) * k, k);
        return {
          name: factor.name,
          levels,
          rows: levels.flatMap((v) => row(1 + shape.model.levels[q].indexOf(v))),
          unknown: row(0),
        };
      }),
      hidden: Hn,
      W1: slice(st, K.pWn1m, Hn * Fzm),
      a1: slice(st, K.pAn1m, Hn),
      W2: slice(st, K.pWn2m, k * Hn),
      a2: slice(st, K.pAn2m, k),
    };
  }
  return {
    method,
    head: K.head > 0 ? "ncf" : "dot",
    k,
    H,
    ids: K.ids > 0,
    biases: K.biases > 0,
    mu: K.useMu > 0 ? round(st[K.pMu]) : 0,
    l2: config.l2,
    l2Bias: config.l2Bias,
    nTrain: data[K.mNTrain],
    tasks: {
      names: names(problem.taskNames ?? problem.taskFactors?.names, m, "task"),
      emb: taskEmb,
      proj,
      bias: Array.from({ length: m }, (_, j) => bias(n + j)),
    },
    W1m,
    a1: slice(st, K.pA1, H),
    wg: K.head > 0 ? slice(st, K.pWg, k) : [],
    wh: slice(st, K.pWh, H),
    encoder,
    models: {
      names: names(problem.modelNames ?? problem.modelFactors?.names, n, "model"),
      emb: slice(emb, eOff, n * k),
      bias: Array.from({ length: n }, (_, i) => bias(i)),
    },
  };
}
