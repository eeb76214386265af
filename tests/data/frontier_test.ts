// The frontier dataset: BenchPress's data.json read as a score matrix with model factors and
// per-cell sources, its scale kinds, and the embedded copy that stands for it offline.
import assert from "node:assert/strict";
import {
  BENCHPRESS_FACTORS,
  datasetEntry,
  decimalYear,
  FRONTIER_UNBOUNDED_TASKS,
  loadDataset,
  normalize,
  readBenchpress,
  sha256Hex,
} from "../../src/lib/mod.ts";
import { boundsOf, unitBounds } from "../../src/lib/eval/intervals/_conformal.ts";
import { compactCopy, copySource } from "../../scripts/embed_frontier.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

const file = "data.json";

/** A tiny BenchPress-shaped file: 3 models x 3 benchmarks (a percent, an Elo, a lower-is-better). */
function tiny(overrides: Record<string, unknown> = {}): string {
  const src = (url: string) => ({
    url,
    type: "official_blog",
    matches_canonical: true,
    audit_status: "verified",
    notes: "ignored",
  });
  return JSON.stringify({
    models: [
      {
        id: "a",
        name: "Model A",
        provider: "Lab",
        reasoning: true,
        release_date: "2025-01-31",
        canonical_setting: { mode: "thinking", effort: "high", tools: "none" },
        open_weights: false,
      },
      { id: "b", name: "Model B", provider: "Lab", reasoning: false, release_date: "2024" },
      {
        id: "c",
        name: "Model C",
        provider: "Other",
        reasoning: false,
        release_date: "2025-06",
        canonical_setting: null,
        open_weights: true,
      },
    ],
    benchmarks: [
      { id: "mmlu", name: "MMLU" },
      { id: "elo", name: "Arena Elo" },
      { id: "ed", name: "Edit distance (lower is better)" },
    ],
    observed: [[80.5, 1400, 0.12], [60, null, 0.2], [null, 1250, null]],
    sources: [
      [src("https://a.example/1"), src("https://a.example/2"), null],
      [src("https://b.example/1"), src("https://b.example/dropped"), null],
      [null, { url: "", type: "", matches_canonical: null, audit_status: "needs_review" }, null],
    ],
    predictions: "the peer's own outputs are never read",
    ...overrides,
  });
}

Deno.test("decimalYear() puts a date at the middle of the period it names", () => {
  assert.equal(decimalYear("2024"), 2024.5);
  assert.equal(decimalYear("2025-01"), 2025 + 15.5 / 365);
  assert.equal(decimalYear("2025-01-31"), 2025 + 30.5 / 365);
  assert.equal(decimalYear("2024-12-31"), 2024 + 365.5 / 366);
  for (const bad of ["2025-13", "2025-02-30", "25-01-01", "2025/01/01", "", "soon"]) {
    assert.equal(decimalYear(bad), null, bad);
  }
});

