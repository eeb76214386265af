/**
 * Plain-TypeScript twins of the kernels (kernels.ts): the same outputs from the same inputs,
 * written the natural CPU way (loops over cells that scatter into their entities, or over an
 * entity's cells with every lane of the entity in the inner loop, not one gathering thread per
 * output) and computed in float64. They are the test oracle of every
 * backend, the float64 model behind the finite-difference gradient checks, and the "plain TS"
 * line of the benchmarks.
 *
 * Every twin works on ONE job: its arguments are that job's slices of the kernel's inputs.
 * `twinBatch` runs a twin over a batch laid out like the kernels' buffers.
 *
 * @module
 */
import type { Layout, LayoutConstants } from "./layout.ts";
import { paramBlocks } from "./layout.ts";
import { type KernelName, kernelSize } from "./sizes.ts";

type Arr = ArrayLike<number>;

const stopped = (K: LayoutConstants, st: Arr) => st[K.sStopped] > 0;
const relu = (x: number) => (x > 0 ? x : 0);

/** Twin of kEntHidden. */
export function twinEntHidden(K: LayoutConstants, st: Arr, data: Arr): Float64Array {
  const { n, nEnt, Hn, Fzm, Fzt } = K;
  const out = new Float64Array(nEnt * Hn);
  if (stopped(K, st)) return out;
  for (let e = 0; e < nEnt; e++) {
    const model = e < n;
    const Fz = model ? Fzm : Fzt;
    const z = model ? K.dZ + e * Fzm : K.dZ + n * Fzm + (e - n) * Fzt;
    const W = model ? K.pWn1m : K.pWn1t;
    const a = model ? K.pAn1m : K.pAn1t;
    for (let h = 0; h < Hn; h++) {
      let s = st[a + h];
      for (let f = 0; f < Fz; f++) s += st[W + h * Fz + f] * data[z + f];
      out[e * Hn + h] = s;
    }
  }
  return out;
}

/** Twin of kEmbed: embeddings, then a copy of `hid`. */
export function twinEmbed(K: LayoutConstants, st: Arr, data: Arr, hid: Arr): Float64Array {
  const { n, nEnt, k, Hn } = K;
  const out = new Float64Array(nEnt * (k + Hn));
  if (stopped(K, st)) return out;
  for (let e = 0; e < nEnt; e++) {
    const model = e < n;
    const Wn2 = model ? K.pWn2m : K.pWn2t;
    const an2 = model ? K.pAn2m : K.pAn2t;
    const nc = model ? K.Cm : K.Ct;
    const co = model ? K.dCX + e * K.Cm : K.dCX + n * K.Cm + (e - n) * K.Ct;
    const v = out.subarray(e * k, (e + 1) * k);
    if (K.ids > 0) { for (let d = 0; d < k; d++) v[d] = st[K.pId + e * k + d]; }
    for (let d = 0; d < k; d++) v[d] += st[an2 + d];
    for (let h = 0; h < Hn; h++) {
      const a = relu(hid[e * Hn + h]);
      for (let d = 0; d < k; d++) v[d] += st[Wn2 + d * Hn + h] * a;
    }
    for (let f = 0; f < nc; f++) {
      const r = data[co + f];
      if (r >= 0) { for (let d = 0; d < k; d++) v[d] += st[K.pCat + r * k + d]; }
    }
  }
  for (let x = 0; x < nEnt * Hn; x++) out[K.hOff + x] = hid[x];
  return out;
}

/** Twin of kEntProj. */
export function twinEntProj(K: LayoutConstants, st: Arr, emb: Arr): Float64Array {
  const { n, nEnt, k, H } = K;
  const out = new Float64Array(nEnt * H);
  if (stopped(K, st)) return out;
  for (let e = 0; e < nEnt; e++) {
    const side = e < n ? 0 : k;
    for (let h = 0; h < H; h++) {
      let s = 0;
      for (let d = 0; d < k; d++) s += st[K.pW1 + h * 2 * k + side + d] * emb[K.eOff + e * k + d];
      out[e * H + h] = s;
    }
  }
  return out;
}

