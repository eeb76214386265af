/**
 * The training kernels, written for gpu.js: each is a plain `function` (no closures: gpu.js
 * recompiles its source) that computes ONE value of its output, reading sizes, offsets and flags
 * from `this.constants` (see layout.ts). Most outputs are 2D `[X, B]`: `this.thread.y` is the
 * job of the batch, `this.thread.x` the element; inputs are indexed `[job][element]`. The
 * per-entity kernels (kEntSum, kEntGrad, kEntDelta) are 3D `[lanes, rows, B]`, one row per
 * entity, `this.thread.z` the job, and are read `[job][entity][lane]`: on webasm a SIMD quad
 * shares its row, so an entity's loop over its cells, the index loads and the residuals are
 * uniform across the lanes and only the other side's embedding is gathered. (On webgpu,
 * engine.ts rewrites each kernel to flat 1D buffers, `b * stride + element`, because a WebGPU
 * dispatch allows at most 65,535 workgroups per dimension; on cpu and webasm the 2D and 3D forms
 * are kept: there `b` is uniform across SIMD lanes, which makes them much faster.) Every kernel
 * starts with the same lines naming `b` (and `y`) and `x`, which that rewrite relies on.
 *
 * All reductions are gathers over index lists (a job's cells, CSR per entity, entities per
 * category row), so each thread sums in a fixed order (long loops in four partial sums, added
 * pairwise): results are deterministic per backend, and the cost grows with the observed cells,
 * not with n x m. Loop counters start at 0 (WGSL
 * needs integer counters); at most 7 inputs per kernel (WebGPU's storage-buffer limit is 8).
 * A job whose state says "stopped" returns 0 at once from every per-epoch kernel (its state no
 * longer changes), so a batch costs what its running jobs cost.
 *
 * The model, for job b, model i, task j (entities e: the n models, then the m tasks):
 * - `emb_e = id_e + an2 + Wn2 relu(hid_e) + sum_f cat[row(e, f)]`, `hid_e = an1 + Wn1 z_e`
 *   (ID part when `ids`, factor parts when `factors`; Wn*, an* are per side);
 * - head "dot": `y = mu + bias_i + bias_j + emb_i . emb_j`;
 * - head "ncf": `y = mu + bias_i + bias_j + wg . (emb_i * emb_j) + wh . relu(a1 + W1 [emb_i;
 *   emb_j])`. The first MLP layer is separable, `W1 [emb_i; emb_j] = pe_i + pe_j` with the
 *   entity projections `pe_e = W1[:, side(e)] emb_e`, so each cell costs O(k + H), not O(k H);
 * - loss: mean squared residual over the training cells + `l2 |weights|^2 + l2b |biases|^2`.
 *
 * Buffers (per job): `data` (static: cells, CSR, encoded factors, hyperparameters), `st` (state:
 * parameters, Adam moments, best parameters, bookkeeping, curve log), and per epoch: `hid`,
 * `emb` (embeddings, then a copy of `hid`), `pe`, `res` (residuals `y - s`), `rs` (the residuals
 * in CSR order), `acc` (per-entity sums), `loss`, `de` (`de[e, h] = (2/nTr) wh[h] sum_{c in e}
 * r_c [hidden_ch > 0]`), `ge` (loss gradient per entity embedding), `dh` (per entity hidden
 * unit), `g` (per parameter). The plain-TypeScript twins in
 * twins.ts compute the same outputs.
 *
 * @module
 */
// deno-lint-ignore-file no-explicit-any

/** What gpu.js gives a kernel as `this`. */
export interface KernelThis {
  readonly thread: { readonly x: number; readonly y: number; readonly z: number };
  readonly constants: any;
}

type Buf = number[][];
/** A 3D buffer, read `[job][entity][lane]`. */
type Buf3 = number[][][];

