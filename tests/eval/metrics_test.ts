import assert from "node:assert/strict";
import { normalize } from "../../src/lib/data/mod.ts";
import {
  heldOutRanks,
  l1,
  mae2,
  maePoints,
  medianAePoints,
  mse,
  pairwiseOrder,
  rankAccuracy,
  scoreHeldOut,
} from "../../src/lib/eval/mod.ts";
import { denseOf, near } from "./_fixtures.ts";

// One task, five models; models 1 and 3 held out (two held-out cells in one task, a gold tie).
const oneTask = {
  gold: [0.9, 0.5, 0.5, 0.2, 0.7],
  predicted: [0, 0.8, 0, 0.5, 0],
  test: [1, 3],
  observed: Uint8Array.of(1, 1, 1, 1, 1),
  nTasks: 1,
};

Deno.test("mse() and l1() average over the held-out cells only", () => {
  near(mse(oneTask), 0.09); // 0.3^2 and 0.3^2
  near(l1(oneTask), 0.3);
  near(mse({ gold: [0, 1], predicted: [0.5, 1], test: [0, 1] }), 0.125);
  near(l1({ gold: [0, 1], predicted: [0.5, 1], test: [0, 1] }), 0.25);
});

Deno.test("heldOutRanks() ranks against gold elsewhere and predictions on held-out cells", () => {
  // Gold: model 1 (0.5) behind 0.9 and 0.7 -> 3 (model 2's tie not counted); model 3 (0.2) -> 5.
  // Predicted side [0.9, 0.8, 0.5, 0.5, 0.7]: model 1 -> 2; model 3 ties model 2 -> 4.
  const r = heldOutRanks(oneTask);
  assert.deepEqual([...r.gold], [3, 5]);
  assert.deepEqual([...r.predicted], [2, 4]);
  assert.equal(rankAccuracy(oneTask), 0);
  assert.equal(mae2(oneTask), 1);
});

Deno.test("rankAccuracy() counts ties at the lowest rank", () => {
  const tie = {
    gold: [0.6, 0.6, 0.3],
    test: [1],
    observed: Uint8Array.of(1, 1, 1),
    nTasks: 1,
  };
  // Gold rank of model 1: 1 (tied with model 0, nobody strictly better).
  assert.deepEqual([...heldOutRanks({ ...tie, predicted: [0, 0.6, 0] }).gold], [1]);
  assert.equal(rankAccuracy({ ...tie, predicted: [0, 0.6, 0] }), 1); // ties again: rank 1
  assert.equal(rankAccuracy({ ...tie, predicted: [0, 0.59, 0] }), 0); // rank 2
  assert.equal(rankAccuracy({ ...tie, predicted: [0, 0.2, 0] }), 0); // rank 3
  assert.equal(mae2({ ...tie, predicted: [0, 0.2, 0] }), 1); // |1 - 3| <= 2
});

Deno.test("mae2() counts rank differences of at most 2", () => {
  const base = { gold: [4, 3, 2, 1], test: [3], observed: Uint8Array.of(1, 1, 1, 1), nTasks: 1 };
  assert.equal(mae2({ ...base, predicted: [0, 0, 0, 5] }), 0); // 4 vs 1
  assert.equal(mae2({ ...base, predicted: [0, 0, 0, 3.5] }), 1); // 4 vs 2
});

Deno.test("pairwiseOrder() counts each pair once, skips gold ties, misses predicted ties", () => {
  // Pairs: (1,0) same, (1,2) gold tie -> skipped, (1,3) both held out, counted once: same,
  // (1,4) 0.8 > 0.7 but 0.5 < 0.7: miss, (3,0) same, (3,2) predicted tie: miss, (3,4) same.
  near(pairwiseOrder(oneTask), 4 / 6);
});

Deno.test("pairwiseOrder() is NaN with no qualifying pair", () => {
  const lone = { gold: [0.5], predicted: [0.4], test: [0], observed: Uint8Array.of(1), nTasks: 1 };
  assert.ok(Number.isNaN(pairwiseOrder(lone)));
  const tied = { gold: [0.5, 0.5], predicted: [0.4, 0], test: [0], observed: Uint8Array.of(1, 1) };
  assert.ok(Number.isNaN(pairwiseOrder({ ...tied, nTasks: 1 })));
});

Deno.test("rank metrics: a task with a single observed model ranks it 1 on both sides", () => {
  // Two tasks, three models; task 1 is observed for model 2 only; held out (0,0) and (2,1).
  const input = {
    gold: [0.2, NaN, 0.6, NaN, 0.4, 0.9],
    predicted: [0.7, 0, 0, 0, 0, 0.1],
    test: [0, 5],
    observed: Uint8Array.of(1, 0, 1, 0, 1, 1),
    nTasks: 2,
  };
  const r = heldOutRanks(input);
  assert.deepEqual([...r.gold], [3, 1]);
  assert.deepEqual([...r.predicted], [1, 1]);
  assert.equal(rankAccuracy(input), 0.5);
  assert.equal(mae2(input), 1);
  near(pairwiseOrder(input), 0); // only task 0's two pairs, both reversed
});

