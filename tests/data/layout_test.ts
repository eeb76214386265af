import assert from "node:assert/strict";
import { detectLayout, findColumn, parseLayout } from "../../src/lib/data/mod.ts";

Deno.test("detectLayout() finds long files by their model, task and score columns", () => {
  assert.equal(detectLayout(["Model", "TASK", "score", "source"]), "long");
  assert.equal(
    detectLayout(["llm", "bench", "value"], {
      modelColumn: "llm",
      taskColumn: "bench",
      scoreColumn: "value",
    }),
    "long",
  );
});

Deno.test("detectLayout() reads a task-like first cell as transposed", () => {
  for (const first of ["Metric", "metrics", "Task", "benchmarks", "Scenario"]) {
    assert.equal(detectLayout([first, "GPT-J"]), "transposed", first);
  }
});

Deno.test("detectLayout() reads an empty or model-like first cell as wide", () => {
  for (const first of ["", "model", "Models", "Model Name", "name"]) {
    assert.equal(detectLayout([first, "MMLU"]), "wide", first);
  }
  assert.equal(detectLayout(["Family", "LLM", "MMLU"], { modelColumn: "LLM" }), "wide");
});

Deno.test("detectLayout() returns undefined for a header it cannot place", () => {
  assert.equal(detectLayout(["Family", "MMLU"]), undefined);
});

Deno.test("parseLayout() accepts the three layouts and rejects others", () => {
  assert.equal(parseLayout("transposed"), "transposed");
  assert.throws(() => parseLayout("x"), {
    name: "RangeError",
    message: "unknown layout 'x': expected wide, transposed or long",
  });
});

Deno.test("findColumn() prefers an exact name, then a unique case-insensitive one", () => {
  assert.equal(findColumn(["Model", "model"], "model"), 1);
  assert.equal(findColumn(["Model", "Task"], "task"), 1);
  assert.equal(findColumn(["MODEL", "Model"], "model"), -1);
});