/** The prediction of cell (i, j) from embeddings and projections (twin of the kernels' head). */
function head(K: LayoutConstants, st: Arr, emb: Arr, pe: Arr, i: number, j: number): number {
  const { n, k, H } = K;
  const io = K.eOff + i * k;
  const jo = K.eOff + (n + j) * k;
  let y = K.useMu > 0 ? st[K.pMu] : 0;
  if (K.biases > 0) y += st[K.pBias + i] + st[K.pBias + n + j];
  if (K.head > 0) {
    for (let d = 0; d < k; d++) y += st[K.pWg + d] * emb[io + d] * emb[jo + d];
    for (let h = 0; h < H; h++) {
      y += st[K.pWh + h] * relu(st[K.pA1 + h] + pe[i * H + h] + pe[(n + j) * H + h]);
    }
  } else {
    for (let d = 0; d < k; d++) y += emb[io + d] * emb[jo + d];
  }
  return y;
}

/** Twin of kCellOut. */
export function twinCellOut(
  K: LayoutConstants,
  st: Arr,
  data: Arr,
  emb: Arr,
  pe: Arr,
): Float64Array {
  const out = new Float64Array(K.C);
  if (stopped(K, st)) return out;
  const cells = data[K.mNTrain] + data[K.mNValid];
  for (let c = 0; c < cells; c++) {
    const y = head(K, st, emb, pe, data[K.dCI + c], data[K.dCJ + c]);
    out[c] = y - data[K.dCS + c];
  }
  return out;
}

/** Twin of kLoss (from the residuals directly; kLoss takes the training part from `acc`). */
export function twinLoss(K: LayoutConstants, data: Arr, res: Arr, _acc?: Arr): Float64Array {
  const nTr = data[K.mNTrain];
  const nVa = data[K.mNValid];
  let a = 0;
  let v = 0;
  for (let c = 0; c < nTr; c++) a += res[c] * res[c];
  for (let c = nTr; c < nTr + nVa; c++) v += res[c] * res[c];
  return Float64Array.of(a / Math.max(nTr, 1), v / Math.max(nVa, 1));
}

/** Twin of kSlotRes. */
export function twinSlotRes(K: LayoutConstants, st: Arr, data: Arr, res: Arr): Float64Array {
  const out = new Float64Array(K.zRs);
  if (stopped(K, st)) return out;
  for (let s = 0; s < 2 * data[K.mNTrain]; s++) out[s] = res[data[K.dEC + s]];
  return out;
}

/** Twin of kEntDelta: per entity, its cells' active hidden units, then a copy of `pe`. */
export function twinEntDelta(
  K: LayoutConstants,
  st: Arr,
  data: Arr,
  pe: Arr,
  rs: Arr,
): Float64Array {
  const { nEnt, H } = K;
  const out = new Float64Array(2 * nEnt * H);
  if (stopped(K, st)) return out;
  for (let e = 0; e < nEnt; e++) {
    for (let s = data[K.dEP + e]; s < data[K.dEP + e + 1]; s++) {
      const other = data[K.dSO + s];
      for (let h = 0; h < H; h++) {
        if (st[K.pA1 + h] + pe[e * H + h] + pe[other * H + h] > 0) out[e * H + h] += rs[s];
      }
    }
    for (let h = 0; h < H; h++) out[e * H + h] *= data[K.mScale] * st[K.pWh + h];
  }
  for (let x = 0; x < nEnt * H; x++) out[K.pOff + x] = pe[x];
  return out;
}

/** Twin of kEntSum: per entity, its cells' residuals times the other side's embedding. */
export function twinEntSum(
  K: LayoutConstants,
  st: Arr,
  data: Arr,
  emb: Arr,
  rs: Arr,
): Float64Array {
  const { nEnt, k, kq } = K;
  const out = new Float64Array(nEnt * kq);
  if (stopped(K, st)) return out;
  for (let e = 0; e < nEnt; e++) {
    const v = out.subarray(e * kq, (e + 1) * kq);
    for (let s = data[K.dEP + e]; s < data[K.dEP + e + 1]; s++) {
      const o = K.eOff + data[K.dSO + s] * k;
      const r = rs[s];
      for (let d = 0; d < k; d++) v[d] += r * emb[o + d];
      v[k] += r;
      v[k + 1] += r * r;
    }
    for (let d = 0; d <= k + 1; d++) v[d] *= data[K.mScale];
  }
  return out;
}

