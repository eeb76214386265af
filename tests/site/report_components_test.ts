// The methods, HELM pilot and leaderboard components rendered into a linkedom document, on
// tests/fixtures/site/{methods,helm-pilot,leaderboard}.json (trimmed loader outputs). The methods
// fixture holds baselines only; `withLearned()` adds synthetic rows for the four learned methods
// (clearly fake numbers) to exercise what only the engine's output has.
import assert from "node:assert/strict";
import { methodLabel, methodOrder } from "../../src/components/_methods.js";
import { errorBins, errorHistograms } from "../../src/components/error_histograms.ts";
import { configLabel, epochStats, fitConfigTable } from "../../src/components/fit_config.ts";
import {
  leaderboardHeatmap,
  leaderboardOrder,
  PREDICTED_OPACITY,
  selectionTable,
} from "../../src/components/leaderboard_heatmap.ts";
import { pilotScatter } from "../../src/components/pilot_scatter.ts";
import { pilotSummaryTable } from "../../src/components/pilot_summary.ts";
import {
  leaderboardDownloadFiles,
  methodsDownloadFiles,
  pilotDownloadFiles,
  reportDownloadButtons,
  TABLE1_CSV_COLUMNS,
} from "../../src/components/report_downloads.ts";
import type { MethodId } from "../../src/lib/mod.ts";
import type {
  HelmPilotJson,
  LeaderboardJson,
  MethodsJson,
  Table1Row,
} from "../../src/lib/report/site_json.ts";
import { seedSpread, seedSpreadData } from "../../src/components/seed_spread.ts";
import {
  paperRankNote,
  skippedList,
  table1Facts,
  table1Reading,
  table1ReadingView,
} from "../../src/components/table1_reading.ts";
import { table1Methods, table1Table } from "../../src/components/table1_table.ts";
import { curveData, trainingCurves } from "../../src/components/training_curves.ts";
import { newDocument, readFixture, texts, XSS } from "./_render.ts";

const methods = await readFixture<MethodsJson>("methods.json");
const pilot = await readFixture<HelmPilotJson>("helm-pilot.json");
const board = await readFixture<LeaderboardJson>("leaderboard.json");

/** Synthetic learned-method MSE/L1 as a multiple of the biases baseline's (fake numbers). */
const FACTORS: Record<string, number> = {
  mf: 0.8,
  ncf: 0.7,
  "ncf-factors": 0.6,
  "factors-only": 1.1,
};

/** The fixture plus synthetic rows, per-seed values and curves for the four learned methods. */
function withLearned(report: MethodsJson): MethodsJson {
  const scaled = (row: Table1Row, method: MethodId, f: number): Table1Row => ({
    ...row,
    method,
    backend: "webasm",
    mse: { ...row.mse, mean: row.mse.mean * f },
    l1: { ...row.l1, mean: row.l1.mean * f },
  });
  return {
    ...report,
    skipped: [],
    tables: report.tables.map((t) => {
      const biases = t.methods.find((m) => m.method === "biases")!;
      return {
        ...t,
        methods: [
          ...(Object.entries(FACTORS) as [MethodId, number][]).map(([m, f]) =>
            scaled(biases, m, f)
          ),
          ...t.methods,
        ],
      };
    }),
    perSeed: [
      ...report.perSeed.filter((d) => d.method === "biases").flatMap((d) =>
        (Object.entries(FACTORS) as [MethodId, number][]).map(([method, f]) => ({
          ...d,
          method,
          value: d.metric === "mse" || d.metric === "l1" ? d.value! * f : d.value,
        }))
      ),
      ...report.perSeed,
    ],
    fits: [
      ...["cpp", "task"].flatMap((scale) =>
        (Object.keys(FACTORS) as MethodId[]).map((method) => ({
          scale: scale as "cpp" | "task",
          method,
          backend: "webasm",
          config: { dim: 10, ids: method !== "factors-only", head: "ncf", lr: 0.02 },
          seconds: 2,
          epochs: [300, 500, 400, 100],
          curve: Array.from({ length: 30 }, (_, i) => ({
            epoch: i * 10,
            train: 0.1 / (i + 1),
            valid: i === 3 ? null : 0.12 / (i + 1),
          })),
        }))
      ),
      ...report.fits,
    ],
  };
}

