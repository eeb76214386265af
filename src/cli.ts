/**
 * `deno task cpp <command>`: the command-line entry. Thin: parse flags, call the library, print.
 * Results go to stdout, notices and progress to stderr; any error exits non-zero with one line.
 */
import {
  type BackendChoice,
  type Dataset,
  type FactorKind,
  fillMatrix,
  loadDataset,
  type LoadOptions,
  methodById,
  methodsFromList,
  REGISTRY,
  runTable1,
  summarize,
  table1Json,
  toCsv,
  writeOutput,
} from "./lib/mod.ts";
import {
  flagBoolean,
  flagList,
  type FlagSpecs,
  flagValue,
  formatFlags,
  parseArgs,
  type ParsedArgs,
} from "./lib/util/args.ts";
import { percent, textTable } from "./lib/util/text_table.ts";

const SOURCE_FLAGS: FlagSpecs = {
  "offline": { boolean: true, description: "Never download; use CPP_DATA_DIR or the cache" },
  "no-fallback": {
    boolean: true,
    description: "Fail instead of falling back to the embedded sample when data is unavailable",
  },
  "json": { boolean: true, description: "Machine-readable output on stdout" },
};

const READ_FLAGS: FlagSpecs = {
  "layout": {
    value: "wide|transposed|long",
    description: "Layout of a score file (default: detect)",
  },
  "model-column": { value: "NAME", description: "Wide layout: the column holding model names" },
  "factor-columns": {
    value: "A,B",
    repeat: true,
    description: "Wide layout: columns that are model factors, not tasks",
  },
  "drop-columns": { value: "A,B", repeat: true, description: "Columns (or rows) to ignore" },
  "lower-is-better": {
    value: "REGEX",
    description: "Tasks whose name matches are lower-is-better (case-insensitive)",
  },
  "model-factors": { value: "FILE", description: "Model factor file (one row per model)" },
  "task-factors": { value: "FILE", description: "Task factor file (one row per factor)" },
  "numeric": { value: "A,B", repeat: true, description: "Factor columns to type as numeric" },
  "categorical": {
    value: "A,B",
    repeat: true,
    description: "Factor columns to type as categorical",
  },
  "alias": {
    value: "FACTOR=SCORE",
    repeat: true,
    description: "A factor-file name and the score-file name it stands for",
  },
};

const TRAIN_FLAGS: FlagSpecs = {
  "method": {
    value: "LIST",
    description: "mf, ncf, ncf-factors, factors-only, biases, task-mean, global-mean, or all",
  },
  "split": { value: "random", description: "Evaluation split (default random)" },
  "holdout": { value: "P", description: "Share of observed cells held out per seed (0.05)" },
  "seeds": { value: "N", description: "Seeds 0..N-1 (default 20)" },
  "seed": { value: "N", description: "predict: the training seed (default 0)" },
  "scale": { value: "cpp|task", description: "Normalization (evaluate: cpp; predict: task)" },
  "backend": { value: "auto|cpu|webasm|webgpu", description: "gpu.js backend (default auto)" },
  "dump-predictions": {
    value: "FILE",
    description: "evaluate: write every held-out cell's gold and prediction (CSV)",
  },
  "out": { value: "FILE", description: "predict: the filled matrix (CSV)" },
};

const USAGE = `cpp: collaborative performance prediction of LLMs

Usage:
  deno task cpp datasets [--json] [--offline]
  deno task cpp inspect <dataset-or-file> [read options] [--json]
  deno task cpp evaluate <dataset-or-file> [read options] --method LIST [--split random]
      [--holdout 0.05] [--seeds 20] [--scale cpp|task] [--backend auto] [--json]
      [--dump-predictions FILE]
  deno task cpp predict <dataset-or-file> [read options] --method ID --out FILE.csv
      [--scale task] [--seed 0] [--backend auto]

Commands:
  datasets   Each registry dataset: source, shape, observed cells, density, local availability
  inspect    Shape, coverage per task and model, scale and direction of a dataset or CSV file
  evaluate   Hold out observed cells, train each method, score the held-out cells (Table 1)
  predict    Train on every observed cell and write the whole matrix, observed and predicted

Training options:
${formatFlags(TRAIN_FLAGS)}

Source options:
${formatFlags(SOURCE_FLAGS)}

Read options (for a CSV file; they also override a registry entry's):
${formatFlags(READ_FLAGS)}

Environment: CPP_DATA_DIR (offline mirror folder), CPP_CACHE_DIR (download cache),
CPP_OFFLINE=1 (no downloads), CPP_DEBUG=1 (stack traces on errors).
`;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

