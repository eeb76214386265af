// The generalization, emergent and Performance Law components rendered into a linkedom document,
// on tests/fixtures/site/{generalization,emergent,performance-law}.json: loader outputs run with
// the baselines only, trimmed (generalization: 12 new-model and 12 new-task targets, aggregates
// recomputed over them; emergent: 3 target tasks, 8 families, thinned curves, plus the `points`
// of the family members; numbers to 5 significant digits). The learned methods appear only
// through `with*Learned()`, which add clearly fake rows shaped like the engine's output: MF and
// NCF "cold-start unsupported" at K = 0 with null numbers, the factor methods at every K.
import assert from "node:assert/strict";
import {
  approachLabel,
  skippedMethodsList,
  unavailableNotice,
  unavailableReason,
  whenAvailable,
} from "../../src/components/_analyses.js";
import { formatSci } from "../../src/components/_methods.js";
import {
  emergentDownloadFiles,
  GENERALIZATION_CSV_COLUMNS,
  generalizationDownloadFiles,
  performanceLawDownloadFiles,
} from "../../src/components/analyses_downloads.ts";
import type { MethodId } from "../../src/lib/mod.ts";
import type {
  EmergentJson,
  GeneralizationJson,
  GeneralizationRowJson,
  GeneralizationTargetJson,
  PerformanceLawJson,
} from "../../src/lib/report/site_json.ts";
import {
  emergentCurveData,
  emergentCurves,
  emergentScatter,
} from "../../src/components/emergent_charts.ts";
import {
  emergentFacts,
  emergentFitsTable,
  emergentMaeTable,
  emergentReading,
  emergentReadingView,
  emergentSetup,
} from "../../src/components/emergent_tables.ts";
import {
  curveData,
  generalizationCurves,
  paperTaskChart,
  paperTaskData,
  targetErrorData,
  targetErrors,
} from "../../src/components/generalization_charts.ts";
import {
  axisFacts,
  generalizationReading,
  generalizationReadingView,
  generalizationSetup,
  generalizationTable,
  skippedTargets,
} from "../../src/components/generalization_tables.ts";
import {
  lawComparisonTable,
  lawEquation,
  lawErrors,
  lawLeftOut,
  lawReading,
  lawScatter,
} from "../../src/components/performance_law.ts";
import { commonMae, lawFacts } from "../../src/lib/report/performance_law_view.ts";
import { reportDownloadButtons } from "../../src/components/report_downloads.ts";
import { newDocument, readFixture, texts, XSS } from "./_render.ts";

const generalization = await readFixture<GeneralizationJson>("generalization.json");
const emergent = await readFixture<EmergentJson>("emergent.json");
const law = await readFixture<PerformanceLawJson>("performance-law.json");
const COLD = "an unseen model's embedding is untrained (fake reason for the test)";

/** Synthetic error multipliers of the learned methods against the biases baseline (fake). */
const FACTORS: Record<string, number> = {
  mf: 0.8,
  ncf: 0.9,
  "ncf-factors": 0.7,
  "factors-only": 0.95,
};
const COLD_START = new Set(["mf", "ncf"]);

/** The fixture plus fake rows for the four learned methods, MF and NCF absent at K = 0. */
function withGeneralizationLearned(report: GeneralizationJson): GeneralizationJson {
  const rows: GeneralizationRowJson[] = [];
  const perTarget: GeneralizationTargetJson[] = [];
  for (const b of report.rows.filter((r) => r.method === "biases")) {
    for (const [method, f] of Object.entries(FACTORS) as [MethodId, number][]) {
      if (b.known === 0 && COLD_START.has(method)) {
        rows.push({
          ...b,
          method,
          label: approachLabel(method),
          status: "cold-start unsupported",
          reason: COLD,
          mse: null,
          l1: null,
          maePoints: null,
          pooled: null,
          targets: 0,
          cells: 0,
          backend: null,
          fitSeconds: null,
        });
        continue;
      }
      rows.push({
        ...b,
        method,
        label: approachLabel(method),
        mse: b.mse! * f,
        l1: b.l1! * f,
        maePoints: b.maePoints! * f,
        backend: "webasm",
      });
      for (const t of report.perTarget) {
        if (t.method !== "biases" || t.axis !== b.axis || t.known !== b.known) continue;
        perTarget.push({ ...t, method, mse: t.mse * f, l1: t.l1 * f, maePoints: t.maePoints * f });
      }
    }
  }
  return {
    ...report,
    rows: [...rows, ...report.rows],
    perTarget: [...perTarget, ...report.perTarget],
  };
}

const gLearned = withGeneralizationLearned(generalization);

