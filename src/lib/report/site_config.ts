/**
 * The datasets the report site covers, read from one file (`site-datasets.json` at the
 * repository's root, or the file `CPP_SITE_DATASETS` names): registry ids, or a researcher's own
 * score file with the options to read it. The site's leaderboards, model pages, predict pages
 * and per-dataset loaders are made from this list; the paper's analyses run on `cpp-crowdsource`
 * and `helm-core` when the list has them.
 *
 * @example
 * ```json
 * {
 *   "datasets": [
 *     { "id": "frontier" },
 *     {
 *       "id": "my-lab",
 *       "title": "Our checkpoints",
 *       "file": "data/scores.csv",
 *       "layout": "wide",
 *       "factorColumns": ["Family", "Params (B)"],
 *       "lowerIsBetter": "perplexity"
 *     }
 *   ]
 * }
 * ```
 */
import { type Dataset, loadDataset, type LoadOptions } from "../data/load_dataset.ts";
import { datasetEntry, REGISTRY } from "../data/registry.ts";
import { DataUnavailableError } from "../data/resolve.ts";
import { slugs } from "./slug.ts";
import type { FactorKind, Layout, ReadOptions } from "../data/types.ts";

/** The file the site reads its datasets from, relative to the repository's root. */
export const SITE_DATASETS_FILE = "site-datasets.json";

/** One dataset of the site: a registry id, or a file with how to read it. */
export interface SiteDataset {
  /** The registry id, or for a file a short name of lower-case letters, digits and "-" (URLs). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The score file (absolute), or null for a registry dataset. */
  readonly file: string | null;
  /** How to read the file (layout, factor columns, lower-is-better tasks, aliases...). */
  readonly load: LoadOptions;
}

/** What the site's configuration file holds, resolved. */
export interface SiteConfig {
  /** The configuration file read. */
  readonly path: string;
  /** In the order the site shows them (the first is the site's default). */
  readonly datasets: readonly SiteDataset[];
}

const FILE_KEYS = [
  "id",
  "title",
  "description",
  "file",
  "layout",
  "modelColumn",
  "taskColumn",
  "scoreColumn",
  "factorColumns",
  "dropColumns",
  "lowerIsBetter",
  "unbounded",
  "numeric",
  "categorical",
  "modelFactors",
  "taskFactors",
  "aliases",
] as const;

const LAYOUTS: readonly Layout[] = ["wide", "transposed", "long"];

/** The configuration file this process uses: `CPP_SITE_DATASETS`, else the default one. */
export function siteConfigPath(root: string | URL): string {
  const named = Deno.env.get("CPP_SITE_DATASETS");
  if (named) return named;
  return new URL(SITE_DATASETS_FILE, root).pathname;
}

/**
 * Reads and checks the site's datasets (errors name the file, the entry and the field). File paths
 * in it are relative to the configuration file.
 */
