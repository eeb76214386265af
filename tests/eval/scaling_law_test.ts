import assert from "node:assert/strict";
import {
  fitLine,
  fitSigmoid,
  levenbergMarquardt,
  modelScales,
  scalingLawBaseline,
  sigmoidAt,
} from "../../src/lib/eval/mod.ts";
import { datasetOf, near } from "./_fixtures.ts";
import { withModelFactors } from "./_factor_fixtures.ts";

Deno.test("fitLine() recovers an exact line and refuses a single size", () => {
  const fit = fitLine([1, 2, 3, 4], [3, 5, 7, 9]);
  near(fit.a, 1, 1e-12);
  near(fit.b, 2, 1e-12);
  near(fit.sse, 0, 1e-20);
  assert.throws(() => fitLine([2, 2], [1, 3]), /2 distinct x/);
});

Deno.test("levenbergMarquardt() fits an exponential from a poor start", () => {
  const x = [0, 0.5, 1, 1.5, 2];
  const y = x.map((v) => 2 * Math.exp(0.7 * v));
  const fit = levenbergMarquardt(
    (p) => x.map((v, i) => p[0] * Math.exp(p[1] * v) - y[i]),
    (p) => x.map((v) => [Math.exp(p[1] * v), p[0] * v * Math.exp(p[1] * v)]),
    [1, 0],
  );
  assert.ok(fit.converged);
  near(fit.params[0], 2, 1e-6);
  near(fit.params[1], 0.7, 1e-6);
});

Deno.test("fitSigmoid() recovers an exact fixed-range sigmoid", () => {
  const x = [20, 20.5, 21, 21.5, 22, 23];
  const truth = (v: number) => 100 / (1 + Math.exp(-(1.8 * (v - 21.7))));
  const fit = fitSigmoid(x, x.map(truth), { lo: 0, hi: 100 });
  assert.ok(fit.converged);
  for (const v of [19, 21.7, 24, 26]) near(sigmoidAt(fit, v), truth(v), 1e-5, `x=${v}`);
  near(fit.beta, 1.8, 1e-6);
  // Deterministic: the same input gives the same bytes.
  assert.deepEqual(fitSigmoid(x, x.map(truth), { lo: 0, hi: 100 }), fit);
});

Deno.test("fitSigmoid() through two points interpolates them", () => {
  const fit = fitSigmoid([21, 22], [10, 30], { lo: 0, hi: 100 });
  near(sigmoidAt(fit, 21), 10, 1e-6);
  near(sigmoidAt(fit, 22), 30, 1e-6);
});

// Family A is exactly linear in log10 params on t0: score = 10 + 20 log10(params / 1e9).
// Family B has one small member; m7 has no parameter count.
const paramsM = [1000, 3000, 7000, 30000, 70000, 2000, 40000, null];
const family = ["A", "A", "A", "A", "A", "B", "B", "A"];
const tokensB = [100, 100, 100, 100, null, 300, 300, 100];
const law = (p: number) => 10 + 20 * Math.log10(p / 1000);
const rows = paramsM.map((
  p,
  i,
) => [p === null ? 50 : law(p) + (family[i] === "B" ? 5 : 0), 40 + i]);
const sized = withModelFactors(datasetOf(rows), {
  family,
  "Parameter Size(M)": paramsM,
  "Pretraining Dataset Size(B)": tokensB,
  FLOPs: [null, 7e21, null, null, null, null, null, null],
});

Deno.test("modelScales() reads params, tokens and 6ND compute; FLOPs only on request", () => {
  const scales = modelScales(sized);
  assert.equal(scales[0].params, 1e9);
  assert.equal(scales[0].tokens, 1e11);
  assert.equal(scales[0].compute, 6 * 1e9 * 1e11);
  assert.equal(scales[1].compute, 6 * 3e9 * 1e11);
  assert.equal(scales[4].compute, null);
  assert.equal(scales[7].params, null);
  assert.equal(modelScales(sized, { compute: "flops-else-6ND" })[1].compute, 7e21);
  assert.throws(() => modelScales(datasetOf([[1]])), /no model factor 'Parameter Size\(M\)'/);
});

Deno.test("scalingLawBaseline() recovers a family exactly linear in log params", () => {
  const result = scalingLawBaseline(sized, { targets: ["t0"] });
  assert.deepEqual(result.small, ["m0", "m1", "m2", "m5"]);
  assert.deepEqual(result.large, ["m3", "m4", "m6"]);
  assert.deepEqual(result.leftOut.map((l) => l.model), ["m7"]);
  const linearA = result.fits.find((f) => f.family === "A" && f.law === "log-linear")!;
  assert.equal(linearA.status, "fitted");
  // Scores are stored as float32: agreement to ~1e-6 relative.
  near(linearA.params!.b, 20, 1e-5);
  near(linearA.params!.a, 10 - 20 * 9, 1e-4); // 10 + 20 (x - 9), x = log10 params
  for (const model of ["m3", "m4"]) {
    const p = result.predictions.find((q) => q.model === model && q.law === "log-linear")!;
    near(p.predicted, law(paramsM[Number(model[1])]!), 1e-5, model);
  }
  const linearB = result.fits.find((f) => f.family === "B" && f.law === "log-linear")!;
  assert.equal(linearB.status, "not fitted");
  assert.match(linearB.reason!, /1 small member\(s\) with a score on t0/);
  assert.ok(!result.predictions.some((p) => p.model === "m6"), "B's large member is uncovered");
  // The sigmoid needs compute: m4 (no tokens) gets no sigmoid prediction.
  const sigmoidA = result.fits.find((f) => f.family === "A" && f.law === "sigmoid")!;
  assert.equal(sigmoidA.status, "fitted");
  assert.deepEqual(
    result.predictions.filter((p) => p.law === "sigmoid").map((p) => p.model),
    ["m3"],
  );
  // 50 points per fitted curve, over the family's sizes.
  const curve = result.curves.filter((p) => p.family === "A" && p.law === "log-linear");
  assert.equal(curve.length, 50);
  near(curve[0].x, 9, 1e-12);
  near(curve[49].x, Math.log10(7e10), 1e-12);
  near(curve[49].score, law(70000), 1e-5);
});
