// The datasets page's components rendered into a linkedom document, on
// tests/fixtures/site/datasets.json: datasetsReport() run offline on a mirror holding only the
// cpp-crowdsource files (helm-core unavailable), with a fixed build time and a made-up repository
// commit.
import assert from "node:assert/strict";
import {
  buildFacts,
  DATASET_CSV_COLUMNS,
  datasetCard,
  datasetCards,
  datasetDensityChart,
  datasetDownloadFiles,
  datasetFilesTable,
  datasetProvenance,
  datasetsDownloadFiles,
  FILE_CSV_COLUMNS,
  formatBuilt,
} from "../../src/components/datasets.ts";
import type { DatasetRecordJson, DatasetsJson } from "../../src/lib/report/site_json.ts";
import { provenanceView } from "../../src/components/provenance.ts";
import { reportDownloadButtons } from "../../src/components/report_downloads.ts";
import { parseCsv } from "../../src/lib/mod.ts";
import { newDocument, readFixture, texts, XSS } from "./_render.ts";

const fixture = await readFixture<DatasetsJson>("datasets.json");

function record(id: string, report = fixture): DatasetRecordJson {
  return report.datasets.find((d) => d.id === id)!;
}

/** CSV text as header names and rows of fields, read by the library's own parser. */
function csv(content: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(content, { file: "download.csv" }).rows;
  return { header, rows };
}

/** The fixture with one dataset renamed (id and title) and its first file named `name`. */
function renamed(from: string, to: string): DatasetsJson {
  let named = false;
  return {
    ...fixture,
    datasets: fixture.datasets.map((d) =>
      d.id === from ? { ...d, id: to, title: to, description: `About ${to}` } : d
    ),
    files: fixture.files.map((f) => {
      if (f.dataset !== from) return f;
      const name = named ? f.name : to;
      named = true;
      return { ...f, dataset: to, name, url: f.url === null ? null : `example.org/${to}` };
    }),
  };
}

Deno.test("the fixture is consistent: every file belongs to a dataset, read files match", () => {
  assert.deepEqual(fixture.datasets.map((d) => [d.id, d.status]), [
    ["cpp-crowdsource", "loaded"],
    ["helm-core", "unavailable"],
    ["helm-seed", "loaded"],
  ]);
  for (const f of fixture.files) {
    const d = record(f.dataset);
    assert.ok(d, f.dataset);
    assert.equal(f.verifiedSha256 === null, d.status !== "loaded", f.name);
    if (f.verifiedSha256 !== null) assert.equal(f.verifiedSha256, f.sha256);
    assert.ok(f.url === null || f.url.startsWith("https://"), `${f.url} is not a source URL`);
  }
});

