/**
 * The training kernels, written for gpu.js: each is a plain `function` (no closures: gpu.js
 * recompiles its source) that computes ONE value of its output, reading sizes, offsets and flags
 * from `this.constants` (see layout.ts). Every output is 2D `[X, B]`: `this.thread.y` is the job
 * of the batch, `this.thread.x` the element; inputs are 2D too, indexed `[job][element]`. (On
 * webgpu, engine.ts rewrites each kernel to flat 1D buffers, `b * stride + element`, because a
 * WebGPU dispatch allows at most 65,535 workgroups per dimension; on cpu and webasm the 2D form
 * is kept: there `b` is uniform across SIMD lanes, which makes it much faster.) Every kernel
 * starts with the same two lines naming `b` and `x`, which that rewrite relies on.
 *
 * All reductions are gathers over index lists (a job's cells, CSR per entity, entities per
 * category row), so each thread sums in a fixed order: results are deterministic per backend,
 * and the cost grows with the observed cells, not with n x m. Loop counters start at 0 (WGSL
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
 * `emb` (embeddings, then a copy of `hid`), `pe`, `res` (residuals `y - s`), `loss`, `de`
 * (`de[e, h] = (2/nTr) wh[h] sum_{c in e} r_c [hidden_ch > 0]`), `ge` (loss gradient per entity
 * embedding), `dh` (per entity hidden unit), `g` (per parameter). The plain-TypeScript twins in
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

/** Mean squared residual: `loss[0]` over the training cells, `loss[1]` over the validation cells. */
export function kLoss(this: KernelThis, data: Buf, res: Buf): number {
  const b = this.thread.y;
  const x = this.thread.x;
  const nTr = data[b][this.constants.mNTrain];
  const nVa = data[b][this.constants.mNValid];
  let lo = 0;
  let cnt = nTr;
  if (x > 0) {
    lo = nTr;
    cnt = nVa;
  }
  let s = 0;
  for (let q = 0; q < cnt; q++) s += res[b][lo + q] * res[b][lo + q];
  return s / Math.max(cnt, 1);
}

/**
 * NCF hidden-unit deltas gathered per entity over its training cells (CSR):
 * `de[e, h] = (2 / nTr) wh[h] sum_{c in e} r_c [a1[h] + pe_ih + pe_jh > 0]`, followed by a copy
 * of `pe` at `pOff` (kGrad reads both from one buffer).
 */
export function kEntDelta(this: KernelThis, st: Buf, data: Buf, pe: Buf, res: Buf): number {
  const b = this.thread.y;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const x = this.thread.x;
  const H = this.constants.H;
  const n = this.constants.n;
  if (x >= this.constants.pOff) return pe[b][x - this.constants.pOff];
  const e = Math.floor(x / H);
  const h = x - e * H;
  const lo = data[b][this.constants.dEP + e];
  const cnt = data[b][this.constants.dEP + e + 1] - lo;
  const dEC = this.constants.dEC;
  const base = st[b][this.constants.pA1 + h] + pe[b][x];
  let s = 0;
  if (e < n) {
    for (let t = 0; t < cnt; t++) {
      const c = data[b][dEC + lo + t];
      const a = base + pe[b][(n + data[b][this.constants.dCJ + c]) * H + h];
      if (a > 0) s += res[b][c];
    }
  } else {
    for (let t = 0; t < cnt; t++) {
      const c = data[b][dEC + lo + t];
      const a = base + pe[b][data[b][this.constants.dCI + c] * H + h];
      if (a > 0) s += res[b][c];
    }
  }
  return s * data[b][this.constants.mScale] * st[b][this.constants.pWh + h];
}

/**
 * Gradient of the training loss with respect to each entity embedding, gathered over the
 * entity's training cells (CSR): `ge[e, d] = wg[d] sum_{c in e} (2 r_c / nTr) emb_other[d]
 * + sum_h W1[h, side(e) + d] de[e, h]` (head "ncf"; "dot" has `wg = 1` and no second term).
 */
