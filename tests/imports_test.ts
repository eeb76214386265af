/**
 * The library's import graph: no cycle anywhere in src/lib, and the training engine's layers
 * (kernels, then train, then models) import only downwards.
 */
import assert from "node:assert/strict";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const LIB = fileURLToPath(new URL("../src/lib/", import.meta.url));

/** Every module of src/lib (relative paths) and the src/lib modules or packages it names. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) walk(path);
      else if (/\.(ts|js)$/.test(entry.name)) files.push(path);
    }
  };
  walk(LIB);
  // static imports and re-exports (type-only ones too), dynamic imports, worker URLs
  const specifier =
    /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|new URL\(\s*["']([^"']+)["']/g;
  const graph = new Map<string, string[]>();
  for (const file of files) {
    // block comments hold JSDoc examples, which import as a user would
    const source = Deno.readTextFileSync(file).replace(/\/\*[\s\S]*?\*\//g, "");
    const deps = [...source.matchAll(specifier)].map((m) => {
      const spec = m[1] ?? m[2] ?? m[3];
      return spec.startsWith(".") ? relative(LIB, join(dirname(file), spec)) : spec;
    });
    graph.set(relative(LIB, file), deps);
  }
  return graph;
}

/** The first cycle found by a depth-first walk, as a path that ends where it starts; or null. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

const graph = importGraph();
const folderOf = (module: string) => (module.includes("/") ? module.split("/")[0] : "");

Deno.test("findCycle() finds a cycle through a worker URL and none in a chain", () => {
  const chain = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["gpu.js"]]]);
  assert.equal(findCycle(chain), null);
  const cyclic = new Map([...chain, ["c.ts", ["a.ts"]]]);
  assert.deepEqual(findCycle(cyclic), ["a.ts", "b.ts", "c.ts", "a.ts"]);
});

Deno.test("the modules of src/lib import each other without a cycle", () => {
  assert.ok(graph.has("train/fit_worker.ts"), "the graph holds the library's modules");
  assert.ok(graph.get("train/parallel.ts")!.includes("train/fit_worker.ts"), "worker URLs count");
  const cycle = findCycle(graph);
  assert.equal(cycle, null, `import cycle: ${cycle?.join(" -> ")}`);
});

Deno.test("the engine imports downwards only: kernels, then train, then models", () => {
  // what each layer may import besides itself (npm packages apart)
  const below: Record<string, readonly string[]> = {
    kernels: [],
    train: ["kernels", "util", "data"],
    models: ["train", "kernels", "util", "data"],
  };
  for (const [module, deps] of graph) {
    const layer = folderOf(module);
    for (const dep of deps) {
      if (!graph.has(dep)) {
        assert.ok(dep !== "gpu.js" || layer === "kernels", `${module} imports gpu.js`);
        continue;
      }
      if (!(layer in below) || folderOf(dep) === layer) continue;
      assert.ok(below[layer].includes(folderOf(dep)), `${module} imports ${dep}`);
    }
  }
});