Deno.test("buildFacts() gives the build time, the repository commit and what was read", () => {
  const facts = buildFacts(fixture, { document: newDocument() });
  const time = facts.querySelector('time[data-field="built"]')!;
  assert.equal(time.getAttribute("datetime"), "2024-11-12T13:14:15.000Z");
  assert.equal(time.textContent, "2024-11-12 13:14 UTC");
  assert.equal(
    facts.querySelector('[data-field="repository-commit"]')?.textContent,
    fixture.repositoryCommit,
  );
  assert.match(facts.textContent ?? "", /2 of 3 read, 1 not available/);

  const unknown = buildFacts({ ...fixture, repositoryCommit: null }, { document: newDocument() });
  assert.equal(unknown.querySelector('[data-field="repository-commit"]'), null);
  assert.match(unknown.textContent ?? "", /Repository commitunknown \(git could not say/);
  assert.equal(formatBuilt("not a date"), "not a date");
});

Deno.test("datasetDensityChart() draws one bar per dataset read and names the others", () => {
  const figure = datasetDensityChart(fixture, { document: newDocument(), width: 700 });
  assert.ok(figure.classList.contains("cpp-chart"));
  assert.equal(figure.getAttribute("data-chart"), "dataset-density");
  assert.equal(figure.querySelectorAll("g.cpp-density-bars rect").length, 2);
  assert.deepEqual(texts(figure, 'g[aria-label="y-axis tick label"] text'), [
    "cpp-crowdsource",
    "helm-seed",
  ]);
  assert.match(figure.querySelector("figcaption")?.textContent ?? "", /not drawn: helm-core\./);
  // The bars are as long as the densities: helm-seed is full, cpp-crowdsource 42% full.
  const [crowd, seed] = [...figure.querySelectorAll("g.cpp-density-bars rect")]
    .map((r) => Number(r.getAttribute("width")));
  assert.ok(Math.abs(crowd / seed - record("cpp-crowdsource").shape!.density) < 0.01);
});

Deno.test("datasetCards() renders a card per dataset: status, shape, reason, provenance", () => {
  const cards = datasetCards(fixture, { document: newDocument(), provenance: provenanceView });
  const all = [...cards.querySelectorAll("section.cpp-dataset-card")];
  assert.deepEqual(all.map((c) => c.getAttribute("data-dataset")), [
    "cpp-crowdsource",
    "helm-core",
    "helm-seed",
  ]);
  const [crowd, core, seed] = all;
  const field = (card: Element, name: string) =>
    card.querySelector(`[data-field="${name}"]`)?.textContent;

  assert.equal(field(crowd, "status"), "Loaded from the local mirror (CPP_DATA_DIR)");
  assert.equal(
    field(crowd, "shape"),
    "72 models × 29 tasks, 878 observed scores of 2,088 cells (42.0%); 13 model and 4 task " +
      "design factors.",
  );
  assert.equal(crowd.querySelector(".cpp-notice"), null);
  assert.equal(field(crowd, "origin"), "mirror");
  assert.equal(field(crowd, "commit"), record("cpp-crowdsource").commit);
  assert.match(crowd.textContent ?? "", /CitationZhang, Lyu, Liu, Ma\./);
  assert.equal(crowd.querySelectorAll("table.cpp-provenance-files tbody tr").length, 3);

  // Not available: why, the pinned shape, files not read.
  assert.equal(core.getAttribute("data-status"), "unavailable");
  assert.equal(field(core, "status"), "Not available in this build");
  assert.equal(field(core, "reason"), `Not read: ${record("helm-core").reason}`);
  assert.ok(!field(core, "reason")!.includes("/"), "a local path in a published reason");
  assert.equal(
    field(core, "shape"),
    "Not read in this build; the pinned files hold 88 models × 56 tasks, 2,602 observed scores " +
      "of 4,928 cells (52.8%).",
  );
  assert.match(core.textContent ?? "", /Originnone: the files could not be read in this build/);
  const coreFile = [...core.querySelectorAll("table.cpp-provenance-files td")]
    .map((td) => td.textContent);
  assert.equal(coreFile.at(-1), "not read");

  assert.equal(field(seed, "status"), "Loaded from the sample shipped in the code");
  assert.equal(seed.querySelector("td.cpp-url")?.textContent, "embedded in the code");
  for (const a of cards.querySelectorAll("a")) {
    assert.match(a.getAttribute("href") ?? "", /^https:\/\//);
    assert.equal(a.getAttribute("rel"), "noopener noreferrer");
  }
  assert.ok(cards.querySelectorAll("a").length > 0, "no link to a source");

  // Without a provenance renderer the card still has its facts and downloads.
  const bare = datasetCard(record("helm-core"), { document: newDocument(), files: fixture.files });
  assert.equal(bare.querySelector(".cpp-provenance"), null);
  assert.equal(bare.querySelectorAll(".cpp-downloads button").length, 2);
});

Deno.test("datasetCard() shows a rejected dataset's reason, and a download's retrieval date", () => {
  const rejected: DatasetRecordJson = {
    ...record("helm-core"),
    status: "invalid",
    reason: "Cannot use /data/mirror/cpp-llm/helm_core.csv: checksum mismatch for helm_core.csv",
  };
  const card = datasetCard(rejected, { document: newDocument(), files: fixture.files });
  assert.equal(card.querySelector('[data-field="status"]')?.textContent, "Rejected in this build");
  assert.equal(
    card.querySelector('.cpp-notice[data-field="reason"]')?.textContent,
    `Not read: ${rejected.reason}`,
  );

  const downloaded = { ...record("cpp-crowdsource"), origin: "download" as const };
  const provenance = datasetProvenance(downloaded, {
    files: fixture.files,
    builtAt: fixture.builtAt,
  });
  assert.equal(provenance.retrieved, fixture.builtAt);
  assert.equal(provenance.files.length, 3);
  assert.equal(datasetProvenance(record("cpp-crowdsource")).retrieved, null);
});

Deno.test("datasetFilesTable() lists every file with its pinned and verified SHA-256", () => {
  const table = datasetFilesTable(fixture, { document: newDocument() });
  const rows = [...table.querySelectorAll("table.cpp-datasets-files tbody tr")];
  assert.equal(rows.length, fixture.files.length);
  assert.deepEqual(
    [...new Set(rows.map((r) => r.getAttribute("data-dataset")))],
    ["cpp-crowdsource", "helm-core", "helm-seed"],
  );
  const cells = (row: Element) => [...row.querySelectorAll("td")].map((td) => td.textContent);
  const first = fixture.files[0];
  assert.deepEqual(cells(rows[0]), [
    "cpp-crowdsource",
    "scores",
    first.name,
    first.url,
    "mirror",
    first.sha256,
    `${first.sha256} (matches)`,
    new Intl.NumberFormat("en-US").format(first.bytes!),
  ]);
  const core = rows.find((r) => r.getAttribute("data-dataset") === "helm-core")!;
  assert.deepEqual(cells(core).slice(4), ["not read", fixture.files[3].sha256, "not read", ""]);
  assert.deepEqual(
    rows.map((r) => r.querySelector("[data-match]")?.getAttribute("data-match")),
    ["yes", "yes", "yes", "none", "yes"],
  );
  // A digest that differs is said to differ (the library never lets one through; the view would).
  const tampered = {
    ...fixture,
    files: [{ ...fixture.files[0], verifiedSha256: "00".repeat(32) }],
  };
  const odd = datasetFilesTable(tampered, { document: newDocument() });
  assert.equal(odd.querySelector("[data-match]")?.getAttribute("data-match"), "no");
  assert.match(odd.textContent ?? "", /differs from the pinned digest/);
});

Deno.test("datasets downloads parse back to the report: datasets and files as CSV, the JSON", () => {
  const [datasets, files, json] = datasetsDownloadFiles(fixture);
  assert.deepEqual(
    [datasets, files, json].map((f) => f.filename),
    ["datasets.csv", "datasets-files.csv", "datasets.json"],
  );
  const d = csv(datasets.content);
  assert.deepEqual(d.header, [...DATASET_CSV_COLUMNS]);
  assert.deepEqual(d.rows.map((r) => [r[0], r[2], r[3]]), [
    ["cpp-crowdsource", "loaded", "mirror"],
    ["helm-core", "unavailable", ""],
    ["helm-seed", "loaded", "embedded"],
  ]);
  const column = (name: string) => DATASET_CSV_COLUMNS.indexOf(name as never);
  assert.equal(d.rows[1][column("reason")], record("helm-core").reason);
  assert.equal(d.rows[0][column("repositoryCommit")], fixture.repositoryCommit);
  const f = csv(files.content);
  assert.deepEqual(f.header, [...FILE_CSV_COLUMNS]);
  assert.equal(f.rows.length, fixture.files.length);
  assert.deepEqual(f.rows.map((r) => r[FILE_CSV_COLUMNS.indexOf("sha256")]), [
    ...fixture.files.map((x) => x.sha256),
  ]);
  assert.deepEqual(JSON.parse(json.content), fixture);

  // A card's own files and record.
  const [ownCsv, ownJson] = datasetDownloadFiles(record("cpp-crowdsource"), fixture.files);
  assert.equal(ownCsv.filename, "cpp-crowdsource-files.csv");
  assert.equal(csv(ownCsv.content).rows.length, 3);
  const parsed = JSON.parse(ownJson.content);
  assert.equal(parsed.id, "cpp-crowdsource");
  assert.equal(parsed.files.length, 3);
});

Deno.test("the datasets page's buttons save the file clicked", () => {
  const doc = newDocument();
  const saved: string[] = [];
  const save = (file: { filename: string }) => saved.push(file.filename);
  const cards = datasetCards(fixture, { document: doc, save });
  const buttons = reportDownloadButtons(datasetsDownloadFiles(fixture), {
    document: doc,
    name: "datasets",
    save,
  });
  const click = (button: Element) => button.dispatchEvent(new doc.defaultView!.Event("click"));
  click(cards.querySelector('[data-downloads="helm-seed"] button')!);
  click(buttons.querySelectorAll("button")[1]);
  assert.deepEqual(saved, ["helm-seed-files.csv", "datasets-files.csv"]);
});

Deno.test("datasets components render names from the data as text, never as HTML", () => {
  const evil = renamed("cpp-crowdsource", XSS);
  const doc = newDocument();
  const elements = [
    buildFacts(evil, { document: doc }),
    datasetDensityChart(evil, { document: doc }),
    datasetCards(evil, { document: doc, provenance: provenanceView }),
    datasetFilesTable(evil, { document: doc }),
    reportDownloadButtons(datasetsDownloadFiles(evil), { document: doc }),
  ];
  for (const element of elements) {
    doc.body.append(element);
    assert.equal(element.querySelectorAll("img").length, 0, element.outerHTML.slice(0, 200));
    // Text serializes as "&lt;img"; a "<img" left outside quoted attribute values is markup.
    const markup = element.outerHTML.replace(/"[^"]*"/g, '""');
    assert.ok(!markup.includes("<img"), `markup was injected: ${element.className}`);
  }
  for (const element of elements.slice(1, 4)) {
    assert.ok(element.textContent?.includes(XSS), `${element.className} lacks the literal name`);
  }
  const card = doc.querySelector("section.cpp-dataset-card")!;
  assert.equal(card.getAttribute("data-dataset"), XSS);
  assert.equal(card.querySelector("h2")?.textContent, XSS);
  assert.equal(card.querySelector("table.cpp-provenance-files code")?.textContent, XSS);
  assert.equal(doc.querySelectorAll("img").length, 0);
  // The names go into the downloads as they are; file names are made safe.
  const [ownCsv] = datasetDownloadFiles(evil.datasets[0], evil.files);
  assert.equal(ownCsv.filename, "_img_src_x_onerror_alert_1_-files.csv");
  assert.equal(csv(ownCsv.content).rows[0][0], XSS);
});