/** Numeric-factor hidden layer, pre-activation: `hid[e, h] = an1[h] + sum_f Wn1[h, f] z[e, f]`. */
export function kEntHidden(this: KernelThis, st: Buf, data: Buf): number {
  const b = this.thread.y;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const x = this.thread.x;
  const Hn = this.constants.Hn;
  const n = this.constants.n;
  const e = Math.floor(x / Hn);
  const h = x - e * Hn;
  let s = 0;
  if (e < n) {
    const Fz = this.constants.Fzm;
    s = st[b][this.constants.pAn1m + h];
    for (let f = 0; f < Fz; f++) {
      s += st[b][this.constants.pWn1m + h * Fz + f] * data[b][this.constants.dZ + e * Fz + f];
    }
  } else {
    const Fz = this.constants.Fzt;
    const zo = this.constants.dZ + n * this.constants.Fzm + (e - n) * Fz;
    s = st[b][this.constants.pAn1t + h];
    for (let f = 0; f < Fz; f++) {
      s += st[b][this.constants.pWn1t + h * Fz + f] * data[b][zo + f];
    }
  }
  return s;
}

/**
 * Entity embeddings `emb[e, d]` (see the module doc), followed by a copy of `hid` at `hOff`, so
 * later kernels read both from one buffer.
 */
export function kEmbed(this: KernelThis, st: Buf, data: Buf, hid: Buf): number {
  const b = this.thread.y;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const x = this.thread.x;
  const k = this.constants.k;
  const n = this.constants.n;
  const Hn = this.constants.Hn;
  if (x >= this.constants.hOff) return hid[b][x - this.constants.hOff];
  const e = Math.floor(x / k);
  const d = x - e * k;
  let v = 0;
  if (this.constants.ids > 0) v = st[b][this.constants.pId + x];
  let pWn2 = this.constants.pWn2m;
  let pAn2 = this.constants.pAn2m;
  let nc = this.constants.Cm;
  let co = this.constants.dCX + e * this.constants.Cm;
  if (e >= n) {
    pWn2 = this.constants.pWn2t;
    pAn2 = this.constants.pAn2t;
    nc = this.constants.Ct;
    co = this.constants.dCX + n * this.constants.Cm + (e - n) * this.constants.Ct;
  }
  v += st[b][pAn2 + d];
  for (let h = 0; h < Hn; h++) {
    v += st[b][pWn2 + d * Hn + h] * Math.max(hid[b][e * Hn + h], 0);
  }
  for (let f = 0; f < nc; f++) {
    const r = data[b][co + f];
    if (r >= 0) v += st[b][this.constants.pCat + r * k + d];
  }
  return v;
}

/** NCF entity projections through the first MLP layer: `pe[e, h] = W1[h, side(e)] . emb_e`. */
export function kEntProj(this: KernelThis, st: Buf, emb: Buf): number {
  const b = this.thread.y;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const x = this.thread.x;
  const H = this.constants.H;
  const k = this.constants.k;
  const e = Math.floor(x / H);
  const h = x - e * H;
  let w = this.constants.pW1 + h * 2 * k;
  if (e >= this.constants.n) w = w + k;
  const eo = this.constants.eOff + e * k;
  let s = 0;
  for (let d = 0; d < k; d++) s += st[b][w + d] * emb[b][eo + d];
  return s;
}

/** Residual per cell, `res[c] = y_c - s_c` (0 beyond the job's cells). */
export function kCellOut(this: KernelThis, st: Buf, data: Buf, emb: Buf, pe: Buf): number {
  const b = this.thread.y;
  const x = this.thread.x;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const c = x;
  if (c >= data[b][this.constants.mNTrain] + data[b][this.constants.mNValid]) return 0;
  const k = this.constants.k;
  const n = this.constants.n;
  const i = data[b][this.constants.dCI + c];
  const j = data[b][this.constants.dCJ + c];
  const io = this.constants.eOff + i * k;
  const jo = this.constants.eOff + (n + j) * k;
  let y = 0;
  if (this.constants.useMu > 0) y = st[b][this.constants.pMu];
  if (this.constants.biases > 0) {
    y += st[b][this.constants.pBias + i] + st[b][this.constants.pBias + n + j];
  }
  if (this.constants.head > 0) {
    for (let d = 0; d < k; d++) {
      y += st[b][this.constants.pWg + d] * emb[b][io + d] * emb[b][jo + d];
    }
    const H = this.constants.H;
    const pi = i * H;
    const pj = (n + j) * H;
    for (let h = 0; h < H; h++) {
      const a = st[b][this.constants.pA1 + h] + pe[b][pi + h] + pe[b][pj + h];
      y += st[b][this.constants.pWh + h] * Math.max(a, 0);
    }
  } else {
    for (let d = 0; d < k; d++) y += emb[b][io + d] * emb[b][jo + d];
  }
  return y - data[b][this.constants.dCS + c];
}

