import assert from "node:assert/strict";
import { readScores, readScoresFile } from "../../src/lib/data/mod.ts";
import type { ScoreMatrix } from "../../src/lib/data/mod.ts";

const file = "t.csv";

/** The dense matrix as rows of numbers, null where missing. */
function grid(scores: ScoreMatrix): (number | null)[][] {
  const { nModels, nTasks, values, observed } = scores.dense;
  return Array.from({ length: nModels }, (_, i) =>
    Array.from({ length: nTasks }, (_, j) => {
      const k = i * nTasks + j;
      return observed[k] ? Math.round(values[k] * 1e4) / 1e4 : null;
    }));
}

Deno.test("readScores() reads a wide file with BOM, CRLF, empty first cell, trailing column", () => {
  const text = "\uFEFF,MMLU,GSM8K,\r\nLLaMA-7B,35.1,8.04,\r\nGPT-J-6B,27.3,,\r\n";
  const { scores, modelFactors } = readScores(text, { file });
  assert.deepEqual(scores.dense.models, ["LLaMA-7B", "GPT-J-6B"]);
  assert.deepEqual(scores.dense.tasks, ["MMLU", "GSM8K"]);
  assert.deepEqual(grid(scores), [[35.1, 8.04], [27.3, null]]);
  assert.deepEqual([...scores.dense.observed], [1, 1, 1, 0]);
  assert.ok(Number.isNaN(scores.dense.values[3]));
  assert.equal(scores.dense.modelIndex.get("GPT-J-6B"), 1);
  assert.equal(scores.dense.taskIndex.get("GSM8K"), 1);
  assert.equal(scores.source, file);
  assert.equal(modelFactors, undefined);
});

Deno.test("readScores() lists observed cells in row-major order in the table", () => {
  const text = ",A,B,C\nm1,1,,3\nm2,,5,6\n";
  const { scores } = readScores(text, { file });
  assert.deepEqual(scores.table.objects(), [
    { model: "m1", task: "A", score: 1 },
    { model: "m1", task: "C", score: 3 },
    { model: "m2", task: "B", score: 5 },
    { model: "m2", task: "C", score: 6 },
  ]);
});

Deno.test("readScores() reads every missing marker, trimmed and in any case, as missing", () => {
  const markers = ["", " ", "-", " - ", "NA", "na", "NaN", "nan", "null", "NULL", " Null "];
  const header = ["model", ...markers.map((_, k) => `t${k}`)].join(",");
  const { scores } = readScores(`${header}\nm,${markers.join(",")}\nn,${markers.map(() => 1)}\n`, {
    file,
  });
  assert.deepEqual(grid(scores)[0], markers.map(() => null));
  assert.equal(scores.table.numRows(), markers.length);
});

Deno.test("readScores() trims names and values", () => {
  const { scores } = readScores("  , MMLU \n LLaMA-7B , 35.1 \n", { file });
  assert.deepEqual(scores.dense.models, ["LLaMA-7B"]);
  assert.deepEqual(scores.dense.tasks, ["MMLU"]);
  assert.deepEqual(grid(scores), [[35.1]]);
});

Deno.test("readScores() pads short rows with missing cells", () => {
  const { scores } = readScores(",A,B,C\nm1,1\nm2,4,5,6\n", { file });
  assert.deepEqual(grid(scores), [[1, null, null], [4, 5, 6]]);
});

Deno.test("readScores() accepts blank cells beyond the header (trailing commas)", () => {
  const { scores } = readScores(",A,B\nm1,1,2,,\nm2,3,4\n", { file });
  assert.deepEqual(grid(scores), [[1, 2], [3, 4]]);
});

Deno.test("readScores() skips rows whose cells are all blank", () => {
  const { scores } = readScores(",A,B\nm1,1,2\n,,\nm2,3,4\n", { file });
  assert.deepEqual(scores.dense.models, ["m1", "m2"]);
});

Deno.test("readScores() drops header-less columns that hold no data, anywhere", () => {
  const { scores } = readScores(",A,,B,\nm1,1,,2,\n", { file });
  assert.deepEqual(scores.dense.tasks, ["A", "B"]);
});

Deno.test("readScores() reads 45.3% as 45.3 and marks the task as percent", () => {
  const { scores } = readScores(",A,B\nm1,45.3%,0.5%\nm2,50 %,0\n", { file });
  assert.deepEqual(grid(scores), [[45.3, 0.5], [50, 0]]);
  assert.deepEqual(scores.scale, ["percent", "percent"]);
});

Deno.test("readScores() tells fraction, percent and other scales apart per task", () => {
  const text = ",frac,pct,other,neg,none\nm1,0,1.5,250,-1,\nm2,1,100,3,0.5,\n";
  const { scores } = readScores(text, { file });
  assert.deepEqual(scores.scale, ["fraction", "percent", "unbounded", "unbounded", "unbounded"]);
});

Deno.test("readScores() reads numbers in every plain decimal form", () => {
  const { scores } = readScores(",a,b,c,d,e\nm,+1,-2.5,.5,5.,1e-3\n", { file });
  assert.deepEqual([...scores.table.array("score")], [1, -2.5, 0.5, 5, 0.001]);
});