function loadOptions(args: ParsedArgs): LoadOptions {
  const kinds: Record<string, FactorKind> = {};
  for (const name of flagList(args, "numeric")) kinds[name] = "numeric";
  for (const name of flagList(args, "categorical")) kinds[name] = "categorical";
  const aliases: Record<string, string> = {};
  for (const pair of (args.flags.get("alias") as string[] | undefined) ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0 || eq === pair.length - 1) {
      throw new RangeError(`Option --alias expects FACTOR=SCORE, got '${pair}'`);
    }
    aliases[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  const layout = flagValue(args, "layout");
  const factorColumns = flagList(args, "factor-columns");
  const dropColumns = flagList(args, "drop-columns");
  return {
    offline: flagBoolean(args, "offline") || undefined,
    fallback: !flagBoolean(args, "no-fallback"),
    read: {
      ...(layout !== undefined ? { layout: layout as "wide" } : {}),
      ...(flagValue(args, "model-column") ? { modelColumn: flagValue(args, "model-column") } : {}),
      ...(factorColumns.length ? { factorColumns } : {}),
      ...(dropColumns.length ? { dropColumns } : {}),
      ...(flagValue(args, "lower-is-better")
        ? { lowerIsBetter: flagValue(args, "lower-is-better") }
        : {}),
      ...(Object.keys(kinds).length ? { factorKinds: kinds } : {}),
    },
    modelFactors: flagValue(args, "model-factors"),
    taskFactors: flagValue(args, "task-factors"),
    factorKinds: kinds,
    aliases,
  };
}

async function load(target: string, args: ParsedArgs, io: Io): Promise<Dataset> {
  const data = await loadDataset(target, loadOptions(args));
  if (data.notice) io.err(`cpp: notice: ${data.notice}`);
  return data;
}

async function datasets(args: ParsedArgs, io: Io): Promise<void> {
  const rows = [];
  for (const entry of REGISTRY) {
    let available = false;
    let shape = { ...entry.expected, density: 0 };
    let origin: string = "not available locally";
    try {
      const data = await loadDataset(entry.id, {
        offline: true,
        fallback: false,
      });
      const s = summarize(data);
      available = true;
      shape = { ...s.shape };
      origin = data.provenance.origin;
    } catch (error) {
      if ((error as Error).name !== "DataUnavailableError") throw error;
    }
    shape.density = shape.observed / (shape.models * shape.tasks);
    rows.push({
      id: entry.id,
      title: entry.title,
      source: entry.files[0].url ?? "embedded in the project",
      commit: entry.commit,
      models: shape.models,
      tasks: shape.tasks,
      observed: shape.observed,
      density: shape.density,
      available,
      origin,
      files: entry.files.map((f) => ({ role: f.role, name: f.name, url: f.url, sha256: f.sha256 })),
    });
  }
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  io.out(textTable(
    ["dataset", "models", "tasks", "observed", "density", "local"],
    rows.map((r) => [r.id, r.models, r.tasks, r.observed, percent(r.density), r.origin]),
  ));
  io.out("");
  for (const r of rows) io.out(`${r.id}: ${r.title}\n  source: ${r.source}`);
  io.out("\nShapes of datasets that are not available locally are the pinned files' shapes.");
}

async function inspect(args: ParsedArgs, io: Io): Promise<void> {
  const target = args.positional[1];
  if (!target) throw new RangeError("Command inspect needs a dataset id or a CSV file path");
  const data = await load(target, args, io);
  const s = summarize(data);
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(s, null, 2));
    return;
  }
  const scales = new Map<string, number>();
  for (const t of s.tasks) scales.set(t.scale, (scales.get(t.scale) ?? 0) + 1);
  const lower = s.tasks.filter((t) => t.lowerIsBetter);
  const scoreFile = s.provenance.files.find((f) => f.role === "scores")!;
  io.out(`Dataset   ${s.id}${s.id === s.title ? "" : ` (${s.title})`}`);
  io.out(`Source    ${s.provenance.origin}: ${scoreFile.path}`);
  io.out(`          sha256 ${scoreFile.sha256}, ${scoreFile.bytes} bytes`);
  if (s.provenance.commit) io.out(`          commit ${s.provenance.commit}`);
  io.out(
    `Shape     ${s.shape.models} models x ${s.shape.tasks} tasks, ${s.shape.observed} observed ` +
      `cells (${percent(s.shape.density)} dense)`,
  );
  io.out(`Scale     ${[...scales].map(([k, n]) => `${k} (${n} tasks)`).join(", ")}`);
  io.out(
    `Direction higher is better: ${s.tasks.length - lower.length} tasks; lower is better: ` +
      (lower.length ? `${lower.length} (${lower.map((t) => t.name).join(", ")})` : "none"),
  );
  const describeFactors = (list: typeof s.factors.model) =>
    list.length
      ? list.map((f) =>
        `${f.name} [${f.kind}${f.kindSource === "inferred" ? ", inferred" : ""}; ${f.present}/${
          f.entity === "model" ? s.shape.models : s.shape.tasks
        }]`
      ).join(", ")
      : "none";
  io.out(`Factors   model: ${describeFactors(s.factors.model)}`);
  io.out(`          task: ${describeFactors(s.factors.task)}`);
  io.out("\nCoverage per task");
  io.out(textTable(
    ["task", "observed", "coverage", "scale", "direction", "min", "max"],
    s.tasks.map((t) => [
      t.name,
      t.observed,
      percent(t.coverage),
      t.scale,
      t.lowerIsBetter ? "lower" : "higher",
      t.min,
      t.max,
    ]),
  ));
  io.out("\nCoverage per model");
  io.out(textTable(
    ["model", "observed", "coverage"],
    s.models.map((m) => [m.name, m.observed, percent(m.coverage)]),
  ));
}