/**
 * Mean squared residual: `loss[0]` over the training cells (from kEntSum's sums of squares, so
 * no thread walks every cell), `loss[1]` over the validation cells.
 */
export function kLoss(this: KernelThis, data: Buf, res: Buf, acc: Buf3): number {
  const b = this.thread.y;
  const x = this.thread.x;
  if (x === 0) {
    // training cells: kEntSum's (2 / nTr) sums of squares over the models, halved
    let s = 0;
    for (let a = 0; a < this.constants.n; a++) s += acc[b][a][this.constants.k + 1];
    return s / 2;
  }
  const lo = data[b][this.constants.mNTrain];
  const cnt = data[b][this.constants.mNValid];
  const q4 = Math.floor(cnt / 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let q = 0; q < q4; q++) {
    const c = lo + 4 * q;
    s0 += res[b][c] * res[b][c];
    s1 += res[b][c + 1] * res[b][c + 1];
    s2 += res[b][c + 2] * res[b][c + 2];
    s3 += res[b][c + 3] * res[b][c + 3];
  }
  for (let u = 0; u < cnt - 4 * q4; u++) {
    const c = lo + 4 * q4 + u;
    s0 += res[b][c] * res[b][c];
  }
  return ((s0 + s1) + (s2 + s3)) / Math.max(cnt, 1);
}

/**
 * The training residuals in the entities' CSR order, `rs[s] = res[entCell[s]]` (0 beyond the
 * job's slots): kEntSum and kEntDelta then read each entity's residuals contiguously.
 */
export function kSlotRes(this: KernelThis, st: Buf, data: Buf, res: Buf): number {
  const b = this.thread.y;
  const x = this.thread.x;
  if (st[b][this.constants.sStopped] > 0) return 0;
  if (x >= 2 * data[b][this.constants.mNTrain]) return 0;
  return res[b][data[b][this.constants.dEC + x]];
}

/**
 * NCF hidden-unit deltas gathered per entity over its training cells (CSR):
 * `de[e, h] = (2 / nTr) wh[h] sum_{c in e} r_c [a1[h] + pe_ih + pe_jh > 0]` for rows `e < nEnt`,
 * then a copy of `pe` in rows `nEnt + e` (kGrad reads both from one buffer). 3D `[H, 2 nEnt, B]`:
 * the entity is `thread.y`, so the cell loop, its index loads and its residuals are shared by the
 * SIMD lanes (the hidden units); four partial sums break the loop's dependency chain.
 */
export function kEntDelta(this: KernelThis, st: Buf, data: Buf, pe: Buf, rs: Buf): number {
  const b = this.thread.z;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const y = this.thread.y;
  const x = this.thread.x;
  const H = this.constants.H;
  const nEnt = this.constants.nEnt;
  if (y >= nEnt) return pe[b][(y - nEnt) * H + x];
  const lo = data[b][this.constants.dEP + y];
  const cnt = data[b][this.constants.dEP + y + 1] - lo;
  const dSO = this.constants.dSO + lo;
  const base = st[b][this.constants.pA1 + x] + pe[b][y * H + x];
  const q4 = Math.floor(cnt / 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let q = 0; q < q4; q++) {
    const u = 4 * q;
    if (base + pe[b][data[b][dSO + u] * H + x] > 0) s0 += rs[b][lo + u];
    if (base + pe[b][data[b][dSO + u + 1] * H + x] > 0) s1 += rs[b][lo + u + 1];
    if (base + pe[b][data[b][dSO + u + 2] * H + x] > 0) s2 += rs[b][lo + u + 2];
    if (base + pe[b][data[b][dSO + u + 3] * H + x] > 0) s3 += rs[b][lo + u + 3];
  }
  for (let u = 0; u < cnt - 4 * q4; u++) {
    const t = 4 * q4 + u;
    if (base + pe[b][data[b][dSO + t] * H + x] > 0) s0 += rs[b][lo + t];
  }
  const s = (s0 + s1) + (s2 + s3);
  return s * data[b][this.constants.mScale] * st[b][this.constants.pWh + x];
}

