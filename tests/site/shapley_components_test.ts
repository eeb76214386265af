// The factor-importance (Shapley) components rendered into a linkedom document, on
// tests/fixtures/site/shapley.json: the loader's output on cpp-crowdsource (3 seeds; task factors
// exact, model factors by antithetic permutations within 90 s; numbers to 5 significant digits). Variants made in the tests (no standard error, a noisier NCF + factors,
// names with markup) are clearly derived from it.
import assert from "node:assert/strict";
import { resultOf, sortedValues, verdict } from "../../src/components/_shapley.js";
import { formatSci } from "../../src/components/_methods.js";
import { reportDownloadButtons } from "../../src/components/report_downloads.ts";
import {
  shapleyBars,
  shapleyChart,
  shapleyValuesTable,
} from "../../src/components/shapley_chart.ts";
import {
  SHAPLEY_CSV_COLUMNS,
  SHAPLEY_RUNS_CSV_COLUMNS,
  shapleyDownloadFiles,
} from "../../src/components/shapley_downloads.ts";
import {
  analysisFacts,
  shapleyReading,
  shapleyReadingView,
  shapleyRunsTable,
  shapleySetup,
  shapleySkipped,
} from "../../src/components/shapley_reading.ts";
import type {
  ShapleyJson,
  ShapleyPlayers,
  ShapleyResultJson,
} from "../../src/lib/report/site_json.ts";
import { newDocument, readFixture, texts, XSS } from "./_render.ts";

const report = await readFixture<ShapleyJson>("shapley.json");
const TOTALS = { model: 72, task: 29 };

function result(players: ShapleyPlayers, method: string): ShapleyResultJson {
  const r = resultOf(report, players, method);
  assert.ok(r, `the fixture lacks ${players} ${method}`);
  return r;
}

/** The report with one analysis changed. */
function withResult(
  base: ShapleyJson,
  players: ShapleyPlayers,
  method: string,
  change: (r: ShapleyResultJson) => ShapleyResultJson,
): ShapleyJson {
  return {
    ...base,
    results: base.results.map((r) => r.players === players && r.method === method ? change(r) : r),
  };
}

Deno.test("the Shapley fixture has what the components assume", () => {
  assert.equal(report.results.length, 4);
  for (const r of report.results) {
    assert.equal(r.mode, r.players === "task" ? "exact" : "permutation");
    assert.equal(r.values.length, r.players === "task" ? 4 : 13);
    assert.ok(r.values.every((v) => Number.isFinite(v.shapley) && Number.isFinite(v.se)));
    // Efficiency: the values add up to MSE(no factor) - MSE(all factors).
    const sum = r.values.reduce((a, v) => a + v.shapley!, 0);
    assert.ok(Math.abs(sum - (r.mseEmpty! - r.mseAll!)) < 1e-4 * Math.abs(r.mseEmpty!), r.method);
  }
  // Exact mode: se is the seed spread.
  for (const v of result("task", "factors-only").values) assert.equal(v.se, v.seSeeds);
});

Deno.test("shapleyChart() draws one bar per factor, sorted, with ±2·se error bars", () => {
  const doc = newDocument();
  for (const [players, method] of [["model", "factors-only"], ["task", "ncf-factors"]] as const) {
    const r = result(players, method);
    const figure = shapleyChart(report, { document: doc, players, method, totals: TOTALS });
    assert.equal(figure.getAttribute("data-chart"), "shapley");
    assert.ok(figure.classList.contains("cpp-chart"));
    assert.equal(figure.getAttribute("data-players"), players);
    assert.equal(figure.getAttribute("data-method"), method);
    assert.equal(figure.getAttribute("data-mode"), r.mode);
    assert.ok(figure.querySelector("svg"));
    const n = r.values.length;
    assert.equal(figure.getAttribute("data-factors"), String(n));
    assert.equal(figure.querySelectorAll("g.cpp-shapley-bars rect").length, n);
    // An error bar and its two caps per factor.
    assert.equal(figure.getAttribute("data-errorbars"), String(n));
    assert.equal(figure.querySelectorAll("g.cpp-se line").length, n);
    assert.equal(figure.querySelectorAll("g.cpp-se-caps line").length, 2 * n);
    // The seed band only where se is not already the seed spread (permutation mode).
    assert.equal(
      figure.querySelectorAll("g.cpp-se-seeds line").length,
      r.mode === "permutation" ? n : 0,
    );
    // Names as text, highest value first.
    const expected = [...r.values].sort((a, b) => b.shapley! - a.shapley!).map((v) => v.factor);
    assert.deepEqual(texts(figure, 'g[aria-label="y-axis tick label"] text'), expected);
    // How many models (tasks) have each factor, in the same order.
    const present = new Map(r.values.map((v) => [v.factor, v.present]));
    assert.deepEqual(
      texts(figure, "g.cpp-present text"),
      expected.map((f) => `${present.get(f)} of ${TOTALS[players]} ${players}s`),
    );
    const caption = figure.querySelector("figcaption")?.textContent ?? "";
    assert.match(
      caption,
      r.mode === "exact" ? /exact enumeration of all 16 coalitions × 3 seeds/ : new RegExp(
        `permutation sampling: ${r.permutations} permutations .*, ` +
          `${r.coalitionsTrained} of 8,192 coalitions trained × 3 seeds`,
      ),
    );
    assert.match(caption, /±2·se/);
  }
});

