/**
 * The notebooks in notebooks/, headless: type-check each one (its code cells joined into one .ts
 * file, `deno check`) and execute each one with Jupyter and the repo-local Deno kernelspec
 * (.jupyter/kernels/deno). Executed copies go to a temporary folder: the committed notebooks stay
 * without outputs.
 *
 * Usage (from the repository root; `deno task notebooks` runs the default):
 *
 *   deno run -A scripts/notebooks.ts [NAME…]          check, then execute every (or each named) notebook
 *   deno run -A scripts/notebooks.ts --check [NAME…]  only: no committed outputs, and `deno check`
 *   deno run -A scripts/notebooks.ts --execute        only execute
 *   deno run -A scripts/notebooks.ts --keep DIR       also keep the executed copies in DIR
 *   deno run -A scripts/notebooks.ts --strip          clear outputs and execution counts in place
 *
 * Execution needs a python3 with nbclient, the library behind `jupyter execute` (Debian:
 * jupyter-client python3-nbclient). A relative CPP_DATA_DIR is taken relative to the current folder
 * and passed to the kernel as an absolute path (the kernel runs in notebooks/). Prints one line per
 * notebook and step with its time; exits non-zero on any failure.
 *
 * @module
 */

/** The repository root (no trailing slash). */
export const ROOT: string = decodeURIComponent(new URL("..", import.meta.url).pathname).replace(
  /\/$/,
  "",
);
export const NOTEBOOK_DIR = `${ROOT}/notebooks`;
/** The folder named by JUPYTER_PATH: it holds kernels/deno/kernel.json. */
export const JUPYTER_DIR = `${ROOT}/.jupyter`;
/** The kernelspec name every notebook must use. */
export const KERNEL_NAME = "deno";

/** The parts of an nbformat 4 notebook this script reads. */
export interface NotebookCell {
  readonly cell_type: "code" | "markdown" | "raw";
  readonly source: string | readonly string[];
  readonly outputs?: readonly unknown[];
  readonly execution_count?: number | null;
  readonly [key: string]: unknown;
}

export interface Notebook {
  readonly cells: readonly NotebookCell[];
  readonly metadata: {
    readonly kernelspec?: { readonly name?: string };
    readonly [key: string]: unknown;
  };
  readonly nbformat: number;
  readonly nbformat_minor: number;
}

/** The outcome of one step (check or execute) on one notebook. */
export interface StepResult {
  readonly notebook: string;
  readonly ok: boolean;
  readonly seconds: number;
  /** Errors (or, on success, anything worth reading); empty when there is nothing to say. */
  readonly output: string;
}

const basename = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const dirname = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

/** The notebooks of `dir` (default notebooks/), sorted by name, as absolute paths. */
export async function listNotebooks(dir: string = NOTEBOOK_DIR): Promise<string[]> {
  const paths: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) paths.push(`${dir}/${entry.name}`);
  }
  return paths.sort();
}

/** Reads a notebook; a file that is not an nbformat 4 notebook is an error. */
export async function readNotebook(path: string): Promise<Notebook> {
  let nb: Notebook;
  try {
    nb = JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    throw new SyntaxError(`Cannot read notebook ${path}: ${(error as Error).message}`);
  }
  if (nb.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new SyntaxError(
      `Cannot read notebook ${path}: nbformat is ${nb.nbformat} (expected 4 with a cells list)`,
    );
  }
  return nb;
}

/** A cell's source as one string (nbformat stores it as a string or a list of lines). */
export function cellSource(cell: NotebookCell): string {
  return typeof cell.source === "string" ? cell.source : cell.source.join("");
}

/**
 * What keeps a notebook from being committed: outputs, execution counts, or a kernel other than
 * the repo's Deno kernelspec. Empty when the notebook is clean.
 */
export function commitProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  const kernel = nb.metadata.kernelspec?.name;
  if (kernel !== KERNEL_NAME) {
    problems.push(`kernelspec is '${kernel}' (expected '${KERNEL_NAME}')`);
  }
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    if ((cell.outputs?.length ?? 0) > 0) {
      problems.push(`cell ${index + 1} has ${cell.outputs!.length} output(s)`);
    }
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push(`cell ${index + 1} has execution count ${cell.execution_count}`);
    }
  });
  return problems;
}

