/**
 * Fold-in intervals for new models (eval/intervals/fold_in.ts): coverage on a synthetic matrix with a
 * design factor, one quantile per number of known scores, determinism, the deployed predictor,
 * and a run on cpp-crowdsource.
 */
import assert from "node:assert/strict";
import { method, predictNewModel, whatToRunNext } from "../../src/lib/mod.ts";
import { calibrateFoldIn, seededRandom, trainPredictor } from "../../src/lib/eval/mod.ts";
import { datasetOf } from "./_fixtures.ts";
import { withModelFactors } from "./_factor_fixtures.ts";
import { mirroredDataset } from "../_prerequisites.ts";

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** 50 x 12 scores `40 + 6 size_i + b_j + 5 u_i v_j + noise`, 30% missing; size is a factor. */
function synthetic() {
  const random = seededRandom(7);
  const size = Array.from({ length: 50 }, () => gaussian(random));
  const u = Array.from({ length: 50 }, () => gaussian(random));
  const b = Array.from({ length: 12 }, () => 8 * gaussian(random));
  const v = Array.from({ length: 12 }, () => gaussian(random));
  const rows = size.map((s, i) =>
    b.map((bj, j) => {
      if (random() < 0.3) return null;
      const y = 40 + 6 * s + bj + 5 * u[i] * v[j] + 2 * gaussian(random);
      return Math.min(99, Math.max(1, Number(y.toFixed(3))));
    })
  );
  return withModelFactors(datasetOf(rows), { size: size.map((s) => Math.exp(s + 3)) });
}

const small = method("ncf-factors", { dim: 4, hidden: 8, factorHidden: 4, maxEpochs: 400 });

Deno.test("calibrateFoldIn() covers about 90% of held-out models' cells for every count of known scores", async () => {
  const data = synthetic();
  const report = await calibrateFoldIn(data, small, { seeds: 3, folds: 5, maxKnown: 3 });
  assert.equal(report.calibration.quantiles.length, 4);
  assert.equal(report.measured.length, 4);
  for (const m of report.measured) {
    assert.ok(m.coverage > 0.84 && m.coverage < 0.96, `K=${m.known}: ${m.coverage}`);
    assert.ok(m.n > 100);
  }
  // knowing scores helps: the error with 3 known is below the error with none
  assert.ok(report.measured[3].mae < report.measured[0].mae, JSON.stringify(report.measured));
  const again = await calibrateFoldIn(data, small, { seeds: 3, folds: 5, maxKnown: 3 });
  assert.deepEqual(again.calibration, report.calibration);
  await assert.rejects(
    () => calibrateFoldIn(data, small, { score: "task" as "absolute" }),
    /score is 'task'/,
  );
  await assert.rejects(() => calibrateFoldIn(data, small, { maxKnown: -1 }), /maxKnown is -1/);
});

Deno.test("trainPredictor() exports an ensemble the inference code predicts new models with", async () => {
  const data = synthetic();
  const report = await calibrateFoldIn(data, small, { seeds: 3, folds: 5, maxKnown: 2 });
  const predictor = await trainPredictor(data, small, report);
  assert.equal(predictor.members.length, 3);
  assert.deepEqual(predictor.tasks, data.scores.dense.tasks);
  assert.deepEqual(predictor.factors.map((f) => [f.name, f.kind]), [["size", "numeric"]]);
  // JSON round trip: the page gets exactly this
  const members = JSON.parse(JSON.stringify(predictor.members));
  const model = predictor.models[0];
  const rows = predictNewModel(members, predictor.scale, predictor.calibration, model.factors, {});
  assert.equal(rows.length, 12);
  for (const r of rows) assert.ok(r.lower <= r.predicted && r.predicted <= r.upper);
  const [first, second] = Object.entries(model.scores);
  const warm = predictNewModel(members, predictor.scale, predictor.calibration, model.factors, {
    [first[0]]: first[1],
    [second[0]]: second[1],
  });
  assert.equal(warm.filter((r) => r.known !== null).length, 2);
  const next = whatToRunNext(members, predictor.scale, predictor.calibration, model.factors, {
    [first[0]]: first[1],
  });
  assert.equal(next.length, 11);
});

Deno.test("calibrateFoldIn() on cpp-crowdsource with ncf-factors covers near 90%", async () => {
  const data = await mirroredDataset("cpp-crowdsource");
  if (!data) return;
  // 5 folds x 2 members; measured with the defaults (10 x 5): 0.899-0.903 for K = 0..5
  const report = await calibrateFoldIn(data, method("ncf-factors"), {
    seeds: 2,
    folds: 5,
    maxKnown: 2,
  });
  for (const m of report.measured) {
    assert.ok(m.coverage > 0.85 && m.coverage < 0.95, `K=${m.known}: ${m.coverage}`);
  }
  assert.equal(report.measured[0].models, 71);
});