Deno.test("shapleyBars() sorts by value and puts the error-bar ends at ±2·se", () => {
  const r = result("model", "ncf-factors");
  const bars = shapleyBars(r, TOTALS);
  assert.equal(bars.length, r.values.length);
  assert.ok(bars.every((b, i) => i === 0 || bars[i - 1].shapley! >= b.shapley!));
  for (const b of bars) {
    assert.ok(Math.abs(b.low! - (b.shapley! - 2 * b.se!)) < 1e-15);
    assert.ok(Math.abs(b.high! - (b.shapley! + 2 * b.se!)) < 1e-15);
    assert.ok(Math.abs(b.highSeeds! - (b.shapley! + 2 * b.seSeeds!)) < 1e-15);
    assert.equal(b.total, 72);
    const v = r.values.find((x) => x.factor === b.factor)!;
    assert.equal(b.verdict, verdict(v));
    assert.equal(
      b.verdict,
      v.shapley! > 2 * v.se! ? "useful" : v.shapley! < -2 * v.se! ? "harmful" : "unclear",
    );
  }
  // Without totals the count stands alone.
  assert.equal(shapleyBars(r)[0].presentText, `${bars[0].present} models`);
});

Deno.test("the method switch changes the chart", () => {
  const doc = newDocument();
  const widths = (method: string) =>
    [
      ...shapleyChart(report, { document: doc, players: "model", method })
        .querySelectorAll("g.cpp-shapley-bars rect"),
    ].map((r) => r.getAttribute("width"));
  assert.notDeepEqual(widths("factors-only"), widths("ncf-factors"));
});

Deno.test("a factor with no value or no se: no bar or no error bar, said in the caption", () => {
  const oneSeed = withResult(report, "task", "factors-only", (r) => ({
    ...r,
    seeds: 1,
    values: r.values.map((v, i) => ({
      ...v,
      se: null,
      seSeeds: null,
      shapley: i ? v.shapley : null,
    })),
  }));
  const doc = newDocument();
  const figure = shapleyChart(oneSeed, { document: doc, players: "task", method: "factors-only" });
  assert.equal(figure.querySelectorAll("g.cpp-shapley-bars rect").length, 3);
  assert.equal(figure.querySelectorAll("g.cpp-se line").length, 0);
  assert.equal(figure.getAttribute("data-errorbars"), "0");
  // The factor with no value is still named, last.
  const names = texts(figure, 'g[aria-label="y-axis tick label"] text');
  assert.equal(names.length, 4);
  assert.equal(names[3], result("task", "factors-only").values[0].factor);
  assert.match(
    figure.querySelector("figcaption")?.textContent ?? "",
    /4 of 4 factors have no standard error \(one seed\)/,
  );
  const table = shapleyValuesTable(oneSeed, {
    document: doc,
    players: "task",
    method: "factors-only",
  })!;
  assert.ok(texts(table, "td").includes("—"));
  const reading = shapleyReading(oneSeed).join("\n");
  assert.match(
    reading,
    /Task factors, Factors only \(exact, 1 seed\): no factor has a standard error \(one seed\)/,
  );
});

Deno.test("a missing analysis: an empty figure with the reason, and the player set listed", () => {
  const doc = newDocument();
  const noTasks: ShapleyJson = {
    ...report,
    results: report.results.filter((r) => r.players !== "task"),
    skipped: [{ players: "task", reason: "cpp-crowdsource has no task factors" }],
  };
  const figure = shapleyChart(noTasks, { document: doc, players: "task", method: "ncf-factors" });
  assert.equal(figure.getAttribute("data-factors"), "0");
  assert.ok(figure.querySelector("svg"));
  assert.match(figure.textContent ?? "", /No task factors: cpp-crowdsource has no task factors/);
  assert.equal(shapleyValuesTable(noTasks, { document: doc, players: "task" }), null);
  const skipped = shapleySkipped(noTasks, { document: doc })!;
  assert.equal(skipped.querySelector("li")?.getAttribute("data-players"), "task");
  assert.equal(shapleySkipped(report, { document: doc }), null);
  assert.match(shapleyReading(noTasks).join("\n"), /Task factors were not analysed/);
  assert.equal(shapleyRunsTable(noTasks, { document: doc }).querySelectorAll("tbody tr").length, 2);
});

