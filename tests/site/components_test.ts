// The report's components rendered into a linkedom document, on tests/fixtures/site/overview.json.
import assert from "node:assert/strict";
import { coverageBars, coverageOrder } from "../../src/components/coverage_bars.ts";
import { downloadButtons, downloadFiles, toCsv } from "../../src/components/downloads.ts";
import type { DownloadFile } from "../../src/components/downloads.ts";
import { noticeBox } from "../../src/components/notice_box.ts";
import type { DatasetOverview, OverviewJson } from "../../src/lib/report/site_json.ts";
import { provenanceView } from "../../src/components/provenance.ts";
import { matrixOrder, missingCells, scoreHeatmap } from "../../src/components/score_heatmap.ts";
import { shapeCards } from "../../src/components/shape_cards.ts";
import { newDocument, readFixture, XSS } from "./_render.ts";

const fixture = await readFixture<OverviewJson>("overview.json");
const [crowdsource, sample] = fixture.datasets;

/** The dataset with one model renamed, everywhere it appears. */
function renameModel(dataset: DatasetOverview, from: string, to: string): DatasetOverview {
  return {
    ...dataset,
    models: dataset.models.map((m) => (m.name === from ? { ...m, name: to } : m)),
    cells: dataset.cells.map((c) => (c.model === from ? { ...c, model: to } : c)),
  };
}

/** A synthetic dataset of the given size where model i has a score on task j when (i + j) % 3 > 0. */
function synthetic(nModels: number, nTasks: number): DatasetOverview {
  const models = Array.from({ length: nModels }, (_, i) => `model-${i}`);
  const tasks = Array.from({ length: nTasks }, (_, j) => `task-${j}`);
  const cells = models.flatMap((model, i) =>
    tasks.flatMap((task, j) =>
      (i + j) % 3 > 0 ? [{ model, task, score: i + j, normalized: ((i * j) % 10) / 9 }] : []
    )
  );
  const count = (key: "model" | "task", name: string) =>
    cells.filter((c) => c[key] === name).length;
  return {
    ...crowdsource,
    id: `synthetic-${nModels}x${nTasks}`,
    shape: {
      models: nModels,
      tasks: nTasks,
      observed: cells.length,
      density: cells.length / (nModels * nTasks),
    },
    models: models.map((name) => ({
      name,
      observed: count("model", name),
      coverage: count("model", name) / nTasks,
    })),
    tasks: tasks.map((name) => ({
      name,
      observed: count("task", name),
      coverage: count("task", name) / nModels,
      lowerIsBetter: false,
      scale: "percent",
      min: 0,
      max: 100,
    })),
    cells,
  };
}

/** An axis label's full text: its title when Plot truncated it, else its text. */
function labelText(text: Element): string | null {
  return text.querySelector("title")?.textContent ?? text.textContent;
}

/** The (x, y) of every rect in the selection, as "x,y" strings. */
function positions(rects: Iterable<Element>): string[] {
  return [...rects].map((r) => `${r.getAttribute("x")},${r.getAttribute("y")}`);
}

Deno.test("the fixture is consistent: shape, coverage and cells agree", () => {
  for (const d of fixture.datasets) {
    assert.equal(d.shape.models, d.models.length, d.id);
    assert.equal(d.shape.tasks, d.tasks.length, d.id);
    assert.equal(d.shape.observed, d.cells.length, d.id);
    assert.ok(
      Math.abs(d.shape.density - d.cells.length / (d.models.length * d.tasks.length)) < 1e-4,
    );
    for (const t of d.tasks) {
      assert.equal(t.observed, d.cells.filter((c) => c.task === t.name).length, t.name);
    }
    for (const f of d.provenance.files) {
      assert.ok(f.url === null || f.url.startsWith("https://"), `${f.url} is not a source URL`);
    }
    for (const c of d.cells) {
      assert.ok(c.normalized >= 0 && c.normalized <= 1, `${c.model} ${c.task}`);
    }
  }
  assert.deepEqual(fixture.unavailable.map((d) => d.id), ["helm-core"]);
});

