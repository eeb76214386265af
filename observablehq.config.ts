// Observable Framework configuration. Run through `deno task build|dev`, which pass
// `--config observablehq.config.ts` explicitly (auto-discovery loads tsx and breaks under Deno).
import { readSiteConfig, siteConfigPath, siteRoutes } from "./src/lib/report/site_config.ts";

const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;

/**
 * The pages of each dataset the site covers (site-datasets.json, or the file CPP_SITE_DATASETS
 * names), in its order: a leaderboard each; a predict page and a page per model for those this
 * build has (a predict page only with model design factors to fold a new model in from).
 */
const routes = await siteRoutes(
  readSiteConfig(siteConfigPath(new URL("./", import.meta.url))).datasets,
);

/** Every per-dataset page, for Framework's parameterized routes. */
async function* datasetPages(): AsyncGenerator<string> {
  for (const r of routes) {
    yield r.leaderboard;
    if (r.predict) yield r.predict;
  }
  for (const r of routes) yield* r.models;
}

export default {
  root: "src",
  title: "Collaborative performance prediction of LLMs",
  pages: [
    { name: "Data overview", path: "/" },
    { name: "Datasets and provenance", path: "/datasets" },
    {
      name: "Leaderboards",
      collapsible: false,
      pages: routes.map((r) => ({ name: r.title, path: r.leaderboard })),
    },
    {
      name: "Predict a model",
      collapsible: false,
      pages: routes.flatMap((r) => r.predict ? [{ name: r.title, path: r.predict }] : []),
    },
    { name: "BenchPress protocol", path: "/benchpress" },
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
