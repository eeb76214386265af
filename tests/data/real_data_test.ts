/**
 * The readers against the real CPP datasets in the offline mirror (../shared/datasets/cpp-llm, or
 * CPP_DATA_DIR). Without the mirror these tests are skipped with a message, except when CI=true,
 * where a missing mirror fails.
 */
import assert from "node:assert/strict";
import { matchFactors, readFactors, readScores } from "../../src/lib/data/mod.ts";
import { mirroredDataset } from "../_prerequisites.ts";

const LUMINOUS = {
  "Luminous Base": "Luminous Base-13B",
  "Luminous Extended": "Luminous Extended-30B",
  "Luminous Supreme": "Luminous Supreme-70B",
};

function mirrorDir(): URL {
  const env = Deno.env.get("CPP_DATA_DIR");
  if (env === undefined) return new URL("../../../shared/datasets/cpp-llm/", import.meta.url);
  const base = new URL(env.endsWith("/") ? env : `${env}/`, `file://${Deno.cwd()}/`);
  const nested = new URL("cpp-llm/", base);
  return exists(nested) ? nested : base;
}

function exists(url: URL): boolean {
  try {
    Deno.statSync(url);
    return true;
  } catch {
    return false;
  }
}

const dir = mirrorDir();
const available = exists(new URL("crowdsource_performance.csv", dir));
const ci = Deno.env.get("CI") === "true";
if (!available && !ci) {
  console.error(`real-data tests skipped: no dataset mirror at ${dir.pathname} (set CPP_DATA_DIR)`);
}

function read(name: string): string {
  return Deno.readTextFileSync(new URL(name, dir));
}

/** A test that runs with the mirror, is skipped without it, and fails without it under CI. */
function realTest(name: string, fn: () => void) {
  Deno.test({
    name,
    ignore: !available && !ci,
    fn: () => {
      assert.ok(
        available,
        `no dataset mirror at ${dir.pathname} (CI=true: the mirror is required)`,
      );
      fn();
    },
  });
}

function crowdsource() {
  return readScores(read("crowdsource_performance.csv"), { file: "crowdsource_performance.csv" })
    .scores;
}

realTest("crowdsource_performance.csv reads as 72 models x 29 tasks with 878 cells", () => {
  const scores = crowdsource();
  assert.equal(scores.dense.nModels, 72);
  assert.equal(scores.dense.nTasks, 29);
  assert.equal(scores.table.numRows(), 878);
  assert.equal(scores.dense.observed.reduce((a, b) => a + b, 0), 878);
  assert.equal(scores.dense.tasks[0], "BoolQ(0-shot)");
  assert.equal(scores.dense.models[0], "LLama-2-7B");
  assert.ok(scores.lowerIsBetter.every((lower) => !lower));
});

realTest("helm_core.csv reads as 88 models x 56 tasks with the 3 BPB rows lower-is-better", () => {
  const { scores } = readScores(read("helm_core.csv"), {
    file: "helm_core.csv",
    lowerIsBetter: /BPB/,
  });
  assert.equal(scores.dense.nModels, 88);
  assert.equal(scores.dense.nTasks, 56);
  assert.equal(scores.table.numRows(), 2602);
  const lower = scores.dense.tasks.filter((_, j) => scores.lowerIsBetter[j]);
  assert.deepEqual(lower, ["The Pile - BPB", "TwitterAAE - BPB", "ICE - BPB"]);
});

realTest("model_feature.csv fails to match the score models without the Luminous aliases", () => {
  const table = readFactors(read("model_feature.csv"), {
    file: "model_feature.csv",
    entity: "model",
    layout: "wide",
  });
  assert.throws(() => matchFactors(table, crowdsource().dense.models), {
    name: "RangeError",
    message: "Cannot match factors from model_feature.csv: 3 model names match no model of the " +
      "score matrix: 'Luminous Base' (closest: 'Luminous Base-13B'), 'Luminous Extended' " +
      "(closest: 'Luminous Extended-30B'), 'Luminous Supreme' (closest: 'Luminous Supreme-70B') " +
      "(expected every model name of the factor file to match a score-file name exactly; pass " +
      'aliases mapping factor-file names to score-file names, e.g. { "Luminous Base": ' +
      '"Luminous Base-13B" })',
  });
});

realTest("model_feature.csv matches all 72 score models with the Luminous aliases", () => {
  const table = readFactors(read("model_feature.csv"), {
    file: "model_feature.csv",
    entity: "model",
    layout: "wide",
  });
  assert.equal(table.factors.length, 13);
  const models = crowdsource().dense.models;
  const aligned = matchFactors(table, models, { aliases: LUMINOUS });
  assert.deepEqual(aligned.names, models);
  const family = aligned.factors.find((f) => f.name === "family")!;
  assert.equal(family.kind, "categorical");
  assert.ok(family.values.every((v) => v !== null));
  const params = aligned.factors.find((f) => f.name === "Parameter Size(M)")!;
  assert.equal(params.kind, "numeric");
  assert.equal(params.values[models.indexOf("Luminous Supreme-70B")], 70000);
});

realTest("benchmark_feature.csv (transposed) matches all 29 score tasks", () => {
  const table = readFactors(read("benchmark_feature.csv"), {
    file: "benchmark_feature.csv",
    entity: "task",
    layout: "transposed",
  });
  assert.deepEqual(table.factors.map((f) => [f.name, f.kind]), [
    ["ability", "categorical"],
    ["family", "categorical"],
    ["output", "categorical"],
    ["few-shot", "numeric"],
  ]);
  const tasks = crowdsource().dense.tasks;
  const aligned = matchFactors(table, tasks);
  assert.equal(aligned.names.length, 29);
  assert.ok(aligned.factors.every((f) => f.values.every((v) => v !== null)));
});

Deno.test("every registry dataset reads without a warning (the warnings flag doubt, not real scores)", async () => {
  for (const id of ["frontier", "cpp-crowdsource", "helm-core", "helm-seed"]) {
    const data = await mirroredDataset(id);
    if (!data) continue;
    assert.deepEqual(data.warnings.map((w) => w.message), [], id);
  }
});
