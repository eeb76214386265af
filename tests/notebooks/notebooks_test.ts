// The notebooks in notebooks/: committed without outputs, type-checked (code cells joined, deno
// check), and executed headlessly with the repo-local Deno kernelspec on the mirror's data; the
// frontier notebook also offline, on the copy embedded in the repository. A notebook asserts what it
// shows, so a run that completes is a run whose facts hold.
import assert from "node:assert/strict";
import {
  cellSource,
  checkNotebook,
  commitProblems,
  executeNotebook,
  JUPYTER_DIR,
  jupyterAvailable,
  listNotebooks,
  type Notebook,
  readNotebook,
} from "../../scripts/notebooks.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

const EXPECTED = [
  "01_explore_scores.ipynb",
  "02_train_and_compare.ipynb",
  "03_new_model.ipynb",
  "04_factor_importance.ipynb",
  "05_frontier.ipynb",
];
/** The dataset each notebook's `dataset` cell names. */
const DATASET: Record<string, RegExp> = { "05_frontier.ipynb": /`frontier`, mirror copy/ };
const notebooks = await listNotebooks();
const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** The text of a cell's outputs of one kind in an executed copy ("stderr", "text/markdown", …). */
function outputText(nb: Notebook, cellId: string, kind: string): string {
  const cell = nb.cells.find((c) => c.id === cellId);
  assert.ok(cell, `no cell '${cellId}'`);
  return (cell.outputs as {
    name?: string;
    text?: string | string[];
    data?: Record<string, unknown>;
  }[])
    .map((o) => {
      const value = o.name === kind ? o.text : o.data?.[kind];
      return Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "";
    })
    .join("");
}

/** Executes every notebook with `env`, keeping the copies; returns them by file name. */
async function executeAll(
  env: Record<string, string | undefined>,
): Promise<Map<string, Notebook>> {
  const dir = await Deno.makeTempDir({ prefix: "cpp-notebooks-test-" });
  try {
    const executed = new Map<string, Notebook>();
    for (const path of notebooks) {
      const r = await executeNotebook(path, { outputDir: dir, env });
      console.log(`executed ${r.notebook} in ${r.seconds.toFixed(1)} s`);
      assert.ok(r.ok, `${r.notebook} failed:\n${r.output}`);
      executed.set(r.notebook, await readNotebook(`${dir}/${r.notebook}`));
    }
    return executed;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the notebooks are committed without outputs or execution counts, on the Deno kernel", async () => {
  assert.deepEqual(notebooks.map(nameOf), EXPECTED);
  for (const path of notebooks) {
    const nb = await readNotebook(path);
    assert.deepEqual(commitProblems(nb), [], nameOf(path));
    assert.equal(nb.metadata.kernelspec?.name, "deno");
    const code = nb.cells.filter((c) => c.cell_type === "code").map(cellSource).join("\n");
    // The library, never a copy of it.
    assert.match(code, /from "\.\.\/src\/lib\/mod\.ts"/, nameOf(path));
    assert.match(code, /from "node:assert\/strict"/, nameOf(path));
  }
});

Deno.test("the repo-local kernelspec runs `deno jupyter` from PATH, with no absolute path", async () => {
  const spec = JSON.parse(await Deno.readTextFile(`${JUPYTER_DIR}/kernels/deno/kernel.json`));
  assert.deepEqual(spec.argv, ["deno", "jupyter", "--kernel", "--conn", "{connection_file}"]);
  assert.deepEqual([spec.display_name, spec.language, spec.env], ["Deno", "typescript", {
    NO_COLOR: "1",
  }]);
});

Deno.test("every notebook type-checks (its code cells joined, deno check)", async () => {
  for (const path of notebooks) {
    const r = await checkNotebook(path);
    assert.ok(r.ok, `${r.notebook}:\n${r.output}`);
  }
  const left = [...Deno.readDirSync(new URL("../../notebooks/", import.meta.url))]
    .filter((e) => e.name.startsWith("_check_"));
  assert.deepEqual(left, [], "the joined files are removed");
});

Deno.test("every notebook runs headlessly on the mirror's data and its assertions hold", async () => {
  if (!prerequisite(await jupyterAvailable(), "Jupyter (python3 with nbclient)")) return;
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const executed = await executeAll({ CPP_DATA_DIR: dir!, CPP_OFFLINE: "1" });
  for (const [name, nb] of executed) {
    // The full data, not the sample: the notebooks' full-data checks ran.
    assert.match(
      outputText(nb, "dataset", "text/markdown"),
      DATASET[name] ?? /cpp-crowdsource/,
      name,
    );
    assert.equal(outputText(nb, "dataset", "stderr"), "", name);
  }
});

Deno.test("the frontier notebook runs offline, without the mirror, on the embedded copy", async () => {
  if (!prerequisite(await jupyterAvailable(), "Jupyter (python3 with nbclient)")) return;
  const cache = await Deno.makeTempDir({ prefix: "cpp-notebooks-cache-" });
  const dir = await Deno.makeTempDir({ prefix: "cpp-notebooks-test-" });
  try {
    const path = notebooks.find((p) => nameOf(p) === "05_frontier.ipynb")!;
    const r = await executeNotebook(path, {
      outputDir: dir,
      env: { CPP_DATA_DIR: undefined, CPP_OFFLINE: "1", CPP_CACHE_DIR: cache },
    });
    assert.ok(r.ok, `${r.notebook} failed:\n${r.output}`);
    const nb = await readNotebook(`${dir}/${r.notebook}`);
    assert.match(outputText(nb, "dataset", "text/markdown"), /`frontier`, embedded copy/);
    // No folds file without the mirror: the same protocol, dealt here, and the CLI agrees.
    assert.match(outputText(nb, "folds", "text/markdown"), /per-model folds dealt here/);
    assert.match(outputText(nb, "cli", "text/markdown"), /--split per-model --folds 3 --seeds 10/);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(cache, { recursive: true });
  }
});