Deno.test("metrics reject NaN predictions, unobserved or repeated held-out cells", () => {
  assert.throws(() => mse({ ...oneTask, predicted: [0, NaN, 0, 0.5, 0] }), /cell 1 is NaN/);
  assert.throws(() => mse({ ...oneTask, test: [1, 1] }), /cell 1 is held out twice/);
  assert.throws(() => mse({ ...oneTask, test: [] }), /no held-out cell/);
  const unobserved = { ...oneTask, observed: Uint8Array.of(1, 0, 1, 1, 1) };
  assert.throws(() => rankAccuracy(unobserved), /held-out cell 1 is not observed/);
});

// Three models; "acc" higher is better, "loss" lower is better. Held out: m0 acc, m2 loss.
const mixed = denseOf([[60, 2], [80, 1], [70, 3]]);
const test = Uint32Array.of(0, 5);
const train = Uint8Array.of(0, 1, 1, 1, 1, 0);

Deno.test("scoreHeldOut() ranks a lower-is-better task on its leaderboard", () => {
  const norm = normalize(mixed, [false, true], { kind: "task", train });
  // acc trains on 80, 70 -> offset 70, range 10: gold m0 = -1.
  // loss trains on -2, -1 (negated) -> offset -2, range 1: gold m2 = -1.
  near(norm.values[0], -1, 1e-6);
  near(norm.values[5], -1, 1e-6);
  // Predicted: m0 acc 0.5 -> 75 points; m2 loss 1.5 -> loss 0.5, the best on the leaderboard.
  const predicted = Float32Array.of(0.5, 0, 0, 0, 0, 1.5);
  const m = scoreHeldOut({
    gold: norm.values,
    observed: mixed.observed,
    test,
    predicted,
    normalization: norm,
    original: mixed.values,
  });
  assert.equal(m.n, 2);
  near(m.mse, (1.5 ** 2 + 2.5 ** 2) / 2, 1e-6);
  near(m.l1, 2, 1e-6);
  // Ranks: m0 acc gold 3, predicted 2; m2 loss gold 3 (loss 3 is worst), predicted 1.
  assert.equal(m.rankAccuracy, 0);
  assert.equal(m.mae2, 1);
  // acc: (m0, m1) same, (m0, m2) reversed; loss: m2 vs m0 and m1 both reversed.
  near(m.pairwiseOrder, 0.25);
  // |75 - 60| = 15 points, |0.5 - 3| = 2.5 points.
  near(m.maePoints, 8.75, 1e-5);
  near(m.medianAePoints, 8.75, 1e-5);
  // Without the original scores, gold comes back through denormalize: the same here.
  const again = scoreHeldOut({
    gold: norm.values,
    observed: mixed.observed,
    test,
    predicted,
    normalization: norm,
  });
  near(again.maePoints, 8.75, 1e-5);
  assert.equal(again.rankAccuracy, 0);
});

Deno.test("maePoints() and medianAePoints() take the middle error for an odd count", () => {
  const norm = normalize(mixed, [false, true], { kind: "task" }); // acc: 60..80, loss: 1..3
  // Errors: m0 acc 0.25 -> 65 (5 points); m1 loss 0 -> loss 3 (2 points); m2 acc 0.5 -> 70 (0).
  const input = {
    gold: norm.values,
    observed: mixed.observed,
    test: [0, 3, 4],
    predicted: [0.25, 0, 0, 0, 0.5, 0],
    normalization: norm,
  };
  near(maePoints(input), 7 / 3, 1e-5);
  near(medianAePoints(input), 2, 1e-5);
});

Deno.test("scoreHeldOut() under cpp ranks by original scores, not per-model values", () => {
  // cpp, full rows: m0 offset 0, range 100; m1 offset 0, range 200. Task 0: both score 50 (a tie),
  // normalized 0.5 and 0.25.
  const d = denseOf([[50, 0, 100], [50, 0, 200]]);
  const norm = normalize(d, [false, false, false], { kind: "cpp" });
  near(norm.values[3], 0.25, 1e-7);
  const input = {
    gold: norm.values,
    observed: d.observed,
    test: [3], // m1 on task 0
    normalization: norm,
    original: d.values,
  };
  // 0.2 -> 40 points: rank 2 against the tie's gold rank 1 (per-model values would say 2 and 2).
  const m = scoreHeldOut({ ...input, predicted: Float32Array.of(0, 0, 0, 0.2, 0, 0) });
  assert.equal(m.rankAccuracy, 0);
  assert.equal(m.mae2, 1);
  assert.ok(Number.isNaN(m.pairwiseOrder)); // the only pair is a gold tie
  near(m.maePoints, 10, 1e-4);
  near(m.mse, 0.05 ** 2, 1e-7);
  // 0.3 -> 60 points: rank 1, like the tie.
  assert.equal(
    scoreHeldOut({ ...input, predicted: Float32Array.of(0, 0, 0, 0.3, 0, 0) }).rankAccuracy,
    1,
  );
});

Deno.test("scoreHeldOut() rejects a gold matrix that does not fit the normalization", () => {
  const norm = normalize(mixed, [false, true]);
  assert.throws(
    () =>
      scoreHeldOut({
        gold: [0, 1],
        observed: mixed.observed,
        test: [0],
        predicted: [0, 1],
        normalization: norm,
      }),
    /2 gold cells for a 3 x 2 normalization/,
  );
});