const learned = withLearned(methods);

Deno.test("the report fixtures are consistent: tables, per-seed rows, pilot summary, full grid", () => {
  assert.deepEqual(methods.tables.map((t) => t.scale), ["cpp", "task"]);
  for (const t of methods.tables) {
    for (const m of t.methods) {
      const seeds = methods.perSeed.filter((d) =>
        d.scale === t.scale && d.method === m.method && d.metric === "mse"
      );
      assert.equal(seeds.length, t.seeds, `${t.scale} ${m.method}`);
      const mean = seeds.reduce((a, d) => a + d.value!, 0) / seeds.length;
      assert.ok(Math.abs(mean - m.mse.mean) < 1e-12, `${t.scale} ${m.method}: ${mean}`);
    }
  }
  for (const s of pilot.summary) {
    assert.equal(pilot.errors.filter((e) => e.share === s.share).length, s.cells);
  }
  for (const e of pilot.errors) assert.ok(Math.abs(e.error - (e.predicted - e.gold)) < 1e-4);
  assert.equal(board.cells.length, board.models.length * board.tasks.length);
  assert.equal(new Set(board.cells.map((c) => `${c.model}\0${c.task}`)).size, board.cells.length);
  assert.ok(board.cells.some((c) => c.observed) && board.cells.some((c) => !c.observed));
  assert.ok(board.selection.some((s) => s.method === board.method));
});

Deno.test("table1Table() shows every method, the paper's MSE and L1 beside ours on cpp only", () => {
  const root = table1Table(learned, { document: newDocument(), scale: "cpp" });
  const table = root.querySelector("table.cpp-table1")!;
  assert.equal(table.getAttribute("data-scale"), "cpp");
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.deepEqual(rows.map((r) => r.getAttribute("data-method")), [
    "mf",
    "ncf",
    "ncf-factors",
    "factors-only",
    "global-mean",
    "task-mean",
    "biases",
  ]);
  assert.ok(rows.every((r) => r.getAttribute("data-source") === "ours"));
  assert.equal(
    rows[0].querySelector(".cpp-method")?.textContent?.startsWith("Matrix factorization"),
    true,
  );
  // The paper's published values, formatted as the paper writes them, for its four methods only.
  const paperMse = texts(table, 'td[data-metric="mse"][data-source="paper"] .cpp-mean');
  assert.deepEqual(paperMse, ["2.16e-2", "1.58e-2", "1.25e-2", "1.75e-2"]);
  const paperL1 = texts(table, 'td[data-metric="l1"][data-source="paper"] .cpp-mean');
  assert.deepEqual(paperL1, ["9.47e-2", "8.94e-2", "7.88e-2", "8.57e-2"]);
  assert.deepEqual(
    texts(table, 'td[data-metric="mse"][data-source="paper"]').slice(4),
    ["—", "—", "—"],
  );
  // The paper's rank metrics are not shown (not comparable).
  assert.equal(
    table.querySelectorAll('[data-source="paper"][data-metric="rankAccuracy"]').length,
    0,
  );
  // Ours: mean ± std; the best mean of MSE is marked (ncf-factors: 0.6 x biases).
  const cppBiases = methods.tables[0].methods.find((m) => m.method === "biases")!;
  const best = table.querySelector('td.cpp-best[data-metric="mse"]')!;
  assert.equal(best.closest("tr")?.getAttribute("data-method"), "ncf-factors");
  assert.equal(
    best.querySelector(".cpp-mean")?.textContent,
    (cppBiases.mse.mean * 0.6).toExponential(2),
  );
  assert.match(best.querySelector(".cpp-std")?.textContent ?? "", /^± \d\.\d\de-\d$/);
});