Deno.test("scoreHeatmap() draws one rect per observed cell and hatches the missing ones", () => {
  const figure = scoreHeatmap(crowdsource, { document: newDocument(), width: 900 });
  assert.equal(figure.tagName, "FIGURE");
  assert.ok(figure.classList.contains("cpp-chart"));
  assert.equal(figure.getAttribute("data-chart"), "score-heatmap");
  assert.equal(figure.getAttribute("data-dataset"), "cpp-crowdsource");
  const plot = figure.querySelector("svg:not(.cpp-legend)");
  assert.ok(plot, "no plot svg");

  const observed = [...plot.querySelectorAll("g.cpp-observed rect")];
  const missing = [...plot.querySelectorAll("g.cpp-missing rect")];
  const total = crowdsource.shape.models * crowdsource.shape.tasks;
  assert.equal(observed.length, crowdsource.cells.length);
  assert.equal(missing.length, total - crowdsource.cells.length);
  assert.equal(missingCells(crowdsource).length, missing.length);
  // Observed and missing cells tile the grid: every position once.
  assert.equal(new Set([...positions(observed), ...positions(missing)]).size, total);

  // Missing cells are filled with the hatch pattern defined in the same svg; observed cells with
  // a colour of the scale, never the pattern.
  const missingFill = plot.querySelector("g.cpp-missing")?.getAttribute("fill") ?? "";
  const id = /^url\(#(.+)\)$/.exec(missingFill)?.[1];
  assert.ok(id, `missing cells are not patterned: fill=${missingFill}`);
  assert.ok(plot.querySelector(`pattern[id="${id}"]`), "the hatch pattern is not defined");
  const fills = new Set(observed.map((r) => r.getAttribute("fill")));
  assert.ok(!fills.has(missingFill) && !fills.has(null));
  assert.ok(fills.size > 5, "observed cells should take several colours");

  // The legend explains both the colours and the hatch.
  const legend = figure.querySelector("svg.cpp-legend");
  assert.ok(legend?.textContent?.includes("no score"));
  assert.ok(legend?.querySelector("linearGradient stop"));
});

Deno.test("scoreHeatmap() labels rows and columns in the order of matrixOrder()", () => {
  for (const sort of ["coverage", "mean", "name"] as const) {
    const figure = scoreHeatmap(crowdsource, { document: newDocument(), sort });
    const { models, tasks } = matrixOrder(crowdsource, sort);
    const labels = (axis: string) =>
      [...figure.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`)].map(labelText);
    assert.deepEqual(labels("y"), models, sort);
    assert.deepEqual(labels("x"), tasks, sort);
    assert.equal(figure.getAttribute("data-sort"), sort);
  }
});

Deno.test("matrixOrder() sorts by coverage, mean normalized score or name", () => {
  const byCoverage = matrixOrder(crowdsource, "coverage");
  const observed = (name: string) => crowdsource.models.find((m) => m.name === name)!.observed;
  const counts = byCoverage.models.map(observed);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  assert.equal(byCoverage.models[0], "LLama-2-7B"); // the only model with all 5 tasks

  const mean = (name: string) => {
    const v = crowdsource.cells.filter((c) => c.model === name).map((c) => c.normalized);
    return v.reduce((a, b) => a + b, 0) / v.length;
  };
  const means = matrixOrder(crowdsource, "mean").models.map(mean);
  assert.deepEqual(means, [...means].sort((a, b) => b - a));

  assert.deepEqual(matrixOrder(crowdsource, "name").models, [
    "Falcon-7B",
    "GPT-J-6B",
    "LLama-2-7B",
    "LLama-2-13B",
    "MPT-7B",
    "Pythia-6.9B",
  ]);
});

Deno.test("scoreHeatmap() handles 72 x 29 and 88 x 56 matrices with readable cells", () => {
  for (const [m, t] of [[72, 29], [88, 56]]) {
    const dataset = synthetic(m, t);
    const figure = scoreHeatmap(dataset, { document: newDocument(), width: 1000 });
    const plot = figure.querySelector("svg:not(.cpp-legend)")!;
    assert.equal(plot.querySelectorAll("g.cpp-observed rect").length, dataset.cells.length);
    assert.equal(
      plot.querySelectorAll("g.cpp-missing rect").length,
      m * t - dataset.cells.length,
    );
    const width = Number(plot.getAttribute("width"));
    const height = Number(plot.getAttribute("height"));
    assert.ok(width <= 1000, `${m}x${t}: ${width}px wide in 1000px`);
    // Rows at least 12px apart so that the 10px model labels do not overlap.
    assert.ok(height >= m * 12, `${m}x${t}: ${height}px for ${m} rows`);
    assert.equal(plot.querySelectorAll('g[aria-label="y-axis tick label"] text').length, m);
    assert.equal(plot.querySelectorAll('g[aria-label="x-axis tick label"] text').length, t);
  }
});

Deno.test("components render names from the data as text, never as HTML", () => {
  const dataset = renameModel(crowdsource, "Falcon-7B", XSS);
  const doc = newDocument();
  const provenance = {
    ...crowdsource.provenance,
    files: [{ ...crowdsource.provenance.files[0], name: XSS, url: `example.org/${XSS}` }],
  };
  const elements = [
    scoreHeatmap(dataset, { document: doc }),
    coverageBars(dataset.models, { entity: "model", document: doc }),
    noticeBox(`Sample shown instead of ${XSS}`, { document: doc })!,
    provenanceView(provenance, { document: doc }),
    downloadButtons(dataset, { document: doc }),
  ];
  for (const element of elements) {
    doc.body.append(element);
    assert.equal(element.querySelectorAll("img").length, 0, element.outerHTML.slice(0, 200));
    assert.ok(!element.innerHTML.includes("<img"), "markup was injected");
  }
  for (const element of elements.slice(0, 4)) {
    assert.ok(element.textContent?.includes(XSS), `${element.className} lacks the literal name`);
  }
  assert.equal(doc.querySelectorAll("img").length, 0);
});

Deno.test("coverageBars() draws one bar per row, most covered first", () => {
  for (
    const [entity, rows] of [["task", crowdsource.tasks], ["model", crowdsource.models]] as const
  ) {
    const figure = coverageBars(rows, { entity, document: newDocument(), width: 500 });
    assert.ok(figure.classList.contains("cpp-chart"));
    assert.equal(figure.getAttribute("data-chart"), `${entity}-coverage`);
    assert.ok(figure.querySelector("svg"));
    const bars = [...figure.querySelectorAll("g.cpp-bars rect")];
    assert.equal(bars.length, rows.length);
    const labels = [...figure.querySelectorAll('g[aria-label="y-axis tick label"] text')]
      .map(labelText);
    assert.deepEqual(labels, coverageOrder(rows));
    const coverage = labels.map((name) => rows.find((r) => r.name === name)!.coverage);
    assert.deepEqual(coverage, [...coverage].sort((a, b) => b - a));
  }
});

Deno.test("noticeBox() shows a notice and nothing without one", () => {
  const doc = newDocument();
  assert.equal(noticeBox(null, { document: doc }), null);
  assert.equal(noticeBox("  ", { document: doc }), null);
  const { reason } = fixture.unavailable[0];
  const box = noticeBox(reason, { document: doc })!;
  assert.ok(box.classList.contains("cpp-notice"));
  assert.equal(box.textContent, reason);
});

Deno.test("shapeCards() shows models, tasks, observed cells and density", () => {
  const cards = shapeCards(crowdsource.shape, { document: newDocument() });
  const value = (key: string) =>
    cards.querySelector(`.cpp-shape-card[data-key="${key}"] .big`)?.textContent;
  assert.equal(value("models"), "6");
  assert.equal(value("tasks"), "5");
  assert.equal(value("observed"), "24");
  assert.equal(value("density"), "80.0%");
  assert.equal(
    shapeCards({ models: 88, tasks: 56, observed: 1234, density: 0.25 }, {
      document: newDocument(),
    }).querySelector('[data-key="observed"] p')?.textContent,
    "of 4,928 cells",
  );
});

Deno.test("provenanceView() lists origin, commit and files with links to their sources", () => {
  const view = provenanceView(crowdsource.provenance, { document: newDocument() });
  assert.equal(view.querySelector('[data-field="origin"]')?.textContent, "mirror");
  assert.equal(
    view.querySelector('[data-field="commit"]')?.textContent,
    crowdsource.provenance.commit,
  );
  const rows = [...view.querySelectorAll("table.cpp-provenance-files tbody tr")];
  assert.equal(rows.length, crowdsource.provenance.files.length);
  const first = crowdsource.provenance.files[0];
  const cells = [...rows[0].querySelectorAll("td")].map((td) => td.textContent);
  assert.deepEqual(cells, [first.role, first.name, first.url, first.sha256, "6,910"]);
  const links = [...view.querySelectorAll("td.cpp-url a")];
  const files = crowdsource.provenance.files;
  assert.deepEqual(links.map((a) => a.getAttribute("href")), files.map((f) => f.url));
  for (const a of links) assert.equal(a.getAttribute("rel"), "noopener noreferrer");
  // A URL that is not http(s) stays text: data cannot put a script behind a link.
  const script = provenanceView({
    ...crowdsource.provenance,
    files: [{ ...first, url: "javascript:alert(1)" }],
  }, { document: newDocument() });
  assert.equal(script.querySelectorAll("a").length, 0);
  assert.equal(script.querySelector("td.cpp-url")?.textContent, "javascript:alert(1)");

  const embedded = provenanceView(sample.provenance, { document: newDocument() });
  assert.equal(embedded.querySelector('[data-field="origin"]')?.textContent, "embedded");
  assert.equal(embedded.querySelector("table"), null);
  assert.match(embedded.textContent ?? "", /none \(not from a repository\)/);
  assert.match(embedded.textContent ?? "", /No files: the data is in the code/);

  // An embedded file has no URL; a citation, when given, is listed.
  const cited = provenanceView({
    ...sample.provenance,
    citation: "Zhang et al. Collaborative Performance Prediction for LLMs. EMNLP 2024.",
    files: [{ role: "scores", name: "helm_seed.csv", url: null, sha256: "bb", bytes: 693 }],
  }, { document: newDocument() });
  assert.match(cited.textContent ?? "", /CitationZhang et al\./);
  assert.equal(cited.querySelector("td.cpp-url")?.textContent, "embedded in the code");
});

Deno.test("toCsv() quotes commas, quotes, line breaks and outer spaces", () => {
  const csv = toCsv(
    [{ a: 'say "hi"', b: "x,y" }, { a: "two\nlines", b: null }, { a: " pad", b: 1.5 }],
    ["a", "b"],
  );
  assert.equal(csv, 'a,b\n"say ""hi""","x,y"\n"two\nlines",\n" pad",1.5\n');
});

Deno.test("downloadFiles() offers the tables as CSV and the dataset as JSON", () => {
  const files = downloadFiles(crowdsource);
  assert.deepEqual(files.map((f) => f.filename), [
    "cpp-crowdsource-tasks.csv",
    "cpp-crowdsource-models.csv",
    "cpp-crowdsource-scores.csv",
    "cpp-crowdsource-overview.json",
  ]);
  const [tasks, models, scores, json] = files;
  const lines = (f: DownloadFile) => f.content.trimEnd().split("\n");
  assert.equal(lines(tasks)[0], "name,observed,coverage,lowerIsBetter,scale,min,max");
  assert.equal(lines(tasks).length, crowdsource.tasks.length + 1);
  assert.ok(lines(tasks).includes("WikiText BPB,4,0.6667,true,other,0.71,0.83"));
  assert.equal(lines(models).length, crowdsource.models.length + 1);
  assert.equal(lines(scores)[0], "model,task,score,normalized");
  assert.equal(lines(scores).length, crowdsource.cells.length + 1);
  assert.deepEqual(JSON.parse(json.content), crowdsource);
  assert.equal(json.type, "application/json");
  assert.equal(downloadFiles({ ...crowdsource, id: "../a b" })[0].filename, ".._a_b-tasks.csv");
});

Deno.test("downloadButtons() saves the file of the button clicked", () => {
  const doc = newDocument();
  const saved: string[] = [];
  const element = downloadButtons(crowdsource, {
    document: doc,
    save: (file, d) => {
      assert.equal(d, doc);
      saved.push(file.filename);
    },
  });
  const buttons = [...element.querySelectorAll("button[data-download]")];
  assert.equal(buttons.length, 4);
  assert.deepEqual(buttons.map((b) => b.textContent), [
    "Tasks (CSV)",
    "Models (CSV)",
    "Scores (CSV)",
    "Everything (JSON)",
  ]);
  buttons[2].dispatchEvent(new doc.defaultView!.Event("click"));
  assert.deepEqual(saved, ["cpp-crowdsource-scores.csv"]);
});

Deno.test("components explain a missing document", () => {
  assert.equal((globalThis as { document?: unknown }).document, undefined);
  assert.throws(() => scoreHeatmap(crowdsource), {
    name: "TypeError",
    message: "Cannot render scoreHeatmap: there is no global document; pass options.document",
  });
});