Deno.test("the Shapley components write names as text, never as markup", () => {
  const evil = withResult(report, "model", "factors-only", (r) => ({
    ...r,
    values: r.values.map((v, i) => (i === 0 ? { ...v, factor: XSS } : v)),
  }));
  const doc = newDocument();
  const nodes = [
    shapleyChart(evil, { document: doc, players: "model", method: "factors-only" }),
    shapleyValuesTable(evil, { document: doc, players: "model", method: "factors-only" })!,
    shapleyReadingView(evil, { document: doc }),
    shapleySkipped({ ...evil, skipped: [{ players: "task", reason: "<script>x()</script>" }] }, {
      document: doc,
    })!,
  ];
  for (const node of nodes) assert.equal(node.querySelectorAll("img, script").length, 0);
  assert.ok(texts(nodes[0], 'g[aria-label="y-axis tick label"] text').includes(XSS));
  assert.ok(texts(nodes[1], ".cpp-name").includes(XSS));
  assert.ok(
    [...nodes[1].querySelectorAll("tbody tr")].some((tr) => tr.getAttribute("data-factor") === XSS),
  );
  assert.ok(nodes[3].textContent?.includes("<script>x()</script>"));
});

Deno.test("shapleyValuesTable() lists every factor in the chart's order with se and seSeeds", () => {
  const doc = newDocument();
  const r = result("model", "factors-only");
  const table = shapleyValuesTable(report, {
    document: doc,
    players: "model",
    method: "factors-only",
    totals: TOTALS,
  })!;
  assert.ok(
    [...table.querySelectorAll("thead th")].some((th) => th.textContent === "se over seeds"),
  );
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.deepEqual(
    rows.map((tr) => tr.getAttribute("data-factor")),
    sortedValues(r).map((v) => v.factor),
  );
  for (const tr of rows) {
    const v = r.values.find((x) => x.factor === tr.getAttribute("data-factor"))!;
    const cell = (c: string) => tr.querySelector(`td[data-column="${c}"]`)?.textContent;
    assert.equal(cell("shapley"), formatSci(v.shapley));
    assert.equal(cell("se"), formatSci(v.se));
    assert.equal(cell("seSeeds"), formatSci(v.seSeeds));
    assert.equal(tr.getAttribute("data-verdict"), verdict(v));
    assert.equal(tr.querySelector("td[data-present]")?.textContent, `${v.present} of 72`);
  }
  // A factor known for fewer than half the models is marked.
  const sparse = r.values.filter((v) => v.present < 36).length;
  assert.ok(sparse > 0);
  assert.equal(table.querySelectorAll("td.cpp-sparse").length, sparse);
});

Deno.test("shapleySetup() and shapleyRunsTable() state the mode, budget and efficiency", () => {
  const doc = newDocument();
  const setup = shapleySetup(report, { document: doc }).textContent ?? "";
  assert.match(
    setup,
    /the same 3 seeds \(a random 5% of the observed cells held out per seed, cpp scale\)/,
  );
  assert.match(setup, /at most 400 epochs, patience 30/);
  const table = shapleyRunsTable(report, { document: doc });
  const rows = [...table.querySelectorAll("tbody tr")];
  assert.deepEqual(
    rows.map((tr) => `${tr.getAttribute("data-players")} ${tr.getAttribute("data-method")}`),
    ["model factors-only", "model ncf-factors", "task factors-only", "task ncf-factors"],
  );
  for (const tr of rows) {
    const r = result(
      tr.getAttribute("data-players") as ShapleyPlayers,
      tr.getAttribute("data-method")!,
    );
    const cells = texts(tr, "td");
    assert.equal(cells[0], r.players);
    assert.equal(cells[2], r.mode);
    assert.equal(cells[3], `${r.coalitionsTrained} of ${r.players === "task" ? 16 : "8,192"} × 3`);
    assert.equal(cells[4], r.mode === "exact" ? "—" : String(r.permutations));
    assert.equal(cells[5], r.seconds.toFixed(1));
    assert.equal(cells[6], `${formatSci(r.mseEmpty)} → ${formatSci(r.mseAll)}`);
    // The sum of the values is the difference, in the displayed precision.
    assert.equal(cells[7], formatSci(r.mseEmpty! - r.mseAll!));
  }
});