Deno.test("table1Table() on the task scale drops the paper's columns and shows other values", () => {
  const cpp = table1Table(learned, { document: newDocument(), scale: "cpp" });
  const task = table1Table(learned, { document: newDocument(), scale: "task" });
  assert.equal(task.querySelector("table")?.getAttribute("data-scale"), "task");
  assert.equal(task.querySelectorAll('[data-source="paper"]').length, 0);
  assert.match(task.querySelector("caption")?.textContent ?? "", /cpp scale only/);
  const mse = (root: Element) => texts(root, 'td[data-metric="mse"][data-source="ours"] .cpp-mean');
  assert.equal(mse(task).length, 7);
  assert.notDeepEqual(mse(task), mse(cpp));
  const taskBiases = methods.tables[1].methods.find((m) => m.method === "biases")!;
  assert.equal(mse(task)[6], taskBiases.mse.mean.toExponential(2));
});

Deno.test("table1Table() lists the paper's methods we did not run, with the skip reason", () => {
  const rows = table1Methods(methods, "cpp");
  assert.deepEqual(
    rows.map((r) => r.method),
    methodOrder([
      "global-mean",
      "task-mean",
      "biases",
      "mf",
      "ncf",
      "ncf-factors",
      "factors-only",
    ]),
  );
  const root = table1Table(methods, { document: newDocument() });
  const paperOnly = [...root.querySelectorAll('tbody tr[data-source="paper-only"]')];
  assert.equal(paperOnly.length, 4);
  const factorsOnly = root.querySelector('tr[data-method="factors-only"] .cpp-not-run');
  assert.equal(factorsOnly?.textContent, "not run: example of a skipped method");
  assert.equal(root.querySelector('tr[data-method="mf"] .cpp-not-run')?.textContent, "not run");
  assert.equal(
    root.querySelector('tr[data-method="mf"] td[data-source="paper"] .cpp-mean')?.textContent,
    "2.16e-2",
  );
});

Deno.test("table1Reading() computes the best method, the paper gap and the baseline check", () => {
  const { facts, sentences } = table1Reading(learned, "cpp");
  const biases = methods.tables[0].methods.find((m) => m.method === "biases")!;
  assert.equal(facts.bestMse?.method, "ncf-factors");
  assert.equal(facts.runnerUpMse?.method, "ncf");
  assert.equal(facts.paper?.mse.method, "ncf-factors");
  assert.equal(facts.paper?.mse.mean, 0.0125);
  assert.equal(facts.paper?.l1.mean, 0.0788);
  assert.ok(Math.abs(facts.paper!.mse.ratio! - (biases.mse.mean * 0.6) / 0.0125) < 1e-12);
  assert.deepEqual(facts.notBeatingBiases, ["factors-only"]);
  assert.equal(facts.learned.length, 4);
  assert.match(sentences[0], /^Lowest mean MSE on the cpp scale: NCF \+ factors, \d\.\d\de-\d/);
  const ratio = (biases.mse.mean * 0.6) / 0.0125;
  const pct = Math.abs(ratio - 1) * 100;
  assert.ok(
    sentences.some((s) =>
      s.includes(
        `${pct >= 10 ? pct.toFixed(0) : pct.toPrecision(2)}% ${ratio < 1 ? "lower" : "higher"}`,
      )
    ),
    sentences.join("\n"),
  );
  assert.ok(sentences.some((s) => s.includes("Factors only does not")));

  // Baselines only: no learned method to check, and no paper gap on the task scale.
  const only = table1Reading(methods, "task");
  assert.equal(only.facts.bestMse?.method, "biases");
  assert.equal(only.facts.paper, null);
  assert.ok(only.sentences.some((s) => s.startsWith("No learned method was run")));
  assert.ok(only.sentences.some((s) => s.includes("cpp scale only")));

  // All learned methods below the baseline.
  const better = withLearned(methods);
  const tables = better.tables.map((t) => ({
    ...t,
    methods: t.methods.map((m) =>
      m.method === "factors-only" ? { ...m, mse: { ...m.mse, mean: m.mse.mean / 2 } } : m
    ),
  }));
  assert.deepEqual(table1Facts({ ...better, tables }, "cpp").notBeatingBiases, []);
});

