// Observable Framework configuration. Run through `deno task build|dev`, which pass
// `--config observablehq.config.ts` explicitly (auto-discovery loads tsx and breaks under Deno).
import { DataUnavailableError } from "./src/lib/data/resolve.ts";
import { loadSiteDataset, readSiteConfig, siteConfigPath } from "./src/lib/report/site_config.ts";
import { slugs } from "./src/lib/report/slug.ts";

const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;

/** The datasets the site covers (site-datasets.json, or the file CPP_SITE_DATASETS names). */
const config = readSiteConfig(siteConfigPath(new URL("./", import.meta.url)));

/** A page per dataset, in the order of the configuration, named by the dataset's title. */
const perDataset = (section: string) =>
  config.datasets.map((d) => ({ name: d.title, path: `/${section}/${d.id}` }));

/** Every dataset's leaderboard and predict page, and a page per model of each available one. */
async function* datasetPages(): AsyncGenerator<string> {
  for (const d of config.datasets) {
    yield `/leaderboard/${d.id}`;
    yield `/predict/${d.id}`;
  }
  for (const d of config.datasets) {
    let models: readonly string[];
    try {
      models = (await loadSiteDataset(d)).scores.dense.models;
    } catch (error) {
      if (error instanceof DataUnavailableError) continue;
      throw error;
    }
    for (const slug of slugs(models)) yield `/models/${d.id}/${slug}`;
  }
}

export default {
  root: "src",
  title: "Collaborative performance prediction of LLMs",
  pages: [
    { name: "Data overview", path: "/" },
    { name: "Datasets and provenance", path: "/datasets" },
    { name: "Leaderboards", collapsible: false, pages: perDataset("leaderboard") },
    { name: "Predict a model", collapsible: false, pages: perDataset("predict") },
    { name: "Methods: Table 1", path: "/methods" },
    { name: "HELM pilot", path: "/helm-pilot" },
    { name: "New models and tasks", path: "/generalization" },
    { name: "Emergent tasks", path: "/emergent" },
    { name: "Performance Law", path: "/performance-law" },
    { name: "Factor importance", path: "/shapley" },
  ],
  // Loaders (`src/data/*.json.ts`) run under Deno with the permissions they need: read the
  // data mirror and cache, write the cache, download a dataset on first use, and run
  // `git rev-parse HEAD` (the datasets page names the commit the site was built from).
  interpreters: {
    ".ts": [
      deno?.execPath() ?? "deno",
      "run",
      "--quiet",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-net",
      "--allow-run=git",
    ],
  },
  // No CDN and no external links: the built site works offline.
  // Framework's Inputs stylesheet from the bundled stdlib (bare imports of Inputs do not bring it).
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  // An inline empty icon: Chromium asks for /favicon.ico on its own otherwise.
  head: '<link rel="icon" href="data:,">',
  footer:
    "Built with Observable Framework. Every number on this site is computed by the code in this repository.",
  dynamicPaths: datasetPages,
  search: false,
  cleanUrls: false,
};