Deno.test("the analyses fixtures are consistent with what the components assume", () => {
  const g = generalization;
  assert.deepEqual(g.ks, [0, 1, 2, 3]);
  for (const r of g.rows) {
    const mine = g.perTarget.filter((t) =>
      t.axis === r.axis && t.known === r.known && t.method === r.method
    );
    assert.equal(mine.length, r.targets, `${r.axis} ${r.known} ${r.method}`);
    const mean = mine.reduce((s, t) => s + t.mse, 0) / mine.length;
    assert.ok(Math.abs(mean - r.mse!) < 1e-4 * r.mse!, `${r.axis} ${r.known} ${r.method}`);
  }
  assert.equal(g.paper.length, 8);
  const taskTargets = g.axes.find((a) => a.axis === "task")!.targets;
  for (const p of g.paper) assert.ok(taskTargets.includes(p.task), p.task);
  for (const p of emergent.predictions) assert.ok(emergent.targets.includes(p.task));
  assert.ok(emergent.points && emergent.points.length > 0);
  assert.equal(law.law.models.length, law.law.n);
});

Deno.test("curveData() leaves a method that cannot start cold out at K = 0, with its reason", () => {
  for (const axis of ["model", "task"] as const) {
    const { points, absent, methods } = curveData(gLearned, axis, "mse");
    assert.deepEqual(methods, [
      "mf",
      "ncf",
      "ncf-factors",
      "factors-only",
      "global-mean",
      "task-mean",
      "biases",
    ]);
    assert.equal(points.length, 7 * 4 - 2);
    for (const m of COLD_START) {
      assert.deepEqual(points.filter((p) => p.method === m).map((p) => p.known), [1, 2, 3]);
      assert.deepEqual(absent.filter((a) => a.method === m).map((a) => [a.known, a.reason]), [
        [0, COLD],
      ]);
    }
    assert.ok(points.every((p) => Number.isFinite(p.value) && p.value > 0));
    assert.deepEqual(points.filter((p) => p.method === "factors-only").map((p) => p.known), [
      0,
      1,
      2,
      3,
    ]);
  }
});

Deno.test("generalizationCurves() draws a dot per (method, K) that ran and lists the absent", () => {
  const doc = newDocument();
  const figure = generalizationCurves(gLearned, {
    document: doc,
    axis: "task",
    metric: "maePoints",
  });
  assert.equal(figure.getAttribute("data-chart"), "generalization-curve");
  assert.equal(figure.getAttribute("data-axis"), "task");
  assert.equal(figure.getAttribute("data-metric"), "maePoints");
  assert.ok(figure.querySelector("svg"));
  assert.equal(figure.querySelectorAll("g.cpp-point circle").length, 26);
  assert.equal(figure.getAttribute("data-points"), "26");
  // One line per method (MF and NCF start at K = 1).
  assert.equal(figure.querySelectorAll("g.cpp-line path").length, 7);
  const absent = [...figure.querySelectorAll(".cpp-absent li")];
  assert.deepEqual(absent.map((li) => li.getAttribute("data-method")), ["mf", "ncf"]);
  assert.ok(absent.every((li) => li.getAttribute("data-known") === "0"));
  assert.ok(absent[0].textContent?.includes(COLD));
  assert.ok(absent[0].textContent?.includes("Matrix factorization at K = 0"));
  // The swatches name every method.
  const legend = figure.querySelector(".cpp-swatches")?.textContent ?? "";
  for (const m of ["Matrix factorization", "NCF + factors", "Model + task biases"]) {
    assert.ok(legend.includes(m), legend);
  }
  // Baselines only: nothing absent.
  const plain = generalizationCurves(generalization, { document: doc, axis: "model" });
  assert.equal(plain.querySelectorAll(".cpp-absent").length, 0);
  assert.equal(plain.querySelectorAll("g.cpp-point circle").length, 12);
});

Deno.test("generalizationTable() writes 'not run' for a cold-start method at K = 0, not a zero", () => {
  const root = generalizationTable(gLearned, { document: newDocument(), axis: "model" });
  const table = root.querySelector("table.cpp-generalization-table")!;
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.equal(rows.length, 7);
  const mf = table.querySelector('tr[data-method="mf"]')!;
  const cold = mf.querySelector('td[data-known="0"]')!;
  assert.equal(cold.textContent, "not run");
  assert.equal(cold.getAttribute("data-status"), "cold-start unsupported");
  assert.equal(cold.querySelector("span")?.getAttribute("title"), COLD);
  const biases = generalization.rows.find((r) =>
    r.axis === "model" && r.known === 2 && r.method === "biases"
  )!;
  assert.equal(
    table.querySelector('tr[data-method="biases"] td[data-known="2"]')?.textContent,
    formatSci(biases.mse),
  );
  // Bold: the lowest value of each column.
  for (const k of generalization.ks) {
    const best = table.querySelector(`td.cpp-best[data-known="${k}"]`)!;
    const values = [...table.querySelectorAll(`td[data-known="${k}"][data-value]`)].map((td) =>
      Number(td.getAttribute("data-value"))
    );
    assert.equal(Number(best.getAttribute("data-value")), Math.min(...values));
  }
});