Deno.test("table1ReadingView(), paperRankNote() and skippedList() render text computed from data", () => {
  const doc = newDocument();
  const view = table1ReadingView(learned, { document: doc, scale: "task" });
  assert.equal(view.querySelectorAll("li").length, table1Reading(learned, "task").sentences.length);
  const note = paperRankNote(methods, { document: doc });
  assert.match(note.textContent ?? "", /rank accuracy \(33\.5% to 45\.5% over its methods\)/);
  assert.match(note.textContent ?? "", /MAE@2 \(83\.2% to 85\.0%\)/);
  assert.match(note.textContent ?? "", /not comparable/);
  const skipped = skippedList(methods, { document: doc })!;
  assert.deepEqual(texts(skipped, "li"), [
    "Factors only (factors-only): example of a skipped method",
  ]);
  assert.equal(skippedList(learned, { document: doc }), null);
});

Deno.test("seedSpread() draws a dot per seed, a tick per method, the paper where comparable", () => {
  for (
    const [scale, metric, paper] of [["cpp", "mse", 4], ["cpp", "rankAccuracy", 0], [
      "task",
      "l1",
      0,
    ]] as const
  ) {
    const figure = seedSpread(learned, { document: newDocument(), scale, metric, width: 700 });
    assert.equal(figure.getAttribute("data-chart"), "seed-spread");
    assert.ok(figure.classList.contains("cpp-chart"));
    assert.ok(figure.querySelector("svg"));
    const rows = learned.perSeed.filter((d) => d.scale === scale && d.metric === metric);
    assert.equal(figure.querySelectorAll("g.cpp-seed circle").length, rows.length);
    assert.equal(figure.querySelectorAll("g.cpp-mean line").length, 7);
    assert.equal(figure.querySelectorAll("g.cpp-paper path").length, paper, `${scale} ${metric}`);
    const labels = texts(figure, 'g[aria-label="y-axis tick label"] text');
    assert.deepEqual(labels, methodOrder(rows.map((d) => d.method)).map((m) => methodLabel(m)));
  }
  // The means are the per-seed means.
  const { means } = seedSpreadData(methods, "cpp", "mse");
  const biases = methods.tables[0].methods.find((m) => m.method === "biases")!;
  assert.ok(Math.abs(means.find((m) => m.method === "biases")!.value - biases.mse.mean) < 1e-12);
});

Deno.test("trainingCurves() draws train and validation per learned method, names closed-form ones", () => {
  const figure = trainingCurves(methods, { document: newDocument(), scale: "cpp" });
  assert.equal(figure.getAttribute("data-chart"), "training-curves");
  // The baselines-only fixture: the biases baseline has a curve, the two means are closed form.
  assert.equal(figure.getAttribute("data-curves"), "1");
  assert.equal(figure.querySelectorAll("g.cpp-curve path").length, 2);
  assert.match(figure.textContent ?? "", /Global mean, Task mean: no curve/);

  const all = trainingCurves(learned, { document: newDocument(), scale: "task" });
  assert.equal(all.getAttribute("data-curves"), "5");
  assert.equal(all.querySelectorAll("g.cpp-curve path").length, 10);
  // Null (missing) validation values are left out, not drawn as zero.
  const mf = curveData(learned, "task").points.filter((p) => p.method === "mf");
  assert.equal(mf.length, 30 + 29);

  const none = trainingCurves(
    { ...methods, fits: methods.fits.map((f) => ({ ...f, curve: [] })) },
    {
      document: newDocument(),
    },
  );
  assert.equal(none.querySelector("svg"), null);
  assert.match(none.querySelector(".cpp-empty")?.textContent ?? "", /no learned method was run/);
});

