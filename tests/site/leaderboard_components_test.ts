// The leaderboard, model-page and predict-page components, rendered into linkedom: rank
// intervals by hand, names as text (never markup), observed and predicted cells told apart, the
// forms' values as the reader types.
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { cellTitle, leaderboardTable, rankChart } from "../../src/components/leaderboard_table.ts";
import { modelScoreChart } from "../../src/components/model_view.ts";
import {
  leaderboardRows,
  leastCertain,
  modelScoreRows,
  rankIntervals,
  scoreAxis,
} from "../../src/lib/report/leaderboard_view.ts";
import {
  factorForm,
  parseNumber,
  predictionChart,
  scoreForm,
} from "../../src/components/predict_view.ts";
import { tableFiles } from "../../src/components/_files.js";
import type { LeaderboardJson } from "../../src/lib/report/site_json.ts";
import { slugs } from "../../src/lib/mod.ts";

const EVIL = "<img src=x onerror=alert(1)>";

function dom() {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

type Cell = LeaderboardJson["cells"][number];
const obs = (model: string, task: string, score: number): Cell => ({
  model,
  task,
  score,
  observed: true,
  normalized: 0,
  predicted: score,
  lower: null,
  upper: null,
  setting: null,
  source: null,
});
const pred = (model: string, task: string, score: number, lower: number, upper: number): Cell => ({
  model,
  task,
  score,
  observed: false,
  normalized: 0,
  predicted: score,
  lower,
  upper,
  setting: "gaps",
  source: null,
});

/** 3 models x 2 tasks; "loss" is lower-is-better. */
const board: LeaderboardJson = {
  dataset: "fixture",
  title: "Fixture",
  selection: [],
  method: "mf",
  backend: "cpu",
  level: 0.9,
  seeds: 3,
  models: ["A", "B", EVIL],
  tasks: ["acc", "loss"],
  lowerIsBetter: [false, true],
  scales: ["percent", "unbounded"],
  cells: [
    obs("A", "acc", 80),
    obs("A", "loss", 2),
    pred("B", "acc", 70, 60, 85),
    obs("B", "loss", 1),
    obs(EVIL, "acc", 50),
    pred(EVIL, "loss", 3, 2.5, 3.5),
  ],
  modelInfo: ["A", "B", EVIL].map((name, i) => ({
    name,
    slug: slugs(["A", "B", EVIL])[i],
    observed: 1,
    factors: {},
    neighbors: [],
  })),
  filters: { family: null, params: null, openWeights: null },
  calibrations: [],
  calibrationNotes: [],
  omitted: [],
};

Deno.test("rankIntervals() ranks by filled score and widens by the intervals (lower-is-better flipped)", () => {
  const ranks = rankIntervals(board, { tasks: ["acc", "loss"], models: board.models });
  const by = Object.fromEntries(ranks.map((r) => [r.model, r]));
  // acc: A 80, B 70 [60, 85], EVIL 50 -> ranks 1, 2, 3; B could be 1st (85 > 80) or 2nd
  // loss (lower is better): B 1, A 2, EVIL 3 [2.5, 3.5] -> ranks 1, 2, 3; EVIL is 3rd at best
  assert.deepEqual([by.A.rank, by.B.rank, by[EVIL].rank], [1.5, 1.5, 3]);
  assert.deepEqual([by.B.best, by.B.worst], [1, 1.5]);
  assert.deepEqual([by.A.best, by.A.worst], [1.5, 2]);
  assert.deepEqual([by[EVIL].best, by[EVIL].worst], [3, 3]);
  assert.equal(by.B.predicted, 1);
  assert.deepEqual(ranks.map((r) => r.model), ["A", "B", EVIL]);
  const one = rankIntervals(board, { tasks: ["acc"], models: ["B", EVIL] });
  assert.deepEqual(one.map((r) => [r.model, r.rank]), [["B", 1], [EVIL, 2]]);
});

Deno.test("leaderboardTable() renders names as text, marks predicted cells, sorts by a task", () => {
  const doc = dom();
  const ranks = rankIntervals(board, { tasks: board.tasks, models: board.models });
  const table = leaderboardTable(board, {
    document: doc,
    ranks,
    sort: "loss",
    href: (m) => `./models/fixture/${board.modelInfo!.find((x) => x.name === m)!.slug}.html`,
  });
  doc.body.append(table);
  assert.equal(doc.querySelectorAll("img").length, 0);
  const names = [...doc.querySelectorAll("tbody tr")].map((tr) => tr.getAttribute("data-model"));
  assert.deepEqual(names, ["B", "A", EVIL]);
  const links = [...doc.querySelectorAll("a[data-model-link]")];
  assert.equal(links[2].textContent, EVIL);
  assert.equal(links[2].getAttribute("href"), "./models/fixture/img-src-x-onerror-alert-1.html");
  const predicted = [...doc.querySelectorAll("td.cpp-predicted")];
  assert.equal(predicted.length, 2);
  assert.match(predicted[0].getAttribute("title")!, /90% interval \[60\.0, 85\.0\]/);
  assert.equal(doc.querySelectorAll("td.cpp-observed").length, 4);
  assert.equal(cellTitle(board.cells[0], 0.9), "A · acc: 80.0 (observed)");
});

Deno.test("leaderboardTable(): a header click asks for that order; the ordered column is marked", () => {
  const doc = dom();
  const ranks = rankIntervals(board, { tasks: board.tasks, models: board.models });
  const asked: string[] = [];
  doc.body.append(
    leaderboardTable(board, { document: doc, ranks, sort: "loss", onSort: (k) => asked.push(k) }),
  );
  const marked = [...doc.querySelectorAll("th[aria-sort]")].map((th) =>
    th.getAttribute("data-sort")
  );
  assert.deepEqual(marked, ["loss"]);
  for (const key of ["acc", "rank"]) {
    const button = doc.querySelector(`th[data-sort="${key}"] button.cpp-sort`) as HTMLButtonElement;
    button.click();
  }
  assert.deepEqual(asked, ["acc", "rank"]);
  // without onSort the headers are text, and "rank" is the default order
  const plain = dom();
  plain.body.append(leaderboardTable(board, { document: plain, ranks }));
  assert.equal(plain.querySelectorAll("button").length, 0);
  assert.equal(plain.querySelector("th[aria-sort]")?.getAttribute("data-sort"), "rank");
});

Deno.test("rankChart() draws one bar and one dot per model; leaderboardRows() flattens the view", () => {
  const doc = dom();
  const ranks = rankIntervals(board, { tasks: board.tasks, models: board.models });
  const figure = rankChart(ranks, { document: doc, width: 500 });
  assert.equal(figure.getAttribute("data-models"), "3");
  assert.ok(figure.querySelector("svg"));
  const rows = leaderboardRows(board, ranks, ["acc"]);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[1], {
    model: "B",
    task: "acc",
    score: 70,
    observed: false,
    lower: 60,
    upper: 85,
    meanRank: 1.5,
    rankBest: 1,
    rankWorst: 1.5,
    source: null,
    sourceType: null,
  });
  const [csv, json] = tableFiles("fixture leaderboard", "View", rows, ["model", "task", "score"]);
  assert.equal(csv.filename, "fixture_leaderboard.csv");
  assert.equal(csv.content.split("\n")[0], "model,task,score");
  assert.deepEqual(JSON.parse(json.content), rows);
});

