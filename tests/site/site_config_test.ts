// The site's datasets are configuration: site-datasets.json (or the file CPP_SITE_DATASETS names)
// lists them, and the leaderboards, model pages, predict pages and per-dataset loaders follow.
// readSiteConfig() is checked on good and bad files; then a copy of the project is built from
// the fixture configuration (tests/fixtures/site/config: one researcher's CSV, 12 models x 6
// tasks) and its leaderboard, predict and model pages are found, while the paper's analyses say
// their dataset is not configured.
import assert from "node:assert/strict";
import { readSiteConfig, siteRoutes, slugs } from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

const root = new URL("../../", import.meta.url);
const fixtureConfig =
  new URL("../fixtures/site/config/site-datasets.json", import.meta.url).pathname;

/** Writes `value` as a configuration file in a temporary folder and reads it. */
async function configOf(value: unknown) {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/site-datasets.json`;
  await Deno.writeTextFile(path, typeof value === "string" ? value : JSON.stringify(value));
  try {
    return readSiteConfig(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readSiteConfig() reads registry ids and a researcher's file with its read options", () => {
  const config = readSiteConfig(fixtureConfig);
  assert.equal(config.datasets.length, 1);
  const [mine] = config.datasets;
  assert.equal(mine.id, "my-lab");
  assert.equal(mine.title, "My lab's checkpoints");
  // A file is read relative to the configuration, and named relative to the project.
  assert.equal(mine.file, "tests/fixtures/site/config/scores.csv");
  assert.deepEqual(mine.load.read, {
    layout: "wide",
    factorColumns: ["Family", "Params (B)"],
    lowerIsBetter: "perplexity",
    factorKinds: { "Params (B)": "numeric", Family: "categorical" },
  });
  const repo = readSiteConfig(new URL("site-datasets.json", root).pathname);
  assert.deepEqual(repo.datasets.map((d) => d.id), ["frontier", "cpp-crowdsource", "helm-core"]);
  assert.equal(repo.datasets[0].file, null);
});

Deno.test("readSiteConfig() names the file, the entry and the field of a mistake", async () => {
  const cases: [unknown, RegExp][] = [
    ["{", /not JSON/],
    [{ datasets: [] }, /non-empty "datasets" list/],
    [
      { datasets: [{ id: "nope" }] },
      /datasets\[0\]\.id 'nope' is not a registry dataset .* no "file"/,
    ],
    [{ datasets: [{ id: "Mine", file: "a.csv" }] }, /datasets\[0\]\.id is 'Mine'/],
    [{ datasets: [{ id: "frontier", file: "a.csv" }] }, /'frontier' is a registry dataset's id/],
    [
      { datasets: [{ id: "frontier" }, { id: "frontier" }] },
      /datasets\[1\]\.id 'frontier' is listed twice/,
    ],
    [
      { datasets: [{ id: "frontier", layout: "wide" }] },
      /datasets\[0\]\.layout: a registry dataset takes only "id"/,
    ],
    [{ datasets: [{ id: "m", file: "a.csv", layout: "wid" }] }, /datasets\[0\]\.layout is 'wid'/],
    [
      { datasets: [{ id: "m", file: "a.csv", colour: "x" }] },
      /datasets\[0\]\.colour is not an option/,
    ],
    [
      { datasets: [{ id: "m", file: "a.csv", factorColumns: "Family" }] },
      /factorColumns is "Family"/,
    ],
    [{ datasets: [{ id: "m", file: "a.csv", aliases: { a: 1 } }] }, /aliases is/],
  ];
  for (const [value, error] of cases) {
    await assert.rejects(() => configOf(value), (e: Error) => {
      assert.ok(e instanceof RangeError, e.message);
      assert.match(e.message, /^Cannot read \/.*site-datasets\.json: /);
      assert.match(e.message, error);
      return true;
    });
  }
  assert.throws(() => readSiteConfig("/nonexistent/site-datasets.json"), /no such file/);
});

Deno.test("siteRoutes(): a leaderboard per dataset; model pages for those this build has; a predict page only with model design factors", async () => {
  const { datasets } = readSiteConfig(new URL("site-datasets.json", root).pathname);
  // Without the mirror (offline, an empty folder): only the embedded frontier matrix.
  const empty = await Deno.makeTempDir();
  try {
    const offline = await siteRoutes(datasets, { dataDir: empty, offline: true });
    assert.deepEqual(offline.map((r) => r.leaderboard), [
      "/leaderboard/frontier",
      "/leaderboard/cpp-crowdsource",
      "/leaderboard/helm-core",
    ]);
    assert.deepEqual(offline.map((r) => r.predict), ["/predict/frontier", null, null]);
    assert.equal(offline[0].models.length, 84);
    assert.ok(offline[0].models.every((m) => m.startsWith("/models/frontier/")));
    assert.deepEqual(offline.slice(1).map((r) => r.models.length), [0, 0]);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror (../shared/datasets or CPP_DATA_DIR)")) {
    return;
  }
  // With it: helm-core records no model design factors, so no predict page (nothing to fold in).
  const routes = await siteRoutes(datasets, { dataDir: dir!, offline: true });
  assert.deepEqual(routes.map((r) => r.predict), [
    "/predict/frontier",
    "/predict/cpp-crowdsource",
    null,
  ]);
  assert.deepEqual(routes.map((r) => r.models.length), [84, 72, 88]);
});

/** Copies what a build needs (sources, configuration, scripts; node_modules linked). */
async function projectCopy(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "cpp-site-" });
  const copy = async (from: URL, to: string) => {
    const stat = await Deno.stat(from);
    if (stat.isDirectory) {
      await Deno.mkdir(to, { recursive: true });
      for await (const entry of Deno.readDir(from)) {
        if (entry.name === ".observablehq") continue; // the loader cache: made anew
        await copy(
          new URL(entry.name + (entry.isDirectory ? "/" : ""), from),
          `${to}/${entry.name}`,
        );
      }
    } else {
      await Deno.copyFile(from, to);
    }
  };
  for (
    const path of ["deno.json", "package.json", "observablehq.config.ts", "site-datasets.json"]
  ) {
    await copy(new URL(path, root), `${dir}/${path}`);
  }
  for (const folder of ["src/", "scripts/"]) await copy(new URL(folder, root), `${dir}/${folder}`);
  await Deno.symlink(new URL("node_modules", root).pathname, `${dir}/node_modules`);
  return dir;
}

/** The built data file `name` (dist/_file/data/<name>.<hash>.json). */
async function built(dist: string, name: string): Promise<Record<string, unknown>> {
  const dir = `${dist}/_file/data/${name.slice(0, name.lastIndexOf("/") + 1)}`;
  const base = name.slice(name.lastIndexOf("/") + 1);
  for await (const entry of Deno.readDir(dir)) {
    if (new RegExp(`^${base.replace(/[.-]/g, "\\$&")}\\.[0-9a-f]+\\.json$`).test(entry.name)) {
      return JSON.parse(await Deno.readTextFile(`${dir}${entry.name}`));
    }
  }
  throw new Error(`Cannot find the built ${name} data in ${dist}`);
}

Deno.test("a site built from a configuration with a researcher's CSV has its leaderboard and model pages", async () => {
  const dir = await projectCopy();
  try {
    const env = Deno.env.toObject();
    delete env.CPP_WORKERS;
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["task", "build"],
      cwd: dir,
      env: { ...env, CPP_SITE_DATASETS: fixtureConfig, XDG_RUNTIME_DIR: "/tmp" },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = (b: Uint8Array) => new TextDecoder().decode(b).slice(-4000);
    assert.equal(code, 0, `the build failed:\n${text(stdout)}\n${text(stderr)}`);
    const dist = `${dir}/dist`;
    const board = await built(dist, "leaderboard/my-lab");
    assert.equal(board.title, "My lab's checkpoints");
    const models = board.models as string[];
    assert.equal(models.length, 12);
    // Its pages, and none for the datasets the configuration does not list.
    await Deno.stat(`${dist}/leaderboard/my-lab.html`);
    await Deno.stat(`${dist}/predict/my-lab.html`);
    for (const slug of slugs(models)) await Deno.stat(`${dist}/models/my-lab/${slug}.html`);
    await assert.rejects(
      () => Deno.stat(`${dist}/leaderboard/frontier.html`),
      Deno.errors.NotFound,
    );
    const page = await Deno.readTextFile(`${dist}/models/my-lab/${slugs(models)[0]}.html`);
    assert.ok(page.includes("My lab"), "the navigation does not name the dataset");
    const predictor = await built(dist, "predictor/my-lab");
    assert.deepEqual(predictor.tasks, board.tasks);
    const overview = await built(dist, "overview");
    assert.deepEqual((overview.datasets as { id: string }[]).map((d) => d.id), ["my-lab"]);
    // The paper's analyses stay on cpp-crowdsource, and say plainly that it is not configured.
    const methods = await built(dist, "methods");
    assert.equal(methods.dataset, "cpp-crowdsource");
    assert.match(String(methods.unavailable), /do not include it/);
    assert.match(String(methods.notice), /^The dataset 'cpp-crowdsource' is not available/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
