/**
 * The memory layout shared by the kernels, their twins and the host code that packs a batch:
 * sizes, offsets and flags, handed to every kernel as `constants`.
 *
 * Per job, three flat buffers:
 * - data `[meta(8) | cellI(C) | cellJ(C) | cellS(C) | entPtr(nEnt+1) | entCell(2T) |
 *   entOther(2T) | z(n Fzm + m Fzt) | catIdx(n Cm + m Ct) | rowPtr(R+1) | rowEnt(n Cm + m Ct)]`,
 *   where meta is `[nTrain, nValid, 2 / nTrain, lr, l2, l2Bias, patience, maxEpochs]`, cells hold
 *   the training cells first, then the inner-validation cells; entities are the n models then the
 *   m tasks; `entCell` lists, per entity, the training cells (indices into the job's cells) it
 *   appears in, and `entOther` the other entity of each of those cells (a model's tasks, a task's
 *   models);
 *   `catIdx` is the category-table row of each (entity, categorical factor), -1 where the factor
 *   is off for this job; `rowPtr`/`rowEnt` list, per row, the entities that use it.
 * - parameters theta `[id(nEnt k) | cat(R k) | Wn1m(Hn Fzm) an1m(Hn) Wn2m(k Hn) an2m(k) |
 *   Wn1t an1t Wn2t an2t | bias(nEnt) | mu(1) | W1(H 2k) | a1(H) | wg(k) | wh(H)]` (absent blocks
 *   have size 0).
 * - state `[theta(P) | m(P) | v(P) | best(P) | book(10) | log(2 nLog)]`, book being
 *   `[t, bestValid, bestEpoch, wait, stopped, lastTrain, lastValid, beta1^t, beta2^t, 0]`.
 *
 * The kernels, their twins and the host code address the meta and book slots by name, through
 * the constants: `m<Slot>` is a meta slot's index in the data buffer (`data[mLr]`), `s<Slot>` a
 * book slot's index in the state (`st[sStopped]`), `sLog` the first row of the curve log.
 *
 * @module
 */

/** The architecture and problem sizes a batch is compiled for. */
export interface ArchSpec {
  /** Models and tasks. */
  readonly n: number;
  readonly m: number;
  /** Embedding dimension. */
  readonly k: number;
  /** ID embeddings on. */
  readonly ids: boolean;
  /** Factor embeddings on (numeric MLP + categorical tables), added to the ID embeddings. */
  readonly factors: boolean;
  /** "dot": MF (`emb_i . emb_j`); "ncf": GMF branch + one-hidden-layer MLP, linear output. */
  readonly head: "dot" | "ncf";
  /** Model and task biases (and, for "dot", the global offset). */
  readonly biases: boolean;
  /** Hidden units of the numeric-factor MLPs (factors only). */
  readonly factorHidden: number;
  /** Hidden units of the NCF MLP (head "ncf" only). */
  readonly hidden: number;
  /** Numeric features per model / per task (2 per numeric factor: value, missing indicator). */
  readonly modelFeatures: number;
  readonly taskFeatures: number;
  /** Categorical factors per model / per task. */
  readonly modelCategorical: number;
  readonly taskCategorical: number;
  /** Rows of all category tables (model tables, then task tables). */
  readonly catRows: number;
  /** Largest number of cells (training + validation) of a job, and of training cells. */
  readonly maxCells: number;
  readonly maxTrain: number;
  /** Epochs between two rows of the curve log, and rows kept. */
  readonly logEvery: number;
  readonly logRows: number;
}

/** Constants of every kernel: sizes, flags, offsets. All numbers (gpu.js constants). */
export interface LayoutConstants {
  readonly [name: string]: number;
}

export interface Layout {
  readonly spec: ArchSpec;
  readonly constants: LayoutConstants;
  /** Parameters per job. */
  readonly P: number;
  /** State floats per job. */
  readonly S: number;
  /** Data floats per job. */
  readonly D: number;
  /** Offset of the entity embeddings in the buffer that holds them (state when no factors). */
  readonly embFromState: boolean;
}

