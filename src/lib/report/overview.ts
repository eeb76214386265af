/**
 * The overview page's data: for each dataset shown, its summary, provenance and observed cells,
 * as tidy JSON the page draws directly.
 */
import { datasetEntry } from "../data/registry.ts";
import { type Dataset, loadDataset, type LoadOptions } from "../data/load_dataset.ts";
import { DataUnavailableError } from "../data/resolve.ts";
import { loadSiteDataset, type SiteDataset } from "./site_config.ts";
import { type CellRow, type DatasetSummary, observedCells, summarize } from "../data/summary.ts";

export interface OverviewDataset extends Omit<DatasetSummary, "provenance" | "factors"> {
  readonly provenance: {
    readonly origin: string;
    readonly commit: string | null;
    readonly citation: string | null;
    readonly retrieved: string | null;
    /** `url`: the public source (linked from the page), null for a file the project ships. */
    readonly files: readonly {
      role: string;
      name: string;
      url: string | null;
      sha256: string;
      bytes: number;
    }[];
  };
  readonly factors: DatasetSummary["factors"];
  readonly cells: readonly CellRow[];
}

/** A dataset the report covers but this build could not have, and why (no local paths). */
export interface UnavailableDataset {
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

export interface Overview {
  readonly datasets: readonly OverviewDataset[];
  readonly unavailable: readonly UnavailableDataset[];
}

function overviewOf(data: Dataset): OverviewDataset {
  const s = summarize(data);
  return {
    ...s,
    provenance: {
      origin: s.provenance.origin,
      commit: s.provenance.commit,
      citation: s.provenance.citation,
      retrieved: null,
      files: s.provenance.files.map((f) => ({
        role: f.role,
        name: f.name,
        url: f.url,
        sha256: f.sha256,
        bytes: f.bytes,
      })),
    },
    cells: observedCells(data),
  };
}

/**
 * Loads each dataset (a registry id, or a dataset of the site's configuration); one that cannot
 * be had is listed in `unavailable` with the reason.
 *
 * @example
 * ```ts
 * const overview = await overviewData(["frontier", "cpp-crowdsource"]);
 * overview.datasets.map((d) => d.id); // ["frontier", "cpp-crowdsource"] with the mirror
 * ```
 */
export async function overviewData(
  ids: readonly (string | SiteDataset)[] = ["frontier", "cpp-crowdsource", "helm-core"],
  options: LoadOptions = {},
): Promise<Overview> {
  const datasets: OverviewDataset[] = [];
  const unavailable: UnavailableDataset[] = [];
  for (const item of ids) {
    const dataset = typeof item === "string" ? null : item;
    const id = dataset?.id ?? item as string;
    try {
      const data = dataset
        ? await loadSiteDataset(dataset, options)
        : await loadDataset(id, options);
      datasets.push(overviewOf(data));
    } catch (error) {
      if (!(error instanceof DataUnavailableError)) throw error;
      const title = dataset?.title ?? datasetEntry(id).title;
      unavailable.push({ id, title, reason: error.reason });
    }
  }
  return { datasets, unavailable };
}