Deno.test("modelScoreRows() and leastCertain() read one model; the chart draws every task", () => {
  const rows = modelScoreRows(board, "B");
  assert.deepEqual(rows.map((r) => r.status), ["predicted", "observed"]);
  // acc's filled column spans 50..80: width 25 / 30
  assert.equal(rows[0].relativeWidth, Number((25 / 30).toFixed(4)));
  assert.deepEqual(leastCertain(rows).map((r) => r.task), ["acc"]);
  assert.deepEqual(leastCertain(modelScoreRows(board, "A")), []);
  const doc = dom();
  const figure = modelScoreChart(modelScoreRows(board, EVIL), { document: doc });
  assert.equal(figure.getAttribute("data-tasks"), "2");
  assert.equal(figure.querySelectorAll("img").length, 0);
});

Deno.test("factorForm() and scoreForm() read what is typed; bad numbers are flagged, not used", () => {
  const doc = dom();
  const form = factorForm(
    [
      { name: "params", kind: "numeric", levels: [], min: 1, max: 70 },
      { name: EVIL, kind: "categorical", levels: ["a", EVIL], min: null, max: null },
    ],
    { document: doc, initial: { params: 7, [EVIL]: EVIL } },
  );
  doc.body.append(form);
  assert.equal(doc.querySelectorAll("img").length, 0);
  assert.deepEqual(form.value, { params: 7, [EVIL]: EVIL });
  const input = form.querySelector("input")! as HTMLInputElement;
  input.value = "1,300";
  assert.deepEqual(form.value, { params: 1300, [EVIL]: EVIL });
  input.value = "lots";
  assert.deepEqual(form.value, { [EVIL]: EVIL });
  assert.ok(input.classList.contains("cpp-invalid"));
  const scores = scoreForm(["MMLU", "GSM8K"], { document: doc });
  assert.deepEqual(scores.value, {});
  (scores.querySelector('input[data-task="GSM8K"]') as HTMLInputElement).value = " 41.5 ";
  assert.deepEqual(scores.value, { GSM8K: 41.5 });
  assert.deepEqual([parseNumber(""), parseNumber("1e3"), parseNumber("-.5")], [null, 1000, -0.5]);
  assert.ok(Number.isNaN(parseNumber("12abc")));
});