Deno.test("readBenchpress() reads scores, model factors and the sources of observed cells", () => {
  const { scores, modelFactors, sources } = readBenchpress(tiny(), {
    file,
    lowerIsBetter: "lower is better",
    unbounded: "elo",
  });
  assert.deepEqual(scores.dense.models, ["Model A", "Model B", "Model C"]);
  assert.deepEqual(scores.dense.tasks, ["MMLU", "Arena Elo", "Edit distance (lower is better)"]);
  assert.deepEqual(scores.lowerIsBetter, [false, false, true]);
  assert.deepEqual(scores.scale, ["percent", "unbounded", "fraction"]);
  assert.deepEqual([...scores.dense.observed], [1, 1, 1, 1, 0, 1, 0, 1, 0]);
  assert.equal(scores.table.numRows(), 6);

  assert.deepEqual(modelFactors!.factors.map((f) => f.name), [...BENCHPRESS_FACTORS]);
  const column = (name: string) => modelFactors!.factors.find((f) => f.name === name)!;
  assert.deepEqual(column("provider").values, ["Lab", "Lab", "Other"]);
  assert.deepEqual(column("reasoning").values, ["true", "false", "false"]);
  assert.deepEqual(column("open weights").values, ["false", null, "true"]);
  assert.deepEqual(column("mode").values, ["thinking", null, null]);
  assert.deepEqual(column("effort").values, ["high", null, null]);
  assert.equal(column("release date").kind, "numeric");
  assert.deepEqual(column("release date").values, [
    decimalYear("2025-01-31"),
    2024.5,
    decimalYear("2025-06"),
  ]);

  assert.equal(sources!.length, 9);
  assert.deepEqual(sources![0], {
    url: "https://a.example/1",
    type: "official_blog",
    matchesCanonical: true,
    auditStatus: "verified",
  });
  // A source on a missing cell (dropped in the audit) is not kept; empty fields become null.
  assert.equal(sources![4], null);
  assert.deepEqual(sources![7], {
    url: null,
    type: null,
    matchesCanonical: null,
    auditStatus: "needs_review",
  });
});

Deno.test("readBenchpress() names the model and benchmark of a bad value, and the bad shape", () => {
  const cases: [string, RegExp][] = [
    ["{", /Cannot read scores from data\.json: not valid JSON/],
    [JSON.stringify([]), /the file is not an object/],
    [tiny({ benchmarks: undefined }), /'benchmarks' is missing/],
    [tiny({ observed: [[1, 2, 3]] }), /'observed' has 1 rows \(expected one per model: 3\)/],
    [
      tiny({ observed: [[1, 2, 3], [1, 2], [1, 2, 3]] }),
      /observed\[1\] \(Model B\) has 2 cells \(expected one per benchmark: 3\)/,
    ],
    [
      tiny({ observed: [[1, 2, 3], [1, "n/a", 3], [1, 2, 3]] }),
      /observed\[1\]\[1\] \(Model B, 'Arena Elo'\): "n\/a" is not a finite number/,
    ],
    [
      tiny({ models: [{ name: "X" }, { name: "X" }, { name: "Y" }] }),
      /model 1: duplicate model name 'X', first at 0/,
    ],
    [
      tiny({
        models: [{ name: "X", release_date: "Q3 2025" }, { name: "Y" }, { name: "Z" }],
      }),
      /models\[0\] \(X\), release_date: "Q3 2025" is not a date \(expected YYYY, YYYY-MM/,
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => readBenchpress(text, { file }), message, String(message));
  }
});

Deno.test("the frontier entry declares the six non-percentage benchmarks unbounded", () => {
  const entry = datasetEntry("frontier");
  assert.equal(entry.format, "benchpress-json");
  assert.equal(entry.embedded, true);
  const pattern = new RegExp(entry.read.unbounded as string, "i");
  for (const name of FRONTIER_UNBOUNDED_TASKS) assert.ok(pattern.test(name), name);
  assert.ok(!pattern.test("AIME 2024"));
  assert.ok(!pattern.test(`${FRONTIER_UNBOUNDED_TASKS[0]} extra`), "the names match exactly");
});

Deno.test("frontier offline without a mirror reads the embedded copy: 84 x 133, 2,604 scores", async () => {
  const cache = await Deno.makeTempDir();
  const data = await loadDataset("frontier", { dataDir: null, cacheDir: cache, offline: true });
  await Deno.remove(cache, { recursive: true });
  assert.equal(data.provenance.origin, "embedded");
  assert.equal(data.provenance.files[0].name, "frontier.json");
  const { dense, scale, lowerIsBetter } = data.scores;
  assert.deepEqual([dense.nModels, dense.nTasks, data.scores.table.numRows()], [84, 133, 2604]);
  const unbounded = dense.tasks.filter((_, j) => scale[j] === "unbounded");
  assert.deepEqual(unbounded.sort(), [...FRONTIER_UNBOUNDED_TASKS].sort());
  const lower = dense.tasks.filter((_, j) => lowerIsBetter[j]);
  assert.deepEqual(lower, ["OmniDocBench (normalized edit distance, lower is better)"]);
  assert.equal(scale[dense.taskIndex.get(lower[0])!], "fraction");
  assert.equal(scale.filter((s) => s === "percent").length, 133 - 6 - 1);
  // Every observed cell has a source record, missing cells none.
  for (let k = 0; k < dense.values.length; k++) {
    if (!dense.observed[k]) assert.equal(data.sources![k], null);
  }
  const withUrl = data.sources!.filter((s) => s?.url).length;
  assert.ok(withUrl > 2500, `${withUrl} sources with a url`);
  assert.deepEqual(data.modelFactors!.factors.map((f) => f.name), [...BENCHPRESS_FACTORS]);
});

Deno.test("the embedded copy is what scripts/embed_frontier.ts makes of the pinned file, and reads the same", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror (CPP_DATA_DIR)")) return;
  const entry = datasetEntry("frontier");
  const pinned = await Deno.readTextFile(`${dir}/${entry.files[0].path}`);
  const embedded = new URL(`../../src/lib/data/${entry.embeddedCopy!.path}`, import.meta.url);
  const bytes = await Deno.readFile(embedded);
  assert.equal(new TextDecoder().decode(bytes), compactCopy(pinned, copySource()));
  assert.equal(await sha256Hex(bytes), entry.embeddedCopy!.sha256);

  const cache = await Deno.makeTempDir();
  const full = await loadDataset("frontier", { dataDir: dir, offline: true });
  const copy = await loadDataset("frontier", { dataDir: null, cacheDir: cache, offline: true });
  await Deno.remove(cache, { recursive: true });
  assert.deepEqual([full.provenance.origin, copy.provenance.origin], ["mirror", "embedded"]);
  assert.deepEqual(copy.scores.dense.models, full.scores.dense.models);
  assert.deepEqual(copy.scores.dense.tasks, full.scores.dense.tasks);
  assert.deepEqual(copy.scores.dense.values, full.scores.dense.values);
  assert.deepEqual(copy.scores.scale, full.scores.scale);
  assert.deepEqual(copy.scores.lowerIsBetter, full.scores.lowerIsBetter);
  assert.deepEqual(copy.modelFactors, { ...full.modelFactors, source: "frontier.json" });
  assert.deepEqual(copy.sources, full.sources);
});