/** Twin of kEntGrad. */
export function twinEntGrad(K: LayoutConstants, st: Arr, acc: Arr, de: Arr): Float64Array {
  const { n, nEnt, k, kq, kg, H } = K;
  const out = new Float64Array(nEnt * kg);
  if (stopped(K, st)) return out;
  for (let e = 0; e < nEnt; e++) {
    const side = e < n ? 0 : k;
    for (let d = 0; d < k; d++) {
      let v = acc[e * kq + d];
      if (K.head > 0) {
        v *= st[K.pWg + d];
        for (let h = 0; h < H; h++) v += st[K.pW1 + h * 2 * k + side + d] * de[e * H + h];
      }
      out[e * kg + d] = v;
      out[e * kg + k + 1 + d] = acc[e * kq + d];
    }
    out[e * kg + k] = acc[e * kq + k];
  }
  return out;
}

/** Twin of kHidGrad. */
export function twinHidGrad(K: LayoutConstants, st: Arr, emb: Arr, ge: Arr): Float64Array {
  const { n, nEnt, k, kg, Hn } = K;
  const out = new Float64Array(nEnt * Hn);
  if (stopped(K, st)) return out;
  for (let e = 0; e < nEnt; e++) {
    const Wn2 = e < n ? K.pWn2m : K.pWn2t;
    for (let h = 0; h < Hn; h++) {
      if (emb[K.hOff + e * Hn + h] <= 0) continue;
      let s = 0;
      for (let d = 0; d < k; d++) s += st[Wn2 + d * Hn + h] * ge[e * kg + d];
      out[e * Hn + h] = s;
    }
  }
  return out;
}

/**
 * Twin of kGrad: backpropagation written block by block, scattering from cells and entities
 * (the embedding gradients come from `ge`, as in the kernel).
 */
export function twinGrad(
  K: LayoutConstants,
  st: Arr,
  data: Arr,
  emb: Arr,
  res: Arr,
  ge: Arr,
  de: Arr,
  dh: Arr,
): Float64Array {
  const { n, nEnt, k, kg, Hn, H, P } = K;
  const g = new Float64Array(P);
  if (stopped(K, st)) return g;
  const nTr = data[K.mNTrain];
  const s2 = data[K.mScale];
  const entGrad = new Float64Array(nEnt * k);
  for (let e = 0; e < nEnt; e++) {
    for (let d = 0; d < k; d++) entGrad[e * k + d] = ge[e * kg + d];
  }
  if (K.ids > 0) { for (let x = 0; x < nEnt * k; x++) g[K.pId + x] = entGrad[x]; }
  if (K.factors > 0) {
    // categorical rows: every (entity, factor) adds its entity's gradient to its row
    for (let e = 0; e < nEnt; e++) {
      const nc = e < n ? K.Cm : K.Ct;
      const co = e < n ? K.dCX + e * K.Cm : K.dCX + n * K.Cm + (e - n) * K.Ct;
      for (let f = 0; f < nc; f++) {
        const r = data[co + f];
        if (r < 0) continue;
        for (let d = 0; d < k; d++) g[K.pCat + r * k + d] += entGrad[e * k + d];
      }
    }
    for (let e = 0; e < nEnt; e++) {
      const model = e < n;
      const Fz = model ? K.Fzm : K.Fzt;
      const o = model ? K.pWn1m : K.pWn1t;
      const z = model ? K.dZ + e * K.Fzm : K.dZ + n * K.Fzm + (e - n) * K.Fzt;
      for (let h = 0; h < Hn; h++) {
        const dlt = dh[e * Hn + h];
        for (let f = 0; f < Fz; f++) g[o + h * Fz + f] += dlt * data[z + f];
        g[o + Hn * Fz + h] += dlt;
        const a = relu(emb[K.hOff + e * Hn + h]);
        for (let d = 0; d < k; d++) g[o + Hn * Fz + Hn + d * Hn + h] += entGrad[e * k + d] * a;
      }
      for (let d = 0; d < k; d++) g[o + Hn * Fz + Hn + k * Hn + d] += entGrad[e * k + d];
    }
  }
  for (let c = 0; c < nTr; c++) {
    const i = data[K.dCI + c];
    const j = data[K.dCJ + c];
    const r = res[c] * s2;
    if (K.biases > 0) {
      g[K.pBias + i] += r;
      g[K.pBias + n + j] += r;
    }
    if (K.useMu > 0) g[K.pMu] += r;
    if (K.head > 0) {
      const io = K.eOff + i * k;
      const jo = K.eOff + (n + j) * k;
      for (let d = 0; d < k; d++) g[K.pWg + d] += r * emb[io + d] * emb[jo + d];
      for (let h = 0; h < H; h++) {
        const a = st[K.pA1 + h] + de[K.pOff + i * H + h] + de[K.pOff + (n + j) * H + h];
        g[K.pWh + h] += r * relu(a);
      }
    }
  }
  if (K.head > 0) {
    for (let e = 0; e < nEnt; e++) {
      const side = e < n ? 0 : k;
      for (let h = 0; h < H; h++) {
        const delta = de[e * H + h];
        for (let d = 0; d < k; d++) {
          g[K.pW1 + h * 2 * k + side + d] += delta * emb[K.eOff + e * k + d];
        }
        if (e < n) g[K.pA1 + h] += delta;
      }
    }
  }
  const l2 = 2 * data[K.mL2];
  const l2b = 2 * data[K.mL2b];
  for (const block of paramBlocks({ constants: K } as Layout)) {
    if (block.penalty === "none") continue;
    const lambda = block.penalty === "l2" ? l2 : l2b;
    for (let p = block.offset; p < block.offset + block.size; p++) g[p] += lambda * st[p];
  }
  return g;
}

