import assert from "node:assert/strict";
import { parseHoldoutFile } from "../../src/lib/eval/mod.ts";
import { datasetOf } from "./_fixtures.ts";

// m0..m2 x t0..t2; m2 has no score on t2
const data = datasetOf([[10, 20, 30], [40, 50, 60], [70, 80, null]]);
const parse = (text: string, file = "folds.csv") => parseHoldoutFile(text, file, data);

Deno.test("parseHoldoutFile() reads a fold,model,task CSV into folds, in fold order", () => {
  const folds = parse("Fold,Model,Task\n1,m0,t1\n0,m2,t0\n0,m1,t2\n1,m2,t0\n");
  assert.deepEqual(folds.map((f) => [f.fold, f.seed, [...f.test]]), [
    ["fold 0", 0, [5, 6]],
    ["fold 1", 1, [1, 6]],
  ]);
  assert.equal(folds[0].train, undefined);
});

Deno.test("parseHoldoutFile() names the line and the value of every bad CSV row", () => {
  const cases: [string, RegExp][] = [
    ["fold,model\n0,m0\n", /line 1: the header is 'fold,model' \(expected fold,model,task\)/],
    ["fold,model,task\n0,m9,t0\n", /line 2: synthetic has no model 'm9'/],
    ["fold,model,task\n0,m0,T0\n", /line 2: synthetic has no task 'T0'/],
    ["fold,model,task\n-1,m0,t0\n", /line 2: fold '-1' is not a whole number >= 0/],
    ["fold,model,task\n0.5,m0,t0\n", /line 2: fold '0.5' is not a whole number/],
    ["fold,model,task\n0,m2,t2\n", /line 2: model 'm2' has no score on task 't2' to hold out/],
    [
      "fold,model,task\n0,m0,t0\n1,m0,t0\n\n0,m0,t0\n",
      /line 5: fold 0 holds out \('m0', 't0'\) twice \(also line 2\)/,
    ],
    ["fold,model,task\n0,m0\n", /line 2: 2 fields \(expected 3/],
    ["fold,model,task\n", /it holds no cell/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parse(text), message, text);
    assert.throws(() => parse(text), /^RangeError: Cannot read holdout file folds\.csv: /, text);
  }
});

Deno.test("parseHoldoutFile() reads BenchPress's JSON folds and refuses indices that do not fit", () => {
  const json = (folds: unknown, extra = {}) =>
    JSON.stringify({ n_seeds: 1, n_folds: 2, n_models: 3, n_bench: 3, ...extra, folds });
  const folds = parse(
    json([
      { seed: 42, fold: 0, test_cells: [[0, 1], [2, 0]] },
      { seed: 42, fold: 1, test_cells: [[1, 2]] },
    ]),
    "folds.json",
  );
  assert.deepEqual(folds.map((f) => [f.fold, f.seed, [...f.test]]), [
    ["seed 42 fold 0", 0, [1, 6]],
    ["seed 42 fold 1", 1, [5]],
  ]);
  const cases: [string, RegExp][] = [
    [json([{ test_cells: [[0, 1]] }], { n_models: 84 }), /n_models is 84 but synthetic has 3/],
    [
      json([{ seed: 42, fold: 0, test_cells: [[0, 1], [3, 0], [0, 7]] }]),
      /folds\[0\] \(seed 42 fold 0\), test_cells\[1\] = \[3,0\] is outside synthetic's 3 models x 3 tasks/,
    ],
    [
      json([{ seed: 1, fold: 2, test_cells: [[2, 2]] }]),
      /test_cells\[0\] = \[2,2\]: model 'm2' has no score on 't2'/,
    ],
    [json([{ seed: 1, fold: 0, test_cells: [[0, 0], [0, 0]] }]), /test_cells\[1\] .* twice/],
    [json([{ seed: 1, fold: 0, test_cells: [["a", 0]] }]), /is not a pair of indices/],
    [json([]), /'folds' is empty/],
    ['{"seeds": []}', /expected an object with a 'folds' list/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parse(text, "folds.json"), message, text);
  }
  assert.throws(() => parse("{ not json", "folds.json"), /^SyntaxError: Cannot read holdout file/);
});