Deno.test("shapleyReading() names the clear factors and the ones indistinguishable from zero", () => {
  const sentences = shapleyReading(report, { totals: TOTALS });
  const text = sentences.join("\n");
  for (const r of report.results) {
    const f = analysisFacts(r);
    assert.equal(
      f.useful.length + f.unclear.length + f.harmful.length + f.unknown.length,
      f.factors,
    );
    const s = sentences.find((x) =>
      x.startsWith(
        `${r.players === "model" ? "Model" : "Task"} factors, ${
          r.method === "ncf-factors" ? "NCF + factors" : "Factors only"
        } (`,
      )
    );
    assert.ok(s, `no sentence for ${r.players} ${r.method}`);
    for (const v of f.useful) assert.ok(s.includes(`${v.factor} (${formatSci(v.shapley)}`), s);
    if (f.useful.length) {
      assert.ok(s.includes(`${f.useful.length} of ${f.factors} clearly matter`), s);
    }
    if (f.unclear.length) {
      assert.ok(s.includes(`${f.unclear.length} `) && s.includes("indistinguishable from zero"), s);
    }
    assert.ok(s.includes(formatSci(r.mseEmpty! - r.mseAll!)), s);
    // Clear by se, yet within 2·seSeeds of zero: said (permutation mode only).
    assert.equal(/within 2·seSeeds of zero/.test(s), f.fragile.length > 0, s);
    for (const v of f.fragile) {
      assert.ok(Math.abs(v.shapley!) <= 2 * v.seSeeds! && r.mode === "permutation");
    }
  }
  assert.match(sentences[0], /^For someone designing a model: /);
  // FLOPs is known for 5 of 72 models: named as missing for most.
  assert.match(
    text,
    /Missing for most models \(known for fewer than half of the 72\): .*FLOPs \(5 models: /,
  );
});

Deno.test("shapleyReading() says when NCF + factors is dominated by noise, from the numbers", () => {
  const noisy = (scale: number) =>
    withResult(report, "model", "ncf-factors", (r) => ({
      ...r,
      mseAll: r.mseEmpty! - (r.mseEmpty! - r.mseAll!) / scale,
      values: r.values.map((v) => ({
        ...v,
        shapley: v.shapley! / scale,
        se: 10 * Math.abs(v.shapley!) + v.se!,
      })),
    }));
  const dominated = shapleyReading(noisy(10)).find((s) =>
    s.startsWith("Model factors: the typical")
  )!;
  assert.match(
    dominated,
    /the NCF \+ factors values are dominated by noise compared with factors only/,
  );
  assert.match(dominated, /leave the factors little to add/);
  // Swap the roles: factors only noisy, NCF + factors not.
  const clean = withResult(report, "model", "factors-only", (r) => ({
    ...r,
    values: r.values.map((v) => ({ ...v, se: 10 * Math.abs(v.shapley!) + v.se! })),
  }));
  const notDominated = shapleyReading(clean).find((s) =>
    s.startsWith("Model factors: the typical")
  )!;
  assert.match(notDominated, /no noisier than factors only's/);
});

Deno.test("shapleyDownloadFiles() has the values, the analyses, the coalitions and the JSON", () => {
  const files = shapleyDownloadFiles(report);
  assert.deepEqual(files.map((f) => f.filename), [
    "cpp-crowdsource-shapley.csv",
    "cpp-crowdsource-shapley-runs.csv",
    "cpp-crowdsource-shapley-coalitions.csv",
    "cpp-crowdsource-shapley.json",
  ]);
  const values = files[0].content.trimEnd().split("\n");
  assert.equal(values[0], SHAPLEY_CSV_COLUMNS.join(","));
  assert.equal(values.length, 1 + report.results.reduce((n, r) => n + r.values.length, 0));
  const flops = values.find((l) =>
    l.startsWith("model,factors-only,Factors only,permutation,FLOPs,")
  )!;
  assert.ok(flops, "no FLOPs row");
  const runs = files[1].content.trimEnd().split("\n");
  assert.equal(runs[0], SHAPLEY_RUNS_CSV_COLUMNS.join(","));
  assert.equal(runs.length, 1 + report.results.length);
  const coalitions = files[2].content.trimEnd().split("\n");
  assert.equal(
    coalitions.length,
    1 + report.results.reduce((n, r) => n + (r.coalitionValues?.length ?? 0), 0),
  );
  assert.ok(coalitions.length > 1);
  assert.deepEqual(JSON.parse(files[3].content), report);
  const saved: string[] = [];
  const buttons = reportDownloadButtons(files, {
    document: newDocument(),
    save: (f) => saved.push(f.filename),
  });
  (buttons.querySelector("button") as HTMLButtonElement).click();
  assert.deepEqual(saved, ["cpp-crowdsource-shapley.csv"]);
});
