// End-to-end test of the report site: build it, serve dist/ on 127.0.0.1, open every page in
// headless Chromium, and fail on console errors, page errors, failed or external requests, and
// pages without a rendered chart. Screenshots go to tests/__artifacts__/site/.
//
// Environment:
//   CPP_SKIP_BUILD=1      serve the existing dist/ instead of running `deno task build`
//   CPP_SITE_DIST=<dir>   serve this folder instead of dist/ (implies CPP_SKIP_BUILD=1)
//   CI=true               a missing /usr/bin/chromium fails the test instead of skipping it
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type {
  EmergentJson,
  GeneralizationJson,
  PerformanceLawJson,
} from "../../src/lib/report/site_json.ts";
import { DATASET_CSV_COLUMNS, FILE_CSV_COLUMNS } from "../../src/components/datasets.ts";
import type { DatasetsJson } from "../../src/lib/report/site_json.ts";
import type { DatasetOverview, OverviewJson } from "../../src/lib/report/site_json.ts";
import type {
  BenchpressJson,
  HelmPilotJson,
  LeaderboardJson,
  MethodsJson,
  ProbeSetJson,
  SiteIndexJson,
} from "../../src/lib/report/site_json.ts";
import { parseCsv, scoreAxis } from "../../src/lib/mod.ts";
import { browserModules } from "../report/_browser_modules.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const HOST = "127.0.0.1";

const root = new URL("../../", import.meta.url);
const distDir = Deno.env.get("CPP_SITE_DIST") ?? new URL("dist/", root).pathname;
const skipBuild = Deno.env.get("CPP_SKIP_BUILD") === "1" || Deno.env.has("CPP_SITE_DIST");
const artifacts = new URL("tests/__artifacts__/site/", root);
const inCI = Deno.env.get("CI") === "true";
const haveChromium = await exists(CHROMIUM);
if (!haveChromium && !inCI) {
  console.warn(
    `e2e_test: skipping the browser test: ${CHROMIUM} is missing (apt-get install chromium). ` +
      "With CI=true this is a failure.",
  );
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

let built: Promise<void> | undefined;

/** Runs `deno task build` once per test run (unless told to skip it). */
function ensureBuilt(): Promise<void> {
  built ??= (async () => {
    if (skipBuild) return;
    // The test runner trains in one process (CPP_WORKERS=1, see deno.json); the build it runs
    // spreads its loaders' training over the cores, as `deno task build` does.
    const env = Deno.env.toObject();
    delete env.CPP_WORKERS;
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["task", "build"],
      cwd: root,
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    assert.equal(
      code,
      0,
      `Cannot build the site: deno task build exited with ${code}\n` +
        `${decode(stdout).slice(-3000)}\n${decode(stderr).slice(-3000)}`,
    );
  })();
  return built;
}

/** Every file under `dir`, as paths relative to it with "/" separators. */
async function walk(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) files.push(...await walk(dir, path));
    else if (entry.isFile) files.push(path);
  }
  return files.sort();
}

/** Every .html file of the built site outside the asset folders, except 404.html. */
async function allPages(): Promise<string[]> {
  return (await walk(distDir)).filter((p) =>
    p.endsWith(".html") && p !== "404.html" && !p.split("/").some((s) => s.startsWith("_"))
  );
}

/** A model page: models/<dataset>/<slug>.html (one per model, hundreds). */
const isModelPage = (path: string) => /^models\/[^/]+\/[^/]+\.html$/.test(path);

/** The pages each opened on their own; the model pages have a step of their own. */
async function sitePages(): Promise<string[]> {
  return (await allPages()).filter((p) => !isModelPage(p));
}

/** A static file server for `dir` on 127.0.0.1 and a free port; no clean URLs. */
function serveStatic(dir: string): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: HOST, port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response("Bad request", { status: 400 });
    }
    if (pathname.endsWith("/")) pathname += "index.html";
    // Browsers ask for /favicon.ico on their own; when the site declares none, say "no content"
    // instead of logging a 404 that no page caused.
    if (pathname === "/favicon.ico" && !(await exists(`${dir}/favicon.ico`))) {
      return new Response(null, { status: 204 });
    }
    const segments = pathname.split("/").filter((s) => s !== "");
    if (segments.some((s) => s === ".." || s === "." || s.includes("\\") || s.includes("\0"))) {
      return new Response("Not found", { status: 404 });
    }
    const path = [dir.replace(/\/$/, ""), ...segments].join("/");
    try {
      const body = await Deno.readFile(path);
      const extension = path.slice(path.lastIndexOf(".")).toLowerCase();
      const type = CONTENT_TYPES[extension] ?? "application/octet-stream";
      return new Response(request.method === "HEAD" ? null : body, {
        headers: { "content-type": type },
      });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory) {
        return new Response("Not found", { status: 404 });
      }
      throw error;
    }
  });
}

/** Whether loading `href` stays on this machine (data and object URLs, the local server). */
function isLocal(href: string): boolean {
  const url = new URL(href);
  return ["data:", "blob:", "about:"].includes(url.protocol) || url.hostname === HOST;
}

/**
 * The links of the page that lead off this site without `rel="noopener noreferrer"`: links to
 * sources are welcome, but the page they open must not reach back into this one.
 */
function unguardedLinks(page: Page): Promise<string[]> {
  return page.evaluate((host) =>
    [...document.querySelectorAll("a[href]")]
      .filter((a) => {
        const url = new URL(a.getAttribute("href")!, location.href);
        if (!/^https?:$/.test(url.protocol) || url.hostname === host) return false;
        const rel = (a.getAttribute("rel") ?? "").split(/\s+/);
        return !rel.includes("noopener") || !rel.includes("noreferrer");
      })
      .map((a) => a.getAttribute("href")!), HOST);
}

/**
 * What a reader could not read on the page: chart text (ticks, axis labels, legends) under
 * 12 px as drawn (an SVG shrunk to the page shrinks its text), and table headers that show a
 * raw JSON key ("relativeWidth") instead of a label.
 */
function unreadable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems = new Set<string>();
    const own = (el: Element) =>
      [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent!.trim())
        .join("");
    const selector = ".cpp-chart svg text, .cpp-chart svg tspan, .cpp-chart [class*='-swatch']";
    for (const el of document.querySelectorAll(selector)) {
      const text = own(el);
      if (!text) continue;
      let px = parseFloat(getComputedStyle(el).fontSize);
      const svg = el.closest("svg");
      if (svg && el instanceof SVGElement && svg.viewBox.baseVal?.width) {
        px *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      }
      if (px > 0 && px < 11.95) problems.add(`${px.toFixed(1)} px chart text: "${text}"`);
    }
    for (const th of document.querySelectorAll("th")) {
      const text = own(th) || th.textContent!.trim();
      if (/^[a-z]+[A-Z][A-Za-z]*$/.test(text)) problems.add(`raw key as a header: "${text}"`);
    }
    return [...problems].slice(0, 10);
  });
}

/** Records what must not happen on a page: errors, failed requests, requests leaving 127.0.0.1. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      const { url, lineNumber } = message.location();
      problems.push(`console error: ${message.text()} (${url}:${lineNumber})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`unexpected dialog (${dialog.type()}): ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on("request", (request) => {
    if (!isLocal(request.url())) problems.push(`request to another host: ${request.url()}`);
  });
  page.on("requestfailed", (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return problems;
}

/** Waits until the page has charts (or gives up) and Framework has settled. */
async function settle(page: Page): Promise<void> {
  await page.waitForSelector(".cpp-chart svg", { state: "attached", timeout: 15_000 })
    .catch(() => {});
  await page.waitForLoadState("networkidle");
}