Deno.test("paperTaskChart() marks the paper's eight points beside ours on its four tasks", () => {
  const data = paperTaskData(gLearned);
  assert.deepEqual(data.tasks, [
    "BoolQ(0-shot)",
    "BIG-bench hard(3-shot)",
    "HellaSwag(10-shot)",
    "HumanEval(pass@1)",
  ]);
  assert.deepEqual(data.missing, []);
  // 4 tasks x (7 methods x 4 K - MF and NCF at K = 0).
  assert.equal(data.ours.length, 4 * 26);
  const figure = paperTaskChart(gLearned, { document: newDocument(), width: 900 });
  assert.equal(figure.getAttribute("data-chart"), "paper-tasks");
  assert.equal(figure.querySelectorAll("g.cpp-paper path").length, 8);
  assert.equal(figure.querySelectorAll("g.cpp-ours circle").length, 4 * 26);
  assert.match(figure.querySelector("figcaption")?.textContent ?? "", /roughly comparable/);
  // A paper task missing from our targets keeps its paper marks and is named.
  const without = {
    ...generalization,
    perTarget: generalization.perTarget.filter((t) => t.target !== "BoolQ(0-shot)"),
  };
  const f2 = paperTaskChart(without, { document: newDocument() });
  assert.equal(f2.querySelectorAll("g.cpp-paper path").length, 8);
  assert.match(f2.querySelector("figcaption")?.textContent ?? "", /Not among .*BoolQ/);
});

Deno.test("targetErrors() sorts the targets hardest first and says why a method is missing", () => {
  const doc = newDocument();
  const figure = targetErrors(gLearned, {
    document: doc,
    axis: "model",
    known: 2,
    method: "ncf-factors",
    metric: "mse",
  });
  const expected = gLearned.perTarget.filter((t) =>
    t.axis === "model" && t.known === 2 && t.method === "ncf-factors"
  ).sort((a, b) => b.mse - a.mse);
  assert.equal(figure.querySelectorAll("g.cpp-target circle").length, expected.length);
  assert.equal(figure.getAttribute("data-points"), String(expected.length));
  assert.deepEqual(
    texts(figure, 'g[aria-label="y-axis tick label"] text'),
    expected.map((t) => t.target),
  );
  // The six other methods on the same targets, faint.
  assert.equal(figure.querySelectorAll("g.cpp-others circle").length, 6 * expected.length);

  const cold = targetErrors(gLearned, { document: doc, axis: "task", known: 0, method: "mf" });
  assert.equal(cold.getAttribute("data-points"), "0");
  assert.equal(cold.getAttribute("data-status"), "cold-start unsupported");
  assert.equal(cold.querySelectorAll("g.cpp-target circle").length, 0);
  assert.ok(cold.querySelector("svg")?.textContent?.includes(COLD));

  const data = targetErrorData(gLearned, "task", 3, "biases", "maePoints");
  assert.ok(data.chosen.every((c, i, all) => i === 0 || all[i - 1].value >= c.value));
});

Deno.test("the generalization components write names as text, never as markup", () => {
  const evil: GeneralizationJson = {
    ...gLearned,
    axes: gLearned.axes.map((a) =>
      a.axis === "model"
        ? { ...a, skipped: [{ target: XSS, known: 1, reason: `too few <b>scores</b>` }] }
        : a
    ),
    perTarget: gLearned.perTarget.map((t) =>
      t.axis === "model" && t.target === "LLama-2-7B" ? { ...t, target: XSS } : t
    ),
    skippedMethods: [{ method: XSS, reason: "<script>x()</script>" }],
  };
  const doc = newDocument();
  const nodes = [
    targetErrors(evil, { document: doc, axis: "model", known: 2, method: "biases" }),
    skippedTargets(evil, { document: doc })!,
    skippedMethodsList(evil.skippedMethods, { document: doc })!,
    generalizationReadingView(evil, { document: doc }),
  ];
  for (const node of nodes) {
    assert.equal(node.querySelectorAll("img, script, b").length, 0);
  }
  assert.ok(nodes[0].textContent?.includes(XSS));
  assert.ok(nodes[1].textContent?.includes("too few <b>scores</b>"));
  assert.equal(nodes[1].querySelector("li")?.getAttribute("data-target"), XSS);
});

