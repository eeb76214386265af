import assert from "node:assert/strict";
import { main } from "../src/cli.ts";
import { userFolder } from "../src/commands/_common.ts";
import { mirrorDir, prerequisite } from "./_prerequisites.ts";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, Deno.env.get(k)]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      v === undefined ? Deno.env.delete(k) : Deno.env.set(k, v);
    }
  };
  set(vars);
  return fn().finally(() => set(saved));
}

Deno.test("cpp inspect cpp-crowdsource reports 72 models, 29 tasks, 878 observed cells", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const r = await withEnv({ CPP_DATA_DIR: dir! }, () => run(["inspect", "cpp-crowdsource"]));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /72 models x 29 tasks, 878 observed cells \(42\.0% dense\)/);
  assert.match(r.out, /Source {4}mirror: /);
  assert.match(r.out, /Luminous Base-13B/);
  const json = await withEnv(
    { CPP_DATA_DIR: dir! },
    () => run(["inspect", "cpp-crowdsource", "--json"]),
  );
  const s = JSON.parse(json.out);
  assert.deepEqual(
    [s.shape.models, s.shape.tasks, s.shape.observed],
    [72, 29, 878],
  );
  assert.equal(s.factors.model.length, 13);
  assert.equal(s.factors.task.length, 4);
});

Deno.test("cpp inspect helm-core marks exactly the BPB rows lower-is-better", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const r = await withEnv({ CPP_DATA_DIR: dir! }, () => run(["inspect", "helm-core", "--json"]));
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  assert.deepEqual([s.shape.models, s.shape.tasks, s.shape.observed], [88, 56, 2602]);
  assert.deepEqual(
    s.tasks.filter((t: { lowerIsBetter: boolean }) => t.lowerIsBetter).map((t: { name: string }) =>
      t.name
    ),
    ["The Pile - BPB", "TwitterAAE - BPB", "ICE - BPB"],
  );
});

