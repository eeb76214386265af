// The contract between the library and the site: each page function of src/lib/report, run on a
// small dataset, gives JSON of the same shape as the page fixture the component tests draw
// (tests/fixtures/site/*.json): the same fields, of the same types, at every depth. A field
// added to a report and not to its fixture (or left in a fixture after the report dropped it)
// fails here, so the fixtures cannot drift from what the loaders write.
import assert from "node:assert/strict";
import {
  benchpressReport,
  biasAls,
  biases,
  type Dataset,
  datasetsReport,
  emergentPage,
  generalizationPage,
  helmPilotPage,
  leaderboardPage,
  loadDataset,
  methodsPage,
  overviewData,
  performanceLawPage,
  perModelFolds,
  probeSetReport,
  shapleyPage,
  subsetDataset,
} from "../../src/lib/mod.ts";
import { mirrorDir, mirroredDataset } from "../_prerequisites.ts";
import { smallFrontier } from "../_small_frontier.ts";

/** A JSON value's shape: its type, and for arrays and objects the shapes inside. */
type Shape =
  | { kind: "number" | "string" | "boolean" | "null" | "unknown" }
  | { kind: "array"; element: Shape }
  | { kind: "object"; fields: Map<string, { shape: Shape; always: boolean }> }
  | { kind: "record" };

/**
 * Paths (`.`-joined keys, `[]` for array elements) of objects keyed by data, not by the code:
 * factor names, hyperparameters, fitted parameters. Only their being objects is compared.
 */
const RECORDS = new Set([
  "tables[].methods[].config",
  "fits[].config",
  "results[].config",
  "modelInfo[].factors",
  "law.fit.params",
  "fits[].params",
]);

function shapeOf(value: unknown, path = ""): Shape {
  if (value === null) return { kind: "null" };
  if (Array.isArray(value)) {
    return {
      kind: "array",
      element: value.reduce<Shape>(
        (s, v) => merge(s, shapeOf(v, `${path}[]`)),
        { kind: "unknown" },
      ),
    };
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (RECORDS.has(path)) return { kind: "record" };
    return {
      kind: "object",
      fields: new Map(
        entries.map(([k, v]) => [k, {
          shape: shapeOf(v, path ? `${path}.${k}` : k),
          always: true,
        }]),
      ),
    };
  }
  const kind = typeof value;
  if (kind === "number" || kind === "string" || kind === "boolean") return { kind };
  throw new TypeError(`Cannot take the shape of ${path}: a ${kind} is not JSON`);
}

/** The shape of values that are one or the other (array elements, a field over rows). */
function merge(a: Shape, b: Shape): Shape {
  if (a.kind === "unknown" || a.kind === "null") return b.kind === "unknown" ? a : b;
  if (b.kind === "unknown" || b.kind === "null") return a;
  if (a.kind === "array" && b.kind === "array") {
    return { kind: "array", element: merge(a.element, b.element) };
  }
  if (a.kind === "object" && b.kind === "object") {
    const fields = new Map<string, { shape: Shape; always: boolean }>();
    for (const key of new Set([...a.fields.keys(), ...b.fields.keys()])) {
      const x = a.fields.get(key);
      const y = b.fields.get(key);
      fields.set(key, {
        shape: x && y ? merge(x.shape, y.shape) : (x ?? y)!.shape,
        always: Boolean(x?.always && y?.always),
      });
    }
    return { kind: "object", fields };
  }
  if (a.kind === b.kind) return a;
  // Two kinds in one place (e.g. a number and a string): compared as that set of kinds.
  const kinds = [...new Set([...a.kind.split("|"), ...b.kind.split("|")])].sort().join("|");
  return { kind: kinds as "unknown" };
}

/**
 * Where two shapes differ: a field one has and the other never has (unless listed in
 * `optional`, a field the report writes only on some rows), or a field of another type. `null`
 * and the unknown element of an empty array match anything.
 */
function differences(
  fixture: Shape,
  actual: Shape,
  optional: ReadonlySet<string>,
  path = "",
): string[] {
  if ([fixture.kind, actual.kind].some((k) => k === "unknown" || k === "null")) return [];
  if (fixture.kind !== actual.kind) {
    return [`${path || "(top)"}: ${fixture.kind} in the fixture, ${actual.kind} in the report`];
  }
  if (fixture.kind === "array" && actual.kind === "array") {
    return differences(fixture.element, actual.element, optional, `${path}[]`);
  }
  if (fixture.kind !== "object" || actual.kind !== "object") return [];
  const out: string[] = [];
  for (const key of new Set([...fixture.fields.keys(), ...actual.fields.keys()])) {
    const at = path ? `${path}.${key}` : key;
    const f = fixture.fields.get(key);
    const a = actual.fields.get(key);
    if (f && a) out.push(...differences(f.shape, a.shape, optional, at));
    else if (!optional.has(at)) out.push(`${at}: only in the ${f ? "fixture" : "report"}`);
  }
  return out;
}

