/**
 * The generalization, emergent and Performance Law analyses on cpp-crowdsource with the
 * baselines; figures pinned so that a change shows. Without the dataset mirror these tests are
 * skipped with a message (a failure under CI=true).
 */
import assert from "node:assert/strict";
import {
  baselineMethods,
  collaborativeMmlu,
  performanceLaw,
  runEmergent,
  runGeneralization,
} from "../../src/lib/eval/mod.ts";
import { near } from "./_fixtures.ts";
import { neverFitted } from "./_factor_fixtures.ts";
import { mirroredDataset } from "../_prerequisites.ts";

Deno.test("runGeneralization() on cpp-crowdsource: CPP-0/2 and CPP-T0/T2 with the baselines", async () => {
  const data = await mirroredDataset("cpp-crowdsource");
  if (!data) return;
  // [mse, l1, maePoints] of global-mean, task-mean, biases; 5 seeds, task scale.
  const pinned = {
    "model/0": [
      [0.10897605073908391, 0.28087481031219425, 15.248628254227182],
      [0.10070203844282648, 0.24924903967992396, 13.67662067082501],
      [0.1068591045936504, 0.25124394638854686, 13.727618083202865],
    ],
    "model/2": [
      [0.10978096406804894, 0.28277139626378167, 15.183465273769926],
      [0.10070978104983455, 0.2497929240789355, 13.523026911570895],
      [0.04765141006440351, 0.1597390598462242, 8.285998587262213],
    ],
    "task/0": [
      [0.06360220199058064, 0.21775483456384018, 21.775483413980723],
      [0.06360220199058064, 0.21775483456384018, 21.775483413980723],
      [0.06626404838750158, 0.21437921730239864, 21.437921770641573],
    ],
    "task/2": [
      [0.06268977597193955, 0.21580185089600473, 21.580185033109025],
      [0.03658318613396166, 0.13825442118160963, 13.825442144712712],
      [0.029047308454497836, 0.13488309109895485, 13.488309117217252],
    ],
  };
  for (const axis of ["model", "task"] as const) {
    for (const known of [0, 2]) {
      const result = await runGeneralization(data, {
        axis,
        known,
        // mf without cold start: refused at k = 0 (never fitted), left out at k = 2 (slow).
        methods: [...baselineMethods(), ...(known === 0 ? [neverFitted({ id: "mf" })] : [])],
      });
      if (axis === "model") {
        assert.equal(result.targets.length, 71);
        assert.deepEqual(result.skipped.map((s) => s.target), ["Gropher - 1.4B"]);
      } else {
        assert.equal(result.targets.length, 29);
        const withPaper = result.rows[2].perTarget.filter((t) => t.paperMse !== undefined);
        assert.deepEqual(withPaper.map((t) => t.target), [
          "BoolQ(0-shot)",
          "BIG-bench hard(3-shot)",
          "HellaSwag(10-shot)",
          "HumanEval(pass@1)",
        ]);
      }
      if (known === 0) assert.equal(result.rows[3].status, "cold-start unsupported");
      pinned[`${axis}/${known}` as keyof typeof pinned].forEach(([mse, l1, points], m) => {
        const row = result.rows[m];
        near(row.mse!, mse, 1e-9, `${axis} k=${known} ${row.method} mse`);
        near(row.l1!, l1, 1e-9, `${axis} k=${known} ${row.method} l1`);
        near(row.maePoints!, points, 1e-6, `${axis} k=${known} ${row.method} points`);
      });
    }
  }
});

Deno.test("runEmergent() on cpp-crowdsource: scaling laws cover 3 large models per task", async () => {
  const data = await mirroredDataset("cpp-crowdsource");
  if (!data) return;
  const result = await runEmergent(data, { methods: baselineMethods() });
  assert.deepEqual(result.targets, [
    "BIG-bench hard(3-shot)",
    "HumanEval(pass@1)",
    "MBPP(3-shot)",
    "GSM8K(4-shot)",
    "MATH(4-shot)",
  ]);
  assert.deepEqual(result.leftOut.map((l) => l.model), ["GPT-4", "gpt-3.5"]);
  assert.equal(result.small.length, 45);
  assert.equal(result.large.length, 25);
  const fitted = result.fits.filter((f) => f.status === "fitted");
  assert.deepEqual([...new Set(fitted.map((f) => f.family))], ["LLama", "LLama-2"]);
  for (const c of result.coverage.filter((c) => c.approach.startsWith("scaling"))) {
    assert.equal(c.predicted, 3, `${c.task} ${c.approach}`);
  }
  const all = (approach: string, scope: string) =>
    result.mae.find((m) => m.task === null && m.approach === approach && m.scope === scope)!;
  assert.equal(all("scaling-law-linear", "own").n, 15);
  near(all("scaling-law-linear", "own").mae, 9.785390796607832, 1e-6);
  near(all("scaling-law-sigmoid", "own").mae, 13.317425006082205, 1e-6);
  near(all("biases", "common").mae, 7.867128412485902, 1e-6);
  assert.equal(all("biases", "own").n, 57);
  near(all("biases", "own").mae, 16.300330333478527, 1e-6);
});

Deno.test("performanceLaw() and collaborativeMmlu() on cpp-crowdsource", async () => {
  const data = await mirroredDataset("cpp-crowdsource");
  if (!data) return;
  const law = performanceLaw(data);
  assert.equal(law.task, "MMLU(5-shot)");
  assert.equal(law.n, 34);
  near(law.mae, 7.469979319754225, 1e-6);
  const left = new Map(law.leftOut.map((l) => [l.model, l.missing]));
  assert.deepEqual(left.get("Mistral 7B"), ["Pretraining Dataset Size(B)"]);
  assert.deepEqual(left.get("OPT-175B"), ["MMLU(5-shot) score"]);
  assert.equal(law.n + law.leftOut.length, 72);
  const collab = await collaborativeMmlu(data, { methods: baselineMethods() });
  const biases = (known: number) =>
    collab.mae.find((m) => m.known === known && m.method === "biases")!;
  assert.equal(biases(0).n, 34);
  assert.equal(biases(2).n, 33);
  near(biases(0).mae!, 15.745899395181636, 1e-6);
  near(biases(2).mae!, 9.49931339935166, 1e-6);
  assert.deepEqual(collab.skipped.map((s) => [s.model, s.known]), [["Gropher - 1.4B", 2]]);
});
