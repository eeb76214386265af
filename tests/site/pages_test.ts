// The pages' own cells run in linkedom (see _page.ts) on the loaders' outputs: the emergent and
// Performance Law pages when their dataset is not available (offline, no mirror: the loaders
// themselves are run that way here), and on full reports; the datasets page on its fixture, names
// from the data staying text; the per-dataset pages (leaderboard, predict, model) with their
// route parameters, on a board and on a dataset this build could not have.
import assert from "node:assert/strict";
import type {
  BenchpressJson,
  DatasetsJson,
  EmergentJson,
  LeaderboardJson,
  PerformanceLawJson,
  ProbeSetJson,
  SiteIndexJson,
} from "../../src/lib/report/site_json.ts";
import { unavailablePage } from "../../src/lib/mod.ts";
import { runPage } from "./_page.ts";

const root = new URL("../../", import.meta.url);
const XSS = "<img src=x onerror=alert(1)>";

const fixture = async <T>(name: string): Promise<T> =>
  JSON.parse(await Deno.readTextFile(new URL(`tests/fixtures/site/${name}`, root)));

/**
 * Runs `src/data/<name>.json.ts` as the build does, offline with an empty mirror and an empty
 * cache, and returns its JSON.
 */
async function offlineLoader(name: string): Promise<Record<string, unknown>> {
  const empty = await Deno.makeTempDir();
  try {
    const env = Deno.env.toObject();
    delete env.CPP_WORKERS;
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-net",
        `src/data/${name}.json.ts`,
      ],
      cwd: root,
      env: { ...env, CPP_DATA_DIR: empty, CPP_CACHE_DIR: empty, CPP_OFFLINE: "1" },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    assert.equal(code, 0, `the ${name} loader failed offline:\n${text(stderr)}`);
    return JSON.parse(text(stdout));
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
}

/** What a page shows when its dataset is not available: both notices, no chart, no picker. */
function assertUnavailable(document: Document, displayed: readonly unknown[], report: {
  unavailable?: unknown;
  notice?: unknown;
}) {
  assert.equal(typeof report.unavailable, "string", "the loader ran the analysis offline");
  const notices = [...document.querySelectorAll(".cpp-notice")];
  assert.equal(notices.length, 2);
  assert.equal(notices[0].textContent, report.notice, "the data notice comes first");
  assert.ok(notices[1].classList.contains("cpp-unavailable"));
  assert.equal(notices[1].querySelector('[data-field="reason"]')?.textContent, report.unavailable);
  // It comes before anything of the analysis.
  const first = displayed.findIndex((d) => d === notices[1]);
  assert.ok(first >= 0 && first <= 2, `the notice is displayed ${first + 1}th`);
  assert.equal(document.querySelectorAll(".cpp-chart").length, 0);
  assert.equal(document.querySelectorAll("form[data-input]").length, 0, "a picker of nothing");
  assert.equal(document.querySelectorAll(".cpp-downloads").length, 0);
  assert.ok(document.querySelectorAll(".cpp-unavailable-note").length >= 4);
}

Deno.test("emergent.md says why the analysis could not run, and no cell throws, offline without the full data", async () => {
  const report = await offlineLoader("emergent");
  const { document, displayed } = await runPage("emergent", { "data/emergent.json": report });
  assertUnavailable(document, displayed, report);
  assert.equal(
    report.unavailable,
    "crowdsource_performance.csv was not in a data mirror or the download cache, and " +
      "downloads were off",
  );
  assert.match(String(report.notice), /^The dataset 'cpp-crowdsource' is not available/);
});

Deno.test("performance-law.md says why the law could not be fitted, and no cell throws, offline without the full data", async () => {
  const report = await offlineLoader("performance-law");
  const { document, displayed } = await runPage("performance-law", {
    "data/performance-law.json": report,
  });
  assertUnavailable(document, displayed, report);
  assert.match(
    String(report.unavailable),
    /^crowdsource_performance\.csv was not in a data mirror/,
  );
});