/** Fails when `report` (a page function's result) and the fixture have other shapes. */
async function assertSameShape(
  fixture: string,
  report: unknown,
  optional: readonly string[] = [],
): Promise<void> {
  const text = await Deno.readTextFile(new URL(`../fixtures/site/${fixture}`, import.meta.url));
  // What the loader writes and the page reads back: non-finite numbers become null.
  const written = JSON.parse(JSON.stringify(report));
  const found = differences(shapeOf(JSON.parse(text)), shapeOf(written), new Set(optional));
  assert.deepEqual(
    found,
    [],
    `${fixture} differs from what its loader writes:\n  ${found.join("\n  ")}`,
  );
}

/**
 * The crowdsourced matrix cut to the families the analyses need (small and large members with
 * design factors, MMLU and the emergent targets), so that every page runs in seconds.
 */
async function smallCrowdsource(): Promise<Dataset | null> {
  const full = await mirroredDataset("cpp-crowdsource");
  if (!full) return null;
  const family = full.modelFactors!.factors.find((f) => /family/i.test(f.name))!;
  const keep = full.scores.dense.models.filter((_, i) =>
    /llama|falcon|pythia/i.test(String(family.values[i] ?? ""))
  );
  return subsetDataset(full, { models: keep });
}

const fast = { seeds: 1 };

Deno.test("overviewData() and datasetsReport() give the shape of the overview and datasets fixtures", async () => {
  const options = { dataDir: mirrorDir(), offline: true, cacheDir: null };
  await assertSameShape("overview.json", await overviewData(["helm-core"], options));
  await assertSameShape(
    "datasets.json",
    await datasetsReport(["helm-core", "helm-seed"], { ...options, repositoryCommit: null }),
  );
});

Deno.test("leaderboardPage() and helmPilotPage() give the shape of their fixtures", async () => {
  const seed = await loadDataset("helm-seed");
  await assertSameShape(
    "leaderboard.json",
    await leaderboardPage(seed, { seeds: 2, intervalSeeds: 1, methods: "biases,mf" }),
  );
  const helm = await mirroredDataset("helm-core");
  if (!helm) return;
  await assertSameShape("helm-pilot.json", await helmPilotPage(helm, fast));
});

Deno.test("the analysis pages give the shape of their fixtures", async () => {
  const data = await smallCrowdsource();
  if (!data) return;
  // One learned method where the page has room for it, closed-form baselines elsewhere.
  const learned = { ...fast, methods: "biases,factors-only" };
  const closed = { ...fast, methods: "task-mean,biases" };
  await assertSameShape("methods.json", await methodsPage(data, learned));
  await assertSameShape(
    "generalization.json",
    await generalizationPage(data, { ...closed, ks: [0, 2] }),
    ["rows[].reason"],
  );
  await assertSameShape("emergent.json", await emergentPage(data, learned), [
    "fits[].reason",
    "fits[].params",
    "fits[].sse",
    "fits[].converged",
  ]);
  await assertSameShape("performance-law.json", await performanceLawPage(data, closed), [
    "collaborative.rows[].reason",
  ]);
  await assertSameShape(
    "shapley.json",
    await shapleyPage(data, {
      ...fast,
      methods: ["factors-only"],
      modelBudget: { "factors-only": 26 },
    }),
    ["results[].coalitionValues"],
  );
});

Deno.test("benchpressReport() and probeSetReport() give the shape of the BenchPress page's fixtures", async () => {
  const data = await smallFrontier();
  const { observed, nTasks } = data.scores.dense;
  const folds = {
    source: "per-model" as const,
    note: "a test",
    folds: perModelFolds(observed, nTasks, { folds: 3, seeds: 1 }),
  };
  const report = await benchpressReport(data, folds, {
    methods: [biasAls(), biases()],
    known: [1],
    releaseSeeds: 1,
  });
  await assertSameShape("benchpress.json", { ...report, skippedMethods: [] });
  await assertSameShape("probes.json", await probeSetReport(data, { size: 2 }));
});