Deno.test("fitConfigTable() has one column per method and a row per hyperparameter", () => {
  const root = fitConfigTable(learned, { document: newDocument(), scale: "cpp" });
  const table = root.querySelector("table.cpp-fit-config")!;
  assert.deepEqual(
    [...table.querySelectorAll("thead th[data-method]")].map((th) =>
      th.getAttribute("data-method")
    ),
    ["mf", "ncf", "ncf-factors", "factors-only", "global-mean", "task-mean", "biases"],
  );
  const row = (key: string) => texts(table, `tr[data-key="${key}"] td`);
  assert.deepEqual(row("backend"), ["webasm", "webasm", "webasm", "webasm", "ts", "ts", "ts"]);
  assert.deepEqual(row("ids"), ["yes", "yes", "yes", "no", "—", "—", "—"]);
  assert.deepEqual(row("lambda"), ["—", "—", "—", "—", "—", "—", "1"]);
  assert.deepEqual(row("sweeps").at(-1), "[470,469,472,471]");
  assert.deepEqual(row("epochs"), [
    ...Array(4).fill("100 / 350 / 500"),
    "closed form",
    "closed form",
    "200 / 200 / 200",
  ]);
  // Headings are words, never the configuration's keys.
  const heading = (key: string) => table.querySelector(`tr[data-key="${key}"] th`)?.textContent;
  assert.equal(heading("lr"), "Learning rate");
  assert.equal(heading("dim"), "Latent dimension");
  assert.equal(configLabel("maxEpochs"), "Max epochs");
  assert.equal(epochStats([3, 1, 2]), "1 / 2 / 3");
  assert.equal(row("seconds")[0], "2");
  assert.equal(row("per-seed")[0], "0.5");
});

Deno.test("errorHistograms() draws one histogram per training share on shared bins", () => {
  const root = errorHistograms(pilot, { document: newDocument(), width: 900 });
  const figures = [...root.querySelectorAll('figure.cpp-chart[data-chart="error-histogram"]')];
  assert.deepEqual(figures.map((f) => f.getAttribute("data-share")), ["0.1", "0.5"]);
  const bins = errorBins(pilot.errors);
  for (const figure of figures) {
    const share = Number(figure.getAttribute("data-share"));
    const own = bins.filter((b) => b.share === share);
    assert.equal(own.reduce((a, b) => a + b.count, 0), 100);
    assert.ok(Math.abs(own.reduce((a, b) => a + b.proportion, 0) - 1) < 1e-12);
    assert.equal(
      figure.querySelectorAll("g.cpp-bins rect").length,
      own.filter((b) => b.count).length,
    );
    assert.equal(figure.getAttribute("data-cells"), "100");
    assert.match(figure.querySelector("h3")?.textContent ?? "", /^Trained on (10|50)% of/);
  }
  // Both shares use the same bin edges, 0.02 wide, symmetric around 0.
  const edges = (s: number) => bins.filter((b) => b.share === s).map((b) => b.x1);
  assert.deepEqual(edges(0.1), edges(0.5));
  assert.equal(edges(0.1)[0], -edges(0.1).length / 2 * 0.02);
  const maxAbs = Math.max(...pilot.errors.map((e) => Math.abs(e.error)));
  assert.ok(-edges(0.1)[0] >= maxAbs);
});

Deno.test("pilotSummaryTable() and pilotScatter() show every share and every held-out cell", () => {
  const doc = newDocument();
  const table = pilotSummaryTable(pilot, { document: doc });
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.equal(rows.length, 2);
  assert.deepEqual(texts(rows[0], "td"), [
    "10% of the cells",
    "100",
    pilot.summary[0].mae.toFixed(3),
    pilot.summary[0].medianAe.toFixed(3),
    `${(pilot.summary[0].within05 * 100).toFixed(1)}%`,
    `${(pilot.summary[0].within10 * 100).toFixed(1)}%`,
  ]);
  const scatter = pilotScatter(pilot, { document: doc, width: 800 });
  assert.equal(scatter.getAttribute("data-chart"), "pilot-scatter");
  assert.equal(scatter.querySelectorAll("g.cpp-points circle").length, pilot.errors.length);
});

