/** The Open LLM Leaderboard reader: v1 and v2 joined by model, one row per name, factors as meant. */
import assert from "node:assert/strict";
import { readOpenLlm } from "../../src/lib/data/read_open_llm.ts";

const V1_HEADER = "T,Model,Average ⬆️,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K,Type," +
  "Architecture,Weight type,Precision,Merged,Hub License,#Params (B),MoE,date";
const V2_HEADER = "T,Model,Average ⬆️,IFEval,IFEval Raw,BBH,BBH Raw,MATH Lvl 5,MATH Lvl 5 Raw," +
  "GPQA,GPQA Raw,MUSR,MUSR Raw,MMLU-PRO,MMLU-PRO Raw,Type,Architecture,Precision,Not_Merged," +
  "Hub License,#Params (B),MoE,Submission Date";

const v1 = [
  V1_HEADER,
  "🔶,a/one,60,61,62,63,64,65,0.08,🔶 fine-tuned on domain-specific datasets,LlamaForCausalLM," +
  "Original,float16,True,mit,7,True,2023-11-25T06:57:25Z",
  // The same name again, submitted later in bfloat16: this row is kept, at a/one's place.
  "🔶,a/one,70,71,72,73,74,75,76,🔶 fine-tuned on domain-specific datasets,LlamaForCausalLM," +
  "Original,bfloat16,True,mit,7,True,2024-01-02T00:00:00Z",
  "🤝,b/two,50,51,52,53,54,55,56,🤝 base merges and moerges,?,Original,float16,False,,0,False," +
  "2023-09-15T11:25:37.918274",
  // Same date as b/two's first row would not win; an older one neither.
  "🤝,b/two,40,41,42,43,44,45,46,🤝 base merges and moerges,?,Original,float16,False,,0,False," +
  "2023-09-01T00:00:00Z",
].join("\n");

const v2 = [
  V2_HEADER,
  '💬,b/two,30,31,0.3,32,0.3,33,0.3,34,0.3,35,0.3,36,0.4,"💬 chat models (RLHF, DPO, IFT, ...)",' +
  "MixtralForCausalLM,bfloat16,False,apache-2.0,46.7,False,2024-06-26",
  "🟢,c/three,20,21,0.2,22,0.2,23,0.2,24,0.2,25,0.2,26,0.3,🟢 pretrained,Unknown,bfloat16,True,," +
  "1.5,True,2024-07-01",
].join("\n");

const files = [
  { file: "old.csv", text: v1 },
  { file: "new.csv", text: v2 },
];

Deno.test("readOpenLlm joins v1 and v2 by model, keeping each name's latest submission", () => {
  const { scores, warnings } = readOpenLlm(files, {});
  const { dense } = scores;
  assert.deepEqual(dense.models, ["a/one", "b/two", "c/three"]);
  assert.deepEqual(dense.tasks, [
    "ARC",
    "HellaSwag",
    "MMLU",
    "TruthfulQA",
    "Winogrande",
    "GSM8K",
    "IFEval",
    "BBH",
    "MATH Lvl 5",
    "GPQA",
    "MUSR",
    "MMLU-PRO",
  ]);
  const row = (i: number) => Array.from(scores.exact.slice(i * 12, i * 12 + 12));
  assert.deepEqual(row(0).slice(0, 6), [71, 72, 73, 74, 75, 76]);
  assert.ok(row(0).slice(6).every(Number.isNaN));
  assert.deepEqual(row(1), [51, 52, 53, 54, 55, 56, 31, 32, 33, 34, 35, 36]);
  assert.ok(row(2).slice(0, 6).every(Number.isNaN));
  assert.deepEqual(row(2).slice(6), [21, 22, 23, 24, 25, 26]);
  assert.ok(scores.scale.every((s) => s === "percent"));
  // One warning per file with repeated names, none for GSM8K's small real score.
  assert.deepEqual(warnings.map((w) => w.file), ["old.csv"]);
  assert.match(warnings[0].message, /^old\.csv: 2 rows repeat a model name/);
});

Deno.test("readOpenLlm's factors: v2's metadata first, flags as their names mean, unknowns missing", () => {
  const { modelFactors } = readOpenLlm(files, {});
  const f = Object.fromEntries(modelFactors!.factors.map((c) => [c.name, c]));
  assert.deepEqual(f["#Params (B)"].values, [7, 46.7, 1.5]);
  assert.equal(f["#Params (B)"].kind, "numeric");
  assert.deepEqual(f["Type"].values, [
    "fine-tuned on domain-specific datasets",
    "chat models (RLHF, DPO, IFT, ...)",
    "pretrained",
  ]);
  assert.deepEqual(f["Architecture"].values, ["LlamaForCausalLM", "MixtralForCausalLM", null]);
  assert.deepEqual(f["Precision"].values, ["bfloat16", "bfloat16", "bfloat16"]);
  // The files write True for "not a mixture of experts" and "not merged".
  assert.deepEqual(f["MoE"].values, ["false", "true", "false"]);
  assert.deepEqual(f["Merged"].values, ["false", "true", "false"]);
  assert.deepEqual(f["Hub License"].values, ["mit", "apache-2.0", null]);
  const dates = f["submission date"].values as number[];
  assert.equal(f["submission date"].kind, "numeric");
  // b/two: its earliest submission (v1, 2023-09-15), not its v2 one.
  assert.equal(Math.floor(dates[1]), 2023);
  assert.ok(dates[1] > 2023.7 && dates[1] < 2023.71);
  assert.ok(dates[0] > 2024 && dates[0] < 2024.01);
  assert.ok(dates[2] > 2024.49 && dates[2] < 2024.5);
});

Deno.test("readOpenLlm names the file, line and column of a bad cell or a missing column", () => {
  const bad = v1.replace("61,62,63", "61,n/a,63");
  assert.throws(
    () => readOpenLlm([{ file: "old.csv", text: bad }, files[1]], {}),
    (e: Error) =>
      e instanceof RangeError &&
      /^Cannot read scores from old\.csv: line 2, column 'HellaSwag': 'n\/a' is not a finite number/
        .test(e.message),
  );
  const noDate = v2.replace("Submission Date", "Submitted");
  assert.throws(
    () => readOpenLlm([files[0], { file: "new.csv", text: noDate }], {}),
    (e: Error) =>
      e instanceof SyntaxError && /new\.csv: line 1: no column 'Submission Date'/.test(e.message),
  );
  const badFlag = v2.replace("apache-2.0,46.7,False", "apache-2.0,46.7,maybe");
  assert.throws(
    () => readOpenLlm([files[0], { file: "new.csv", text: badFlag }], {}),
    /new\.csv: line 2, column 'MoE': 'maybe' is not True or False/,
  );
  const badDate = v1.replace("2024-01-02T00:00:00Z", "Jan 2 2024");
  assert.throws(
    () => readOpenLlm([{ file: "old.csv", text: badDate }, files[1]], {}),
    /old\.csv: line 3, column 'date': 'Jan 2 2024' is not a date/,
  );
  assert.throws(() => readOpenLlm([files[0]], {}), /1 score files \(expected the v1 and v2/);
});