export function kEntGrad(
  this: KernelThis,
  st: Buf,
  data: Buf,
  emb: Buf,
  res: Buf,
  de: Buf,
): number {
  const b = this.thread.y;
  if (st[b][this.constants.sStopped] > 0) return 0;
  const x = this.thread.x;
  const k = this.constants.k;
  const n = this.constants.n;
  const e = Math.floor(x / k);
  const d = x - e * k;
  const lo = data[b][this.constants.dEP + e];
  const cnt = data[b][this.constants.dEP + e + 1] - lo;
  const dEC = this.constants.dEC;
  const eo = this.constants.eOff;
  let s = 0;
  if (e < n) {
    for (let t = 0; t < cnt; t++) {
      const c = data[b][dEC + lo + t];
      s += res[b][c] * emb[b][eo + (n + data[b][this.constants.dCJ + c]) * k + d];
    }
  } else {
    for (let t = 0; t < cnt; t++) {
      const c = data[b][dEC + lo + t];
      s += res[b][c] * emb[b][eo + data[b][this.constants.dCI + c] * k + d];
    }
  }
  s = s * data[b][this.constants.mScale];
  if (this.constants.head > 0) {
    const H = this.constants.H;
    let w = this.constants.pW1 + d;
    if (e >= n) w = w + k;
    s = s * st[b][this.constants.pWg + d];
    for (let h = 0; h < H; h++) s += st[b][w + h * 2 * k] * de[b][e * H + h];
  }
  return s;
}

/** Numeric-factor hidden gradient: `dh[e, h] = [hid[e, h] > 0] sum_d Wn2[d, h] ge[e, d]`. */
export function kHidGrad(this: KernelThis, st: Buf, emb: Buf, ge: Buf): number {
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
  for (let d = 0; d < k; d++) s += st[b][pWn2 + d * Hn + h] * ge[b][e * k + d];
  return s;
}

/**
 * Gradient of `MSE_train + l2 |weights|^2 + l2b |biases|^2` with respect to every parameter
 * (one thread per parameter; the block is found from the layout offsets). Without factors
 * (`geInline`), the ID-embedding gradients are gathered here as in kEntGrad (which is skipped).
 * `de` holds the NCF deltas and a copy of `pe`; `dh` the numeric-factor hidden gradients.
 */