Deno.test("leaderboardHeatmap() tells observed and predicted cells apart", () => {
  const figure = leaderboardHeatmap(board, { document: newDocument(), width: 900 });
  assert.equal(figure.getAttribute("data-chart"), "leaderboard-heatmap");
  assert.equal(figure.getAttribute("data-method"), board.method);
  const plot = figure.querySelector("svg:not(.cpp-legend)")!;
  const observed = [...plot.querySelectorAll("g.cpp-observed rect")];
  const predicted = [...plot.querySelectorAll("g.cpp-predicted rect")];
  const nObserved = board.cells.filter((c) => c.observed).length;
  assert.equal(observed.length, nObserved);
  assert.equal(predicted.length, board.cells.length - nObserved);
  const dots = plot.querySelector("g.cpp-predicted-dot")!;
  assert.equal(dots.querySelectorAll("circle").length, predicted.length);
  assert.equal(dots.getAttribute("pointer-events"), "none");
  // Together they tile the grid, each position once.
  const at = (r: Element) => `${r.getAttribute("x")},${r.getAttribute("y")}`;
  assert.equal(new Set([...observed, ...predicted].map(at)).size, board.cells.length);
  // Predicted cells are lighter (fill opacity), observed ones are not; both use the colour scale.
  assert.equal(
    plot.querySelector("g.cpp-predicted")?.getAttribute("fill-opacity"),
    String(PREDICTED_OPACITY),
  );
  assert.equal(plot.querySelector("g.cpp-observed")?.getAttribute("fill-opacity"), null);
  assert.ok(new Set(observed.map((r) => r.getAttribute("fill"))).size > 5);
  const legend = figure.querySelector("svg.cpp-legend")!;
  assert.match(legend.textContent ?? "", /observed/);
  assert.match(legend.textContent ?? "", /predicted \(lighter, dotted\)/);
  assert.match(
    figure.querySelector("figcaption")?.textContent ?? "",
    /predicted by Model \+ task biases/,
  );
});

Deno.test("leaderboardOrder() sorts rows by mean normalized score, observed count or name", () => {
  const mean = (model: string) => {
    const v = board.cells.filter((c) => c.model === model).map((c) => c.normalized);
    return v.reduce((a, b) => a + b, 0) / v.length;
  };
  const byMean = leaderboardOrder(board, "mean").models;
  assert.deepEqual(byMean.map(mean), byMean.map(mean).sort((a, b) => b - a));
  const observed = (model: string) =>
    board.cells.filter((c) => c.model === model && c.observed).length;
  const byObserved = leaderboardOrder(board, "observed").models.map(observed);
  assert.deepEqual(byObserved, [...byObserved].sort((a, b) => b - a));
  const byName = leaderboardOrder(board, "name").models;
  assert.deepEqual(
    byName,
    [...board.models].sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
  );
  for (const sort of ["mean", "observed", "name"] as const) {
    const figure = leaderboardHeatmap(board, { document: newDocument(), sort });
    const labels = [...figure.querySelectorAll('g[aria-label="y-axis tick label"] text')]
      .map((t) => t.querySelector("title")?.textContent ?? t.textContent);
    assert.deepEqual(labels, leaderboardOrder(board, sort).models, sort);
    assert.equal(figure.getAttribute("data-sort"), sort);
  }
});

Deno.test("selectionTable() lists the candidates by held-out MSE and marks the chosen one", () => {
  const table = selectionTable(board, { document: newDocument() });
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.equal(rows.length, board.selection.length);
  const mses = [...board.selection].sort((a, b) => a.mse - b.mse);
  assert.deepEqual(rows.map((r) => r.getAttribute("data-method")), mses.map((s) => s.method));
  const chosen = table.querySelectorAll("tr.cpp-chosen");
  assert.equal(chosen.length, 1);
  assert.equal(chosen[0].getAttribute("data-method"), board.method);
});