/**
 * Per-entity sums over the entity's training cells (CSR), scaled by `2 / nTr`: lanes `d < k`
 * hold `acc[e, d] = (2 / nTr) sum_{c in e} r_c emb_other(c)[d]`, lane `k` the residual sum
 * `(2 / nTr) sum_{c in e} r_c` (the bias gradient), lane `k + 1` the sum of squares
 * `(2 / nTr) sum_{c in e} r_c^2` (kLoss's training loss), lanes above 0. 3D `[kq, nEnt, B]`: the
 * entity is `thread.y`, so the cell loop, its index loads and its residuals are shared by the
 * SIMD lanes; four partial sums break the loop's dependency chain. MF's embedding gradient is
 * `acc` itself; kEntGrad adds the NCF terms.
 */
export function kEntSum(this: KernelThis, st: Buf, data: Buf, emb: Buf, rs: Buf): number {
  const b = this.thread.z;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const y = this.thread.y;
  const x = this.thread.x;
  const k = this.constants.k;
  if (x > k + 1) return 0;
  const lo = data[b][this.constants.dEP + y];
  const cnt = data[b][this.constants.dEP + y + 1] - lo;
  const dSO = this.constants.dSO + lo;
  // lane d < k weighs a residual by the other side's embedding, lane k by 1 (the residual
  // sum), lane k + 1 by the residual itself (the sum of squares)
  let xe = x;
  let one = 0;
  let sq = 0;
  if (x === k) {
    xe = 0;
    one = 1;
  } else if (x === k + 1) {
    xe = 0;
    sq = 1;
  }
  const keep = 1 - one - sq;
  const eo = this.constants.eOff + xe;
  const q4 = Math.floor(cnt / 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let q = 0; q < q4; q++) {
    const u = lo + 4 * q;
    const r0 = rs[b][u];
    const r1 = rs[b][u + 1];
    const r2 = rs[b][u + 2];
    const r3 = rs[b][u + 3];
    s0 += r0 * (keep * emb[b][eo + data[b][dSO + 4 * q] * k] + one + sq * r0);
    s1 += r1 * (keep * emb[b][eo + data[b][dSO + 4 * q + 1] * k] + one + sq * r1);
    s2 += r2 * (keep * emb[b][eo + data[b][dSO + 4 * q + 2] * k] + one + sq * r2);
    s3 += r3 * (keep * emb[b][eo + data[b][dSO + 4 * q + 3] * k] + one + sq * r3);
  }
  for (let u = 0; u < cnt - 4 * q4; u++) {
    const t = 4 * q4 + u;
    const r = rs[b][lo + t];
    s0 += r * (keep * emb[b][eo + data[b][dSO + t] * k] + one + sq * r);
  }
  return ((s0 + s1) + (s2 + s3)) * data[b][this.constants.mScale];
}

/**
 * The loss gradient per entity embedding, from kEntSum's sums (3D `[kg, nEnt, B]`, the entity
 * `thread.y`): lanes `d < k` hold `ge[e, d] = wg[d] acc[e, d] + sum_h W1[h, side(e) + d] de[e, h]`
 * (head "ncf"; "dot" has `ge = acc`), lane `k` the bias gradient, lanes `k + 1 + d` a copy of
 * `acc[e, d]` (kGrad's `wg` block reads it), lanes above 0.
 */
export function kEntGrad(this: KernelThis, st: Buf, acc: Buf3, de: Buf3): number {
  const b = this.thread.z;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const y = this.thread.y;
  const x = this.thread.x;
  const k = this.constants.k;
  if (x === k) return acc[b][y][k];
  if (x > 2 * k) return 0;
  if (x > k) return acc[b][y][x - k - 1];
  let s = acc[b][y][x];
  if (this.constants.head > 0) {
    const H = this.constants.H;
    let w = this.constants.pW1 + x;
    if (y >= this.constants.n) w = w + k;
    s = s * st[b][this.constants.pWg + x];
    for (let h = 0; h < H; h++) s += st[b][w + h * 2 * k] * de[b][y][h];
  }
  return s;
}