function numberFlag(
  args: ParsedArgs,
  name: string,
  fallback: number,
  check: (x: number) => boolean,
  expected: string,
): number {
  const raw = flagValue(args, name);
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x) || !check(x)) {
    throw new RangeError(`Option --${name} is '${raw}' (expected ${expected})`);
  }
  return x;
}

function choiceFlag<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = flagValue(args, name) ?? fallback;
  if (!choices.includes(raw as T)) {
    throw new RangeError(`Option --${name} is '${raw}' (expected ${choices.join(", ")})`);
  }
  return raw as T;
}

/** Progress on stderr, at most a few lines a second, and always the last. */
function progressPrinter(io: Io, what: string) {
  let last = 0;
  return (p: { done: number; total: number; label: string }) => {
    const now = performance.now();
    if (now - last < 500 && p.done < p.total) return;
    last = now;
    const share = p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 0;
    io.err(`${what}: ${share.toFixed(0).padStart(3)}%  ${p.label}`);
  };
}

function inputsOf(target: string, options: LoadOptions): string[] {
  return [target, options.modelFactors, options.taskFactors].filter((x): x is string => !!x);
}

function formatMeanStd(x: { mean: number; std: number }, digits: (v: number) => string): string {
  return Number.isFinite(x.std) ? `${digits(x.mean)} ± ${digits(x.std)}` : digits(x.mean);
}

async function evaluate(args: ParsedArgs, io: Io): Promise<void> {
  const target = args.positional[1];
  if (!target) throw new RangeError("Command evaluate needs a dataset id or a CSV file path");
  const methods = methodsFromList(flagValue(args, "method") ?? "all");
  choiceFlag(args, "split", ["random"], "random");
  const holdout = numberFlag(args, "holdout", 0.05, (x) => x > 0 && x < 1, "a share in (0, 1)");
  const seeds = numberFlag(
    args,
    "seeds",
    20,
    (x) => Number.isInteger(x) && x >= 1,
    "an integer >= 1",
  );
  const scale = choiceFlag(args, "scale", ["cpp", "task"], "cpp");
  const backend = choiceFlag<BackendChoice>(
    args,
    "backend",
    ["auto", "cpu", "webasm", "webgpu"],
    "auto",
  );
  const dump = flagValue(args, "dump-predictions");
  const options = loadOptions(args);
  const data = await load(target, args, io);
  const result = await runTable1(data, {
    methods,
    seeds,
    holdout,
    scale,
    backend,
    predictions: dump !== undefined,
    onProgress: progressPrinter(io, "evaluate"),
  });
  if (dump !== undefined) {
    await writeOutput(
      dump,
      toCsv(result.predictions!, ["seed", "method", "model", "task", "gold", "predicted"]),
      { inputs: inputsOf(target, options) },
    );
    io.err(`evaluate: wrote ${result.predictions!.length} held-out predictions to ${dump}`);
  }
  if (flagBoolean(args, "json")) {
    io.out(JSON.stringify(table1Json(result), null, 2));
    return;
  }
  const sci = (v: number) => v.toExponential(2);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const fix = (v: number) => v.toFixed(2);
  io.out(
    `${result.dataset}: ${result.split} split, ${result.holdout} held out ` +
      `(${result.nTest} of ${result.nObserved} cells), ${result.seeds} seeds, ${result.scale} scale`,
  );
  io.out(textTable(
    ["method", "backend", "MSE", "L1", "rank acc", "MAE@2", "pairwise", "MAE pts", "fit s"],
    result.methods.map((m) => [
      m.method,
      m.backend,
      formatMeanStd(m.mse, sci),
      formatMeanStd(m.l1, sci),
      formatMeanStd(m.rankAccuracy, pct),
      formatMeanStd(m.mae2, pct),
      formatMeanStd(m.pairwiseOrder, pct),
      formatMeanStd(m.maePoints, fix),
      formatMeanStd(m.fitSeconds, (v) => v.toFixed(3)),
    ]),
  ));
  io.out(
    "\nMean ± sample std over seeds. Rank metrics as defined in docs/protocol-choices.md; " +
      "MAE pts in the scores' own units.",
  );
}