/** The code cells of a notebook as one TypeScript module, and the cell (1-based) of each line. */
export interface JoinedCells {
  readonly text: string;
  /** `cellOfLine[n - 1]` is the notebook cell that line n came from (0 for generated lines). */
  readonly cellOfLine: readonly number[];
  /** `firstLine[cell]` is the joined line number of the cell's first line. */
  readonly firstLine: ReadonlyMap<number, number>;
}

/**
 * Joins the code cells into one module for `deno check`. The Jupyter kernel types `Deno.jupyter`
 * (display, html, md, svg) from the unstable library, so the module references it; each cell ends
 * with `;` so that a cell's last bare expression (what the kernel displays) cannot run into the
 * next cell. As in any module, a name is declared once across all cells.
 */
export function joinCodeCells(nb: Notebook, name = "notebook"): JoinedCells {
  const lines: string[] = [
    `/// <reference lib="deno.unstable" />`,
    `// The code cells of ${name}, joined for deno check (generated; removed after the check).`,
  ];
  const cellOfLine: number[] = [0, 0];
  const firstLine = new Map<number, number>();
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    lines.push(`// cell ${index + 1}`);
    cellOfLine.push(0);
    firstLine.set(index + 1, lines.length + 1);
    for (const line of cellSource(cell).split("\n")) {
      lines.push(line);
      cellOfLine.push(index + 1);
    }
    lines.push(";");
    cellOfLine.push(0);
  });
  lines.push("export {};", "");
  cellOfLine.push(0, 0);
  return { text: lines.join("\n"), cellOfLine, firstLine };
}