/** Numeric-factor hidden gradient: `dh[e, h] = [hid[e, h] > 0] sum_d Wn2[d, h] ge[e, d]`. */
export function kHidGrad(this: KernelThis, st: Buf, emb: Buf, ge: Buf3): number {
  const b = this.thread.y;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const x = this.thread.x;
  const Hn = this.constants.Hn;
  const k = this.constants.k;
  const e = Math.floor(x / Hn);
  const h = x - e * Hn;
  if (emb[b][this.constants.hOff + x] <= 0) return 0;
  let pWn2 = this.constants.pWn2m;
  if (e >= this.constants.n) pWn2 = this.constants.pWn2t;
  let s = 0;
  for (let d = 0; d < k; d++) s += st[b][pWn2 + d * Hn + h] * ge[b][e][d];
  return s;
}

/**
 * Gradient of `MSE_train + l2 |weights|^2 + l2b |biases|^2` with respect to every parameter
 * (one thread per parameter; the block is found from the layout offsets). `ge` holds the
 * embedding gradients, the bias gradients and (head "ncf") kEntSum's sums per entity; `de` the
 * NCF deltas and a copy of `pe`; `dh` the numeric-factor hidden gradients.
 */
export function kGrad(
  this: KernelThis,
  st: Buf,
  data: Buf,
  emb: Buf,
  res: Buf,
  ge: Buf3,
  de: Buf3,
  dh: Buf,
): number {
  const b = this.thread.y;
  const x = this.thread.x;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const p = x;
  const k = this.constants.k;
  const n = this.constants.n;
  const nEnt = this.constants.nEnt;
  const Hn = this.constants.Hn;
  const nTr = data[b][this.constants.mNTrain];
  const s2 = data[b][this.constants.mScale];
  const l2 = 2 * data[b][this.constants.mL2];
  const l2b = 2 * data[b][this.constants.mL2b];
  const eo = this.constants.eOff;
  const dCI = this.constants.dCI;
  const dCJ = this.constants.dCJ;
  const w = st[b][p];
  let g = 0;
  if (p < this.constants.pCat) {
    // ID embeddings
    const xi = p - this.constants.pId;
    const e = Math.floor(xi / k);
    g = ge[b][e][xi - e * k] + l2 * w;
  } else if (p < this.constants.pWn1m) {
    // categorical factor embeddings: gather over the entities that use this row
    const q = p - this.constants.pCat;
    const r = Math.floor(q / k);
    const d = q - r * k;
    const lo = data[b][this.constants.dRP + r];
    const cnt = data[b][this.constants.dRP + r + 1] - lo;
    for (let t = 0; t < cnt; t++) {
      const e = data[b][this.constants.dRE + lo + t];
      g += ge[b][e][d];
    }
    g += l2 * w;
  } else if (p < this.constants.pBias) {
    // numeric-factor MLPs: model side, then task side
    let e0 = 0;
    let e1 = n;
    let Fz = this.constants.Fzm;
    let zo = this.constants.dZ;
    let q = p - this.constants.pWn1m;
    if (p >= this.constants.pWn1t) {
      e0 = n;
      e1 = nEnt;
      Fz = this.constants.Fzt;
      zo = this.constants.dZ + n * this.constants.Fzm - n * this.constants.Fzt;
      q = p - this.constants.pWn1t;
    }
    const hOff = this.constants.hOff;
    if (q < Hn * Fz) {
      const h = Math.floor(q / Fz);
      const f = q - h * Fz;
      for (let a = 0; a < e1 - e0; a++) {
        g += dh[b][(e0 + a) * Hn + h] * data[b][zo + (e0 + a) * Fz + f];
      }
      g += l2 * w;
    } else if (q < Hn * Fz + Hn) {
      const h = q - Hn * Fz;
      for (let a = 0; a < e1 - e0; a++) g += dh[b][(e0 + a) * Hn + h];
      g += l2b * w;
    } else if (q < Hn * Fz + Hn + k * Hn) {
      const u = q - Hn * Fz - Hn;
      const d = Math.floor(u / Hn);
      const h = u - d * Hn;
      for (let a = 0; a < e1 - e0; a++) {
        const e = e0 + a;
        g += ge[b][e][d] * Math.max(emb[b][hOff + e * Hn + h], 0);
      }
      g += l2 * w;
    } else {
      const d = q - Hn * Fz - Hn - k * Hn;
      for (let a = 0; a < e1 - e0; a++) {
        const e = e0 + a;
        g += ge[b][e][d];
      }
      g += l2b * w;
    }
  } else if (p < this.constants.pMu) {
    // entity biases: kEntSum's residual sums
    const e = p - this.constants.pBias;
    g = ge[b][e][k] + l2b * w;
  } else if (p < this.constants.pW1) {
    // global offset: every training cell once, through its model
    for (let a = 0; a < n; a++) g += ge[b][a][k];
  } else if (p < this.constants.pA1) {
    // NCF first layer: W1[h, q] = sum over the side's entities of de[e, h] emb_e[q mod k]
    const q = p - this.constants.pW1;
    const h = Math.floor(q / (2 * k));
    let d = q - h * 2 * k;
    let e0 = 0;
    let ne = n;
    if (d >= k) {
      d = d - k;
      e0 = n;
      ne = nEnt - n;
    }
    for (let a = 0; a < ne; a++) {
      const e = e0 + a;
      g += de[b][e][h] * emb[b][eo + e * k + d];
    }
    g += l2 * w;
  } else if (p < this.constants.pWg) {
    const h = p - this.constants.pA1;
    for (let a = 0; a < n; a++) g += de[b][a][h];
    g += l2b * w;
  } else if (p < this.constants.pWh) {
    // wg[d]: sum over the models of emb_i[d] acc[i, d] (each training cell once)
    const d = p - this.constants.pWg;
    for (let a = 0; a < n; a++) g += emb[b][eo + a * k + d] * ge[b][a][k + 1 + d];
    g += l2 * w;
  } else {
    // wh[h]: over the training cells, with the copy of pe in de's rows nEnt + entity
    const h = p - this.constants.pWh;
    const a1 = st[b][this.constants.pA1 + h];
    const rJ = nEnt + n;
    const q4 = Math.floor(nTr / 4);
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let q = 0; q < q4; q++) {
      const c = 4 * q;
      const i0 = nEnt + data[b][dCI + c];
      const j0 = rJ + data[b][dCJ + c];
      const i1 = nEnt + data[b][dCI + c + 1];
      const j1 = rJ + data[b][dCJ + c + 1];
      const i2 = nEnt + data[b][dCI + c + 2];
      const j2 = rJ + data[b][dCJ + c + 2];
      const i3 = nEnt + data[b][dCI + c + 3];
      const j3 = rJ + data[b][dCJ + c + 3];
      g0 += res[b][c] * Math.max(a1 + de[b][i0][h] + de[b][j0][h], 0);
      g1 += res[b][c + 1] * Math.max(a1 + de[b][i1][h] + de[b][j1][h], 0);
      g2 += res[b][c + 2] * Math.max(a1 + de[b][i2][h] + de[b][j2][h], 0);
      g3 += res[b][c + 3] * Math.max(a1 + de[b][i3][h] + de[b][j3][h], 0);
    }
    for (let u = 0; u < nTr - 4 * q4; u++) {
      const c = 4 * q4 + u;
      const i0 = nEnt + data[b][dCI + c];
      const j0 = rJ + data[b][dCJ + c];
      g0 += res[b][c] * Math.max(a1 + de[b][i0][h] + de[b][j0][h], 0);
    }
    g = ((g0 + g1) + (g2 + g3)) * s2 + l2 * w;
  }
  return g;
}