/** Twin of kStep: Adam, early-stopping bookkeeping and the curve log. */
export function twinStep(K: LayoutConstants, st: Arr, data: Arr, g: Arr, loss: Arr): Float64Array {
  const { P } = K;
  const S = st.length;
  const out = Float64Array.from(st);
  if (st[K.sStopped] > 0) return out;
  const t = st[K.sT];
  const [train, valid] = [loss[0], loss[1]];
  const improved = valid < st[K.sBest];
  const { beta1: b1, beta2: b2, eps } = K;
  for (let p = 0; p < P; p++) {
    const m1 = b1 * st[P + p] + (1 - b1) * g[p];
    const v1 = b2 * st[2 * P + p] + (1 - b2) * g[p] * g[p];
    out[P + p] = m1;
    out[2 * P + p] = v1;
    const mh = m1 / (1 - st[K.sPow1] * b1);
    const vh = v1 / (1 - st[K.sPow2] * b2);
    out[p] = st[p] - data[K.mLr] * mh / (Math.sqrt(vh) + eps);
    if (improved) out[3 * P + p] = st[p];
  }
  const wait = improved ? 0 : st[K.sWait] + 1;
  out[K.sT] = t + 1;
  if (improved) {
    out[K.sBest] = valid;
    out[K.sBestEpoch] = t;
  }
  out[K.sWait] = wait;
  out[K.sStopped] = wait >= data[K.mPatience] || t + 1 >= data[K.mMaxEpochs] ? 1 : 0;
  out[K.sTrain] = train;
  out[K.sValid] = valid;
  out[K.sPow1] = st[K.sPow1] * b1;
  out[K.sPow2] = st[K.sPow2] * b2;
  const row = t / K.logEvery;
  if (Number.isInteger(row) && K.sLog + 2 * row + 1 < S) {
    out[K.sLog + 2 * row] = train;
    out[K.sLog + 2 * row + 1] = valid;
  }
  return out;
}

/** Twin of kPredict. */
export function twinPredict(K: LayoutConstants, st: Arr, emb: Arr, pe: Arr): Float64Array {
  const { n, m } = K;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) out[i * m + j] = head(K, st, emb, pe, i, j);
  }
  return out;
}

// deno-lint-ignore no-explicit-any
type Twin = (K: LayoutConstants, ...args: any[]) => Float64Array;