/** The data file `name` the pages loaded (dist/_file/data/<name>.<hash>.json). */
async function builtData<T>(name: string): Promise<T> {
  const pattern = new RegExp(`^_file/data/${name.replace(/[.-]/g, "\\$&")}\\.[0-9a-f]+\\.json$`);
  const files = (await walk(distDir)).filter((p) => pattern.test(p));
  assert.equal(files.length, 1, `Cannot find the ${name} data in ${distDir}: found ${files}`);
  return JSON.parse(await Deno.readTextFile(`${distDir}/${files[0]}`));
}

/** The site's datasets (site-datasets.json) as this build read them. */
function builtSite(): Promise<SiteIndexJson> {
  return builtData<SiteIndexJson>("site");
}

/** The leaderboards of the datasets this build could have, by id, in the site's order. */
async function builtBoards(): Promise<Map<string, LeaderboardJson>> {
  const boards = new Map<string, LeaderboardJson>();
  for (const d of (await builtSite()).datasets) {
    if (d.status === "loaded") boards.set(d.id, await builtData(`leaderboard/${d.id}`));
  }
  return boards;
}

/** The overview data the index page loaded (dist/_file/data/overview.<hash>.json). */
function builtOverview(): Promise<OverviewJson> {
  return builtData<OverviewJson>("overview");
}

/** What the heatmap currently shows: its dataset, observed and missing cell counts. */
function heatmapState(page: Page) {
  return page.evaluate(() => {
    const figure = document.querySelector('figure.cpp-chart[data-chart="score-heatmap"]');
    if (!figure) return null;
    const count = (selector: string) => figure.querySelectorAll(selector).length;
    return {
      dataset: figure.getAttribute("data-dataset"),
      observed: count("svg g.cpp-observed rect"),
      missing: count("svg g.cpp-missing rect"),
      models: count('svg g[aria-label="y-axis tick label"] text'),
      tasks: count('svg g[aria-label="x-axis tick label"] text'),
    };
  });
}