Deno.test("generalizationReading() is computed from the numbers", () => {
  const facts = axisFacts(generalization, "model");
  const biases = (k: number) =>
    generalization.rows.find((r) => r.axis === "model" && r.known === k && r.method === "biases")!;
  assert.equal(facts.laterK, 2);
  assert.equal(facts.reveal?.method, "biases");
  assert.equal(facts.reveal?.later, biases(2).mse);
  assert.equal(facts.reveal?.cold, biases(0).mse);
  assert.equal(facts.cold.bestFactor, null);
  const sentences = generalizationReading(generalization);
  assert.ok(sentences[0].includes(formatSci(biases(2).mse)), sentences[0]);
  assert.ok(sentences[0].includes(formatSci(biases(0).mse)), sentences[0]);
  assert.match(sentences[1], /no method using design factors ran here/);

  // With the learned methods: NCF + factors (0.7 x biases) is the best at K = 2 and at K = 0;
  // MF and NCF are named as unable to run at K = 0.
  const learned = axisFacts(gLearned, "task");
  const atTwo = gLearned.rows.filter((r) => r.axis === "task" && r.known === 2 && r.mse !== null);
  const lowest = atTwo.reduce((a, b) => (a.mse! <= b.mse! ? a : b));
  assert.equal(learned.reveal?.method, lowest.method);
  assert.equal(learned.reveal?.later, lowest.mse);
  assert.equal(learned.cold.bestFactor?.method, "ncf-factors");
  assert.deepEqual(learned.cold.notRun, ["mf", "ncf"]);
  const text = generalizationReading(gLearned).join("\n");
  assert.match(text, /the best factor method is NCF \+ factors/);
  assert.match(text, /Matrix factorization and Neural collaborative filtering cannot run at K = 0/);

  // Change a number, and the reading follows.
  const changed: GeneralizationJson = {
    ...generalization,
    rows: generalization.rows.map((r) =>
      r.axis === "model" && r.known === 2 && r.method === "task-mean" ? { ...r, mse: 1e-3 } : r
    ),
  };
  assert.match(generalizationReading(changed)[0], /Task mean, 1\.00e-3/);
  // The paper comparison counts the tasks where ours is lower.
  assert.ok(sentences.some((s) => /The paper's tasks at K = 2: .* of 4/.test(s)));
});

Deno.test("generalizationSetup() and skippedTargets() state counts and reasons", () => {
  const doc = newDocument();
  const setup = generalizationSetup(generalization, { document: doc }).textContent ?? "";
  assert.match(setup, /K = 0, 1, 2 and 3/);
  assert.match(setup, /New models: 12 targets \(1 left out\)/);
  assert.match(setup, /new tasks: 12 targets \(0 left out\)/);
  const skipped = skippedTargets(generalization, { document: doc })!;
  const li = skipped.querySelectorAll("li");
  assert.equal(li.length, 1);
  assert.equal(li[0].getAttribute("data-target"), "Gropher - 1.4B");
  assert.match(li[0].textContent ?? "", /needs at least k \+ 2/);
  assert.equal(skippedMethodsList([], { document: doc }), null);
});

Deno.test("generalizationDownloadFiles() has every table as CSV, cold rows with empty values", () => {
  const files = generalizationDownloadFiles(gLearned);
  assert.deepEqual(files.map((f) => f.filename), [
    "cpp-crowdsource-generalization.csv",
    "cpp-crowdsource-generalization-per-target.csv",
    "cpp-crowdsource-generalization-skipped.csv",
    "cpp-crowdsource-generalization-paper.csv",
    "cpp-crowdsource-generalization.json",
  ]);
  const summary = files[0].content.trimEnd().split("\n");
  assert.equal(summary[0], GENERALIZATION_CSV_COLUMNS.join(","));
  assert.equal(summary.length, 1 + gLearned.rows.length);
  const mfCold = summary.find((l) => l.startsWith("model,0,mf,"))!;
  assert.ok(mfCold.includes("cold-start unsupported"));
  const cols = mfCold.split(",");
  assert.equal(cols[GENERALIZATION_CSV_COLUMNS.indexOf("mse")], "");
  assert.equal(files[1].content.trimEnd().split("\n").length, 1 + gLearned.perTarget.length);
  assert.equal(
    files[3].content,
    "task,k,mse\n" + generalization.paper.map((p) => `${p.task},${p.k},${p.mse}`).join("\n") +
      "\n",
  );
  assert.equal(JSON.parse(files[4].content).rows.length, gLearned.rows.length);
  const saved: string[] = [];
  const buttons = reportDownloadButtons(files, {
    document: newDocument(),
    save: (f) => saved.push(f.filename),
  });
  (buttons.querySelector("button") as HTMLButtonElement).click();
  assert.deepEqual(saved, ["cpp-crowdsource-generalization.csv"]);
});

Deno.test("emergentScatter() puts every large model's prediction in its approach's panel", () => {
  const task = "GSM8K(4-shot)";
  const figure = emergentScatter(emergent, { document: newDocument(), task, width: 900 });
  const expected = emergent.predictions.filter((p) => p.task === task);
  assert.equal(figure.getAttribute("data-task"), task);
  assert.equal(figure.querySelectorAll("g.cpp-predictions circle").length, expected.length);
  assert.equal(figure.getAttribute("data-panels"), String(emergent.approaches.length));
  assert.deepEqual(texts(figure, "g.cpp-panel-label text").sort(), [
    "Global mean",
    "Model + task biases",
    "Scaling law, log-linear (params)",
    "Scaling law, sigmoid (compute)",
    "Task mean",
  ]);
  assert.equal(figure.querySelectorAll("g.cpp-diagonal line, g.cpp-diagonal path").length, 5);
  // An approach with no prediction on the task says so in its panel.
  const none = {
    ...emergent,
    predictions: emergent.predictions.filter((p) => p.approach !== "scaling-law-sigmoid"),
  };
  const f2 = emergentScatter(none, { document: newDocument(), task });
  assert.ok(
    texts(f2, "g.cpp-panel-label text").includes(
      "Scaling law, sigmoid (compute): no prediction on this task",
    ),
  );
});

Deno.test("emergentCurves() draws the fitted families' curves with small and large members", () => {
  const task = "BIG-bench hard(3-shot)";
  for (const law of ["log-linear", "sigmoid"] as const) {
    const data = emergentCurveData(emergent, task, law);
    assert.deepEqual(data.families, ["LLama", "LLama-2"]);
    const smallUsed = data.families.flatMap((f) =>
      emergent.fits.find((x) => x.task === task && x.law === law && x.family === f)!.small
    );
    assert.deepEqual(data.small.map((s) => s.model).sort(), [...smallUsed].sort());
    const approach = law === "log-linear" ? "scaling-law-linear" : "scaling-law-sigmoid";
    const predicted = emergent.predictions.filter((p) =>
      p.task === task && p.approach === approach
    );
    assert.equal(data.large.length, predicted.length);
    const figure = emergentCurves(emergent, { document: newDocument(), task, law });
    assert.equal(figure.getAttribute("data-law"), law);
    assert.equal(figure.querySelectorAll("g.cpp-curve path").length, 2);
    assert.equal(figure.querySelectorAll("g.cpp-small circle").length, smallUsed.length);
    assert.equal(figure.querySelectorAll("g.cpp-large-actual circle").length, predicted.length);
    assert.equal(figure.querySelectorAll("g.cpp-large-predicted path").length, predicted.length);
  }
  // Without member points: log-linear places the large models by their parameter count; the
  // sigmoid cannot place them, and the caption says so.
  // (JSON from before the loaders wrote member points)
  const { points: _, ...rest } = emergent;
  const bare = rest as unknown as EmergentJson;
  const lin = emergentCurves(bare, { document: newDocument(), task, law: "log-linear" });
  assert.equal(lin.querySelectorAll("g.cpp-small circle").length, 0);
  assert.equal(lin.querySelectorAll("g.cpp-large-actual circle").length, 3);
  const sig = emergentCurves(bare, { document: newDocument(), task, law: "sigmoid" });
  assert.equal(sig.querySelectorAll("g.cpp-large-actual circle").length, 0);
  assert.match(sig.querySelector("figcaption")?.textContent ?? "", /no member points/);
  // No fitted family: an explanation, still inside a chart.
  const unfitted = {
    ...emergent,
    fits: emergent.fits.map((f) => ({ ...f, status: "not fitted" as const })),
  };
  const empty = emergentCurves(unfitted, { document: newDocument(), task });
  assert.equal(empty.getAttribute("data-families"), "0");
  assert.match(empty.querySelector("svg")?.textContent ?? "", /No family could be fitted/);
});

Deno.test("emergentMaeTable() shows the common-set MAE per task and each approach's coverage", () => {
  const root = emergentMaeTable(emergent, { document: newDocument() });
  const table = root.querySelector("table.cpp-emergent-mae")!;
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.deepEqual(rows.map((r) => r.getAttribute("data-approach")), emergent.approaches);
  for (const m of emergent.mae.filter((x) => x.scope === "common")) {
    const td = table.querySelector(
      `tr[data-approach="${m.approach}"] td[data-task="${m.task ?? "all"}"]`,
    )!;
    assert.equal(Number(td.getAttribute("data-common")), m.mae, `${m.task} ${m.approach}`);
    assert.equal(td.querySelector(".cpp-mean")?.textContent, m.mae!.toFixed(1));
  }
  const gsmLaw = table.querySelector(
    'tr[data-approach="scaling-law-linear"] td[data-task="GSM8K(4-shot)"] .cpp-std',
  );
  assert.match(gsmLaw?.textContent ?? "", /· 3\/14$/);
  // Bold: the lowest common MAE of each column.
  const best = table.querySelector('td.cpp-best[data-task="all"]')!;
  const all = emergent.mae.filter((m) => m.task === null && m.scope === "common");
  assert.equal(Number(best.getAttribute("data-common")), Math.min(...all.map((m) => m.mae!)));
});

Deno.test("emergentFitsTable() lists every family of the task, fitted or with the reason", () => {
  const task = "HumanEval(pass@1)";
  const root = emergentFitsTable(emergent, { document: newDocument(), task });
  const table = root.querySelector("table.cpp-emergent-fits")!;
  const families = [...new Set(emergent.fits.filter((f) => f.task === task).map((f) => f.family))];
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.equal(rows.length, families.length);
  assert.deepEqual(rows.slice(0, 2).map((r) => r.getAttribute("data-fitted")), ["both", "both"]);
  assert.equal(table.getAttribute("data-fitted"), "2");
  const falcon = table.querySelector('tr[data-family="falcon"]')!;
  assert.equal(falcon.getAttribute("data-fitted"), "none");
  assert.match(
    falcon.querySelector('td[data-law="log-linear"]')?.textContent ?? "",
    /^not fitted: 0 small member\(s\) with a score, 0 distinct size/,
  );
  assert.ok(!(falcon.textContent ?? "").includes(` on ${task}`));
});

Deno.test("emergentSetup() and emergentReading() come from the numbers", () => {
  const doc = newDocument();
  const setup = emergentSetup(emergent, { document: doc });
  assert.match(setup.textContent ?? "", /at most 13B parameters \(45 models\)/);
  assert.deepEqual(
    [...setup.querySelectorAll(".cpp-left-out li")].map((li) => li.getAttribute("data-model")),
    ["GPT-4", "gpt-3.5"],
  );
  const facts = emergentFacts(emergent);
  const pooled = emergent.mae.filter((m) => m.task === null && m.scope === "common");
  const best = pooled.reduce((a, b) => (a.mae! <= b.mae! ? a : b));
  assert.equal(facts.pooled.best?.approach, best.approach);
  assert.equal(facts.pooled.n, best.n);
  assert.equal(facts.winners.length, emergent.targets.length);
  assert.equal(facts.coverage.withScore, 12 + 12 + 14);
  assert.equal(facts.coverage.law, 9);
  const sentences = emergentReading(emergent);
  assert.ok(sentences[0].includes(best.mae!.toFixed(1)), sentences[0]);
  assert.match(sentences.join("\n"), /only 3 models per task/);
  const view = emergentReadingView(emergent, { document: doc });
  assert.equal(view.querySelectorAll("li").length, sentences.length);
  // Names from the data stay text.
  const evil = {
    ...emergent,
    leftOut: [{ model: XSS, reason: "<b>none</b>" }],
  };
  const node = emergentSetup(evil, { document: doc });
  assert.equal(node.querySelectorAll("img, b").length, 0);
  assert.ok(node.textContent?.includes(XSS));
});

Deno.test("emergentDownloadFiles() has predictions, MAE, coverage, fits, curves, members", () => {
  const files = emergentDownloadFiles(emergent);
  const byName = new Map(files.map((f) => [f.filename.replace("cpp-crowdsource-", ""), f]));
  const lines = (name: string) => byName.get(name)!.content.trimEnd().split("\n");
  assert.equal(lines("emergent-predictions.csv").length, 1 + emergent.predictions.length);
  assert.equal(lines("emergent-mae.csv")[0], "task,approach,scope,n,mae");
  assert.ok(lines("emergent-mae.csv").some((l) => l.startsWith("all,biases,common,")));
  assert.equal(lines("emergent-fits.csv").length, 1 + emergent.fits.length);
  assert.ok(lines("emergent-fits.csv")[1].includes('"'), "a reason with commas is quoted");
  assert.equal(lines("emergent-members.csv").length, 1 + emergent.points!.length);
  assert.equal(JSON.parse(byName.get("emergent.json")!.content).targets.length, 3);
  const { points: _, ...bare } = emergent;
  assert.ok(
    !emergentDownloadFiles(bare as unknown as EmergentJson).some((f) =>
      f.filename.endsWith("members.csv")
    ),
  );
});

/** The fixture plus fake collaborative rows: MF cold at K = 0, NCF + factors at both K. */
function withLawLearned(report: PerformanceLawJson): PerformanceLawJson {
  const c = report.collaborative;
  const rows = [...c.rows];
  const mae = [...c.mae];
  for (const k of c.ks) {
    const biases = c.rows.filter((r) => r.known === k && r.method === "biases");
    for (const method of ["mf", "ncf-factors"] as const) {
      if (method === "mf" && k === 0) {
        for (const model of c.models) {
          rows.push({
            model,
            known: 0,
            method,
            status: "cold-start unsupported",
            reason: COLD,
            actual: biases.find((b) => b.model === model)?.actual ?? 50,
            predicted: null,
            predictedSd: null,
            absError: null,
          });
        }
        mae.push({ known: 0, method, status: "cold-start unsupported", n: 0, mae: null });
        continue;
      }
      const f = FACTORS[method];
      const mine = biases.map((b) => ({ ...b, method, absError: b.absError! * f }));
      rows.push(...mine);
      mae.push({
        known: k,
        method,
        status: "ok",
        n: mine.length,
        mae: mine.reduce((s, r) => s + r.absError, 0) / mine.length,
      });
    }
  }
  return { ...report, collaborative: { ...c, rows, mae } };
}

const lLearned = withLawLearned(law);

Deno.test("lawEquation() writes the fitted equation with its weights and the features", () => {
  const node = lawEquation(law, { document: newDocument() });
  const equation = node.querySelector("code.cpp-equation")?.textContent ?? "";
  assert.ok(equation.startsWith(`MMLU(5-shot) ≈ ${law.law.fit.intercept.toFixed(2)} `), equation);
  for (const c of law.law.fit.coefficients) {
    const w = Math.abs(c.weight).toFixed(2);
    assert.ok(equation.includes(`${c.weight < 0 ? "−" : "+"} ${w} · ${c.feature}`), equation);
  }
  const rows = [...node.querySelectorAll("table.cpp-law-features tbody tr")];
  assert.equal(rows.length, 5);
  assert.deepEqual(texts(rows[2] as Element, "td").slice(0, 2), [
    "ln FFN size",
    "bottleneck activation size",
  ]);
  assert.match(node.textContent ?? "", new RegExp(`λ = ${law.law.fit.lambda}`));
});

Deno.test("lawScatter() draws one dot per model with the diagonal", () => {
  const figure = lawScatter(law, { document: newDocument() });
  assert.equal(figure.getAttribute("data-chart"), "law-scatter");
  assert.equal(figure.querySelectorAll("g.cpp-law-points circle").length, law.law.n);
  assert.match(figure.querySelector("figcaption")?.textContent ?? "", /MAE 7\.47, RMSE 10\.05/);
});

Deno.test("lawComparisonTable() puts the law beside each method and K; a cold method is 'not run'", () => {
  const root = lawComparisonTable(lLearned, { document: newDocument() });
  const table = root.querySelector("table.cpp-law-comparison")!;
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.deepEqual(
    rows.map((r) => r.getAttribute("data-model")),
    law.law.models.map((m) => m.model),
  );
  // The law, then K = 0 and K = 2 with 5 methods each (MF, NCF + factors, the 3 baselines).
  assert.equal(table.getAttribute("data-approaches"), "11");
  const header = texts(table, "thead th");
  assert.deepEqual(header.slice(0, 4), [
    "Model",
    "Actual",
    "Performance Law",
    "Matrix factorization, K = 0",
  ]);
  const mfCold = texts(table, 'tbody td[data-approach="mf@0"]');
  assert.equal(mfCold.length, law.law.n);
  assert.ok(mfCold.every((t) => t === "not run"));
  // The model the collaborative methods skipped at K = 2 is "not run" there, with the reason.
  const gropher = table.querySelector(
    'tr[data-model="Gropher - 1.4B"] td[data-approach="biases@2"]',
  )!;
  assert.equal(gropher.textContent, "not run");
  assert.match(gropher.querySelector("span")?.getAttribute("title") ?? "", /needs k = 2/);
  const first = law.law.models[0];
  const cell = table.querySelector(
    `tr[data-model="${first.model}"] td[data-approach="performance-law"]`,
  )!;
  assert.equal(cell.querySelector(".cpp-mean")?.textContent, first.predicted.toFixed(1));
  assert.equal(Number(cell.getAttribute("data-abs-error")), first.absError);
  const foot = table.querySelector('tfoot td[data-approach="performance-law"]')!;
  assert.equal(foot.textContent, `${law.law.mae.toFixed(2)} (${law.law.n})`);
  assert.equal(table.querySelector('tfoot td[data-approach="mf@0"]')?.textContent, "—");
});

Deno.test("lawErrors() draws each approach's absolute error per model at one K", () => {
  const k0 = lawErrors(lLearned, { document: newDocument(), known: 0 });
  assert.equal(k0.getAttribute("data-known"), "0");
  const ok0 = lLearned.collaborative.rows.filter((r) => r.known === 0 && r.absError !== null);
  assert.equal(k0.querySelectorAll("g.cpp-law-error circle").length, law.law.n + ok0.length);
  const absent = [...k0.querySelectorAll(".cpp-absent li")];
  assert.deepEqual(absent.map((li) => li.getAttribute("data-method")), ["mf"]);
  assert.ok(absent[0].textContent?.includes(COLD));
  const k2 = lawErrors(lLearned, { document: newDocument(), known: 2 });
  const ok2 = lLearned.collaborative.rows.filter((r) => r.known === 2 && r.absError !== null);
  assert.equal(k2.querySelectorAll("g.cpp-law-error circle").length, law.law.n + ok2.length);
  assert.equal(k2.querySelectorAll(".cpp-absent").length, 0);
  // Rows: the regression's largest error on top.
  const worst = [...law.law.models].sort((a, b) => b.absError - a.absError)[0];
  assert.equal(texts(k2, 'g[aria-label="y-axis tick label"] text')[0], worst.model);
});

Deno.test("lawLeftOut() lists each model left out with what it lacks", () => {
  const node = lawLeftOut(law, { document: newDocument() })!;
  const items = [...node.querySelectorAll(".cpp-law-left-out li")];
  assert.equal(items.length, law.law.leftOut.length);
  const opt = node.querySelector('.cpp-law-left-out li[data-model="OPT-175B"]');
  assert.equal(opt?.textContent, "OPT-175B: lacks MMLU(5-shot) score");
  const claude = node.querySelector('.cpp-law-left-out li[data-model="Claude-V3 Haiku"]');
  assert.equal(
    claude?.textContent,
    "Claude-V3 Haiku: lacks Layers, Number Heads and bottleneck activation size",
  );
  assert.equal(node.querySelectorAll(".cpp-collab-skipped li").length, 1);
  const none = {
    ...law,
    law: { ...law.law, leftOut: [] },
    collaborative: { ...law.collaborative, skipped: [] },
  };
  assert.equal(lawLeftOut(none, { document: newDocument() }), null);
});

Deno.test("lawReading() compares the law and the best method on the common models", () => {
  const common = commonMae(lLearned);
  // Gropher - 1.4B has no K = 2 prediction; MF at K = 0 none at all (left out of "ran").
  assert.equal(common.models.length, law.law.n - 1);
  assert.ok(!common.mae.some((a) => a.key === "mf@0"));
  const facts = lawFacts(lLearned);
  assert.deepEqual(facts.common.perK.map((p) => [p.known, p.method]), [
    [0, "ncf-factors"],
    [2, "ncf-factors"],
  ]);
  const lawCommon = common.mae.find((a) => a.key === "performance-law")!.mae!;
  assert.equal(facts.common.law, lawCommon);
  const sentences = lawReading(lLearned);
  assert.ok(sentences[0].includes(law.law.mae.toFixed(2)));
  assert.ok(sentences[1].includes(lawCommon.toFixed(2)), sentences[1]);
  assert.match(sentences[1], /NCF \+ factors/);
  assert.match(sentences.join(" "), /38 models are left out/);
  // Names stay text.
  const evil = {
    ...law,
    law: { ...law.law, leftOut: [{ model: XSS, missing: ["<b>Layers</b>"] }] },
  };
  const node = lawLeftOut(evil, { document: newDocument() })!;
  assert.equal(node.querySelectorAll("img, b").length, 0);
});

Deno.test("performanceLawDownloadFiles() has the law, the weights, the left-out and the methods", () => {
  const files = performanceLawDownloadFiles(lLearned);
  const byName = new Map(files.map((f) => [f.filename.replace("cpp-crowdsource-", ""), f]));
  const lines = (name: string) => byName.get(name)!.content.trimEnd().split("\n");
  assert.equal(lines("performance-law.csv").length, 1 + law.law.n);
  assert.equal(lines("performance-law.csv")[0], "model,actual,predicted,error,absError,lambda");
  assert.equal(lines("performance-law-fit.csv").length, 1 + 1 + 5);
  assert.ok(lines("performance-law-fit.csv")[1].startsWith("intercept,,"));
  assert.ok(
    lines("performance-law-left-out.csv").includes(
      "Claude-V3 Haiku,Layers; Number Heads; bottleneck activation size",
    ),
  );
  const collab = lines("performance-law-collaborative.csv");
  assert.equal(collab.length, 1 + lLearned.collaborative.rows.length);
  const cold = collab.find((l) => l.includes(",0,mf,"))!;
  assert.ok(cold.includes("cold-start unsupported") && cold.endsWith(",,,"));
  assert.ok(lines("performance-law-mae.csv")[1].startsWith("performance-law,,ok,34,"));
});

Deno.test("unavailableNotice() and whenAvailable() stand in for an analysis the loader could not run", () => {
  const doc = newDocument();
  const missing = {
    unavailable:
      `Cannot run emergent: ${XSS} has no target task (the full dataset was not available)`,
    title: "HELM table of the seed slides (embedded sample)",
    notice: "The full dataset 'cpp-crowdsource' was not available",
    skippedMethods: [],
  };
  assert.equal(unavailableReason(missing), missing.unavailable);
  assert.equal(unavailableReason(emergent), null);
  assert.equal(unavailableReason({ unavailable: " " }), null);
  assert.equal(unavailableNotice(emergent, { document: doc }), null);

  const box = unavailableNotice(missing, { document: doc })!;
  doc.body.append(box);
  assert.ok(box.classList.contains("cpp-notice") && box.classList.contains("cpp-unavailable"));
  assert.equal(box.querySelector('[data-field="reason"]')?.textContent, missing.unavailable);
  assert.equal(box.querySelectorAll("img").length, 0);

  let rendered = 0;
  const render = () => {
    rendered++;
    return doc.createElement("table");
  };
  const note = whenAvailable(missing, render, { document: doc }) as Element;
  assert.ok(note.classList.contains("cpp-unavailable-note"));
  assert.equal(whenAvailable(missing, render, { document: doc, note: false }).nodeType, 8);
  assert.equal(rendered, 0, "rendered a report that is not there");
  assert.equal((whenAvailable(emergent, render, { document: doc }) as Element).tagName, "TABLE");
  assert.equal(rendered, 1);
});
