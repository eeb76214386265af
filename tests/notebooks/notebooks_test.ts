// The notebooks in notebooks/: committed without outputs, type-checked (code cells joined, deno
// check), and executed headlessly with the repo-local Deno kernelspec, on the full dataset and on
// the embedded sample that stands in when the data is unavailable. A notebook asserts what it
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
];
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

Deno.test("every notebook runs headlessly on cpp-crowdsource and its assertions hold", async () => {
  if (!prerequisite(await jupyterAvailable(), "Jupyter (python3 with nbclient)")) return;
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const executed = await executeAll({ CPP_DATA_DIR: dir!, CPP_OFFLINE: "1" });
  for (const [name, nb] of executed) {
    // The full data, not the sample: the notebooks' full-data checks ran.
    assert.match(outputText(nb, "dataset", "text/markdown"), /cpp-crowdsource/, name);
    assert.equal(outputText(nb, "dataset", "stderr"), "", name);
  }
});