/** The twin of each kernel. */
export const TWINS: Readonly<Record<KernelName, Twin>> = {
  entHidden: twinEntHidden,
  embed: twinEmbed,
  entProj: twinEntProj,
  cellOut: twinCellOut,
  loss: twinLoss,
  slotRes: twinSlotRes,
  entDelta: twinEntDelta,
  entSum: twinEntSum,
  entGrad: twinEntGrad,
  hidGrad: twinHidGrad,
  grad: twinGrad,
  step: twinStep,
  predict: twinPredict,
};

/**
 * Runs a kernel's twin over a batch: `args` are flat `B x X` buffers in the kernel's argument
 * order (as for `runKernel`); returns `B x size` values.
 */
export function twinBatch(
  layout: Layout,
  B: number,
  name: KernelName,
  args: readonly ArrayLike<number>[],
): Float64Array {
  const X = kernelSize(layout, name);
  const out = new Float64Array(B * X);
  for (let b = 0; b < B; b++) {
    const slices = args.map((a) => {
      const w = a.length / B;
      return Array.prototype.slice.call(a, b * w, (b + 1) * w) as number[];
    });
    const r = TWINS[name](layout.constants, ...slices);
    out.set(r.subarray(0, X), b * X);
  }
  return out;
}

/** The intermediates of one epoch (twin), for tests and the gradient check. */
export interface TwinEpoch {
  readonly emb: ArrayLike<number>;
  readonly pe: ArrayLike<number>;
  readonly res: Float64Array;
  readonly loss: Float64Array;
  readonly de: ArrayLike<number>;
  readonly acc: ArrayLike<number>;
  readonly ge: ArrayLike<number>;
  readonly dh: ArrayLike<number>;
  readonly g: Float64Array;
  readonly next: Float64Array;
}

/** One epoch of one job through the twins, in the order the epochs pipeline runs the kernels. */
export function twinEpoch(layout: Layout, st: Arr, data: Arr): TwinEpoch {
  const K = layout.constants;
  const fac = K.factors > 0;
  const ncf = K.head > 0;
  const none = new Float64Array(1);
  const emb = fac ? twinEmbed(K, st, data, twinEntHidden(K, st, data)) : st;
  const pe = ncf ? twinEntProj(K, st, emb) : none;
  const res = twinCellOut(K, st, data, emb, pe);
  const rs = twinSlotRes(K, st, data, res);
  const de = ncf ? twinEntDelta(K, st, data, pe, rs) : none;
  const acc = twinEntSum(K, st, data, emb, rs);
  const loss = twinLoss(K, data, res, acc);
  const ge = ncf || fac ? twinEntGrad(K, st, acc, de) : acc;
  const dh = fac ? twinHidGrad(K, st, emb, ge) : none;
  const g = twinGrad(K, st, data, emb, res, ge, de, dh);
  const next = twinStep(K, st, data, g, loss);
  return { emb, pe, res, loss, de, acc, ge, dh, g, next };
}

/**
 * The training objective of one job at the state's parameters, in float64:
 * `MSE over the training cells + l2 |weights|^2 + l2b |biases|^2` (what kGrad differentiates).
 */
export function twinObjective(layout: Layout, st: Arr, data: Arr): number {
  const K = layout.constants;
  const none = new Float64Array(1);
  const emb = K.factors > 0 ? twinEmbed(K, st, data, twinEntHidden(K, st, data)) : st;
  const pe = K.head > 0 ? twinEntProj(K, st, emb) : none;
  const res = twinCellOut(K, st, data, emb, pe);
  let obj = twinLoss(K, data, res)[0];
  for (const block of paramBlocks(layout)) {
    if (block.penalty === "none") continue;
    const lambda = block.penalty === "l2" ? data[K.mL2] : data[K.mL2b];
    for (let p = block.offset; p < block.offset + block.size; p++) obj += lambda * st[p] * st[p];
  }
  return obj;
}

/** Predictions of one job (n x m) from the state's parameters, through the twins. */
export function twinPredictJob(layout: Layout, st: Arr, data: Arr): Float64Array {
  const K = layout.constants;
  const none = new Float64Array(1);
  const live = Float64Array.from(st);
  live[K.sStopped] = 0;
  const emb = K.factors > 0 ? twinEmbed(K, live, data, twinEntHidden(K, live, data)) : live;
  const pe = K.head > 0 ? twinEntProj(K, live, emb) : none;
  return twinPredict(K, live, emb, pe);
}