Deno.test("site: the build succeeds, and the browser loads no library module but those meant for it", async () => {
  await ensureBuilt();
  // Components import the library's types only (erased); the pages load the few modules written
  // for the browser, which import nothing but types themselves.
  const allowed = new Set(
    (await browserModules()).map((m) => m.replace(/^src\//, "").replace(/\.[jt]s$/, "")),
  );
  const shipped = (await walk(distDir))
    .filter((p) => p.startsWith("_import/lib/"))
    .map((p) => p.replace(/^_import\//, "").replace(/\.[0-9a-f]{8}\.js$/, ""));
  assert.ok(shipped.length > 0, "no library module in the bundle: the pages compute nothing?");
  const others = shipped.filter((m) => !allowed.has(m));
  assert.deepEqual(others, [], `The bundle ships library modules not meant for the browser`);
});

Deno.test({
  name: "site: every page renders its charts in headless Chromium without errors",
  ignore: !haveChromium && !inCI,
  async fn(t) {
    if (!haveChromium) {
      throw new Error(`Cannot run the browser test: ${CHROMIUM} is missing (CI=true requires it)`);
    }
    await ensureBuilt();
    const pages = await sitePages();
    assert.ok(pages.includes("index.html"), `Cannot find index.html in ${distDir}: ${pages}`);
    // A predict page for each dataset with model design factors to fold a new model in from.
    assert.deepEqual(
      pages.filter((p) => p.startsWith("predict/")),
      (await builtSite()).datasets.filter((d) => d.modelFactors)
        .map((d) => `predict/${d.id}.html`).sort(),
    );
    await Deno.remove(artifacts, { recursive: true }).catch(() => {});
    await Deno.mkdir(artifacts, { recursive: true });

    const server = serveStatic(distDir);
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      // Nothing may leave 127.0.0.1: such requests are recorded by watch() and aborted here.
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        return url.hostname === HOST ? route.continue() : route.abort("blockedbyclient");
      });
      const base = `http://${HOST}:${server.addr.port}/`;

      for (const path of pages) {
        await t.step(`${path} loads, renders a chart, and logs no error`, async () => {
          const page = await context.newPage();
          const problems = watch(page);
          try {
            await page.goto(base + path, { waitUntil: "networkidle" });
            await settle(page);
            const charts = await page.locator(".cpp-chart svg").count();
            if (charts === 0) problems.push("no chart: `.cpp-chart svg` matched nothing");
            const errors = await page.locator(".observablehq--error").allTextContents();
            for (const e of errors) problems.push(`Framework cell error: ${e}`);
            for (const href of await unguardedLinks(page)) {
              problems.push(`external link without rel="noopener noreferrer": ${href}`);
            }
            problems.push(...await unreadable(page));
            await page.screenshot({
              path: new URL(`${path.replaceAll("/", "__")}.png`, artifacts).pathname,
              fullPage: true,
            });
          } finally {
            await page.close();
          }
          assert.deepEqual(problems, [], `${path}:\n  ${problems.join("\n  ")}`);
        });
      }

      await t.step(
        "every model page names its model, charts every task, logs no error",
        async () => {
          const models = (await allPages()).filter(isModelPage);
          const boards = await builtBoards();
          assert.equal([...boards.keys()][0], "frontier", "the frontier matrix comes first");
          const expected = [...boards.values()].reduce((n, b) => n + b.models.length, 0);
          assert.equal(models.length, expected, "one page per model of each leaderboard");
          // One tab for all of them, fast enough for hundreds; the problems are kept per page.
          const page = await context.newPage();
          let current: string[] = [];
          const failures: string[] = [];
          page.on("console", (m) => m.type() === "error" && current.push(`console: ${m.text()}`));
          page.on("pageerror", (e) => current.push(`page error: ${e.message}`));
          page.on("requestfailed", (r) => current.push(`request failed: ${r.url()}`));
          page.on("request", (r) => {
            if (!isLocal(r.url())) current.push(`request to another host: ${r.url()}`);
          });
          page.on(
            "response",
            (r) => r.status() >= 400 && current.push(`HTTP ${r.status()} ${r.url()}`),
          );
          try {
            for (const path of models) {
              current = [];
              const [, dataset, file] = path.split("/");
              const board = boards.get(dataset);
              const info = board?.modelInfo?.find((m) => `${m.slug}.html` === file);
              if (!info) {
                failures.push(`${path}: no model of ${dataset} has this slug`);
                continue;
              }
              await page.goto(base + path, { waitUntil: "load" });
              const chart = page.locator(".cpp-model-chart");
              await chart.locator("svg").first().waitFor({ state: "attached", timeout: 15_000 })
                .catch((e) => current.push(`no chart: ${String(e).split("\n")[0]}`));
              const title = await page.locator("main h1").first().textContent();
              if (title !== info.name) current.push(`title '${title}', expected '${info.name}'`);
              const tasks = await chart.getAttribute("data-tasks").catch(() => null);
              if (tasks !== String(board!.tasks.length)) current.push(`${tasks} tasks charted`);
              // Tasks on different scales (frontier: percentages beside Elo) share one axis as
              // positions within each task's scores.
              const axis = await chart.getAttribute("data-axis").catch(() => null);
              if (axis !== scoreAxis(board!)) current.push(`the chart's axis is ${axis}`);
              const errors = await page.locator(".observablehq--error").allTextContents();
              for (const e of errors) current.push(`Framework cell error: ${e}`);
              for (const href of await unguardedLinks(page)) {
                current.push(`external link without rel="noopener noreferrer": ${href}`);
              }
              current.push(...await unreadable(page));
              // JPEG: hundreds of tall pages as PNG would take some 60 MB
              await page.screenshot({
                path: new URL(`${path.replaceAll("/", "__")}.jpg`, artifacts).pathname,
                fullPage: true,
                type: "jpeg",
                quality: 70,
              });
              for (const p of current) failures.push(`${path}: ${p}`);
            }
          } finally {
            await page.close();
          }
          assert.deepEqual(failures, [], failures.join("\n"));
        },
      );

      await t.step(
        "index.html: the dataset picker switches heatmap, notice and cards",
        async () => {
          const { datasets, unavailable } = await builtOverview();
          assert.ok(datasets.length > 0, "Cannot check the picker: the overview has no dataset");
          const page = await context.newPage();
          const problems = watch(page);
          try {
            await page.goto(base + "index.html", { waitUntil: "networkidle" });
            await settle(page);
            const select = page.locator(".cpp-dataset-picker select");
            assert.equal(await select.locator("option").count(), datasets.length);
            let previous: Awaited<ReturnType<typeof heatmapState>> = null;
            for (let i = datasets.length - 1; i >= 0; --i) {
              const dataset: DatasetOverview = datasets[i];
              await select.selectOption({ index: i });
              await page.waitForFunction(
                (id) =>
                  document.querySelector('figure[data-chart="score-heatmap"]')
                    ?.getAttribute("data-dataset") === id,
                dataset.id,
                { timeout: 10_000 },
              );
              const state = await heatmapState(page);
              const cells = dataset.shape.models * dataset.shape.tasks;
              assert.deepEqual(state, {
                dataset: dataset.id,
                observed: dataset.cells.length,
                missing: cells - dataset.cells.length,
                models: dataset.models.length,
                tasks: dataset.tasks.length,
              });
              if (previous) assert.notDeepEqual(state, previous, "the heatmap did not change");
              previous = state;
              await page.screenshot({
                path: new URL(`index.html--${dataset.id.replace(/[^\w.-]+/g, "_")}.png`, artifacts)
                  .pathname,
                fullPage: true,
              });

              // One notice per dataset this build could not have, whichever is shown.
              const notices = await page.locator(".cpp-notice").allTextContents();
              assert.equal(notices.length, unavailable.length, notices.join(" | "));
              for (const [k, d] of unavailable.entries()) {
                assert.ok(notices[k].includes(d.reason), `${d.id}: ${notices[k]}`);
              }
              const models = await page.locator('.cpp-shape-card[data-key="models"] .big')
                .textContent();
              assert.equal(models?.replaceAll(",", ""), String(dataset.shape.models));
              assert.equal(
                await page.locator('.cpp-chart[data-chart="task-coverage"] g.cpp-bars rect')
                  .count(),
                dataset.tasks.length,
              );
            }
            if (datasets.length < 2) console.warn("e2e_test: one dataset only, no switch to check");
          } finally {
            await page.close();
          }
          assert.deepEqual(problems, [], `index.html (picker):\n  ${problems.join("\n  ")}`);
        },
      );

      await t.step("index.html: hovering a heatmap cell shows model, task and score", async () => {
        const page = await context.newPage();
        const problems = watch(page);
        try {
          await page.goto(base + "index.html", { waitUntil: "networkidle" });
          await settle(page);
          const heatmap = page.locator('figure[data-chart="score-heatmap"]');
          await heatmap.locator("g.cpp-observed rect").first().hover();
          const tip = heatmap.locator('g[aria-label="tip"]');
          await tip.locator("text").first().waitFor({ timeout: 5_000 });
          const text = await tip.textContent() ?? "";
          for (const label of ["Model", "Task", "Score"]) {
            assert.ok(text.includes(label), `the tip lacks "${label}": ${text}`);
          }
        } finally {
          await page.close();
        }
        assert.deepEqual(problems, [], `index.html (tip):\n  ${problems.join("\n  ")}`);
      });

      await t.step("index.html: the download buttons save CSV and JSON files", async () => {
        const dataset = (await builtOverview()).datasets[0];
        const page = await context.newPage();
        const problems = watch(page);
        try {
          await page.goto(base + "index.html", { waitUntil: "networkidle" });
          await settle(page);
          const save = async (suffix: string) => {
            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator(`.cpp-downloads button[data-download$="${suffix}"]`).click(),
            ]);
            assert.ok(download.suggestedFilename().endsWith(suffix));
            return await Deno.readTextFile(await download.path());
          };
          const tasks = (await save("-tasks.csv")).trimEnd().split("\n");
          assert.equal(tasks[0], "name,observed,coverage,lowerIsBetter,scale,min,max");
          assert.equal(tasks.length, dataset.tasks.length + 1);
          const json = JSON.parse(await save("-overview.json"));
          assert.equal(json.id, dataset.id);
          assert.equal(json.cells.length, dataset.cells.length);
        } finally {
          await page.close();
        }
        assert.deepEqual(problems, [], `index.html (downloads):\n  ${problems.join("\n  ")}`);
      });

      /** Opens `path`, runs `check`, closes it, and fails on any problem the page logged. */
      const onPage = async (path: string, what: string, check: (page: Page) => Promise<void>) => {
        const page = await context.newPage();
        const problems = watch(page);
        try {
          await page.goto(base + path, { waitUntil: "networkidle" });
          await settle(page);
          await check(page);
        } finally {
          await page.close();
        }
        assert.deepEqual(problems, [], `${path} (${what}):\n  ${problems.join("\n  ")}`);
      };
      const has = (path: string) => pages.includes(path);

      await t.step(
        "datasets.html: the files table lists the three datasets; its downloads parse",
        async () => {
          assert.ok(has("datasets.html"), `Cannot find datasets.html in ${distDir}: ${pages}`);
          await onPage("datasets.html", "datasets", async (page) => {
            const report = await builtData<DatasetsJson>("datasets");
            const ids = ["frontier", "cpp-crowdsource", "helm-core", "open-llm", "helm-seed"];
            assert.deepEqual(report.datasets.map((d) => d.id), ids);
            const rows = page.locator("table.cpp-datasets-files tbody tr");
            assert.equal(await rows.count(), report.files.length);
            const listed = await rows.evaluateAll((trs) =>
              trs.map((tr) => tr.getAttribute("data-dataset"))
            );
            assert.deepEqual([...new Set(listed)], ids);
            // A file that was read always matches its pinned digest.
            assert.equal(
              await page.locator('table.cpp-datasets-files td[data-match="no"]').count(),
              0,
            );
            assert.deepEqual(
              await page.locator("section.cpp-dataset-card").evaluateAll((cards) =>
                cards.map((c) => c.getAttribute("data-dataset"))
              ),
              ids,
            );
            if (report.repositoryCommit !== null) {
              assert.equal(
                await page.locator('[data-field="repository-commit"]').textContent(),
                report.repositoryCommit,
              );
            }

            const save = async (scope: string, filename: string) => {
              const [download] = await Promise.all([
                page.waitForEvent("download", { timeout: 10_000 }),
                page.locator(`[data-downloads="${scope}"] button[data-download="${filename}"]`)
                  .click(),
              ]);
              assert.equal(download.suggestedFilename(), filename);
              return await Deno.readTextFile(await download.path());
            };
            const table = async (scope: string, filename: string) => {
              const [header, ...body] =
                parseCsv(await save(scope, filename), { file: filename }).rows;
              return { header, body };
            };
            const files = await table("datasets", "datasets-files.csv");
            assert.deepEqual(files.header, [...FILE_CSV_COLUMNS]);
            assert.equal(files.body.length, report.files.length);
            assert.deepEqual([...new Set(files.body.map((r) => r[0]))], ids);
            const datasets = await table("datasets", "datasets.csv");
            assert.deepEqual(datasets.header, [...DATASET_CSV_COLUMNS]);
            assert.deepEqual(datasets.body.map((r) => r[0]), ids);
            assert.deepEqual(JSON.parse(await save("datasets", "datasets.json")), report);
            const seed = JSON.parse(await save("helm-seed", "helm-seed-provenance.json"));
            assert.equal(seed.id, "helm-seed");
            assert.equal(seed.files.length, 1);
          });
        },
      );

      await t.step({
        name: "methods.html: Table 1 beside the paper; the scale and metric pickers switch it",
        ignore: !has("methods.html"),
        fn: () =>
          onPage("methods.html", "table 1", async (page) => {
            const report = await builtData<MethodsJson>("methods");
            const [cpp, task] = ["cpp", "task"].map((scale) =>
              report.tables.find((t) => t.scale === scale)!
            );
            const table = page.locator("table.cpp-table1");
            assert.equal(await table.getAttribute("data-scale"), "cpp");
            const ours = table.locator('tbody tr[data-source="ours"]');
            assert.equal(await ours.count(), cpp.methods.length);
            // Every method of ours or the paper's has a row (7 once the learned methods run).
            const methods = new Set([...cpp.methods, ...report.paper].map((m) => m.method));
            assert.equal(await table.locator("tbody tr").count(), methods.size);
            assert.ok(methods.size >= 7, `only ${[...methods]}`);
            const paperMse = await table
              .locator('td[data-metric="mse"][data-source="paper"] .cpp-mean')
              .allTextContents();
            for (const p of report.paper) {
              const text = p.mse.mean.toExponential(2).replace("e+", "e");
              assert.ok(paperMse.includes(text), `the paper's MSE ${text} is missing: ${paperMse}`);
            }
            const ourMse = () =>
              table.locator('td[data-metric="mse"][data-source="ours"] .cpp-mean')
                .allTextContents();
            const before = await ourMse();
            assert.match(
              await page.locator(".cpp-rank-note").textContent() ?? "",
              /not comparable/,
            );
            assert.ok(await page.locator("ul.cpp-reading li").count() >= 2);

            await page.locator(".cpp-scale-picker label", { hasText: "task:" }).click();
            await page.waitForFunction(() =>
              document.querySelector("table.cpp-table1")?.getAttribute("data-scale") === "task"
            );
            assert.equal(await ours.count(), task.methods.length);
            assert.equal(await table.locator('[data-source="paper"]').count(), 0);
            assert.notDeepEqual(
              await ourMse(),
              before,
              "the scale switch left the table as it was",
            );
            assert.equal(
              await page.locator('figure[data-chart="seed-spread"]').getAttribute("data-scale"),
              "task",
            );
            assert.equal(
              await page.locator("table.cpp-fit-config").getAttribute("data-scale"),
              "task",
            );

            const spread = page.locator('figure[data-chart="seed-spread"]');
            await page.locator(".cpp-metric-picker select").selectOption({ label: "MAE@2" });
            await page.waitForFunction(() =>
              document.querySelector('figure[data-chart="seed-spread"]')
                ?.getAttribute("data-metric") === "mae2"
            );
            const points = report.perSeed.filter((d) =>
              d.scale === "task" && d.metric === "mae2" && d.value !== null
            ).length;
            assert.equal(await spread.locator("g.cpp-seed circle").count(), points);
            assert.ok(await page.locator('figure[data-chart="training-curves"]').count() === 1);

            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator('.cpp-downloads button[data-download$="-table1.csv"]').click(),
            ]);
            const csv = (await Deno.readTextFile(await download.path())).trimEnd().split("\n");
            assert.equal(csv.length, 1 + cpp.methods.length + task.methods.length);
          }),
      });

      await t.step({
        name: "helm-pilot.html: one error histogram per training share, summary and scatter",
        ignore: !has("helm-pilot.html"),
        fn: () =>
          onPage("helm-pilot.html", "histograms", async (page) => {
            const pilot = await builtData<HelmPilotJson>("helm-pilot");
            const histograms = page.locator('figure.cpp-chart[data-chart="error-histogram"]');
            assert.equal(await histograms.count(), pilot.summary.length);
            assert.equal(pilot.summary.length, 2, "the slides' pilot trains on 10% and on 50%");
            for (let i = 0; i < pilot.summary.length; ++i) {
              const figure = histograms.nth(i);
              assert.equal(Number(await figure.getAttribute("data-share")), pilot.summary[i].share);
              assert.equal(Number(await figure.getAttribute("data-cells")), pilot.summary[i].cells);
              assert.ok(await figure.locator("svg g.cpp-bins rect").count() > 3);
            }
            assert.equal(
              await page.locator("table.cpp-pilot-summary tbody tr").count(),
              pilot.summary.length,
            );
            assert.equal(
              await page.locator('figure[data-chart="pilot-scatter"] g.cpp-points circle').count(),
              pilot.errors.length,
            );
          }),
      });

      await t.step(
        "leaderboard/frontier.html: the filled matrix tells predicted cells apart and sorts rows",
        () =>
          onPage("leaderboard/frontier.html", "filled matrix", async (page) => {
            const board = await builtData<LeaderboardJson>("leaderboard/frontier");
            const figure = page.locator('figure[data-chart="leaderboard-heatmap"]');
            const predicted = board.cells.filter((c) => !c.observed).length;
            assert.equal(await figure.getAttribute("data-method"), board.method);
            assert.equal(
              await figure.locator("g.cpp-observed rect").count(),
              board.cells.length - predicted,
            );
            assert.equal(await figure.locator("g.cpp-predicted rect").count(), predicted);
            assert.equal(await figure.locator("g.cpp-predicted-dot circle").count(), predicted);
            // Lighter: the computed opacity of predicted cells is below that of observed ones.
            const opacity = (selector: string) =>
              figure.locator(selector).evaluate((g) => Number(getComputedStyle(g).fillOpacity));
            assert.ok(await opacity("g.cpp-predicted") < await opacity("g.cpp-observed"));
            assert.match(await figure.locator("svg.cpp-legend").textContent() ?? "", /predicted/);
            assert.equal(
              await page.locator("table.cpp-selection tr.cpp-chosen").getAttribute("data-method"),
              board.method,
            );

            if (predicted > 0) {
              await figure.locator("g.cpp-predicted rect").first().hover();
              const tip = figure.locator('g[aria-label="tip"]');
              await tip.locator("text").first().waitFor({ timeout: 5_000 });
              const text = await tip.textContent() ?? "";
              for (const label of ["Model", "Task", "Score", "predicted"]) {
                assert.ok(text.includes(label), `the tip lacks "${label}": ${text}`);
              }
            }

            const firstRow = () =>
              figure.locator('g[aria-label="y-axis tick label"] text').first().textContent();
            assert.equal(await figure.getAttribute("data-sort"), "mean");
            await page.locator(".cpp-leaderboard-sort label", { hasText: "by name" }).click();
            await page.waitForFunction(() =>
              document.querySelector('figure[data-chart="leaderboard-heatmap"]')
                ?.getAttribute("data-sort") === "name"
            );
            const byName = [...board.models].sort((a, b) =>
              a.localeCompare(b, "en", { numeric: true })
            );
            assert.ok(byName[0].startsWith((await firstRow())?.replace(/…$/, "") ?? "\0"));

            // The 133-task table is wider than the page: it says so, fades its right edge, and
            // keeps the model names in view while it scrolls.
            const wide = page.locator(".cpp-wide", { has: page.locator("table.cpp-board") });
            assert.equal(await wide.getAttribute("data-more"), "right");
            assert.ok(await wide.locator(".cpp-wide-hint").isVisible(), "no scroll hint");
            assert.match(
              await wide.evaluate((w) => getComputedStyle(w, "::after").backgroundImage),
              /gradient/,
            );
            await wide.locator(".cpp-board-scroll").evaluate((s) => (s.scrollLeft = 400));
            await page.waitForFunction(() =>
              document.querySelector(".cpp-wide:has(table.cpp-board)")
                ?.getAttribute("data-more") === "left right"
            );
            // Scrolled 400 px: the rank column has gone out at the left, the model name sits at
            // the scroller's left edge (scroll and measure in one task: no re-render between).
            const stuck = await page.evaluate(() => {
              const scroller = document.querySelector(".cpp-wide .cpp-board-scroll")!;
              scroller.scrollLeft = 400;
              const name = scroller.querySelector("tbody th")!;
              return {
                edge: scroller.getBoundingClientRect().x,
                name: name.getBoundingClientRect().x,
                rank: name.previousElementSibling!.getBoundingClientRect().x,
              };
            });
            assert.ok(stuck.rank < stuck.edge, `the rank column did not scroll: ${stuck.rank}`);
            assert.ok(
              Math.abs(stuck.name - stuck.edge) < 1,
              `the model names scrolled out of view: ${JSON.stringify(stuck)}`,
            );

            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator(
                '[data-downloads="leaderboard-glance"] button[data-download$="-leaderboard.csv"]',
              ).click(),
            ]);
            const csv = (await Deno.readTextFile(await download.path())).trimEnd().split("\n");
            assert.equal(csv[0], "model,task,score,observed,normalized");
            assert.equal(csv.length, 1 + board.cells.length);
          }),
      );

      await t.step(
        "leaderboard/frontier.html and its model pages: each observed score links to its source",
        () =>
          onPage("leaderboard/frontier.html", "sources", async (page) => {
            const board = await builtData<LeaderboardJson>("leaderboard/frontier");
            const sourced = board.cells.filter((c) => c.observed && c.source?.url);
            assert.ok(sourced.length > 2000, `only ${sourced.length} sourced cells`);
            await page.waitForFunction(
              (n) => document.querySelectorAll("table.cpp-board tbody tr").length === n,
              board.models.length,
            );
            const links = page.locator("table.cpp-board td.cpp-observed a");
            assert.equal(await links.count(), sourced.length);
            // The one in the first task column (the model page's table shows the first rows).
            const column = (c: (typeof sourced)[number]) => board.tasks.indexOf(c.task);
            const first = sourced.reduce((a, b) => (column(b) < column(a) ? b : a));
            const cell = page.locator(
              `table.cpp-board tr[data-model="${first.model}"] td[data-task="${first.task}"]`,
            );
            assert.equal(await cell.locator("a").getAttribute("href"), first.source!.url);
            assert.equal(await cell.locator("a").getAttribute("rel"), "noopener noreferrer");
            assert.match(
              await cell.getAttribute("title") ?? "",
              new RegExp(`source: ${first.source!.type!.replaceAll("_", " ")}`),
            );
            // The model page's score table: the same link and the source's type.
            const slug = board.modelInfo.find((m) => m.name === first.model)!.slug;
            await page.goto(base + `models/frontier/${slug}.html`, { waitUntil: "networkidle" });
            const row = page.locator("table tr", { hasText: first.task }).first();
            await row.waitFor({ timeout: 10_000 });
            assert.equal(await row.locator("a").getAttribute("href"), first.source!.url);
            assert.equal(await row.locator("a").getAttribute("rel"), "noopener noreferrer");
            assert.ok(
              (await row.textContent())!.includes(first.source!.type!.replaceAll("_", " ")),
            );
          }),
      );

      await t.step({
        name: "generalization.html: curves per axis, paper points, pickers switch the charts",
        ignore: !has("generalization.html"),
        fn: () =>
          onPage("generalization.html", "generalization", async (page) => {
            const report = await builtData<GeneralizationJson>("generalization");
            const ran = (axis: string, metric: "mse" | "maePoints") =>
              report.rows.filter((r) => r.axis === axis && r.status === "ok" && r[metric] !== null)
                .length;
            const curve = (axis: string) =>
              page.locator(`figure[data-chart="generalization-curve"][data-axis="${axis}"]`);
            for (const axis of ["model", "task"]) {
              assert.equal(await curve(axis).getAttribute("data-metric"), "mse");
              assert.equal(
                await curve(axis).locator("g.cpp-point circle").count(),
                ran(axis, "mse"),
              );
              // Methods that did not run (MF and NCF at K = 0) are listed, not drawn.
              const notRun = report.rows.filter((r) => r.axis === axis && r.status !== "ok");
              assert.equal(await curve(axis).locator(".cpp-absent li").count(), notRun.length);
              const methods = new Set(
                report.rows.filter((r) => r.axis === axis).map((r) => r.method),
              );
              const table = page.locator(`table.cpp-generalization-table[data-axis="${axis}"]`);
              assert.equal(await table.locator("tbody tr").count(), methods.size);
              assert.equal(await table.locator("td.cpp-not-run").count(), notRun.length);
            }
            assert.equal(
              await page.locator('figure[data-chart="paper-tasks"] g.cpp-paper path').count(),
              report.paper.length,
            );

            await page.locator(".cpp-metric-picker select").selectOption({
              label: "MAE in score points",
            });
            await page.waitForFunction(() =>
              [...document.querySelectorAll('figure[data-chart="generalization-curve"]')]
                .every((f) => f.getAttribute("data-metric") === "maePoints")
            );
            assert.equal(
              await curve("model").locator("g.cpp-point circle").count(),
              ran("model", "maePoints"),
            );
            assert.equal(
              await page.locator('table.cpp-generalization-table[data-axis="task"]')
                .getAttribute("data-metric"),
              "maePoints",
            );

            const targets = page.locator('figure[data-chart="target-errors"]');
            const perTarget = (axis: string, known: number, method: string) =>
              report.perTarget.filter((p) =>
                p.axis === axis && p.known === known && p.method === method
              ).length;
            const startK = Number(await targets.getAttribute("data-known"));
            const startMethod = await targets.getAttribute("data-method") ?? "";
            assert.equal(await targets.getAttribute("data-axis"), "model");
            assert.equal(
              await targets.locator("g.cpp-target circle").count(),
              perTarget("model", startK, startMethod),
            );
            await page.locator(".cpp-axis-picker label", { hasText: "New tasks" }).click();
            await page.locator(".cpp-k-picker select").selectOption({ label: "K = 0" });
            await page.waitForFunction(() => {
              const f = document.querySelector('figure[data-chart="target-errors"]');
              return f?.getAttribute("data-axis") === "task" &&
                f?.getAttribute("data-known") === "0";
            });
            assert.equal(
              await targets.locator("g.cpp-target circle").count(),
              perTarget("task", 0, startMethod),
            );
            const methodOptions = await page.locator(".cpp-method-picker select option")
              .allTextContents();
            assert.ok(methodOptions.length >= 3, `only ${methodOptions}`);
            const other = methodOptions.find((m) => !m.startsWith("Model + task biases"))!;
            await page.locator(".cpp-method-picker select").selectOption({ label: other });
            await page.waitForFunction(
              (m) =>
                document.querySelector('figure[data-chart="target-errors"]')
                  ?.getAttribute("data-method") !== m,
              startMethod,
            );
            const chosen = await targets.getAttribute("data-method") ?? "";
            assert.equal(
              await targets.locator("g.cpp-target circle").count(),
              perTarget("task", 0, chosen),
            );
            const skipped = report.axes.reduce((n, a) => n + a.skipped.length, 0);
            assert.equal(await page.locator(".cpp-skipped-targets li").count(), skipped);
            assert.ok(await page.locator("ul.cpp-generalization-reading li").count() >= 2);

            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator('.cpp-downloads button[data-download$="-generalization.csv"]').click(),
            ]);
            const csv = (await Deno.readTextFile(await download.path())).trimEnd().split("\n");
            assert.equal(csv.length, 1 + report.rows.length);
          }),
      });

      await t.step({
        name: "emergent.html: predicted against actual per task, family fits, MAE table",
        ignore: !has("emergent.html"),
        fn: () =>
          onPage("emergent.html", "emergent", async (page) => {
            const report = await builtData<EmergentJson>("emergent");
            const scatter = page.locator('figure[data-chart="emergent-scatter"]');
            const curves = page.locator('figure[data-chart="emergent-curves"]');
            const check = async (task: string) => {
              assert.equal(await scatter.getAttribute("data-task"), task);
              assert.equal(
                await scatter.locator("g.cpp-predictions circle").count(),
                report.predictions.filter((p) => p.task === task).length,
              );
              assert.equal(await curves.getAttribute("data-task"), task);
              const fitted = report.fits.filter((f) =>
                f.task === task && f.law === "log-linear" && f.status === "fitted"
              ).length;
              assert.equal(Number(await curves.getAttribute("data-families")), fitted);
              const families = new Set(
                report.fits.filter((f) =>
                  f.task === task
                ).map((f) => f.family),
              );
              const fits = page.locator("table.cpp-emergent-fits");
              assert.equal(await fits.getAttribute("data-task"), task);
              assert.equal(await fits.locator("tbody tr").count(), families.size);
            };
            await check(report.targets[0]);
            const last = report.targets[report.targets.length - 1];
            await page.locator(".cpp-task-picker select").selectOption({ label: last });
            await page.waitForFunction(
              (t) =>
                document.querySelector('figure[data-chart="emergent-scatter"]')
                  ?.getAttribute("data-task") === t,
              last,
            );
            await check(last);
            await page.locator(".cpp-law-picker label", { hasText: "sigmoid" }).click();
            await page.waitForFunction(() =>
              document.querySelector('figure[data-chart="emergent-curves"]')
                ?.getAttribute("data-law") === "sigmoid"
            );
            assert.equal(
              await page.locator("table.cpp-emergent-mae tbody tr").count(),
              report.approaches.length,
            );
            assert.equal(await page.locator(".cpp-left-out li").count(), report.leftOut.length);
            assert.ok(await page.locator("ul.cpp-emergent-reading li").count() >= 2);

            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator('.cpp-downloads button[data-download$="-emergent-mae.csv"]').click(),
            ]);
            const csv = (await Deno.readTextFile(await download.path())).trimEnd().split("\n");
            assert.equal(csv.length, 1 + report.mae.length);
          }),
      });

      await t.step({
        name: "performance-law.html: leave-one-out scatter, comparison, K picker, left out",
        ignore: !has("performance-law.html"),
        fn: () =>
          onPage("performance-law.html", "performance law", async (page) => {
            const report = await builtData<PerformanceLawJson>("performance-law");
            const { law, collaborative } = report;
            assert.equal(
              await page.locator('figure[data-chart="law-scatter"] g.cpp-law-points circle')
                .count(),
              law.n,
            );
            assert.equal(
              await page.locator("table.cpp-law-comparison tbody tr").count(),
              law.models.length,
            );
            const errors = page.locator('figure[data-chart="law-errors"]');
            const points = (k: number) =>
              law.n + collaborative.rows.filter((r) =>
                r.known === k && r.absError !== null && law.models.some((m) => m.model === r.model)
              ).length;
            assert.equal(Number(await errors.getAttribute("data-known")), collaborative.ks[0]);
            assert.equal(
              await errors.locator("g.cpp-law-error circle").count(),
              points(collaborative.ks[0]),
            );
            const k = collaborative.ks[collaborative.ks.length - 1];
            await page.locator(".cpp-k-picker label", { hasText: `K = ${k}` }).click();
            await page.waitForFunction(
              (k) =>
                document.querySelector('figure[data-chart="law-errors"]')
                  ?.getAttribute("data-known") === String(k),
              k,
            );
            assert.equal(await errors.locator("g.cpp-law-error circle").count(), points(k));
            assert.equal(await page.locator(".cpp-law-left-out li").count(), law.leftOut.length);
            assert.match(
              await page.locator("code.cpp-equation").textContent() ?? "",
              new RegExp(`^${law.task.replace(/[()]/g, "\\$&")} ≈ `),
            );
            assert.ok(await page.locator("ul.cpp-law-reading li").count() >= 3);

            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator('.cpp-downloads button[data-download$="-performance-law.csv"]').click(),
            ]);
            const csv = (await Deno.readTextFile(await download.path())).trimEnd().split("\n");
            assert.equal(csv.length, 1 + law.models.length);
          }),
      });

      await t.step({
        name: "shapley.html: model and task factors side by side; the method picker switches both",
        ignore: !has("shapley.html"),
        fn: () =>
          onPage("shapley.html", "factor importance", async (page) => {
            const report = await builtData<
              import("../../src/lib/report/site_json.ts").ShapleyJson
            >("shapley");
            const chart = (players: string) =>
              page.locator(`figure[data-chart="shapley"][data-players="${players}"]`);
            const widths = (players: string) =>
              chart(players).locator("g.cpp-shapley-bars rect").evaluateAll((rects) =>
                rects.map((r) => r.getAttribute("width"))
              );
            const check = async (method: string) => {
              for (const players of ["model", "task"]) {
                const figure = chart(players);
                assert.equal(await figure.getAttribute("data-method"), method);
                const r = report.results.find((x) => x.players === players && x.method === method);
                if (!r) {
                  assert.equal(await figure.getAttribute("data-factors"), "0");
                  continue;
                }
                const shown = r.values.filter((v) => v.shapley !== null)
                  .sort((a, b) => b.shapley! - a.shapley!);
                assert.equal(await figure.locator("g.cpp-shapley-bars rect").count(), shown.length);
                assert.equal(
                  await figure.locator("g.cpp-se line").count(),
                  shown.filter((v) => v.se !== null).length,
                );
                // Every factor is named as text, highest value first.
                const names = await figure.locator('g[aria-label="y-axis tick label"] text')
                  .allTextContents();
                assert.deepEqual(names.slice(0, shown.length), shown.map((v) => v.factor));
                assert.equal(await figure.locator("g.cpp-present text").count(), r.values.length);
                const table = page.locator(`table.cpp-shapley-table[data-players="${players}"]`);
                assert.equal(await table.getAttribute("data-method"), method);
                assert.equal(await table.locator("tbody tr").count(), r.values.length);
              }
            };
            // Side by side: the task chart is to the right of the model chart, at the same height.
            const [modelBox, taskBox] = await Promise.all([
              chart("model").boundingBox(),
              chart("task").boundingBox(),
            ]);
            assert.ok(modelBox && taskBox, "a Shapley chart is not displayed");
            assert.ok(
              modelBox.x + modelBox.width <= taskBox.x + 1,
              "the charts are not side by side",
            );
            assert.ok(Math.abs(modelBox.y - taskBox.y) < 40, "the charts are not side by side");
            await check("factors-only");
            const before = await widths("model");
            await page.locator(".cpp-method-picker label", { hasText: "NCF + factors" }).click();
            await page.waitForFunction(() =>
              [...document.querySelectorAll('figure[data-chart="shapley"]')]
                .every((f) => f.getAttribute("data-method") === "ncf-factors")
            );
            await check("ncf-factors");
            assert.notDeepEqual(await widths("model"), before, "the method switch left the chart");
            assert.equal(
              await page.locator("table.cpp-shapley-runs tbody tr").count(),
              report.results.length,
            );
            assert.ok(await page.locator("ul.cpp-shapley-reading li").count() >= 2);

            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator('.cpp-downloads button[data-download$="-shapley.csv"]').click(),
            ]);
            const csv = (await Deno.readTextFile(await download.path())).trimEnd().split("\n");
            assert.equal(csv.length, 1 + report.results.reduce((n, r) => n + r.values.length, 0));
          }),
      });

      const EVIL = "<img src=x onerror=alert(1)>";

      await t.step({
        name: "leaderboard/cpp-crowdsource.html: sorts by a task, filters by search and family, " +
          "switches dataset",
        ignore: !has("leaderboard/cpp-crowdsource.html"),
        fn: () =>
          onPage("leaderboard/cpp-crowdsource.html", "sort and filter", async (page) => {
            const board = await builtData<LeaderboardJson>("leaderboard/cpp-crowdsource");
            const rows = page.locator("table.cpp-board tbody tr");
            await page.waitForFunction(
              (n) => document.querySelectorAll("table.cpp-board tbody tr").length === n,
              board.models.length,
            );
            // sort by a task: the first row is that task's best filled score
            const task = board.tasks[0];
            await page.locator("form", { hasText: "Order rows by" }).locator("select")
              .selectOption({ label: task });
            await page.waitForFunction(
              (t) => document.querySelector("table.cpp-board")?.getAttribute("data-sort") === t,
              task,
            );
            const column = board.cells.filter((c) => c.task === task);
            const top = Math.max(...column.map((c) => c.score));
            const first = await rows.first().getAttribute("data-model");
            assert.equal(column.find((c) => c.model === first)!.score, top);
            // a click on another task's header orders by it, and the menu follows
            const other = board.tasks[board.tasks.length - 1];
            await page.locator(`table.cpp-board th[data-sort="${other}"] button`).click();
            await page.waitForFunction(
              (t) => document.querySelector("table.cpp-board")?.getAttribute("data-sort") === t,
              other,
            );
            const otherColumn = board.cells.filter((c) => c.task === other);
            const otherTop = board.lowerIsBetter?.[board.tasks.length - 1]
              ? Math.min(...otherColumn.map((c) => c.score))
              : Math.max(...otherColumn.map((c) => c.score));
            const firstNow = await rows.first().getAttribute("data-model");
            assert.equal(otherColumn.find((c) => c.model === firstNow)!.score, otherTop);
            assert.equal(
              await page.locator("table.cpp-board th[aria-sort]").getAttribute("data-sort"),
              other,
            );
            assert.equal(
              await page.locator("form", { hasText: "Order rows by" })
                .locator("select option:checked").textContent(),
              other,
            );
            // search
            await page.locator("form", { hasText: "Search models" }).locator("input")
              .fill("llama");
            const expected = board.models.filter((m) => m.toLowerCase().includes("llama"));
            await page.waitForFunction(
              (n) => document.querySelectorAll("table.cpp-board tbody tr").length === n,
              expected.length,
            );
            for (
              const name of await rows.evaluateAll((r) =>
                r.map((x) => x.getAttribute("data-model"))
              )
            ) {
              assert.ok(name!.toLowerCase().includes("llama"), name!);
            }
            await page.locator("form", { hasText: "Search models" }).locator("input").fill("");
            // family filter (the crowdsourced data records one)
            const familyFactor = board.filters!.family!;
            const family = String(
              board.modelInfo!.find((m) => m.factors[familyFactor] !== null)!
                .factors[familyFactor],
            );
            await page.locator("form", { hasText: "Family" }).locator("select")
              .selectOption({ label: family });
            const inFamily = board.modelInfo!.filter((m) =>
              String(m.factors[familyFactor]) === family
            );
            await page.waitForFunction(
              (n) => document.querySelectorAll("table.cpp-board tbody tr").length === n,
              inFamily.length,
            );
            // predicted cells carry their interval on hover
            const predicted = page.locator("td.cpp-predicted").first();
            if (await predicted.count()) {
              assert.match(await predicted.getAttribute("title") ?? "", /90% interval \[/);
            }
            await page.screenshot({
              path: new URL("leaderboard__cpp-crowdsource.html--filtered.png", artifacts).pathname,
              fullPage: true,
            });
            // the view downloads as CSV and JSON that parse
            const save = async (suffix: string) => {
              const [download] = await Promise.all([
                page.waitForEvent("download", { timeout: 10_000 }),
                page.locator(`.cpp-downloads button[data-download$="${suffix}"]`).first().click(),
              ]);
              return await Deno.readTextFile(await download.path());
            };
            const csv = (await save("-leaderboard.csv")).trimEnd().split("\n");
            assert.equal(
              csv[0],
              "model,task,score,observed,lower,upper,meanRank,rankBest,rankWorst,source,sourceType",
            );
            assert.equal(csv.length, 1 + inFamily.length * board.tasks.length);
            const json = JSON.parse(await save("-leaderboard.json"));
            assert.equal(json.length, inFamily.length * board.tasks.length);
            const coverage = parseCsv(await save("-interval-coverage.csv"), { file: "coverage" })
              .rows;
            assert.deepEqual(coverage[0], [
              "setting",
              "coverage",
              "median width",
              "cells",
              "folds",
              "members",
            ]);
            assert.equal(coverage.length, 1 + board.calibrations!.length);
            assert.deepEqual(
              coverage.slice(1).map((r) => Number(r[1])),
              board.calibrations!.map((c) => c.coverage),
            );
            // another dataset: the switch names each by its title and what it holds
            const site = await builtSite();
            const switcher = page.locator("nav.cpp-dataset-switch");
            assert.deepEqual(
              await switcher.locator("li").evaluateAll((li) =>
                li.map((x) => x.getAttribute("data-dataset"))
              ),
              site.datasets.map((d) => d.id),
            );
            assert.equal(
              await switcher.locator('[aria-current="page"]').textContent(),
              board.title,
            );
            const helm = await builtData<LeaderboardJson>("leaderboard/helm-core");
            const helmLink = switcher.locator('li[data-dataset="helm-core"] a');
            assert.match(await helmLink.textContent() ?? "", /HELM/);
            await Promise.all([page.waitForURL(/leaderboard\/helm-core\.html$/), helmLink.click()]);
            await page.waitForFunction(
              (n) => document.querySelectorAll("table.cpp-board tbody tr").length === n,
              helm.models.length,
            );
          }),
      });

      await t.step({
        name: "leaderboard/cpp-crowdsource.html: a model page opens from the leaderboard",
        ignore: !has("leaderboard/cpp-crowdsource.html"),
        fn: () =>
          onPage("leaderboard/cpp-crowdsource.html", "model page", async (page) => {
            const link = page.locator("a[data-model-link]").first();
            const name = await link.getAttribute("data-model-link");
            await Promise.all([page.waitForURL(/models\/[^/]+\/[^/]+\.html$/), link.click()]);
            await settle(page);
            assert.equal(
              await page.locator("#observablehq-main h1, main h1").first().textContent(),
              name,
            );
            assert.ok(await page.locator(".cpp-model-chart svg").count() > 0);
            assert.ok(await page.locator("ol.cpp-neighbors li").count() > 0, "no nearest models");
            assert.equal(await page.locator(".observablehq--error").count(), 0);
            // every table of the page downloads as CSV and JSON that parse and agree
            const board = await builtData<LeaderboardJson>("leaderboard/cpp-crowdsource");
            const info = board.modelInfo!.find((m) => m.name === name)!;
            const save = async (scope: string, extension: string) => {
              const [download] = await Promise.all([
                page.waitForEvent("download", { timeout: 10_000 }),
                page.locator(
                  `[data-downloads="${scope}"] button[data-download$=".${extension}"]`,
                ).click(),
              ]);
              return await Deno.readTextFile(await download.path());
            };
            const both = async (scope: string) => {
              const csv = parseCsv(await save(scope, "csv"), { file: scope }).rows;
              const json = JSON.parse(await save(scope, "json")) as Record<string, unknown>[];
              assert.equal(csv.length, 1 + json.length, `${scope}: CSV and JSON disagree`);
              return { header: csv[0], json };
            };
            const scores = await both("model-scores");
            assert.equal(scores.json.length, board.tasks.length);
            const factors = await both("model-factors");
            assert.deepEqual(factors.header, ["factor", "value"]);
            assert.deepEqual(factors.json.map((r) => r.factor), Object.keys(info.factors));
            const nearest = await both("model-nearest");
            assert.deepEqual(nearest.json.map((r) => r.model), info.neighbors.map((n) => n.name));
            const predicted = scores.json.filter((r) => r.status === "predicted").length;
            if (predicted > 0) {
              const uncertain = await both("model-least-certain");
              assert.equal(uncertain.json.length, Math.min(5, predicted));
              assert.ok(uncertain.json.every((r) => r.lower !== null && r.upper !== null));
            }
            await page.screenshot({
              path: new URL("model-page-from-leaderboard.png", artifacts).pathname,
              fullPage: true,
            });
          }),
      });

      await t.step({
        name: "leaderboard/helm-core.html: a model named like markup appears as text",
        ignore: !has("leaderboard/helm-core.html"),
        fn: async () => {
          const page = await context.newPage();
          const problems = watch(page);
          // serve a leaderboard with its first model renamed
          await page.route(/leaderboard\/helm-core\.[0-9a-f]+\.json$/, async (route) => {
            const response = await route.fetch();
            const board = await response.json() as LeaderboardJson;
            const old = board.models[0];
            const rename = (m: string) => (m === old ? EVIL : m);
            const evil = {
              ...board,
              models: board.models.map(rename),
              modelInfo: board.modelInfo!.map((m) => ({ ...m, name: rename(m.name) })),
              cells: board.cells.map((c) => ({ ...c, model: rename(c.model) })),
            };
            await route.fulfill({ response, body: JSON.stringify(evil) });
          });
          try {
            await page.goto(base + "leaderboard/helm-core.html", { waitUntil: "networkidle" });
            await settle(page);
            await page.locator(`tr[data-model="${EVIL.replaceAll('"', '\\"')}"]`).waitFor();
            const names = await page.locator("table.cpp-board tbody th").allTextContents();
            assert.ok(names.includes(EVIL), `the name is not shown literally: ${names}`);
            assert.equal(await page.locator('img[src="x"]').count(), 0);
          } finally {
            await page.close();
          }
          assert.deepEqual(
            problems,
            [],
            `leaderboard/helm-core.html (markup name):\n  ${problems.join("\n  ")}`,
          );
        },
      });

      await t.step({
        name: "benchpress.html: our methods on BenchPress's folds beside its published numbers, " +
          "each with its command; the probe set here and on the predict page",
        ignore: !has("benchpress.html"),
        fn: () =>
          onPage("benchpress.html", "benchpress", async (page) => {
            const report = await builtData<BenchpressJson>("benchpress");
            const probes = await builtData<ProbeSetJson>("probes/frontier");
            // BenchPress's own 30 folds with the mirror (CI), its protocol dealt here without.
            if (Deno.env.get("CPP_DATA_DIR")) {
              assert.deepEqual([report.folds.source, report.folds.cells], ["benchpress", 26040]);
            }
            const rows = page.locator("table.cpp-benchpress-folds tbody tr");
            assert.equal(await rows.count(), report.folds.rows.length + 1);
            for (const r of report.folds.rows) {
              const row = page.locator(`table.cpp-benchpress-folds tr[data-method="${r.method}"]`);
              assert.match(await row.textContent() ?? "", new RegExp(r.medae.toFixed(2)));
            }
            const peer = page.locator('table.cpp-benchpress-folds tr[data-method="benchpress"]');
            assert.match(await peer.textContent() ?? "", /BenchPress \(published\)4\.60/);
            assert.ok(report.folds.rows.some((r) => r.method === "bias-als"));
            // A chart each for the folds, the new releases and the probes.
            assert.ok(await page.locator("svg[class^='plot']").count() >= 3);
            const commands = await page.locator("pre.cpp-command code").allTextContents();
            assert.deepEqual(commands, [report.commands.folds, ...report.commands.newRelease]);
            assert.match(report.commands.folds, /^deno task cpp evaluate frontier /);
            const listed = await page.locator(".cpp-probes li").evaluateAll((items) =>
              items.map((li) => li.getAttribute("data-task"))
            );
            assert.deepEqual(listed, probes.probes);
            assert.equal(await page.locator(".cpp-probes code").textContent(), probes.command);
            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator('button[data-download="benchpress-folds.csv"]').click(),
            ]);
            const csv = parseCsv(await Deno.readTextFile(await download.path()), {
              file: "benchpress-folds.csv",
            }).rows;
            assert.equal(csv.length, 1 + report.folds.rows.length);
            await page.goto(base + "predict/frontier.html", { waitUntil: "networkidle" });
            await settle(page);
            const offered = await page.locator(".cpp-probes li").evaluateAll((items) =>
              items.map((li) => li.getAttribute("data-task"))
            );
            assert.deepEqual(offered, probes.probes, "the predict page offers the same set");
          }),
      });

      await t.step({
        name: "predict/frontier.html: typing a known score changes the predictions and the ranking",
        ignore: !has("predict/frontier.html"),
        fn: () =>
          onPage("predict/frontier.html", "typing", async (page) => {
            const status = page.locator(".cpp-predict-status");
            assert.equal(await status.getAttribute("data-known"), "0");
            const table = () => page.locator("table").first().textContent();
            const before = await table();
            const input = page.locator('form[data-form="scores"] input').first();
            await input.pressSequentially("12.5");
            await page.waitForFunction(() =>
              document.querySelector(".cpp-predict-status")?.getAttribute("data-known") === "1"
            );
            await page.waitForFunction(
              (b) => document.querySelector("table")?.textContent !== b,
              before,
            );
            assert.notEqual(await table(), before);
            await page.screenshot({
              path: new URL("predict__frontier.html--typed.png", artifacts).pathname,
              fullPage: true,
            });
            const [download] = await Promise.all([
              page.waitForEvent("download", { timeout: 10_000 }),
              page.locator('.cpp-downloads button[data-download="what-to-run-next.json"]').click(),
            ]);
            const next = JSON.parse(await Deno.readTextFile(await download.path()));
            assert.ok(
              next.length > 0 && next.every((r: { gain: number }) => Number.isFinite(r.gain)),
            );
          }),
      });

      await context.close();
    } finally {
      await browser?.close();
      await server.shutdown();
    }
  },
});