/**
 * One optimizer step on the state `[theta | m | v | best | book | log]`: Adam on the parameters,
 * early-stopping bookkeeping (the parameters are copied to `best` when the validation loss
 * improves), and the curve log. A stopped job's state no longer changes.
 */
export function kStep(this: KernelThis, st: Buf, data: Buf, g: Buf, loss: Buf): number {
  const b = this.thread.y;
  const x = this.thread.x;
  const P = this.constants.P;
  const old = st[b][x];
  if (st[b][this.constants.sStopped] > 0) return old;
  const t = st[b][this.constants.sT];
  const valid = loss[b][1];
  let improved = 0;
  if (valid < st[b][this.constants.sBest]) improved = 1;
  const b1 = this.constants.beta1;
  const b2 = this.constants.beta2;
  // one if/else tree: a SIMD quad skips every branch none of its lanes takes
  let v = old;
  if (x < 3 * P) {
    // Adam: theta, first moment, second moment (bias corrections from beta^t in the book)
    if (x < P) {
      const gp = g[b][x];
      const m1 = b1 * st[b][P + x] + (1 - b1) * gp;
      const v1 = b2 * st[b][2 * P + x] + (1 - b2) * gp * gp;
      const mh = m1 / (1 - st[b][this.constants.sPow1] * b1);
      const vh = v1 / (1 - st[b][this.constants.sPow2] * b2);
      v = old - data[b][this.constants.mLr] * mh / (Math.sqrt(vh) + this.constants.eps);
    } else if (x < 2 * P) {
      const gp = g[b][x - P];
      v = b1 * old + (1 - b1) * gp;
    } else {
      const gp = g[b][x - 2 * P];
      v = b2 * old + (1 - b2) * gp * gp;
    }
  } else if (x < this.constants.sBook) {
    // best parameters so far
    if (improved > 0) v = st[b][x - 3 * P];
  } else if (x < this.constants.sLog) {
    const wait = st[b][this.constants.sWait];
    if (x === this.constants.sT) {
      v = t + 1;
    } else if (x === this.constants.sBest) {
      if (improved > 0) v = valid;
    } else if (x === this.constants.sBestEpoch) {
      if (improved > 0) v = t;
    } else if (x === this.constants.sWait) {
      v = wait + 1;
      if (improved > 0) v = 0;
    } else if (x === this.constants.sStopped) {
      let w = wait + 1;
      if (improved > 0) w = 0;
      v = 0;
      if (w >= data[b][this.constants.mPatience] || t + 1 >= data[b][this.constants.mMaxEpochs]) {
        v = 1;
      }
    } else if (x === this.constants.sTrain) {
      v = loss[b][0];
    } else if (x === this.constants.sValid) {
      v = valid;
    } else if (x === this.constants.sPow1) {
      v = old * b1;
    } else if (x === this.constants.sPow2) {
      v = old * b2;
    }
  } else {
    // curve log: (train, valid) every logEvery epochs
    const li = x - this.constants.sLog;
    const row = Math.floor(li / 2);
    if (row * this.constants.logEvery === t) {
      v = valid;
      if (li - row * 2 === 0) v = loss[b][0];
    }
  }
  return v;
}