Deno.test("report downloads offer tidy CSV and the JSON, and save the file clicked", () => {
  const [table1, perSeed, curves, json] = methodsDownloadFiles(methods);
  const lines = (content: string) => content.trimEnd().split("\n");
  assert.equal(lines(table1.content)[0], TABLE1_CSV_COLUMNS.join(","));
  assert.equal(
    lines(table1.content).length,
    1 + methods.tables.reduce((a, t) => a + t.methods.length, 0),
  );
  assert.equal(lines(perSeed.content).length, 1 + methods.perSeed.length);
  assert.equal(
    lines(curves.content).length,
    1 + methods.fits.reduce((a, f) => a + f.curve.length, 0),
  );
  assert.deepEqual(JSON.parse(json.content), methods);
  // The paper's values sit beside ours on cpp rows of its methods only.
  const withPaper = lines(methodsDownloadFiles(learned)[0].content).find((l) =>
    l.startsWith("cpp,mf,")
  )!;
  assert.ok(withPaper.includes(",0.0216,0.000119,0.0947,0.000289"), withPaper);

  const [summary, errors] = pilotDownloadFiles(pilot);
  assert.equal(lines(summary.content).length, 1 + pilot.summary.length);
  assert.equal(lines(errors.content)[0], "share,seed,model,task,gold,predicted,error");
  assert.equal(lines(errors.content).length, 1 + pilot.errors.length);

  const [filled, selection] = leaderboardDownloadFiles(board);
  assert.equal(filled.filename, "cpp-crowdsource-leaderboard.csv");
  assert.equal(lines(filled.content)[0], "model,task,score,observed,normalized");
  assert.equal(lines(filled.content).length, 1 + board.cells.length);
  assert.equal(lines(selection.content).length, 1 + board.selection.length);

  const doc = newDocument();
  const saved: string[] = [];
  const buttons = reportDownloadButtons(leaderboardDownloadFiles(board), {
    document: doc,
    name: "leaderboard",
    save: (file) => saved.push(file.filename),
  });
  assert.equal(buttons.getAttribute("data-downloads"), "leaderboard");
  assert.ok(buttons.classList.contains("cpp-downloads"));
  buttons.querySelectorAll("button")[0].dispatchEvent(new doc.defaultView!.Event("click"));
  assert.deepEqual(saved, ["cpp-crowdsource-leaderboard.csv"]);
});

Deno.test("report components render names from the data as text, never as HTML", () => {
  const doc = newDocument();
  const model = board.models[0];
  const evilBoard: LeaderboardJson = {
    ...board,
    models: board.models.map((m) => (m === model ? XSS : m)),
    cells: board.cells.map((c) => (c.model === model ? { ...c, model: XSS } : c)),
    selection: [...board.selection, { method: XSS, mse: 1, seeds: 2 }],
  };
  const evilPilot: HelmPilotJson = {
    ...pilot,
    errors: pilot.errors.map((e, i) => (i === 0 ? { ...e, model: XSS } : e)),
  };
  const evilMethods: MethodsJson = {
    ...methods,
    title: XSS,
    skipped: [{ method: XSS, reason: XSS }],
  };
  const elements = [
    leaderboardHeatmap(evilBoard, { document: doc }),
    selectionTable(evilBoard, { document: doc }),
    pilotScatter(evilPilot, { document: doc }),
    table1Table(evilMethods, { document: doc }),
    skippedList(evilMethods, { document: doc })!,
  ];
  for (const element of elements) {
    doc.body.append(element);
    assert.equal(element.querySelectorAll("img").length, 0, element.outerHTML.slice(0, 200));
  }
  for (const element of [elements[0], elements[1], elements[3], elements[4]]) {
    assert.ok(element.textContent?.includes(XSS), `${element.className} lacks the literal name`);
  }
  assert.equal(doc.querySelectorAll("img").length, 0);
});

Deno.test("report components explain a missing document", () => {
  assert.throws(() => leaderboardHeatmap(board), {
    name: "TypeError",
    message: "Cannot render leaderboardHeatmap: there is no global document; pass options.document",
  });
  assert.throws(() => table1Table(methods), { name: "TypeError" });
  assert.throws(() => table1Table(methods, { document: newDocument(), scale: "x" as "cpp" }), {
    name: "RangeError",
    message: "Cannot show Table 1 on the 'x' scale: the report has cpp, task",
  });
});