async function predict(args: ParsedArgs, io: Io): Promise<void> {
  const target = args.positional[1];
  if (!target) throw new RangeError("Command predict needs a dataset id or a CSV file path");
  const out = flagValue(args, "out");
  if (!out) throw new RangeError("Command predict needs --out FILE.csv");
  const id = flagValue(args, "method") ?? "ncf-factors";
  if (id.includes(",") || id === "all") {
    throw new RangeError(`Command predict takes one method, got '${id}'`);
  }
  const method = methodById(id);
  const scale = choiceFlag(args, "scale", ["cpp", "task"], "task");
  const backend = choiceFlag<BackendChoice>(
    args,
    "backend",
    ["auto", "cpu", "webasm", "webgpu"],
    "auto",
  );
  const seed = numberFlag(args, "seed", 0, (x) => Number.isInteger(x) && x >= 0, "an integer >= 0");
  const options = loadOptions(args);
  const data = await load(target, args, io);
  const filled = await fillMatrix(data, method, {
    scale,
    seed,
    backend,
    onProgress: progressPrinter(io, "predict"),
  });
  const rows = filled.cells.map((c) => ({
    model: c.model,
    task: c.task,
    score: c.observed ?? Number(c.predicted.toPrecision(6)),
    source: c.observed === null ? "predicted" : "observed",
    fitted: Number(c.predicted.toPrecision(6)),
  }));
  await writeOutput(out, toCsv(rows, ["model", "task", "score", "source", "fitted"]), {
    inputs: inputsOf(target, options),
  });
  const predicted = rows.filter((r) => r.source === "predicted").length;
  io.err(
    `predict: ${method.id} on ${filled.backend}: wrote ${rows.length} cells ` +
      `(${rows.length - predicted} observed, ${predicted} predicted) to ${out}`,
  );
}

/** Runs the CLI on `argv`; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv, {
      ...SOURCE_FLAGS,
      ...READ_FLAGS,
      ...TRAIN_FLAGS,
      help: {
        boolean: true,
        description: "This help",
      },
    });
    const command = args.positional[0];
    if (flagBoolean(args, "help") || command === "help" || command === undefined) {
      io.out(USAGE);
      return command === undefined && !flagBoolean(args, "help") ? 2 : 0;
    }
    if (command === "datasets") await datasets(args, io);
    else if (command === "inspect") await inspect(args, io);
    else if (command === "evaluate") await evaluate(args, io);
    else if (command === "predict") await predict(args, io);
    else {
      throw new RangeError(
        `Unknown command '${command}': expected datasets, inspect, evaluate or predict (see --help)`,
      );
    }
    return 0;
  } catch (error) {
    const e = error as Error;
    io.err(`cpp: error: ${e.message}`);
    if (Deno.env.get("CPP_DEBUG") === "1") io.err(e.stack ?? "");
    return 1;
  }
}

if (import.meta.main) {
  // Mesa's software WebGPU adapter warns on every start without a runtime folder.
  if (!Deno.env.get("XDG_RUNTIME_DIR")) Deno.env.set("XDG_RUNTIME_DIR", "/tmp");
  const encoder = new TextEncoder();
  const write = (stream: typeof Deno.stdout, text: string) => {
    const bytes = encoder.encode(text + "\n");
    try {
      for (let done = 0; done < bytes.length;) done += stream.writeSync(bytes.subarray(done));
    } catch (error) {
      // The reader went away (`cpp inspect … | head`): stop quietly, as Unix tools do.
      if (error instanceof Deno.errors.BrokenPipe) Deno.exit(0);
      throw error;
    }
  };
  const code = await main(Deno.args, {
    out: (text) => write(Deno.stdout, text),
    err: (text) => write(Deno.stderr, text),
  });
  Deno.exit(code);
}