/** Prediction for every cell of the matrix (`x = i * m + j`), from the state's parameters. */
export function kPredict(this: KernelThis, st: Buf, emb: Buf, pe: Buf): number {
  const b = this.thread.y;
  const x = this.thread.x;
  const k = this.constants.k;
  const n = this.constants.n;
  const m = this.constants.m;
  const i = Math.floor(x / m);
  const j = x - i * m;
  const io = this.constants.eOff + i * k;
  const jo = this.constants.eOff + (n + j) * k;
  let y = 0;
  if (this.constants.useMu > 0) y = st[b][this.constants.pMu];
  if (this.constants.biases > 0) {
    y += st[b][this.constants.pBias + i] + st[b][this.constants.pBias + n + j];
  }
  if (this.constants.head > 0) {
    for (let d = 0; d < k; d++) {
      y += st[b][this.constants.pWg + d] * emb[b][io + d] * emb[b][jo + d];
    }
    const H = this.constants.H;
    for (let h = 0; h < H; h++) {
      const a = st[b][this.constants.pA1 + h] + pe[b][i * H + h] + pe[b][(n + j) * H + h];
      y += st[b][this.constants.pWh + h] * Math.max(a, 0);
    }
  } else {
    for (let d = 0; d < k; d++) y += emb[b][io + d] * emb[b][jo + d];
  }
  return y;
}
