import assert from "node:assert/strict";
import { observedCells, pack, smallJobs, smallProblem, VARIANTS } from "../kernels/_fixtures.ts";

const problem = smallProblem();
const jobs = smallJobs(problem);
const packed = pack(problem, jobs, VARIANTS["ncf-factors"]);
const { layout, data, B } = packed;
const K = layout.constants;
const { D } = layout;
const job = (b: number) => data.subarray(b * D, (b + 1) * D);

Deno.test("packData() stores the training cells, then the inner-validation cells, each once", () => {
  for (let b = 0; b < B; b++) {
    const d = job(b);
    const nTr = d[K.mNTrain];
    const nVa = d[K.mNValid];
    assert.equal(nTr + nVa, jobs[b].train.length);
    assert.ok(nVa >= 1);
    const cells = new Set<number>();
    for (let c = 0; c < nTr + nVa; c++) {
      const cell = d[K.dCI + c] * K.m + d[K.dCJ + c];
      assert.ok(jobs[b].train.includes(cell));
      assert.equal(d[K.dCS + c], problem.values[cell]);
      cells.add(cell);
    }
    assert.equal(cells.size, nTr + nVa);
  }
});

Deno.test("the entity CSR lists each training cell once under its model and once under its task", () => {
  for (let b = 0; b < B; b++) {
    const d = job(b);
    const nTr = d[K.mNTrain];
    const seen = new Map<number, number>();
    for (let e = 0; e < K.nEnt; e++) {
      for (let p = d[K.dEP + e]; p < d[K.dEP + e + 1]; p++) {
        const c = d[K.dEC + p];
        assert.ok(c < nTr, "only training cells");
        const owner = e < K.n ? d[K.dCI + c] : K.n + d[K.dCJ + c];
        assert.equal(owner, e);
        seen.set(c, (seen.get(c) ?? 0) + 1);
      }
    }
    assert.equal(seen.size, nTr);
    assert.ok([...seen.values()].every((v) => v === 2));
    assert.equal(d[K.dEP + K.nEnt], 2 * nTr);
  }
});

Deno.test("each category row lists exactly the entities whose factors map to it", () => {
  for (let b = 0; b < B; b++) {
    const d = job(b);
    for (let r = 0; r < K.R; r++) {
      const listed = [];
      for (let p = d[K.dRP + r]; p < d[K.dRP + r + 1]; p++) listed.push(d[K.dRE + p]);
      const expected = [];
      for (let e = 0; e < K.nEnt; e++) {
        const nc = e < K.n ? K.Cm : K.Ct;
        const co = e < K.n ? K.dCX + e * K.Cm : K.dCX + K.n * K.Cm + (e - K.n) * K.Ct;
        for (let f = 0; f < nc; f++) if (d[co + f] === r) expected.push(e);
      }
      assert.deepEqual(listed, expected, `job ${b} row ${r}`);
    }
  }
});

Deno.test("a job's factor set switches the other factors off in its data", () => {
  // job 2 uses no model factor and only the task factor "ability" (categorical)
  const d = job(2);
  for (let q = 0; q < K.n * K.Fzm; q++) assert.equal(d[K.dZ + q], 0);
  for (let q = 0; q < K.n * K.Cm; q++) assert.equal(d[K.dCX + q], -1);
  for (let q = 0; q < K.m * K.Fzt; q++) assert.equal(d[K.dZ + K.n * K.Fzm + q], 0);
  for (let j = 0; j < K.m; j++) assert.ok(d[K.dCX + K.n * K.Cm + j * K.Ct] >= 0);
});

Deno.test("initial ID embeddings are zero for entities with no cell to learn from", () => {
  // models 0..2 only
  const lonely = { train: Uint32Array.from(observedCells(problem).filter((c) => c < 15)), seed: 3 };
  const p = pack(problem, [lonely], VARIANTS.mf);
  const L = p.layout.constants;
  const trainedModels = new Set([...lonely.train].map((c) => Math.floor(c / L.m)));
  assert.equal(trainedModels.size, 3);
  for (let e = 0; e < L.n; e++) {
    const row = p.state.subarray(L.pId + e * L.k, L.pId + (e + 1) * L.k);
    if (!trainedModels.has(e)) assert.ok(row.every((v) => v === 0), `model ${e}`);
  }
});