Deno.test("predictionChart() draws predicted tasks with intervals and given scores apart", () => {
  const doc = dom();
  const figure = predictionChart([
    { task: "MMLU", known: 45, predicted: 45, lower: 45, upper: 45 },
    { task: EVIL, known: null, predicted: 30, lower: 20, upper: 41 },
  ], { document: doc, width: 500 });
  assert.equal(figure.getAttribute("data-open"), "1");
  assert.equal(figure.querySelectorAll("img").length, 0);
  assert.ok([...figure.querySelectorAll("text")].some((t) => t.textContent === EVIL));
});

Deno.test("slugs() are URL-safe and unique", () => {
  assert.deepEqual(slugs(["LLaMA-2 (70B)", "llama 2 70b", "", "<img>"]), [
    "llama-2-70b",
    "llama-2-70b-2",
    "model",
    "img",
  ]);
});

Deno.test("leaderboardTable() links an observed score to its source, names the source's type", () => {
  const doc = dom();
  const source = {
    url: "https://example.org/report",
    type: "tech_report",
    matchesCanonical: true,
    auditStatus: "verified",
  };
  const withSource: LeaderboardJson = {
    ...board,
    cells: board.cells.map((c, k) => (k === 0 ? { ...c, source } : c)),
  };
  const ranks = rankIntervals(withSource, { tasks: board.tasks, models: board.models });
  const root = leaderboardTable(withSource, { document: doc, ranks });
  const cell = root.querySelector('tr[data-model="A"] td[data-task="acc"]')!;
  const link = cell.querySelector("a")!;
  assert.equal(link.getAttribute("href"), source.url);
  assert.equal(link.getAttribute("rel"), "noopener noreferrer");
  assert.equal(link.textContent, "80.0");
  assert.equal(cell.getAttribute("title"), "A · acc: 80.0 (observed; source: tech report)");
  // Only observed scores with a source are links.
  assert.equal(root.querySelectorAll("td a").length, 1);
  const rows = leaderboardRows(withSource, ranks, ["acc"]);
  assert.deepEqual(
    rows.filter((r) => r.source !== null).map((r) => [r.model, r.source, r.sourceType]),
    [["A", source.url, "tech_report"]],
  );
});

Deno.test("tasks on different scales are drawn at their position within each task's scores", () => {
  // acc is a percentage, loss unbounded: one score axis would squeeze one of them flat.
  assert.equal(scoreAxis(board), "position");
  assert.equal(scoreAxis({ ...board, scales: ["percent", "percent"] }), "score");
  assert.equal(scoreAxis({ ...board, scales: ["fraction", "percent"] }), "position");
  const [acc, loss] = modelScoreRows(board, "B");
  // acc's filled column spans 50..80: B's 70 [60, 85] sits at 2/3 [1/3, 7/6]
  assert.deepEqual(
    [acc.position, acc.lowerPosition, acc.upperPosition],
    [0.6667, 0.3333, 1.1667],
  );
  // loss spans 1..3: B's observed 1 is its lowest
  assert.deepEqual([loss.position, loss.lowerPosition, loss.upperPosition], [0, null, null]);
  const doc = dom();
  const figure = modelScoreChart(modelScoreRows(board, "B"), { document: doc, axis: "position" });
  assert.equal(figure.getAttribute("data-axis"), "position");
  assert.ok(figure.textContent!.includes("Position within the task's scores"));
  // The predict page: a bounded and an unbounded task; Elo 1300 is mid-range of [1000, 1600].
  const scale = {
    tasks: ["MMLU", "Elo"],
    sign: [1, 1],
    offset: [20, 1000],
    range: [60, 600],
    unit: [{ lo: 0, hi: 100 }, null],
  };
  const chart = predictionChart([
    { task: "MMLU", known: null, predicted: 50, lower: 40, upper: 60 },
    { task: "Elo", known: 1300, predicted: 1300, lower: 1300, upper: 1300 },
  ], { document: doc, width: 500, scale });
  assert.equal(chart.getAttribute("data-axis"), "position");
  const same = predictionChart([
    { task: "MMLU", known: null, predicted: 50, lower: 40, upper: 60 },
  ], { document: doc, width: 500, scale: { ...scale, unit: [scale.unit[0], scale.unit[0]] } });
  assert.equal(same.getAttribute("data-axis"), "score");
});