/** Floats of a job's meta (at the head of its data buffer) and of its book (in its state). */
const META = 8;
const BOOK = 10;

/** Builds the layout of an architecture (pure arithmetic). */
export function makeLayout(spec: ArchSpec): Layout {
  const { n, m, k } = spec;
  if (!(k >= 1) || !(n >= 1) || !(m >= 1)) {
    throw new RangeError(`Cannot lay out kernels: n=${n}, m=${m}, k=${k} (each must be >= 1)`);
  }
  const nEnt = n + m;
  const fac = spec.factors;
  const ncf = spec.head === "ncf";
  const Hn = fac ? spec.factorHidden : 0;
  const H = ncf ? spec.hidden : 0;
  const Fzm = fac ? spec.modelFeatures : 0;
  const Fzt = fac ? spec.taskFeatures : 0;
  const Cm = fac ? spec.modelCategorical : 0;
  const Ct = fac ? spec.taskCategorical : 0;
  const R = fac ? spec.catRows : 0;
  // lanes per entity of kEntSum (k sums, the residual sum, the sum of squares) and of kEntGrad
  // (k gradients, the bias gradient, a copy of the k sums), rounded up to whole SIMD quads
  const kq = 4 * Math.ceil((k + 2) / 4);
  const kg = ncf || fac ? 4 * Math.ceil((2 * k + 1) / 4) : kq;
  const C = Math.max(1, spec.maxCells);
  const T = Math.max(1, spec.maxTrain);
  // data
  const dCI = META;
  const dCJ = dCI + C;
  const dCS = dCJ + C;
  const dEP = dCS + C;
  const dEC = dEP + nEnt + 1;
  const dSO = dEC + 2 * T;
  const dZ = dSO + 2 * T;
  const dCX = dZ + n * Fzm + m * Fzt;
  const dRP = dCX + n * Cm + m * Ct;
  const dRE = dRP + (fac ? R + 1 : 0);
  const D = dRE + (fac ? n * Cm + m * Ct : 0);
  // parameters
  const useMu = spec.biases || ncf;
  let o = 0;
  const pId = o;
  o += spec.ids ? nEnt * k : 0;
  const pCat = o;
  o += R * k;
  const mlp = (F: number) => (fac ? Hn * F + Hn + k * Hn + k : 0);
  const pWn1m = o;
  const pAn1m = pWn1m + Hn * Fzm;
  const pWn2m = pAn1m + Hn;
  const pAn2m = pWn2m + k * Hn;
  o += mlp(Fzm);
  const pWn1t = o;
  const pAn1t = pWn1t + Hn * Fzt;
  const pWn2t = pAn1t + Hn;
  const pAn2t = pWn2t + k * Hn;
  o += mlp(Fzt);
  const pBias = o;
  o += spec.biases ? nEnt : 0;
  const pMu = o;
  o += useMu ? 1 : 0;
  const pW1 = o;
  o += H * 2 * k;
  const pA1 = o;
  o += H;
  const pWg = o;
  o += ncf ? k : 0;
  const pWh = o;
  o += H;
  const P = o;
  if (P === 0) throw new RangeError("Cannot lay out kernels: the architecture has no parameters");
  const logRows = Math.max(1, spec.logRows);
  const sBook = 4 * P;
  const S = sBook + BOOK + 2 * logRows;
  const embFromState = !fac;
  const constants: LayoutConstants = {
    // meta slots (data): training and validation cell counts, 2 / nTrain, Adam's learning
    // rate, the L2 penalties of weights and biases, early stopping's patience, the most epochs
    mNTrain: 0,
    mNValid: 1,
    mScale: 2,
    mLr: 3,
    mL2: 4,
    mL2b: 5,
    mPatience: 6,
    mMaxEpochs: 7,
    // book slots (state): epochs run, best validation loss and its epoch, epochs since, the
    // stopped flag, the last losses, beta1^t and beta2^t (Adam's bias corrections)
    sT: sBook,
    sBest: sBook + 1,
    sBestEpoch: sBook + 2,
    sWait: sBook + 3,
    sStopped: sBook + 4,
    sTrain: sBook + 5,
    sValid: sBook + 6,
    sPow1: sBook + 7,
    sPow2: sBook + 8,
    sLog: sBook + BOOK,
    n,
    m,
    nEnt,
    k,
    kq,
    kg,
    Hn,
    H,
    Fzm,
    Fzt,
    Cm,
    Ct,
    R,
    C,
    T,
    ids: spec.ids ? 1 : 0,
    factors: fac ? 1 : 0,
    head: ncf ? 1 : 0,
    biases: spec.biases ? 1 : 0,
    useMu: useMu ? 1 : 0,
    dCI,
    dCJ,
    dCS,
    dEP,
    dEC,
    dSO,
    dZ,
    dCX,
    dRP,
    dRE,
    pId,
    pCat,
    pWn1m,
    pAn1m,
    pWn2m,
    pAn2m,
    pWn1t,
    pAn1t,
    pWn2t,
    pAn2t,
    pBias,
    pMu,
    pW1,
    pA1,
    pWg,
    pWh,
    P,
    sBook,
    nLog: logRows,
    S,
    D,
    // per-job strides of the intermediate buffers (the embeddings live in the state without factors)
    zHid: nEnt * Hn,
    zEmb: embFromState ? S : nEnt * (k + Hn),
    zPe: nEnt * H,
    zDe: 2 * nEnt * H,
    zRs: 2 * T,
    zAcc: nEnt * kq,
    zGe: nEnt * kg,
    zLoss: 2,
    zNM: n * m,
    logEvery: Math.max(1, spec.logEvery),
    eOff: embFromState ? pId : 0,
    hOff: nEnt * k,
    pOff: nEnt * H,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
  };
  return { spec, constants, P, S, D, embFromState };
}

