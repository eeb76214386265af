// Writes the project's embedded copy of BenchPress's matrix (src/lib/data/_embedded/frontier.json)
// from the pinned, verified data.json: the scores, the model metadata the reader uses and each
// observed cell's source (url, type, matches_canonical, audit_status). BenchPress's own predictions,
// intervals and trust values (the peer's outputs) and the free-text notes are left out.
// CDLA-Permissive-2.0 allows this; the license text and the attribution sit beside the copy.
//
//   deno run --allow-read --allow-write --allow-env scripts/embed_frontier.ts [MIRROR_DIR]
//
// MIRROR_DIR defaults to CPP_DATA_DIR. It prints the new file's sha256, which goes into the
// `embeddedCopy` of the `frontier` entry in src/lib/data/registry.ts.
import { datasetEntry } from "../src/lib/data/registry.ts";
import { resolveFile, sha256Hex, writeFileAtomic } from "../src/lib/data/resolve.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** The compact copy's text, from the text of the pinned data.json (deterministic). */
export function compactCopy(text: string, source: Obj): string {
  const data = JSON.parse(text) as Obj;
  const models = (data.models as Obj[]).map((m) => {
    const setting = (m.canonical_setting ?? null) as Obj | null;
    return {
      id: m.id,
      name: m.name,
      provider: m.provider,
      reasoning: m.reasoning,
      release_date: m.release_date,
      canonical_setting: setting === null ? null : { mode: setting.mode, effort: setting.effort },
      open_weights: m.open_weights,
    };
  });
  const benchmarks = (data.benchmarks as Obj[]).map((b) => ({ id: b.id, name: b.name }));
  const observed = data.observed as Json[][];
  const sources = (data.sources as (Obj | null)[][]).map((row, i) =>
    row.map((s, j) =>
      s === null || observed[i][j] === null ? null : {
        url: s.url,
        type: s.type,
        matches_canonical: s.matches_canonical,
        audit_status: s.audit_status,
      }
    )
  );
  // One model or one row per line: readable diffs, and still compact.
  const rows = (list: unknown[]) => `[\n${list.map((x) => JSON.stringify(x)).join(",\n")}\n]`;
  return `{\n"source": ${JSON.stringify(source)},\n"models": ${rows(models)},\n` +
    `"benchmarks": ${rows(benchmarks)},\n"observed": ${rows(observed)},\n` +
    `"sources": ${rows(sources)}\n}\n`;
}

/** What the copy says about where it came from. */
export function copySource(): Obj {
  const entry = datasetEntry("frontier");
  const file = entry.files[0];
  return {
    repository: "https://github.com/microsoft/benchpress",
    commit: entry.commit,
    path: "website/data.json",
    sha256: file.sha256,
    license: "CDLA-Permissive-2.0 (LICENSE-CDLA-2.0.md, beside this file)",
    attribution: 'Zeng & Papailiopoulos, "You Don\'t Need to Run Every Eval", arXiv 2606.24020',
  };
}

if (import.meta.main) {
  const dataDir = Deno.args[0] ?? Deno.env.get("CPP_DATA_DIR");
  if (!dataDir) {
    console.error("embed_frontier: give the mirror folder (or set CPP_DATA_DIR)");
    Deno.exit(2);
  }
  const resolved = await resolveFile(datasetEntry("frontier").files[0], {
    dataDir,
    offline: true,
  });
  const bytes = new TextEncoder().encode(compactCopy(resolved.text, copySource()));
  const target = new URL("../src/lib/data/_embedded/frontier.json", import.meta.url).pathname;
  await writeFileAtomic(target, bytes);
  console.log(`embed_frontier: wrote ${target} (${bytes.length} bytes)`);
  console.log(`sha256 ${await sha256Hex(bytes)}`);
}