export function kGrad(
  this: KernelThis,
  st: Buf,
  data: Buf,
  emb: Buf,
  res: Buf,
  ge: Buf,
  de: Buf,
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
  const H = this.constants.H;
  const nTr = data[b][this.constants.mNTrain];
  const s2 = data[b][this.constants.mScale];
  const l2 = 2 * data[b][this.constants.mL2];
  const l2b = 2 * data[b][this.constants.mL2b];
  const eo = this.constants.eOff;
  const dCI = this.constants.dCI;
  const dCJ = this.constants.dCJ;
  const dEC = this.constants.dEC;
  const w = st[b][p];
  let g = 0;
  if (p < this.constants.pCat) {
    // ID embeddings
    const xi = p - this.constants.pId;
    if (this.constants.geInline > 0) {
      const e = Math.floor(xi / k);
      const d = xi - e * k;
      const lo = data[b][this.constants.dEP + e];
      const cnt = data[b][this.constants.dEP + e + 1] - lo;
      if (e < n) {
        for (let t = 0; t < cnt; t++) {
          const c = data[b][dEC + lo + t];
          g += res[b][c] * emb[b][eo + (n + data[b][dCJ + c]) * k + d];
        }
      } else {
        for (let t = 0; t < cnt; t++) {
          const c = data[b][dEC + lo + t];
          g += res[b][c] * emb[b][eo + data[b][dCI + c] * k + d];
        }
      }
      g = g * s2;
      if (this.constants.head > 0) {
        let wo = this.constants.pW1 + d;
        if (e >= n) wo = wo + k;
        g = g * st[b][this.constants.pWg + d];
        for (let h = 0; h < H; h++) g += st[b][wo + h * 2 * k] * de[b][e * H + h];
      }
    } else {
      g = ge[b][xi];
    }
    g += l2 * w;
  } else if (p < this.constants.pWn1m) {
    // categorical factor embeddings: gather over the entities that use this row
    const q = p - this.constants.pCat;
    const r = Math.floor(q / k);
    const d = q - r * k;
    const lo = data[b][this.constants.dRP + r];
    const cnt = data[b][this.constants.dRP + r + 1] - lo;
    for (let t = 0; t < cnt; t++) g += ge[b][data[b][this.constants.dRE + lo + t] * k + d];
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
        g += ge[b][(e0 + a) * k + d] * Math.max(emb[b][hOff + (e0 + a) * Hn + h], 0);
      }
      g += l2 * w;
    } else {
      const d = q - Hn * Fz - Hn - k * Hn;
      for (let a = 0; a < e1 - e0; a++) g += ge[b][(e0 + a) * k + d];
      g += l2b * w;
    }
  } else if (p < this.constants.pMu) {
    // entity biases: gather the residuals of the entity's training cells
    const e = p - this.constants.pBias;
    const lo = data[b][this.constants.dEP + e];
    const cnt = data[b][this.constants.dEP + e + 1] - lo;
    for (let t = 0; t < cnt; t++) g += res[b][data[b][dEC + lo + t]];
    g = g * s2 + l2b * w;
  } else if (p < this.constants.pW1) {
    // global offset
    for (let c = 0; c < nTr; c++) g += res[b][c];
    g = g * s2;
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
    for (let a = 0; a < ne; a++) g += de[b][(e0 + a) * H + h] * emb[b][eo + (e0 + a) * k + d];
    g += l2 * w;
  } else if (p < this.constants.pWg) {
    const h = p - this.constants.pA1;
    for (let a = 0; a < n; a++) g += de[b][a * H + h];
    g += l2b * w;
  } else if (p < this.constants.pWh) {
    const d = p - this.constants.pWg;
    for (let c = 0; c < nTr; c++) {
      const io = eo + data[b][dCI + c] * k + d;
      const jo = eo + (n + data[b][dCJ + c]) * k + d;
      g += res[b][c] * emb[b][io] * emb[b][jo];
    }
    g = g * s2 + l2 * w;
  } else {
    const h = p - this.constants.pWh;
    const a1 = st[b][this.constants.pA1 + h];
    const po = this.constants.pOff;
    for (let c = 0; c < nTr; c++) {
      const i = data[b][dCI + c];
      const j = data[b][dCJ + c];
      g += res[b][c] * Math.max(a1 + de[b][po + i * H + h] + de[b][po + (n + j) * H + h], 0);
    }
    g = g * s2 + l2 * w;
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
  if (x < 3 * P) {
    // Adam: theta, first moment, second moment (bias corrections from beta^t in the book)
    let p = x;
    if (x >= 2 * P) {
      p = x - 2 * P;
    } else if (x >= P) {
      p = x - P;
    }
    const gp = g[b][p];
    const b1 = this.constants.beta1;
    const b2 = this.constants.beta2;
    const m1 = b1 * st[b][P + p] + (1 - b1) * gp;
    const v1 = b2 * st[b][2 * P + p] + (1 - b2) * gp * gp;
    if (x >= 2 * P) return v1;
    if (x >= P) return m1;
    const mh = m1 / (1 - st[b][this.constants.sPow1] * b1);
    const vh = v1 / (1 - st[b][this.constants.sPow2] * b2);
    return old - data[b][this.constants.mLr] * mh / (Math.sqrt(vh) + this.constants.eps);
  }
  if (x < this.constants.sBook) {
    // best parameters so far
    if (improved > 0) return st[b][x - 3 * P];
    return old;
  }
  const wait = st[b][this.constants.sWait];
  if (x === this.constants.sT) return t + 1;
  if (x === this.constants.sBest) {
    if (improved > 0) return valid;
    return old;
  }
  if (x === this.constants.sBestEpoch) {
    if (improved > 0) return t;
    return old;
  }
  if (x === this.constants.sWait) {
    if (improved > 0) return 0;
    return wait + 1;
  }
  if (x === this.constants.sStopped) {
    let w = wait + 1;
    if (improved > 0) w = 0;
    if (w >= data[b][this.constants.mPatience] || t + 1 >= data[b][this.constants.mMaxEpochs]) {
      return 1;
    }
    return 0;
  }
  if (x === this.constants.sTrain) return loss[b][0];
  if (x === this.constants.sValid) return valid;
  if (x === this.constants.sPow1) return old * this.constants.beta1;
  if (x === this.constants.sPow2) return old * this.constants.beta2;
  if (x < this.constants.sLog) return old;
  // curve log: (train, valid) every logEvery epochs
  const every = this.constants.logEvery;
  const li = x - this.constants.sLog;
  const row = Math.floor(li / 2);
  if (row * every === t) {
    if (li - row * 2 === 0) return loss[b][0];
    return valid;
  }
  return old;
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