Deno.test("emergent.md and performance-law.md draw every chart, picker and download of a full report", async () => {
  const emergent = await fixture<EmergentJson>("emergent.json");
  const e = await runPage("emergent", { "data/emergent.json": emergent });
  assert.equal(e.document.querySelectorAll(".cpp-notice").length, 0);
  assert.deepEqual(
    [...e.document.querySelectorAll("figure.cpp-chart")].map((f) => f.getAttribute("data-chart")),
    ["emergent-scatter", "emergent-curves"],
  );
  assert.equal(e.document.querySelectorAll("form[data-input]").length, 2);
  assert.ok(e.document.querySelector("table.cpp-emergent-mae"));
  assert.ok(e.document.querySelector('.cpp-downloads[data-downloads="emergent"]'));
  assert.equal(e.document.querySelectorAll(".cpp-unavailable-note").length, 0);

  const law = await fixture<PerformanceLawJson>("performance-law.json");
  const p = await runPage("performance-law", { "data/performance-law.json": law });
  assert.equal(p.document.querySelectorAll(".cpp-notice").length, 0);
  assert.deepEqual(
    [...p.document.querySelectorAll("figure.cpp-chart")].map((f) => f.getAttribute("data-chart")),
    ["law-scatter", "law-errors"],
  );
  assert.equal(p.document.querySelectorAll("form[data-input]").length, 1);
  assert.ok(p.document.querySelector("table.cpp-law-comparison"));
  assert.ok(p.document.querySelector('.cpp-downloads[data-downloads="performance-law"]'));
});

Deno.test("datasets.md shows the build, the density chart, a card per dataset and every file", async () => {
  const report = await fixture<DatasetsJson>("datasets.json");
  const { document } = await runPage("datasets", { "data/datasets.json": report });
  assert.ok(document.querySelector("dl.cpp-build-facts"));
  assert.ok(document.querySelector('figure.cpp-chart[data-chart="dataset-density"] svg'));
  const cards = [...document.querySelectorAll("section.cpp-dataset-card")];
  assert.deepEqual(
    cards.map((c) => c.getAttribute("data-dataset")),
    report.datasets.map((d) => d.id),
  );
  // The page gives the cards the overview's provenance view.
  for (const card of cards) assert.ok(card.querySelector(".cpp-provenance"), card.id);
  assert.equal(
    document.querySelectorAll("table.cpp-datasets-files tbody tr").length,
    report.files.length,
  );
  assert.ok(document.querySelector('.cpp-downloads[data-downloads="datasets"]'));
});

Deno.test("datasets.md renders a dataset and file named like markup as text", async () => {
  const report = await fixture<DatasetsJson>("datasets.json");
  const evil: DatasetsJson = {
    ...report,
    datasets: report.datasets.map((d, i) => (i === 0 ? { ...d, id: XSS, title: XSS } : d)),
    files: report.files.map((f, i) =>
      f.dataset === report.datasets[0].id ? { ...f, dataset: XSS, name: i ? f.name : XSS } : f
    ),
  };
  const { document } = await runPage("datasets", { "data/datasets.json": evil });
  assert.equal(document.querySelectorAll("img").length, 0);
  assert.equal(document.querySelector("section.cpp-dataset-card h2")?.textContent, XSS);
  assert.equal(
    document.querySelector("table.cpp-datasets-files tbody tr td:nth-child(3)")?.textContent,
    XSS,
  );
});

/** The site's datasets as data/site.json gives them, around one leaderboard. */
function siteOf(board: LeaderboardJson, others: SiteIndexJson["datasets"] = []): SiteIndexJson {
  const observed = board.cells.filter((c) => c.observed).length;
  return {
    datasets: [
      {
        id: board.dataset,
        title: board.title,
        status: "loaded",
        reason: null,
        shape: { models: board.models.length, tasks: board.tasks.length, observed },
        modelFactors: true,
      },
      ...others,
    ],
  };
}

const HELM_MISSING: SiteIndexJson["datasets"][number] = {
  id: "helm-core",
  title: "HELM core scenarios",
  status: "unavailable",
  reason: "helm_core.csv was not in a data mirror or the download cache, and downloads were off",
  shape: null,
  modelFactors: false,
};

