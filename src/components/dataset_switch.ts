/**
 * The dataset switch of the per-dataset pages (leaderboards, predict pages): one link per dataset
 * of the site, named by its title and what it holds (models × tasks, scores), the current one
 * marked; a dataset this build could not have is named with "not available".
 *
 * @example
 * ```ts
 * document.body.append(datasetSwitch(site, "frontier", { href: (id) => `./${id}.html` }));
 * ```
 */
import { documentOf, formatInteger, h } from "./_dom.js";
import type { SiteIndexJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** "84 models × 133 tasks, 2,604 scores", or why the dataset is missing. */
export function holdsText(d: SiteIndexJson["datasets"][number]): string {
  if (d.shape === null) return "not available in this build";
  return `${formatInteger(d.shape.models)} models × ${formatInteger(d.shape.tasks)} tasks, ` +
    `${formatInteger(d.shape.observed)} scores`;
}

export function datasetSwitch(
  site: SiteIndexJson,
  current: string,
  options: RenderOptions & { href: (id: string) => string; label?: string },
): HTMLElement {
  const doc = documentOf(options, "datasetSwitch");
  return h(
    doc,
    "nav",
    { class: "cpp-dataset-switch", "aria-label": options.label ?? "Dataset" },
    h(doc, "span", { class: "cpp-dataset-switch-label" }, `${options.label ?? "Dataset"}:`),
    h(
      doc,
      "ul",
      {},
      ...site.datasets.map((d) =>
        h(
          doc,
          "li",
          { "data-dataset": d.id, "data-status": d.status },
          d.id === current
            ? h(doc, "strong", { "aria-current": "page" }, d.title)
            : h(doc, "a", { href: options.href(d.id) }, d.title),
          h(doc, "span", { class: "muted" }, ` (${holdsText(d)})`),
        )
      ),
    ),
  );
}