export function readSiteConfig(path: string): SiteConfig {
  const fail = (what: string) => new RangeError(`Cannot read ${path}: ${what}`);
  let raw: unknown;
  try {
    raw = JSON.parse(Deno.readTextFileSync(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw fail("no such file");
    if (error instanceof SyntaxError) throw fail(`not JSON (${error.message})`);
    throw error;
  }
  const list = (raw as { datasets?: unknown })?.datasets;
  if (!Array.isArray(list) || list.length === 0) {
    throw fail('expected an object with a non-empty "datasets" list');
  }
  const seen = new Set<string>();
  const datasets = list.map((item, k) => {
    const at = (field: string) => `datasets[${k}]${field ? `.${field}` : ""}`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw fail(`${at("")} is not an object`);
    }
    const entry = item as Record<string, unknown>;
    const text = (field: string): string | undefined => {
      const v = entry[field];
      if (v === undefined) return undefined;
      if (typeof v !== "string" || v.trim() === "") {
        throw fail(`${at(field)} is ${JSON.stringify(v)} (expected a non-empty string)`);
      }
      return v;
    };
    const names = (field: string): string[] | undefined => {
      const v = entry[field];
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
        throw fail(`${at(field)} is ${JSON.stringify(v)} (expected a list of names)`);
      }
      return v;
    };
    const id = text("id");
    if (id === undefined) throw fail(`${at("id")} is missing`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      throw fail(`${at("id")} is '${id}' (expected lower-case letters, digits and "-")`);
    }
    if (seen.has(id)) throw fail(`${at("id")} '${id}' is listed twice`);
    seen.add(id);
    const file = text("file");
    const registered = REGISTRY.some((e) => e.id === id);
    if (file === undefined) {
      if (!registered) {
        throw fail(
          `${at("id")} '${id}' is not a registry dataset (${
            REGISTRY.map((e) => e.id).join(", ")
          })` +
            ' and has no "file"',
        );
      }
      const unknown = Object.keys(entry).filter((key) => key !== "id");
      if (unknown.length) {
        throw fail(`${at(unknown[0])}: a registry dataset takes only "id"`);
      }
      const e = datasetEntry(id);
      return { id, title: e.title, description: e.description, file: null, load: {} };
    }
    if (registered) throw fail(`${at("id")} '${id}' is a registry dataset's id: pick another`);
    const unknown = Object.keys(entry).filter((key) =>
      !(FILE_KEYS as readonly string[]).includes(key)
    );
    if (unknown.length) {
      throw fail(`${at(unknown[0])} is not an option (expected one of ${FILE_KEYS.join(", ")})`);
    }
    const layout = text("layout");
    if (layout !== undefined && !(LAYOUTS as readonly string[]).includes(layout)) {
      throw fail(`${at("layout")} is '${layout}' (expected ${LAYOUTS.join(", ")})`);
    }
    const kinds: Record<string, FactorKind> = {};
    for (const name of names("numeric") ?? []) kinds[name] = "numeric";
    for (const name of names("categorical") ?? []) kinds[name] = "categorical";
    const aliases = entry.aliases;
    if (
      aliases !== undefined &&
      (typeof aliases !== "object" || aliases === null ||
        Object.values(aliases).some((v) => typeof v !== "string"))
    ) {
      throw fail(`${at("aliases")} is ${JSON.stringify(aliases)} (expected {"FACTOR": "SCORE"})`);
    }
    const local = (p: string | undefined): string | undefined =>
      p === undefined ? undefined : projectPath(p, path);
    const read: ReadOptions = {
      ...(layout ? { layout: layout as Layout } : {}),
      ...(text("modelColumn") ? { modelColumn: text("modelColumn") } : {}),
      ...(text("taskColumn") ? { taskColumn: text("taskColumn") } : {}),
      ...(text("scoreColumn") ? { scoreColumn: text("scoreColumn") } : {}),
      ...(names("factorColumns") ? { factorColumns: names("factorColumns") } : {}),
      ...(names("dropColumns") ? { dropColumns: names("dropColumns") } : {}),
      ...(text("lowerIsBetter") ? { lowerIsBetter: text("lowerIsBetter") } : {}),
      ...(text("unbounded") ? { unbounded: text("unbounded") } : {}),
      ...(Object.keys(kinds).length ? { factorKinds: kinds } : {}),
    };
    const scores = local(file)!;
    return {
      id,
      title: text("title") ?? scores.split("/").pop()!,
      description: text("description") ?? `Scores read from ${file}.`,
      file: scores,
      load: {
        read,
        modelFactors: local(text("modelFactors")),
        taskFactors: local(text("taskFactors")),
        factorKinds: kinds,
        aliases: (aliases ?? {}) as Record<string, string>,
      },
    };
  });
  return { path, datasets };
}

/**
 * `file` (relative to the configuration at `config`) as the loaders open it: relative to the
 * working folder (the project) when it lies inside, so that no builder's own folders reach the
 * published pages (a reader's warnings name the file).
 */
function projectPath(file: string, config: string): string {
  const cwd = `file://${Deno.cwd()}/`;
  const absolute = decodeURIComponent(new URL(file, new URL(config, cwd)).pathname);
  const inside = decodeURIComponent(new URL(cwd).pathname);
  return absolute.startsWith(inside) ? absolute.slice(inside.length) : absolute;
}