/** Rewrites `file:///…/_check_x.ts:LINE:COL` in deno's messages as `x.ipynb cell N, line M:COL`. */
function mapLocations(text: string, tmpPath: string, name: string, joined: JoinedCells): string {
  const escaped = tmpPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(?:file://)?${escaped}:(\\d+):(\\d+)`, "g");
  return text.replace(pattern, (_, line: string, col: string) => {
    const n = Number(line);
    const cell = joined.cellOfLine[n - 1] ?? 0;
    if (cell === 0) return `${name} (generated line ${n}):${col}`;
    return `${name} cell ${cell}, line ${n - joined.firstLine.get(cell)! + 1}:${col}`;
  }).replaceAll(basename(tmpPath), name);
}

/**
 * Type-checks a notebook: its code cells joined into a temporary .ts file beside it (so that
 * `../src/lib/mod.ts` and deno.json resolve as in the kernel), `deno check`, then the file is
 * removed. Also fails when the notebook is not clean for committing (outputs, execution counts).
 */
export async function checkNotebook(path: string): Promise<StepResult> {
  const start = performance.now();
  const name = basename(path);
  const nb = await readNotebook(path);
  const problems = commitProblems(nb);
  const joined = joinCodeCells(nb, name);
  const suffix = crypto.randomUUID().slice(0, 8);
  const tmp = `${dirname(path)}/_check_${name.replace(/\.ipynb$/, "")}_${suffix}.ts`;
  await Deno.writeTextFile(tmp, joined.text);
  let output = "";
  let code = 0;
  try {
    const result = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", tmp],
      cwd: dirname(path),
      env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", RUST_BACKTRACE: "0" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    code = result.code;
    const decoder = new TextDecoder();
    output = mapLocations(
      (decoder.decode(result.stdout) + decoder.decode(result.stderr)).trim(),
      tmp,
      name,
      joined,
    );
  } finally {
    await Deno.remove(tmp).catch(() => {});
  }
  if (problems.length) {
    output = [`not clean for committing (run with --strip): ${problems.join("; ")}`, output]
      .filter(Boolean).join("\n");
  }
  return {
    notebook: name,
    ok: code === 0 && problems.length === 0,
    seconds: (performance.now() - start) / 1000,
    output: code === 0 && problems.length === 0 ? "" : output,
  };
}

/**
 * Executes one notebook with nbclient (what `jupyter execute` and `jupyter nbconvert --execute`
 * run), in the notebook's folder, with the kernelspec named in KERNEL_NAME. Deno's kernel sometimes
 * reports a cell idle just before the cell's last output, and nbclient stops reading at idle: when
 * the outputs are kept, this reads on for GRACE seconds after idle so that the copy has them all.
 * Arguments: notebook, output path ("" to discard), cell timeout (s), grace (s).
 */
const EXECUTE_PY = `
import queue, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async

path, out, timeout, grace = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

class Client(NotebookClient):
    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while grace > 0:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=grace))
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass

nb = nbformat.read(path, as_version=4)
folder = path.rsplit("/", 1)[0] or "/"
client = Client(nb, timeout=timeout, kernel_name="${KERNEL_NAME}",
                resources={"metadata": {"path": folder}})
try:
    client.execute()
except CellExecutionError as error:
    print(str(error), file=sys.stderr)
    sys.exit(1)
finally:
    if out:
        nbformat.write(nb, out)
`;

/** Interpreters to try for nbclient: the first python3 on PATH, then Debian's. */
const PYTHONS = ["python3", "/usr/bin/python3"];
let pythonFound: Promise<string | null> | undefined;

/** A python3 that has nbclient and nbformat (Debian: python3-nbclient), or null. */
export function jupyterPython(): Promise<string | null> {
  pythonFound ??= (async () => {
    for (const python of PYTHONS) {
      try {
        const { code } = await new Deno.Command(python, {
          args: ["-c", "import nbclient, nbformat, jupyter_client"],
          stdout: "null",
          stderr: "null",
        }).output();
        if (code === 0) return python;
      } catch { /* not installed: try the next */ }
    }
    return null;
  })();
  return pythonFound;
}

/** True when notebooks can be executed here (a python3 with nbclient). */
export async function jupyterAvailable(): Promise<boolean> {
  return (await jupyterPython()) !== null;
}

/** Options of {@linkcode executeNotebook}. */
export interface ExecuteOptions {
  /** Write the executed copy into this folder (default: discard the outputs). */
  readonly outputDir?: string;
  /** Seconds one cell may run (default 300). */
  readonly cellTimeout?: number;
  /**
   * Environment changes for the kernel: a string sets a variable, `undefined` removes it.
   * CPP_DATA_DIR, when relative, is made absolute against the current folder.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The environment the kernel runs in: this process's, with the kernelspec, this deno and `changes`. */
export function kernelEnv(
  changes: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const env: Record<string, string> = Deno.env.toObject();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  env.JUPYTER_PATH = [JUPYTER_DIR, env.JUPYTER_PATH].filter(Boolean).join(":");
  // The kernelspec runs `deno`: make it this deno.
  env.PATH = [dirname(Deno.execPath()), env.PATH].filter(Boolean).join(":");
  env.NO_COLOR = "1";
  env.DENO_NO_UPDATE_CHECK = "1";
  // Mesa's software WebGPU adapter warns on every start without a runtime folder.
  env.XDG_RUNTIME_DIR ??= "/tmp";
  const dataDir = env.CPP_DATA_DIR;
  if (dataDir && !dataDir.startsWith("/")) env.CPP_DATA_DIR = `${Deno.cwd()}/${dataDir}`;
  return env;
}

/**
 * Executes a notebook with the Deno kernel; the committed file is never written. A cell that
 * throws (a failed assert included) fails the run. With `outputDir`, the executed copy is kept there.
 */
export async function executeNotebook(
  path: string,
  options: ExecuteOptions = {},
): Promise<StepResult> {
  const start = performance.now();
  const name = basename(path);
  const python = await jupyterPython();
  if (python === null) {
    throw new Error(
      "Cannot execute notebooks: no python3 with nbclient (Debian: apt-get install jupyter-client " +
        "python3-nbclient)",
    );
  }
  let out = "";
  if (options.outputDir !== undefined) {
    await Deno.mkdir(options.outputDir, { recursive: true });
    if ((await Deno.realPath(options.outputDir)) === (await Deno.realPath(dirname(path)))) {
      throw new RangeError(
        `Cannot keep the executed ${name} in ${options.outputDir}: it is the notebook's own ` +
          `folder (the outputs would overwrite the committed notebook)`,
      );
    }
    out = `${await Deno.realPath(options.outputDir)}/${name}`;
  }
  const result = await new Deno.Command(python, {
    args: [
      "-c",
      EXECUTE_PY,
      path,
      out,
      String(options.cellTimeout ?? 300),
      out ? "0.25" : "0",
    ],
    cwd: dirname(path),
    env: kernelEnv(options.env),
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const log = (decoder.decode(result.stdout) + decoder.decode(result.stderr)).trim();
  return {
    notebook: name,
    ok: result.code === 0,
    seconds: (performance.now() - start) / 1000,
    output: result.code === 0 ? "" : failureOf(log),
  };
}

/** The useful part of the log: from the failing cell on, without Deno's "unstable" warning. */
function failureOf(log: string): string {
  const at = log.indexOf("An error occurred while executing the following cell");
  const text = at >= 0 ? log.slice(at) : log.split("\n").slice(-40).join("\n");
  return text.split("\n").filter((l) => !l.startsWith('Warning "deno jupyter" is unstable'))
    .join("\n").trim();
}

/** Clears outputs, execution counts and timings in place; returns whether the file changed. */
export async function stripNotebook(path: string): Promise<boolean> {
  const before = await Deno.readTextFile(path);
  const nb = await readNotebook(path);
  const cells = nb.cells.map((cell) => {
    if (cell.cell_type !== "code") return cell;
    const { execution: _, ...metadata } = (cell.metadata ?? {}) as Record<string, unknown>;
    return { ...cell, metadata, outputs: [], execution_count: null };
  });
  const after = JSON.stringify(sortKeys({ ...nb, cells }), null, 1) + "\n";
  if (after === before) return false;
  await Deno.writeTextFile(path, after);
  return true;
}

/** Keys sorted at every level, as nbformat writes them (so that stripping keeps diffs small). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

function report(step: string, r: StepResult): void {
  const status = r.ok ? "ok" : "FAILED";
  console.log(
    `${step.padEnd(8)} ${r.notebook.padEnd(32)} ${status.padEnd(6)} ${
      r.seconds.toFixed(1).padStart(5)
    } s`,
  );
  if (!r.ok && r.output) console.log(r.output.replace(/^/gm, "    "));
}

async function main(args: string[]): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const keepAt = args.indexOf("--keep");
  const keep = keepAt >= 0 ? args[keepAt + 1] : undefined;
  if (keepAt >= 0 && (!keep || keep.startsWith("--"))) {
    console.error("notebooks: --keep needs a folder");
    return 2;
  }
  const known = new Set(["--check", "--execute", "--keep", "--strip", "--help"]);
  const unknown = [...flags].find((f) => !known.has(f));
  if (unknown || flags.has("--help")) {
    console.error(
      (unknown ? `notebooks: unknown option ${unknown}\n` : "") +
        "Usage: deno run -A scripts/notebooks.ts [--check | --execute | --strip] [--keep DIR] [NAME…]",
    );
    return unknown ? 2 : 0;
  }
  const names = args.filter((a, i) => !a.startsWith("--") && !(keepAt >= 0 && i === keepAt + 1));
  const all = await listNotebooks();
  const paths = names.length === 0 ? all : names.map((n) => {
    const found = all.find((p) => basename(p) === basename(n) || basename(p) === `${n}.ipynb`);
    if (!found) throw new RangeError(`Cannot find notebook '${n}' in ${NOTEBOOK_DIR}`);
    return found;
  });
  if (paths.length === 0) {
    console.error(`notebooks: no notebook in ${NOTEBOOK_DIR}`);
    return 1;
  }
  if (flags.has("--strip")) {
    for (const p of paths) {
      console.log(`${(await stripNotebook(p)) ? "stripped" : "clean   "} ${basename(p)}`);
    }
    return 0;
  }
  const doCheck = !flags.has("--execute");
  const doExecute = !flags.has("--check");
  let failed = 0;
  if (doCheck) {
    for (const p of paths) {
      const r = await checkNotebook(p);
      report("check", r);
      if (!r.ok) failed++;
    }
  }
  if (doExecute) {
    if (!(await jupyterAvailable())) {
      console.error(
        "notebooks: no python3 with nbclient (Debian: apt-get install jupyter-client " +
          "python3-nbclient)",
      );
      return 1;
    }
    for (const p of paths) {
      const r = await executeNotebook(p, { outputDir: keep });
      report("execute", r);
      if (!r.ok) failed++;
    }
    if (keep) console.log(`executed copies in ${keep}`);
  }
  if (failed) console.log(`${failed} step(s) failed`);
  return failed ? 1 : 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`notebooks: error: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