/** A block of the parameter vector and its penalty (`l2` weights, `l2b` biases, or none). */
export interface ParamBlock {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly penalty: "l2" | "l2b" | "none";
}

/** The non-empty parameter blocks of a layout, in order (tests check each one). */
export function paramBlocks(layout: Layout): ParamBlock[] {
  const K = layout.constants;
  const { k, Hn, Fzm, Fzt, H } = K;
  const blocks: ParamBlock[] = [
    { name: "id", offset: K.pId, size: K.pCat - K.pId, penalty: "l2" },
    { name: "cat", offset: K.pCat, size: K.pWn1m - K.pCat, penalty: "l2" },
  ];
  for (const [side, o, Fz] of [["m", K.pWn1m, Fzm], ["t", K.pWn1t, Fzt]] as const) {
    if (K.factors === 0) continue;
    blocks.push(
      { name: `Wn1${side}`, offset: o, size: Hn * Fz, penalty: "l2" },
      { name: `an1${side}`, offset: o + Hn * Fz, size: Hn, penalty: "l2b" },
      { name: `Wn2${side}`, offset: o + Hn * Fz + Hn, size: k * Hn, penalty: "l2" },
      { name: `an2${side}`, offset: o + Hn * Fz + Hn + k * Hn, size: k, penalty: "l2b" },
    );
  }
  blocks.push(
    { name: "bias", offset: K.pBias, size: K.pMu - K.pBias, penalty: "l2b" },
    { name: "mu", offset: K.pMu, size: K.pW1 - K.pMu, penalty: "none" },
    { name: "W1", offset: K.pW1, size: H * 2 * k, penalty: "l2" },
    { name: "a1", offset: K.pA1, size: H, penalty: "l2b" },
    { name: "wg", offset: K.pWg, size: K.pWh - K.pWg, penalty: "l2" },
    { name: "wh", offset: K.pWh, size: H, penalty: "l2" },
  );
  return blocks.filter((block) => block.size > 0);
}