Deno.test("cpp inspect offline without the data fails saying where it looked; frontier reads its embedded copy", async () => {
  const cache = await Deno.makeTempDir();
  const r = await withEnv(
    { CPP_DATA_DIR: undefined, CPP_CACHE_DIR: cache, CPP_OFFLINE: "1" },
    () => run(["inspect", "cpp-crowdsource", "--json"]),
  );
  assert.equal(r.code, 1);
  assert.match(r.err, /^cpp: error: Cannot find crowdsource_performance\.csv: not in the mirror/);
  assert.ok(r.err.includes(cache), "the error says where it looked");
  // frontier ships with the project: offline and without a mirror it reads the embedded copy.
  const frontier = await withEnv(
    { CPP_DATA_DIR: undefined, CPP_CACHE_DIR: cache, CPP_OFFLINE: "1" },
    () => run(["inspect", "frontier", "--json"]),
  );
  assert.equal(frontier.code, 0, frontier.err);
  assert.match(frontier.err, /frontier: read the project's embedded copy \(frontier\.json\)/);
  const s = JSON.parse(frontier.out);
  assert.deepEqual([s.shape.models, s.shape.tasks, s.shape.observed], [84, 133, 2604]);
  await Deno.remove(cache, { recursive: true });
});

Deno.test("cpp inspect reads a user's file with read options", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/long.csv`;
  await Deno.writeTextFile(
    path,
    "model,task,score,source\na,acc,0.5,x\na,loss,2.0,x\nb,acc,0.7,y\nb,loss,1.5,y\n",
  );
  const r = await run(["inspect", path, "--layout", "long", "--lower-is-better", "loss", "--json"]);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  assert.deepEqual([s.shape.models, s.shape.tasks, s.shape.observed], [2, 2, 4]);
  assert.deepEqual(s.tasks.map((t: { lowerIsBetter: boolean }) => t.lowerIsBetter), [false, true]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("cpp exits non-zero with one line on errors", async () => {
  const missing = await run(["inspect", "no/such/file.csv"]);
  assert.equal(missing.code, 1);
  assert.equal(
    missing.err,
    `cpp: error: Cannot read no/such/file.csv: no such file (tried ${userFolder()}/no/such/file.csv; ` +
      "nor a known dataset id)",
  );
  const unknown = await run(["inspect", "nope-dataset"]);
  assert.equal(unknown.code, 1);
  assert.match(
    unknown.err,
    /Cannot find dataset 'nope-dataset': known datasets are frontier, cpp-crowdsource, helm-core, helm-seed/,
  );
  const flag = await run(["inspect", "helm-seed", "--bogus"]);
  assert.equal(flag.code, 1);
  assert.match(flag.err, /Unknown option --bogus/);
  const command = await run(["frobnicate"]);
  assert.equal(command.code, 1);
  assert.match(command.err, /Unknown command 'frobnicate'/);
  const none = await run([]);
  assert.equal(none.code, 2);
  assert.match(none.out, /Usage:/);
});

Deno.test("cpp datasets lists every registry entry with shape and availability", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const r = await withEnv({ CPP_DATA_DIR: dir! }, () => run(["datasets", "--json"]));
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out);
  assert.deepEqual(rows.map((d: { id: string }) => d.id), [
    "frontier",
    "cpp-crowdsource",
    "helm-core",
    "helm-seed",
  ]);
  assert.deepEqual(rows.map((d: { origin: string }) => d.origin), [
    "mirror",
    "mirror",
    "mirror",
    "embedded",
  ]);
  assert.equal(rows[1].observed, 878);
  assert.ok(Math.abs(rows[1].density - 878 / (72 * 29)) < 1e-12);
  const text = await withEnv({ CPP_DATA_DIR: dir! }, () => run(["datasets"]));
  assert.match(text.out, /cpp-crowdsource\s+72\s+29\s+878\s+42\.0%\s+mirror/);
});

Deno.test("deno task cpp exits non-zero on a bad file (as a process)", async () => {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "-A", "src/cli.ts", "inspect", "missing.csv"],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 1);
  assert.match(new TextDecoder().decode(stderr), /^cpp: error: Cannot read missing\.csv/);
});

Deno.test("cpp evaluate --json prints the issue's shape; --dump-predictions lets anyone recompute", async () => {
  const dir = await Deno.makeTempDir();
  const dump = `${dir}/held_out.csv`;
  const r = await run([
    "evaluate",
    "helm-seed",
    "--method",
    "biases,task-mean",
    "--seeds",
    "3",
    "--holdout",
    "0.1",
    "--scale",
    "task",
    "--json",
    "--dump-predictions",
    dump,
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  // Every split prints this shape (src/lib/eval/evaluation_json.ts).
  assert.deepEqual(Object.keys(json), ["dataset", "split", "settings", "units", "rows", "details"]);
  assert.deepEqual([json.dataset, json.split], ["helm-seed", "random"]);
  assert.deepEqual(
    [json.settings.scale, json.settings.holdout, json.settings.seeds],
    ["task", 0.1, 3],
  );
  assert.match(json.units, /^points: percentage points on bounded tasks/);
  assert.deepEqual(json.rows.map((m: { method: string }) => m.method), ["biases", "task-mean"]);
  assert.deepEqual(Object.keys(json.rows[0]).slice(0, 3), ["method", "backend", "status"]);
  for (
    const key of ["mse", "l1", "rankAccuracy", "mae2", "pairwiseOrder", "maePoints", "fitSeconds"]
  ) {
    assert.equal(typeof json.rows[0][key].mean, "number", key);
    assert.equal(typeof json.rows[0][key].std, "number", key);
  }
  for (const key of ["medae", "medape", "within3", "within5", "coverage", "intervalWidth"]) {
    assert.equal(typeof json.rows[0][key], "number", key);
  }
  // The dump holds every held-out cell (7 of 66 per seed, 3 seeds, 2 methods) and its MSE is the JSON's.
  const lines = (await Deno.readTextFile(dump)).trim().split("\n");
  assert.equal(lines[0], "seed,method,model,task,gold,predicted");
  assert.equal(lines.length - 1, 7 * 3 * 2);
  const perSeed = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    const [seed, method] = cells;
    const [gold, predicted] = cells.slice(-2).map(Number);
    const key = `${method}:${seed}`;
    perSeed.set(key, [...(perSeed.get(key) ?? []), (gold - predicted) ** 2]);
  }
  const biasesMse = [0, 1, 2].map((s) => {
    const e = perSeed.get(`biases:${s}`)!;
    return e.reduce((a, b) => a + b, 0) / e.length;
  });
  const mean = biasesMse.reduce((a, b) => a + b, 0) / 3;
  assert.ok(
    Math.abs(mean - json.rows[0].mse.mean) < 1e-12,
    `${mean} vs ${json.rows[0].mse.mean}`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("cpp evaluate prints a table and rejects bad options with one line", async () => {
  const unknown = await run(["evaluate", "helm-seed", "--method", "nope"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /Unknown method 'nope'/);
  const r = await run(["evaluate", "helm-seed", "--method", "biases", "--seeds", "2"]);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /helm-seed: random split, 0\.05 held out \(3 of 66 cells\), 2 seeds, cpp scale/,
  );
  assert.match(r.out, /biases\s+ts\s+\d\.\d\de-\d ± /);
  for (
    const [argv, message] of [
      [["--holdout", "1.5"], /Option --holdout is '1\.5' \(expected a share in \(0, 1\)\)/],
      [["--seeds", "0"], /Option --seeds is '0'/],
      [["--scale", "z"], /Option --scale is 'z' \(expected cpp, task\)/],
      [
        ["--split", "sideways"],
        /Option --split is .sideways. \(expected random, new-model, new-task, emergent, per-model, new-release\)/,
      ],
      [["--backend", "gl"], /Option --backend is 'gl'/],
    ] as const
  ) {
    const bad = await run(["evaluate", "helm-seed", "--method", "biases", ...argv]);
    assert.equal(bad.code, 1, argv.join(" "));
    assert.match(bad.err, message);
  }
});

Deno.test("cpp predict writes the filled matrix and never overwrites its input", async () => {
  const dir = await Deno.makeTempDir();
  const input = `${dir}/scores.csv`;
  const original = "model,a,b\nx,1,2\ny,3,\nz,,6\n";
  await Deno.writeTextFile(input, original);
  const out = `${dir}/filled.csv`;
  const r = await run(["predict", input, "--method", "biases", "--out", out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /wrote 6 cells \(4 observed, 2 predicted/);
  assert.match(r.err, /notice: no new-model intervals: Cannot calibrate new-model intervals/);
  const rows = (await Deno.readTextFile(out)).trim().split("\n").map((l) => l.split(","));
  assert.deepEqual(rows[0], [
    "model",
    "task",
    "score",
    "source",
    "fitted",
    "lower",
    "upper",
    "interval",
    "note",
  ]);
  assert.deepEqual(rows.slice(1).map((r) => r[3]), [
    "observed",
    "observed",
    "observed",
    "predicted",
    "predicted",
    "observed",
  ]);
  assert.deepEqual(rows[1].slice(0, 3), ["x", "a", "1"]);
  const clobber = await run(["predict", input, "--method", "biases", "--out", input]);
  assert.equal(clobber.code, 1);
  assert.match(clobber.err, /Cannot write .*scores\.csv: it is an input of this command/);
  assert.equal(await Deno.readTextFile(input), original);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("cpp evaluate --split new-task|new-model|emergent and cpp performance-law run on the real data", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  await withEnv({ CPP_DATA_DIR: dir! }, async () => {
    const task = await run([
      "evaluate",
      "cpp-crowdsource",
      "--split",
      "new-task",
      "--known",
      "2",
      "--method",
      "biases",
      "--seeds",
      "2",
      "--json",
    ]);
    assert.equal(task.code, 0, task.err);
    const t = JSON.parse(task.out);
    assert.deepEqual([t.split, t.settings.known, t.details.targets.length], ["new-task", 2, 29]);
    assert.deepEqual(t.details.paper.map((p: { task: string }) => p.task), [
      "BoolQ(0-shot)",
      "BIG-bench hard(3-shot)",
      "HellaSwag(10-shot)",
      "HumanEval(pass@1)",
    ]);
    const cold = await run([
      "evaluate",
      "cpp-crowdsource",
      "--split",
      "new-model",
      "--known",
      "0",
      "--method",
      "mf,biases",
      "--seeds",
      "1",
    ]);
    assert.equal(cold.code, 0, cold.err);
    assert.match(cold.out, /CPP-0\), 71 target models/);
    assert.match(cold.out, /mf\s+.*cold-start unsupported/);
    const emergent = await run([
      "evaluate",
      "cpp-crowdsource",
      "--split",
      "emergent",
      "--method",
      "biases",
    ]);
    assert.equal(emergent.code, 0, emergent.err);
    assert.match(emergent.out, /45 small, 25 large models/);
    assert.match(emergent.out, /GSM8K\(4-shot\)/);
    const law = await run([
      "performance-law",
      "cpp-crowdsource",
      "--method",
      "biases",
      "--seeds",
      "1",
    ]);
    assert.equal(law.code, 0, law.err);
    assert.match(law.out, /leave-one-out over 34 models/);
    assert.match(law.out, /Left out for lacking factors \(38\): Claude-V3 Haiku/);
  });
});

Deno.test("cpp predict writes 90% interval bounds around every predicted cell", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const tmp = await Deno.makeTempDir();
  const out = `${tmp}/filled.csv`;
  const r = await withEnv(
    { CPP_DATA_DIR: dir! },
    () => run(["predict", "cpp-crowdsource", "--method", "biases", "--out", out]),
  );
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.err,
    /wrote 2088 cells \(878 observed, 1210 predicted; 90% intervals, measured coverage 0\.\d+ for gaps, 0\.\d+ for new models\)/,
  );
  const lines = (await Deno.readTextFile(out)).trim().split("\n").slice(1);
  let predicted = 0;
  for (const line of lines) {
    const cells = line.split(",");
    const [score, source, fitted, lower, upper, interval, note] = cells.slice(-7);
    assert.equal(note, "", line);
    if (source === "observed") {
      assert.deepEqual([lower, upper, interval], ["", "", ""]);
      continue;
    }
    predicted++;
    assert.ok(Number(lower) <= Number(score) && Number(score) <= Number(upper), line);
    assert.equal(score, fitted);
    assert.ok(interval === "gaps" || interval === "new-model", line);
  }
  assert.equal(predicted, 1210);
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("cpp evaluate --curve runs K = 0..5 on the same targets, as the report's page", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const r = await withEnv({ CPP_DATA_DIR: dir! }, () =>
    run([
      "evaluate",
      "cpp-crowdsource",
      "--split",
      "new-task",
      "--curve",
      "--seeds",
      "1",
      "--method",
      "biases",
      "--json",
    ]));
  assert.equal(r.code, 0, r.err);
  const curve = JSON.parse(r.out);
  assert.deepEqual(curve.settings.ks, [0, 1, 2, 3, 4, 5]);
  assert.equal(curve.details.targets.length, 28);
  assert.deepEqual(curve.rows.map((row: { known: number }) => row.known), [0, 1, 2, 3, 4, 5]);
  // Revealing scores of the new task helps the baseline.
  assert.ok(curve.rows[5].mse < curve.rows[0].mse);
});

Deno.test("cpp evaluate --split per-model and --holdout-file score in points, with the same JSON shape", async () => {
  const perModel = await run([
    "evaluate",
    "helm-seed",
    "--split",
    "per-model",
    "--folds",
    "3",
    "--seeds",
    "2",
    "--method",
    "biases,bias-als",
    "--interval-folds",
    "3",
    "--json",
  ]);
  assert.equal(perModel.code, 0, perModel.err);
  const json = JSON.parse(perModel.out);
  assert.deepEqual(Object.keys(json), ["dataset", "split", "settings", "units", "rows", "details"]);
  assert.deepEqual([json.split, json.settings.folds, json.settings.seeds], ["per-model", 3, 2]);
  assert.deepEqual(json.rows.map((r: { method: string }) => r.method), ["biases", "bias-als"]);
  // every observed cell held out once per seed: 66 x 2
  assert.equal(json.rows[0].n, 132);
  for (const key of ["medae", "medape", "within3", "within5", "coverage", "intervalWidth"]) {
    assert.equal(typeof json.rows[1][key], "number", key);
  }
  // helm-seed holds fractions: errors in percentage points, so MedAE is a few points, not 0.0x
  assert.ok(json.rows[0].medae > 0.5 && json.rows[0].medae < 20, `${json.rows[0].medae}`);

  const dir = await Deno.makeTempDir();
  const file = `${dir}/folds.csv`;
  await Deno.writeTextFile(
    file,
    "fold,model,task\n0,Llama 2 (70B),MMLU - EM\n0,LLaMA (65B),QuAC - F1\n1,Llama 2 (70B),BoolQ - EM\n",
  );
  const replay = await run(["evaluate", "helm-seed", "--holdout-file", file, "--method", "biases"]);
  assert.equal(replay.code, 0, replay.err);
  assert.match(replay.out, /folds of .*folds\.csv \(2 folds, 3 held-out cells\), task scale/);
  assert.match(replay.out, /biases\s+ts\s+\d+\.\d\d\s+\d+\.\d%/);
  assert.match(replay.out, /Errors in points: percentage points on bounded tasks/);
  await Deno.writeTextFile(
    file,
    "fold,model,task\n0,Llama 2 (70B),MMLU - EM\n0,GPT-Z,BoolQ - EM\n",
  );
  const bad = await run(["evaluate", "helm-seed", "--holdout-file", file, "--method", "biases"]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.err,
    /Cannot read holdout file .*folds\.csv: line 3: helm-seed has no model 'GPT-Z'/,
  );
  const both = await run(["evaluate", "helm-seed", "--holdout-file", file, "--split", "random"]);
  assert.match(both.err, /Option --holdout-file replaces --split/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("cpp evaluate frontier --holdout-file benchpress replays BenchPress's own 30 folds", async () => {
  if (!prerequisite(mirrorDir() !== null, "the dataset mirror")) return;
  const r = await run([
    "evaluate",
    "frontier",
    "--holdout-file",
    "benchpress",
    "--method",
    "biases",
    "--no-intervals",
    "--json",
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  assert.deepEqual([json.settings.file, json.settings.folds, json.details.cells], [
    "benchpress",
    30,
    26040,
  ]);
});

Deno.test("cpp evaluate --split new-release needs a release factor; cpp probes picks a set", async () => {
  const release = await run([
    "evaluate",
    "helm-seed",
    "--split",
    "new-release",
    "--method",
    "biases",
  ]);
  assert.equal(release.code, 1);
  assert.match(
    release.err,
    /Cannot split by release: helm-seed has no numeric model factor 'release date' \(numeric model factors: none\); name one with --release-factor/,
  );
  const probes = await run([
    "probes",
    "helm-seed",
    "--size",
    "2",
    "--method",
    "biases",
    "--folds",
    "2",
    "--json",
  ]);
  assert.equal(probes.code, 0, probes.err);
  const json = JSON.parse(probes.out);
  assert.equal(json.probes.length, 2);
  assert.deepEqual(json.steps.map((s: { step: number }) => s.step), [1, 2]);
  assert.equal(json.heldOutModels.length, 3); // round(0.3 x 11)
  assert.equal(json.medae, json.steps[1].heldOut.medae);
  const text = await run([
    "probes",
    "helm-seed",
    "--size",
    "1",
    "--method",
    "biases",
    "--folds",
    "2",
  ]);
  assert.match(text.out, /Measure these first: /);
  assert.match(text.out, /BenchPress \(published\): all-known/);
});
