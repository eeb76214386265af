import assert from "node:assert/strict";
import {
  type NewModelSchema,
  parseKnownScores,
  resolveNewModelFactors,
} from "../../src/lib/mod.ts";

const SCHEMA: NewModelSchema = {
  dataset: "toy",
  factors: [
    { name: "family", kind: "categorical", levels: ["llama", "gpt"] },
    { name: "size", kind: "numeric", levels: [] },
  ],
  tasks: ["MMLU", "acc, 5-shot", "Elo"],
  scale: ["percent", "fraction", "unbounded"],
};

Deno.test("resolveNewModelFactors(): later sources win, numbers are checked, new categories noticed", () => {
  const { factors, notices } = resolveNewModelFactors(SCHEMA, { family: "llama", size: 7 }, [
    { label: "--factors f.json", values: { size: "13", family: "gpt" } },
    { label: "--factor", values: { family: "mistral", size: "" } },
  ]);
  assert.deepEqual(factors, { family: "mistral", size: null });
  assert.deepEqual(notices, [
    "family 'mistral' is not among the 2 values of toy (it takes the 'unknown' embedding)",
  ]);
  assert.throws(
    () => resolveNewModelFactors(SCHEMA, {}, [{ label: "--factor", values: { sise: "7" } }]),
    {
      message:
        "Unknown factor 'sise' (--factor) (did you mean 'size'?); the 2 model factors: 'family', 'size'",
    },
  );
  assert.throws(
    () => resolveNewModelFactors(SCHEMA, {}, [{ label: "--factor", values: { size: "7B" } }]),
    { message: `Factor 'size' (--factor) is "7B" (expected a number, or nothing for missing)` },
  );
  assert.throws(
    () =>
      resolveNewModelFactors({ ...SCHEMA, factors: [] }, {}, [{ label: "form", values: { a: 1 } }]),
    { message: "Cannot use design factors (form: 'a'): toy has no model factors" },
  );
});

Deno.test("parseKnownScores(): units per task scale, commas inside names, errors with the label", () => {
  assert.deepEqual(parseKnownScores(SCHEMA, "MMLU=45.5%,acc, 5-shot=0.5,Elo=1234", "Known"), {
    MMLU: 45.5,
    "acc, 5-shot": 0.5,
    Elo: 1234,
  });
  assert.throws(() => parseKnownScores(SCHEMA, "MMLU=101", "Known"), {
    message: "Known: the score of MMLU is 101, outside the task's range [0, 100] (its scores in " +
      "toy are percentages)",
  });
  assert.throws(() => parseKnownScores(SCHEMA, "acc, 5-shot=50%", "Known"), {
    message: "Known: the score of acc, 5-shot is '50%' (expected a number)",
  });
  assert.throws(() => parseKnownScores(SCHEMA, "MMLU=1,MMLU=2", "Known"), /MMLU is given twice/);
  assert.throws(
    () => parseKnownScores(SCHEMA, "mmlu=1", "Known"),
    /'mmlu' is not a task of toy \(did you mean 'MMLU'\?\)/,
  );
});