Deno.test("readScores() uses modelColumn, factorColumns, factorKinds and dropColumns (wide)", () => {
  const text = "Family,Model,Params (B),Notes,MMLU,GSM8K\n" +
    "llama,LLaMA-7B,7,x,35.1,8.04\n" +
    "gpt,GPT-J-6B,-,y,27.3,\n";
  const { scores, modelFactors } = readScores(text, {
    file,
    modelColumn: "Model",
    factorColumns: ["Family", "Params (B)"],
    factorKinds: { Family: "categorical" },
    dropColumns: ["Notes"],
  });
  assert.deepEqual(scores.dense.tasks, ["MMLU", "GSM8K"]);
  assert.deepEqual(scores.dense.models, ["LLaMA-7B", "GPT-J-6B"]);
  assert.deepEqual(modelFactors, {
    source: file,
    entity: "model",
    names: ["LLaMA-7B", "GPT-J-6B"],
    factors: [
      { name: "Family", kind: "categorical", kindSource: "declared", values: ["llama", "gpt"] },
      { name: "Params (B)", kind: "numeric", kindSource: "inferred", values: [7, null] },
    ],
  });
});

Deno.test("readScores() honours an explicit layout over the header", () => {
  const { scores } = readScores("Family,MMLU\nm1,1\n", { file, layout: "wide" });
  assert.deepEqual(scores.dense.models, ["m1"]);
  const t = readScores(",m1,m2\nMMLU,1,2\n", { file, layout: "transposed" });
  assert.deepEqual(t.scores.dense.models, ["m1", "m2"]);
  assert.deepEqual(t.scores.dense.tasks, ["MMLU"]);
});

Deno.test("readScores() reads a transposed file: one row per task, one column per model", () => {
  const text = "Metric,GPT-J (6B),OPT (66B),\n" +
    "MMLU - EM,0.249,0.276,\n" +
    "The Pile - BPB,0.49,-,\n" +
    "ICE - bpb,0.752,0.764,\n";
  const { scores } = readScores(text, { file, lowerIsBetter: "BPB" });
  assert.deepEqual(scores.dense.models, ["GPT-J (6B)", "OPT (66B)"]);
  assert.deepEqual(scores.dense.tasks, ["MMLU - EM", "The Pile - BPB", "ICE - bpb"]);
  assert.deepEqual(grid(scores), [[0.249, 0.49, 0.752], [0.276, null, 0.764]]);
  assert.deepEqual(scores.lowerIsBetter, [false, true, true]);
  assert.deepEqual(scores.scale, ["fraction", "fraction", "fraction"]);
});

Deno.test("readScores() takes factor and drop rows out of a transposed file", () => {
  const text = "Metric,m1,m2\nfamily,llama,gpt\nMMLU,0.3,0.4\nmean win rate,0.5,0.6\n";
  const { scores, modelFactors } = readScores(text, {
    file,
    factorColumns: ["family"],
    dropColumns: ["mean win rate"],
  });
  assert.deepEqual(scores.dense.tasks, ["MMLU"]);
  assert.deepEqual(modelFactors?.names, ["m1", "m2"]);
  assert.deepEqual(modelFactors?.factors[0].values, ["llama", "gpt"]);
});

Deno.test("readScores() keeps a RegExp lower-is-better pattern without state", () => {
  const text = "task,m1\nloss,1\nloss2,2\nacc,3\n";
  const { scores } = readScores(text, { file, lowerIsBetter: /loss/g });
  assert.deepEqual(scores.lowerIsBetter, [true, true, false]);
});

Deno.test("readScores() reads a long file with any-case columns and ignores extra ones", () => {
  const text = "Model,TASK,Score,source\n" +
    "m1,MMLU,35.1,paper\n" +
    "m2,GSM8K,8,paper\n" +
    "m1,GSM8K,NA,card\n" +
    "m1,MMLU,35.10,leaderboard\n";
  const { scores } = readScores(text, { file });
  assert.deepEqual(scores.dense.models, ["m1", "m2"]);
  assert.deepEqual(scores.dense.tasks, ["MMLU", "GSM8K"]);
  assert.deepEqual(grid(scores), [[35.1, null], [null, 8]]);
  assert.equal(scores.table.numRows(), 2);
});

Deno.test("readScores() reads long files through custom column names and drops tasks", () => {
  const text = "llm,bench,value\nm1,A,1\nm1,B,2\nm2,A,3\n";
  const { scores } = readScores(text, {
    file,
    modelColumn: "llm",
    taskColumn: "bench",
    scoreColumn: "value",
    dropColumns: ["B"],
  });
  assert.deepEqual(scores.dense.tasks, ["A"]);
  assert.deepEqual(grid(scores), [[1], [3]]);
});

Deno.test("readScores() never lets NaN into the table", () => {
  const { scores } = readScores(",A,B\nm1,nan,1\nm2,-,\n", { file });
  assert.ok([...scores.table.array("score")].every(Number.isFinite));
  assert.equal(scores.table.numRows(), 1);
});

Deno.test("readScoresFile() reads from disk and names the path in the result", async () => {
  const path = new URL("../fixtures/scores_wide.csv", import.meta.url).pathname;
  const { scores } = await readScoresFile(path);
  assert.equal(scores.source, path);
  assert.deepEqual(scores.dense.tasks, ["MMLU", "GSM8K", "HumanEval"]);
  assert.equal(scores.table.numRows(), 7);
});