Deno.test("leaderboard/[dataset].md draws the board, its switch names every dataset, a missing one says why", async () => {
  const board = await fixture<LeaderboardJson>("leaderboard.json");
  const site = siteOf(board, [HELM_MISSING]);
  const { document } = await runPage("leaderboard/[dataset]", {
    "../data/site.json": site,
    [`../data/leaderboard/${board.dataset}.json`]: board,
  }, { dataset: board.dataset });
  assert.equal(document.querySelectorAll(".cpp-notice").length, 0);
  assert.equal(document.querySelectorAll("table.cpp-board tbody tr").length, board.models.length);
  const items = [...document.querySelectorAll("nav.cpp-dataset-switch li")];
  assert.deepEqual(items.map((li) => li.getAttribute("data-dataset")), [
    board.dataset,
    "helm-core",
  ]);
  assert.equal(items[0].querySelector('[aria-current="page"]')?.textContent, board.title);
  assert.equal(items[1].querySelector("a")?.getAttribute("href"), "./helm-core.html");
  assert.match(items[1].textContent ?? "", /not available in this build/);
  assert.ok(document.querySelector('figure[data-chart="leaderboard-heatmap"]'));

  const missing = unavailablePage("helm-core", "HELM core scenarios", HELM_MISSING.reason!);
  const gone = await runPage("leaderboard/[dataset]", {
    "../data/site.json": site,
    "../data/leaderboard/helm-core.json": missing,
  }, { dataset: "helm-core" });
  const notices = [...gone.document.querySelectorAll(".cpp-notice")];
  assert.deepEqual(notices.map((n) => n.textContent), [missing.notice]);
  assert.equal(gone.document.querySelectorAll("table, .cpp-chart, form").length, 0);
  assert.equal(
    gone.document.querySelector('nav.cpp-dataset-switch [aria-current="page"]')?.textContent,
    "HELM core scenarios",
  );
});

Deno.test("predict/[dataset].md says why a dataset has no predictor, and shows no form", async () => {
  const board = await fixture<LeaderboardJson>("leaderboard.json");
  const missing = unavailablePage(
    "helm-core",
    "HELM core scenarios",
    "it records no model design factors, which the predictor needs",
  );
  const { document } = await runPage("predict/[dataset]", {
    "../data/site.json": siteOf(board, [HELM_MISSING]),
    "../data/predictor/helm-core.json": missing,
    "../data/probes/helm-core.json": missing,
  }, { dataset: "helm-core" });
  assert.deepEqual(
    [...document.querySelectorAll(".cpp-notice")].map((n) => n.textContent),
    [missing.notice],
  );
  assert.equal(document.querySelectorAll("form[data-form]").length, 0);
  assert.equal(document.querySelectorAll(".cpp-probes").length, 0);
  assert.equal(document.querySelector("h1")?.textContent, "Predict a model: HELM core scenarios");
});

Deno.test("benchpress.md: the folds table with BenchPress's row, the commands, the probe set; nothing without the data", async () => {
  const report = await fixture<BenchpressJson>("benchpress.json");
  const probes = await fixture<ProbeSetJson>("probes.json");
  const { document } = await runPage("benchpress", {
    "data/benchpress.json": report,
    "data/probes/frontier.json": probes,
  });
  const rows = [...document.querySelectorAll("table.cpp-benchpress-folds tbody tr")];
  assert.deepEqual(
    rows.map((r) => r.getAttribute("data-method")),
    [...report.folds.rows.map((r) => r.method), "benchpress"],
  );
  assert.match(rows.at(-1)!.textContent!, /^BenchPress \(published\)4\.60/);
  assert.deepEqual(
    [...document.querySelectorAll("pre.cpp-command")].map((p) => p.textContent),
    [report.commands.folds, ...report.commands.newRelease],
  );
  assert.deepEqual(
    [...document.querySelectorAll(".cpp-probes li")].map((li) => li.getAttribute("data-task")),
    probes.probes,
  );
  assert.match(document.querySelector(".cpp-note")!.textContent!, /a test|dealt here/);
  const gone = unavailablePage("frontier", "Frontier models (BenchPress)", "not configured");
  const empty = await runPage("benchpress", {
    "data/benchpress.json": gone,
    "data/probes/frontier.json": gone,
  });
  assert.equal(empty.document.querySelectorAll("table.cpp-benchpress-folds").length, 0);
  assert.equal(empty.document.querySelectorAll(".cpp-unavailable").length, 1);
});

Deno.test("models/[dataset]/[model].md names the model and links back to its leaderboard", async () => {
  const board = await fixture<LeaderboardJson>("leaderboard.json");
  const model = board.modelInfo[0];
  const { document } = await runPage("models/[dataset]/[model]", {
    [`../../data/leaderboard/${board.dataset}.json`]: board,
  }, { dataset: board.dataset, model: model.slug });
  assert.equal(document.querySelector("h1")?.textContent, model.name);
  assert.equal(
    document.querySelector(`a[href="../../leaderboard/${board.dataset}.html"]`)?.textContent,
    `← Leaderboard: ${board.title}`,
  );
  const chart = document.querySelector("figure.cpp-model-chart")!;
  assert.equal(chart.getAttribute("data-tasks"), String(board.tasks.length));
  assert.equal(chart.getAttribute("data-axis"), "score");
});