/**
 * Loads a dataset of the site: its registry entry (a `DataUnavailableError` when this build cannot
 * have it), or its file read with its options, under its id and title.
 */
export async function loadSiteDataset(
  dataset: SiteDataset,
  options: LoadOptions = {},
): Promise<Dataset> {
  if (dataset.file === null) return await loadDataset(dataset.id, options);
  const data = await loadDataset(dataset.file, { ...options, ...dataset.load });
  return { ...data, id: dataset.id, title: dataset.title, description: dataset.description };
}

/** One dataset of the site, as the dataset switches and the navigation name it. */
export interface SiteIndexDataset {
  readonly id: string;
  readonly title: string;
  /** Whether this build read it; why not otherwise (no local paths). */
  readonly status: "loaded" | "unavailable";
  readonly reason: string | null;
  readonly shape:
    | { readonly models: number; readonly tasks: number; readonly observed: number }
    | null;
  /** Whether it records model design factors (the predict page needs them). */
  readonly modelFactors: boolean;
}

/** `src/data/site.json`: the datasets the site covers, in its order, with what they hold. */
export interface SiteIndex {
  readonly datasets: readonly SiteIndexDataset[];
}

/** Each dataset of the site loaded, or why this build cannot have it. */
async function loadSiteDatasets(
  datasets: readonly SiteDataset[],
  options: LoadOptions,
): Promise<{ dataset: SiteDataset; data: Dataset | null; reason: string | null }[]> {
  const out = [];
  for (const dataset of datasets) {
    try {
      out.push({ dataset, data: await loadSiteDataset(dataset, options), reason: null });
    } catch (error) {
      if (!(error instanceof DataUnavailableError)) throw error;
      out.push({ dataset, data: null, reason: error.reason });
    }
  }
  return out;
}

/** Whether the predict page can run on `data`: it folds a new model in from its design factors. */
function hasModelFactors(data: Dataset | null): boolean {
  return (data?.modelFactors?.factors.length ?? 0) > 0;
}

/**
 * The site's datasets with their shapes, for the dataset switches (a small file every
 * leaderboard, model and predict page reads).
 */
export async function siteIndex(
  datasets: readonly SiteDataset[],
  options: LoadOptions = {},
): Promise<SiteIndex> {
  const loaded = await loadSiteDatasets(datasets, options);
  return {
    datasets: loaded.map(({ dataset: d, data, reason }) => ({
      id: d.id,
      title: d.title,
      status: data ? "loaded" : "unavailable",
      reason,
      shape: data && {
        models: data.scores.dense.nModels,
        tasks: data.scores.dense.nTasks,
        observed: data.scores.dense.observed.reduce((a, b) => a + b, 0),
      },
      modelFactors: hasModelFactors(data),
    })),
  };
}

/** The pages the site makes for one of its datasets (paths without extension, from the root). */
export interface SiteRoutes {
  readonly id: string;
  readonly title: string;
  /** Every dataset has one: an unavailable dataset's says why. */
  readonly leaderboard: string;
  /** Only for a dataset this build has, with model design factors to fold a new model in from. */
  readonly predict: string | null;
  /** One page per model of a dataset this build has. */
  readonly models: readonly string[];
}

/**
 * The per-dataset pages of the site (the navigation and Framework's parameterized routes).
 *
 * @example
 * ```ts
 * const routes = await siteRoutes(readSiteConfig("site-datasets.json").datasets);
 * routes[0].predict; // "/predict/frontier"
 * ```
 */
export async function siteRoutes(
  datasets: readonly SiteDataset[],
  options: LoadOptions = {},
): Promise<SiteRoutes[]> {
  return (await loadSiteDatasets(datasets, options)).map(({ dataset: { id, title }, data }) => ({
    id,
    title,
    leaderboard: `/leaderboard/${id}`,
    predict: hasModelFactors(data) ? `/predict/${id}` : null,
    models: data ? slugs(data.scores.dense.models).map((s) => `/models/${id}/${s}`) : [],
  }));
}
