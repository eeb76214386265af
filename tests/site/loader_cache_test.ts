import assert from "node:assert/strict";
import { clearStaleOutputs, type LoaderEnvironment, MANIFEST } from "../../scripts/loader_cache.ts";

const FILE = {
  role: "scores",
  name: "scores.csv",
  path: "set/scores.csv",
  url: "https://example.org/scores.csv",
  sha256: "0".repeat(64),
} as const;

/** A project with a library module, a loader, a page and Framework's cache of two outputs. */
async function project() {
  const dir = await Deno.makeTempDir();
  const root = new URL(`file://${dir}/`);
  const write = async (path: string, text: string) => {
    const url = new URL(path, root);
    await Deno.mkdir(new URL(".", url), { recursive: true });
    await Deno.writeTextFile(url, text);
  };
  await write("deno.json", "{}");
  await write("package.json", "{}");
  await write("src/lib/mod.ts", "export const x = 1;\n");
  await write("src/data/scores.json.ts", 'import "../lib/mod.ts";\n');
  await write("src/index.md", "# Scores\n");
  await write(
    "site-datasets.json",
    JSON.stringify({ datasets: [{ id: "mine", file: "mine.csv" }] }),
  );
  await write("mine.csv", "model,task,score\na,t,1\n");
  const mirror = `${dir}/mirror`;
  await Deno.mkdir(mirror);
  const env: LoaderEnvironment = {
    dataDir: mirror,
    cacheDir: `${dir}/cache`,
    offline: true,
    files: [FILE],
    commit: "a".repeat(40),
    siteConfig: `${dir}/site-datasets.json`,
  };
  // What Framework leaves after a build: the loaders' outputs and its own bundles.
  const build = async () => {
    await write("src/.observablehq/cache/data/scores.json", "[1]");
    await write("src/.observablehq/cache/data/datasets.json", "{}");
    await write("src/.observablehq/cache/_npm/d3@7/index.js", "");
  };
  const cached = async () => {
    const out: string[] = [];
    for (const path of ["data/scores.json", "data/datasets.json", "_npm/d3@7/index.js"]) {
      try {
        await Deno.stat(new URL(`src/.observablehq/cache/${path}`, root));
        out.push(path);
      } catch { /* removed */ }
    }
    return out;
  };
  return { dir, root, env, write, build, cached, mirror };
}

Deno.test("clearStaleOutputs() keeps outputs made from the current inputs, through edits of pages", async () => {
  const p = await project();
  try {
    await p.build();
    // Outputs from before any record: their inputs are unknown, so they go.
    const first = await clearStaleOutputs(p.root, p.env);
    assert.deepEqual(first.removed.sort(), ["data/datasets.json", "data/scores.json"]);
    assert.deepEqual(await p.cached(), ["_npm/d3@7/index.js"]);
    await p.build();
    await p.write("src/index.md", "# Scores, reworded\n");
    await p.write("src/components/chart.ts", "export const y = 2;\n");
    const second = await clearStaleOutputs(p.root, p.env);
    assert.deepEqual(second.removed, []);
    assert.deepEqual(await p.cached(), [
      "data/scores.json",
      "data/datasets.json",
      "_npm/d3@7/index.js",
    ]);
    const manifest = JSON.parse(
      await Deno.readTextFile(new URL(`src/.observablehq/cache/${MANIFEST}`, p.root)),
    );
    assert.match(manifest.inputs, /^[0-9a-f]{64}$/);
  } finally {
    await Deno.remove(p.dir, { recursive: true });
  }
});

Deno.test("clearStaleOutputs() removes every output when the library, a loader, the data or the environment changes", async () => {
  const p = await project();
  try {
    const changes: [string, () => Promise<LoaderEnvironment>][] = [
      ["library code", async () => {
        await p.write("src/lib/mod.ts", "export const x = 2;\n");
        return p.env;
      }],
      ["a loader", async () => {
        await p.write("src/data/_shared.ts", "export {};\n");
        return p.env;
      }],
      ["a dataset file appearing in the mirror", async () => {
        await p.write("mirror/set/scores.csv", "model,task,score\n");
        return p.env;
      }],
      ["the site's datasets", async () => {
        await p.write(
          "site-datasets.json",
          JSON.stringify({ datasets: [{ id: "mine", file: "mine.csv", layout: "long" }] }),
        );
        return p.env;
      }],
      ["a researcher's score file", async () => {
        await p.write("mine.csv", "model,task,score\na,t,2\n");
        return p.env;
      }],
      ["the mirror folder", () => Promise.resolve({ ...p.env, dataDir: null })],
      ["downloads allowed", () => Promise.resolve({ ...p.env, dataDir: null, offline: false })],
    ];
    await p.build();
    await clearStaleOutputs(p.root, p.env);
    let env = p.env;
    for (const [what, change] of changes) {
      await p.build();
      env = await change();
      const { removed } = await clearStaleOutputs(p.root, env);
      assert.deepEqual(removed.sort(), ["data/datasets.json", "data/scores.json"], what);
      assert.deepEqual(await p.cached(), ["_npm/d3@7/index.js"], what);
    }
    // A new commit: only the page that names it is made again.
    await p.build();
    assert.deepEqual((await clearStaleOutputs(p.root, env)).removed, []);
    const { removed } = await clearStaleOutputs(p.root, { ...env, commit: "b".repeat(40) });
    assert.deepEqual(removed, ["data/datasets.json"]);
  } finally {
    await Deno.remove(p.dir, { recursive: true });
  }
});