Deno.test("an Elo prediction is never clipped to 0-100; a percent one is", async () => {
  const data = await loadDataset("frontier", { dataDir: null, offline: true, cacheDir: null });
  const { dense, lowerIsBetter, scale } = data.scores;
  const norm = normalize(dense, lowerIsBetter, { kind: "task" });
  const elo = dense.taskIndex.get("Chatbot Arena Elo")!;
  const pct = scale.findIndex((s) => s === "percent");
  assert.equal(unitBounds(data, elo), null);
  assert.deepEqual(unitBounds(data, pct), { lo: 0, hi: 100 });
  // A prediction far above the top of the normalized range, with a wide interval.
  const high = boundsOf(norm, 0, elo, 3, 0.5, unitBounds(data, elo));
  assert.ok(high.predicted > 1496 && high.upper > high.predicted, JSON.stringify(high));
  const unit = boundsOf(norm, 0, pct, 3, 0.5, unitBounds(data, pct));
  assert.equal(unit.predicted, 100);
  assert.equal(unit.upper, 100);
});

Deno.test("the embedded copy ships with the data license as published (CDLA-Permissive-2.0)", async () => {
  const license = await Deno.readFile(
    new URL("../../src/lib/data/_embedded/LICENSE-CDLA-2.0.md", import.meta.url),
  );
  assert.equal(
    await sha256Hex(license),
    "4531a67d443284d93ffed0803df5b10634aff21c3d77e381f2d48af01d875868",
  );
});
