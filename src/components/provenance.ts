/**
 * Where a dataset came from: origin (mirror, cache, download, embedded; none when it was not
 * read), commit, retrieval date, and each file with a link to its public source, SHA-256 and
 * size.
 */
import { documentOf, externalLink, formatInteger, h } from "./_dom.js";
import type { ProvenanceJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

const ORIGINS: Readonly<Record<string, string>> = {
  mirror: "a local mirror of the published files (CPP_DATA_DIR)",
  cache: "the local download cache",
  download: "downloaded from the published source while building",
  embedded: "the small sample shipped inside the code",
};

export function provenanceView(
  provenance: ProvenanceJson,
  options: RenderOptions = {},
): HTMLElement {
  const doc = documentOf(options, "provenanceView");
  const item = (term: string, ...description: (Node | string)[]) => [
    h(doc, "dt", {}, term),
    h(doc, "dd", {}, ...description),
  ];
  const list = h(
    doc,
    "dl",
    { class: "cpp-provenance-facts" },
    ...item(
      "Origin",
      ...(provenance.origin === null ? ["none: the files could not be read in this build"] : [
        h(doc, "code", { "data-field": "origin" }, provenance.origin),
        ` — ${ORIGINS[provenance.origin] ?? "unknown"}`,
      ]),
    ),
    ...item(
      "Commit",
      provenance.commit === null
        ? "none (not from a repository)"
        : h(doc, "code", { "data-field": "commit" }, provenance.commit),
    ),
    ...item("Retrieved", provenance.retrieved ?? "not applicable"),
    ...(provenance.citation ? item("Citation", provenance.citation) : []),
  );
  const files = provenance.files.length === 0
    ? h(
      doc,
      "p",
      { class: "muted" },
      provenance.origin === "embedded" ? "No files: the data is in the code." : "No files listed.",
    )
    : h(
      doc,
      "div",
      { class: "cpp-scroll" },
      h(
        doc,
        "table",
        { class: "cpp-provenance-files" },
        h(
          doc,
          "thead",
          {},
          h(
            doc,
            "tr",
            {},
            ...["Role", "File", "Source (URL)", "SHA-256", "Bytes"].map((t) => h(doc, "th", {}, t)),
          ),
        ),
        h(
          doc,
          "tbody",
          {},
          ...provenance.files.map((f) =>
            h(
              doc,
              "tr",
              {},
              h(doc, "td", {}, f.role),
              h(doc, "td", {}, h(doc, "code", {}, f.name)),
              h(
                doc,
                "td",
                { class: "cpp-url" },
                f.url === null ? "embedded in the code" : externalLink(doc, f.url),
              ),
              h(doc, "td", {}, h(doc, "code", { class: "cpp-hash" }, f.sha256)),
              h(
                doc,
                "td",
                { class: "cpp-num" },
                f.bytes === null ? "not read" : formatInteger(f.bytes),
              ),
            )
          ),
        ),
      ),
    );
  return h(doc, "div", { class: "cpp-provenance" }, list, files);
}
