import assert from "node:assert/strict";
import { closestNames, matchFactors, readFactors } from "../../src/lib/data/mod.ts";
import type { FactorTable } from "../../src/lib/data/mod.ts";

const file = "f.csv";

Deno.test("readFactors() reads a wide file and infers numeric and categorical kinds", () => {
  const text = "\uFEFFModel Name,family,Params,FLOPs,\r\nA,llama,7,,\r\nB,gpt,6.5,-,\r\n";
  const table = readFactors(text, { file, entity: "model", layout: "wide" });
  assert.deepEqual(table, {
    source: file,
    entity: "model",
    names: ["A", "B"],
    factors: [
      { name: "family", kind: "categorical", kindSource: "inferred", values: ["llama", "gpt"] },
      { name: "Params", kind: "numeric", kindSource: "inferred", values: [7, 6.5] },
      { name: "FLOPs", kind: "categorical", kindSource: "inferred", values: [null, null] },
    ],
  });
});

Deno.test("readFactors() honours declared kinds and ignores kinds of other factors", () => {
  const text = "name,few-shot,size\nA,0,7\nB,5,13\n";
  const table = readFactors(text, {
    file,
    entity: "model",
    layout: "wide",
    kinds: { "few-shot": "categorical", size: "numeric", ability: "categorical" },
  });
  assert.deepEqual(table.factors.map((f) => [f.kind, f.kindSource, f.values]), [
    ["categorical", "declared", ["0", "5"]],
    ["numeric", "declared", [7, 13]],
  ]);
});

Deno.test("readFactors() reads the names from nameColumn and drops columns", () => {
  const text = "family,Model,size,notes\nllama,A,7,x\n";
  const table = readFactors(text, {
    file,
    entity: "model",
    layout: "wide",
    nameColumn: "Model",
    dropColumns: ["notes"],
  });
  assert.deepEqual(table.names, ["A"]);
  assert.deepEqual(table.factors.map((f) => f.name), ["family", "size"]);
});

Deno.test("readFactors() reads a transposed file: one row per factor, one column per task", () => {
  const text = "\uFEFF,BoolQ,GSM8K\r\nability,inference,reasoning\r\nfew-shot,0,4\r\n";
  const table = readFactors(text, { file, entity: "task", layout: "transposed" });
  assert.deepEqual(table.names, ["BoolQ", "GSM8K"]);
  assert.deepEqual(table.factors.map((f) => [f.name, f.kind, f.values]), [
    ["ability", "categorical", ["inference", "reasoning"]],
    ["few-shot", "numeric", [0, 4]],
  ]);
});

Deno.test("readFactors() rejects duplicate entity names", () => {
  assert.throws(
    () => readFactors("name,x\nA,1\nA,2\n", { file, entity: "model", layout: "wide" }),
    {
      name: "SyntaxError",
      message: "Cannot read factors from f.csv: line 3: duplicate model 'A', first at line 2 " +
        "(expected each model once)",
    },
  );
});

const table: FactorTable = {
  source: file,
  entity: "model",
  names: ["B", "Luminous Base", "A"],
  factors: [{ name: "size", kind: "numeric", kindSource: "inferred", values: [2, 13, 1] }],
};

Deno.test("matchFactors() aligns rows with the score names and fills gaps with null", () => {
  const aligned = matchFactors(table, ["A", "C", "B", "Luminous Base-13B"], {
    aliases: { "Luminous Base": "Luminous Base-13B", "Not In File": "C" },
  });
  assert.deepEqual(aligned.names, ["A", "C", "B", "Luminous Base-13B"]);
  assert.deepEqual(aligned.factors[0].values, [1, null, 2, 13]);
  assert.equal(aligned.factors[0].kindSource, "inferred");
});

Deno.test("matchFactors() lists every unmatched factor-file name with suggestions", () => {
  assert.throws(() => matchFactors(table, ["a", "B", "Luminous Base-13B"]), {
    name: "RangeError",
    message: "Cannot match factors from f.csv: 2 model names match no model of the score " +
      "matrix: 'Luminous Base' (closest: 'Luminous Base-13B'), 'A' (closest: 'a') (expected " +
      "every model name of the factor file to match a score-file name exactly; pass aliases " +
      'mapping factor-file names to score-file names, e.g. { "Luminous Base": ' +
      '"Luminous Base-13B" })',
  });
});

Deno.test("closestNames() ranks case, then prefix, then edit distance", () => {
  assert.deepEqual(closestNames("gpt-j", ["GPT-J", "GPT-J-6B", "gpt-k", "OPT"]), [
    "GPT-J",
    "GPT-J-6B",
    "gpt-k",
  ]);
  assert.deepEqual(closestNames("Chinchilla", ["LLaMA-7B"]), []);
});
