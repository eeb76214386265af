/**
 * The overview page's data: for each dataset shown, its summary, provenance and observed cells,
 * as tidy JSON the page draws directly.
 */
import { EMBEDDED_ID } from "../data/registry.ts";
import { type Dataset, loadDataset, type LoadOptions } from "../data/load_dataset.ts";
import { type CellRow, type DatasetSummary, observedCells, summarize } from "../data/summary.ts";

export interface OverviewDataset extends Omit<DatasetSummary, "provenance" | "factors"> {
  readonly provenance: {
    readonly origin: string;
    readonly commit: string | null;
    readonly citation: string | null;
    readonly retrieved: string | null;
    /** `url` without its scheme: the built site holds no external link. */
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

export interface Overview {
  readonly datasets: readonly OverviewDataset[];
}

/** Strips `https://` (anywhere in the text) so that no external link ends up in the static site. */
export function withoutScheme<T extends string | null>(text: T): T {
  return (text === null ? null : text.replace(/\b[a-z][a-z0-9+.-]*:\/\//gi, "")) as T;
}

function overviewOf(data: Dataset): OverviewDataset {
  const s = summarize(data);
  return {
    ...s,
    notice: withoutScheme(s.notice),
    provenance: {
      origin: s.provenance.origin,
      commit: s.provenance.commit,
      citation: s.provenance.citation,
      retrieved: null,
      files: s.provenance.files.map((f) => ({
        role: f.role,
        name: f.name,
        url: withoutScheme(f.url),
        sha256: f.sha256,
        bytes: f.bytes,
      })),
    },
    cells: observedCells(data),
  };
}

/**
 * Loads each dataset (falling back to the embedded sample, with its notice, where one is not
 * available) and always adds the embedded sample itself; a sample standing in for several
 * datasets is listed once, with every notice.
 */
export async function overviewData(
  ids: readonly string[] = ["cpp-crowdsource", "helm-core"],
  options: LoadOptions = {},
): Promise<Overview> {
  const out: OverviewDataset[] = [];
  for (const id of [...ids, EMBEDDED_ID]) {
    const data = await loadDataset(id, options);
    const existing = out.findIndex((d) => d.id === data.id);
    if (existing < 0) {
      out.push(overviewOf(data));
    } else if (data.notice) {
      const prev = out[existing];
      const notice = [prev.notice, withoutScheme(data.notice)].filter(Boolean).join(" ");
      out[existing] = { ...prev, notice };
    }
  }
  return { datasets: out };
}
