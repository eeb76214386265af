import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import {
  calibrateFoldIn,
  loadDataset,
  methodById,
  predictNewModel,
  subsetDataset,
  trainPredictor,
  whatToRunNext,
} from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

interface Row {
  task: string;
  known: number | null;
  predicted: number;
  lower: number;
  upper: number;
}

/** A small budget: the whole command runs in about a second on the embedded sample. */
const FAST = ["--folds", "3", "--seeds", "2"];
const HELD = "Llama 2 (13B)";
const SEED_TASKS = [
  "MMLU - EM",
  "BoolQ - EM",
  "NarrativeQA - F1",
  "NaturalQuestions (closed) - F1",
  "NaturalQuestions (open) - F1",
  "QuAC - F1",
];

/**
 * 14 models x 5 tasks (percent) with two model factors, a few cells missing: enough models for
 * folds over models, and factors for ncf-factors.
 */
async function factorFixture(dir: string) {
  const families = ["alpha", "beta", "gamma"];
  const tasks = ["t1", "t2", "t3", "t4", "t5"];
  const scores = [`model,${tasks.join(",")}`];
  const factors = ["Model Name,family,size"];
  for (let i = 0; i < 14; i++) {
    const size = 1000 * (i + 1);
    const family = families[i % 3];
    const cells = tasks.map((_, j) => {
      if ((i + 2 * j) % 7 === 3) return "";
      const s = 20 + 6 * Math.log(size / 1000) + 5 * (i % 3) + 8 * j + ((i * 7 + j * 3) % 5);
      return s.toFixed(1);
    });
    scores.push(`m${i},${cells.join(",")}`);
    factors.push(`m${i},${family},${size}`);
  }
  const scorePath = `${dir}/scores.csv`;
  const factorPath = `${dir}/factors.csv`;
  await Deno.writeTextFile(scorePath, scores.join("\n") + "\n");
  await Deno.writeTextFile(factorPath, factors.join("\n") + "\n");
  return { scorePath, factorPath, read: ["--model-factors", factorPath] };
}

Deno.test("cpp predict-model --json is predictNewModel and whatToRunNext on the same inputs", async () => {
  const known = { "MMLU - EM": 0.5, "QuAC - F1": 0.41 };
  const r = await run([
    "predict-model",
    "helm-seed",
    "--like",
    HELD,
    "--exclude",
    HELD,
    "--known",
    "MMLU - EM=0.5,QuAC - F1=0.41",
    ...FAST,
    "--json",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /predict-model: calibration: 100%/);
  assert.match(r.err, /predict-model: training: 100%/);
  assert.doesNotMatch(r.err, /notice/, "--like with --exclude: no training-data notice");
  const json = JSON.parse(r.out);
  assert.deepEqual(
    [json.dataset, json.method, json.level, json.folds, json.seeds, json.seed, json.like],
    ["helm-seed", "ncf", 0.9, 3, 2, 0, HELD],
  );
  assert.deepEqual(json.excluded, [HELD]);
  assert.deepEqual(json.known, known);
  assert.deepEqual(json.factors, {});

  // The library, step by step as notebook 03 runs it, on the same data and settings.
  const data = await loadDataset("helm-seed");
  const rest = subsetDataset(data, {
    models: data.scores.dense.models.filter((m) => m !== HELD),
  });
  const method = methodById("ncf");
  const report = await calibrateFoldIn(rest, method, { level: 0.9, folds: 3, seeds: 2, seed: 0 });
  const predictor = await trainPredictor(rest, method, report);
  const { members, scale, calibration } = predictor;
  const rows = predictNewModel(members, scale, calibration, {}, known);
  assert.deepEqual(json.predictions, JSON.parse(JSON.stringify(rows)));
  assert.deepEqual(
    json.next,
    JSON.parse(JSON.stringify(whatToRunNext(members, scale, calibration, {}, known))),
  );
  assert.deepEqual(json.coverage, JSON.parse(JSON.stringify(report.measured)));
  assert.equal(json.backend, predictor.backend);

  assert.deepEqual(json.predictions.map((p: Row) => p.task), SEED_TASKS);
  for (const p of json.predictions as Row[]) {
    assert.equal(p.known, known[p.task as keyof typeof known] ?? null, p.task);
    assert.ok(p.lower <= p.predicted && p.predicted <= p.upper, p.task);
  }
  // What to run next: every task not known, largest gain first.
  assert.deepEqual(
    new Set(json.next.map((n: { task: string }) => n.task)),
    new Set(SEED_TASKS.filter((t) => !(t in known))),
  );
  // The held-out model's real scores, to check against.
  const i = data.scores.dense.modelIndex.get(HELD)!;
  assert.equal(
    json.actual["MMLU - EM"],
    Number(data.scores.dense.values[i * data.scores.dense.nTasks].toPrecision(7)),
  );
});

Deno.test("cpp predict-model prints every task, the known ones marked, and what to run next", async () => {
  const r = await run([
    "predict-model",
    "helm-seed",
    "--like",
    HELD,
    "--known",
    "MMLU - EM=0.5",
    ...FAST,
  ]);
  assert.equal(r.code, 0, r.err);
  // --like without --exclude: the model's own scores trained the predictor, and the user is told.
  assert.match(
    r.err,
    /notice: Llama 2 \(13B\)'s own scores are in the training data.*--exclude 'Llama 2 \(13B\)'/,
  );
  assert.match(
    r.out,
    /^helm-seed: a new model like Llama 2 \(13B\), 1 known score, ncf \(2 members on 11 models;/,
  );
  const lines = r.out.split("\n");
  for (const task of SEED_TASKS) {
    const line = lines.find((l) => l.startsWith(task + " "));
    assert.ok(line, task);
    if (task === "MMLU - EM") {
      assert.match(line, /^MMLU - EM\s+known\s+0\.5\s+-\s+-\s+0\.\d+$/);
      continue;
    }
    const [score, lower, upper] = line.slice(task.length).trim().split(/\s+/).slice(1, 4)
      .map(Number);
    assert.ok(lower <= score && score <= upper, line);
  }
  assert.match(r.out, /Measured coverage by known scores: 0: \d+\.\d%, 1: /);
  assert.match(r.out, /\(it is in the training data\)\./);
  assert.match(r.out, /What to run next/);
  assert.match(r.out, /\n {3}1 {2}\S/);
});

Deno.test("cpp predict-model --out writes CSV (or JSON) atomically and never over an input", async () => {
  const dir = await Deno.makeTempDir();
  const { scorePath, factorPath, read } = await factorFixture(dir);
  const out = `${dir}/new_model.csv`;
  const argv = [
    "predict-model",
    scorePath,
    ...read,
    "--factor",
    "family=beta",
    "--factor",
    "size=5500",
    "--known",
    "t1=31.5",
    ...FAST,
  ];
  const r = await run([...argv, "--out", out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /predict-model: wrote 5 tasks to .*new_model\.csv/);
  // Models with factors: ncf-factors by default.
  assert.match(
    r.out,
    /scores\.csv: a new model, 1 known score, ncf-factors \(2 members on 14 models;/,
  );
  const lines = (await Deno.readTextFile(out)).trim().split("\n").map((l) => l.split(","));
  assert.deepEqual(lines[0], [
    "task",
    "source",
    "score",
    "fitted",
    "lower",
    "upper",
    "actual",
    "next_rank",
    "next_gain",
  ]);
  assert.deepEqual(lines.slice(1).map((l) => l[0]), ["t1", "t2", "t3", "t4", "t5"]);
  assert.deepEqual(lines[1].slice(0, 3), ["t1", "known", "31.5"]);
  assert.deepEqual([lines[1][4], lines[1][5], lines[1][7]], ["", "", ""]);
  for (const l of lines.slice(2)) {
    const [score, fitted, lower, upper, , rank] = l.slice(2).map(Number);
    assert.equal(l[1], "predicted");
    assert.equal(score, fitted);
    assert.ok(lower <= score && score <= upper, l.join(","));
    assert.ok(rank >= 1 && rank <= 4, l.join(","));
  }
  // A .json file holds what --json prints.
  const jsonOut = `${dir}/new_model.json`;
  const j = await run([...argv, "--out", jsonOut, "--json"]);
  assert.equal(j.code, 0, j.err);
  assert.deepEqual(JSON.parse(await Deno.readTextFile(jsonOut)), JSON.parse(j.out));
  assert.deepEqual(JSON.parse(j.out).factors, { family: "beta", size: 5500 });
  // Never over an input: the scores, the factor file, or the --factors file.
  const before = await Deno.readTextFile(scorePath);
  for (const input of [scorePath, factorPath]) {
    const clobber = await run(["predict-model", scorePath, ...read, ...FAST, "--out", input]);
    assert.equal(clobber.code, 1);
    assert.match(clobber.err, /Cannot write .*: it is an input of this command/);
  }
  const factorsJson = `${dir}/new.json`;
  await Deno.writeTextFile(factorsJson, '{"family": "beta"}');
  const clobber = await run([
    "predict-model",
    scorePath,
    ...read,
    "--factors",
    factorsJson,
    ...FAST,
    "--out",
    factorsJson,
  ]);
  assert.equal(clobber.code, 1);
  assert.match(clobber.err, /Cannot write .*new\.json: it is an input of this command/);
  assert.equal(await Deno.readTextFile(scorePath), before);
  assert.equal(await Deno.readTextFile(factorsJson), '{"family": "beta"}');
  await Deno.remove(dir, { recursive: true });
});

Deno.test("cpp predict-model takes factors from --like, then --factors, then --factor", async () => {
  const dir = await Deno.makeTempDir();
  const { scorePath, read } = await factorFixture(dir);
  const file = `${dir}/factors.json`;
  await Deno.writeTextFile(file, JSON.stringify({ family: "delta", size: "7000" }));
  const r = await run([
    "predict-model",
    scorePath,
    ...read,
    "--like",
    "m4",
    "--exclude",
    "m4",
    "--factors",
    file,
    "--factor",
    "size=",
    "--known",
    "t2=40%",
    ...FAST,
    "--json",
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  // m4 is (beta, 5000): the file sets delta and 7000, the flag then makes the size missing.
  assert.deepEqual(json.factors, { family: "delta", size: null });
  // A trailing % is accepted on a percent task.
  assert.deepEqual(json.known, { t2: 40 });
  assert.match(
    r.err,
    /notice: family 'delta' is not among the 3 values of .*scores\.csv \(it takes the 'unknown' embedding\); closest: 'beta'/,
  );
  assert.equal(json.predictions.length, 5);
  // m4 has no t4 score.
  assert.deepEqual(Object.keys(json.actual), ["t1", "t2", "t3", "t5"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("cpp predict-model names the culprit of each bad input and exits non-zero", async () => {
  const dir = await Deno.makeTempDir();
  const { scorePath, read } = await factorFixture(dir);
  const notObject = `${dir}/list.json`;
  await Deno.writeTextFile(notObject, "[1, 2]");
  const broken = `${dir}/broken.json`;
  await Deno.writeTextFile(broken, "{family: beta}");
  const seed = ["predict-model", "helm-seed", ...FAST];
  const fixture = ["predict-model", scorePath, ...read, ...FAST];
  const cases: [string[], RegExp][] = [
    [["predict-model"], /Command predict-model needs a dataset id or a CSV file path/],
    [
      [...seed, "--known", "MMLU=0.5"],
      /Option --known: 'MMLU' is not a task of helm-seed \(did you mean 'MMLU - EM'\?\); the 6 tasks: 'MMLU - EM', /,
    ],
    [
      [...seed, "--known", "MMLU - EM=high"],
      /the score of MMLU - EM is 'high' \(expected a number\)/,
    ],
    [
      [...seed, "--known", "MMLU - EM=45"],
      /the score of MMLU - EM is 45, outside the task's range \[0, 1\] \(its scores in helm-seed are fractions\)/,
    ],
    [
      [...seed, "--known", "MMLU - EM"],
      /Option --known expects TASK=SCORE,TASK=SCORE, got 'MMLU - EM'/,
    ],
    [
      [...seed, "--known", "MMLU - EM=0.5,MMLU - EM=0.6"],
      /Option --known: MMLU - EM is given twice/,
    ],
    [
      [...fixture, "--known", "t1=120"],
      /the score of t1 is 120, outside the task's range \[0, 100\]/,
    ],
    [
      [...fixture, "--factor", "famly=beta"],
      /Unknown factor 'famly' \(--factor\) \(did you mean 'family'\?\); the 2 model factors: 'family', 'size'/,
    ],
    [
      [...fixture, "--factor", "size=big"],
      /Factor 'size' \(--factor\) is "big" \(expected a number/,
    ],
    [[...fixture, "--factor", "size"], /Option --factor expects NAME=VALUE, got 'size'/],
    [
      [...fixture, "--factors", notObject],
      /Cannot read --factors .*list\.json: expected a JSON object/,
    ],
    [[...fixture, "--factors", broken], /Cannot read --factors .*broken\.json: /],
    [
      [...fixture, "--factors", `${dir}/none.json`],
      /Cannot read --factors .*none\.json: no such file/,
    ],
    [
      [...seed, "--factor", "family=x"],
      /Cannot use design factors \(--factor: 'family'\): helm-seed has no model factors/,
    ],
    [
      [...seed, "--like", "Llama 2"],
      /Option --like: no model named 'Llama 2' in helm-seed \(closest: 'Llama 2 \(70B\)', 'Llama 2 \(13B\)'\)/,
    ],
    [[...seed, "--exclude", "nobody"], /Option --exclude: no model named 'nobody' in helm-seed/],
    [
      [...seed, "--method", "ncf-factors"],
      /Cannot predict a new model with ncf-factors: helm-seed has no model factors to describe it \(use --method ncf/,
    ],
    [
      [...seed, "--method", "biases"],
      /cannot use --method biases: .*\(expected mf, ncf, ncf-factors, factors-only\)/,
    ],
    [[...seed, "--method", "ncf,mf"], /takes one method, got 'ncf,mf'/],
    [[...seed, "--method", "nope"], /Unknown method 'nope'/],
    [
      ["predict-model", "helm-seed", "--level", "1.5"],
      /Option --level is '1\.5' \(expected a level in \(0, 1\)\)/,
    ],
    [["predict-model", "helm-seed", "--level", "90%"], /Option --level is '90%'/],
    [
      ["predict-model", "helm-seed", "--folds", "1"],
      /Option --folds is '1' \(expected an integer >= 2\)/,
    ],
    [
      ["predict-model", "helm-seed", "--seeds", "0"],
      /Option --seeds is '0' \(expected an integer >= 1\)/,
    ],
  ];
  for (const [argv, message] of cases) {
    const r = await run(argv);
    assert.equal(r.code, 1, argv.join(" "));
    assert.match(r.err, message, argv.join(" "));
    assert.doesNotMatch(r.err, /calibration:/, "fails before calibrating");
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("cpp predict-model predicts LLaMA 2 7B held out of cpp-crowdsource", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror")) return;
  const saved = Deno.env.get("CPP_DATA_DIR");
  Deno.env.set("CPP_DATA_DIR", dir!);
  try {
    const r = await run([
      "predict-model",
      "cpp-crowdsource",
      "--like",
      "LLama-2-7B",
      "--exclude",
      "LLama-2-7B",
      "--known",
      "MMLU(5-shot)=45.7,GSM8K(4-shot)=16",
      "--folds",
      "3",
      "--seeds",
      "2",
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.method, "ncf-factors");
    assert.equal(json.factors.family, "LLama-2");
    assert.equal(json.factors["Parameter Size(M)"], 7000);
    assert.equal(json.predictions.length, 29);
    assert.equal(json.next.length, 27);
    assert.equal(Object.keys(json.actual).length, 25);
    const checked = (json.predictions as Row[]).filter((p) =>
      p.known === null && json.actual[p.task] !== undefined
    );
    const inside = checked.filter((p) =>
      p.lower <= json.actual[p.task] && json.actual[p.task] <= p.upper
    );
    // 90% intervals: most of the held-out model's 23 other scores fall inside.
    assert.ok(inside.length >= checked.length / 2, `${inside.length} of ${checked.length}`);
  } finally {
    saved === undefined ? Deno.env.delete("CPP_DATA_DIR") : Deno.env.set("CPP_DATA_DIR", saved);
  }
});

Deno.test("cpp --help lists predict-model; predict-model --help documents its options", async () => {
  const r = await run(["--help"]);
  assert.equal(r.code, 0);
  assert.match(
    r.out,
    /deno task cpp predict-model <dataset-or-file> \[read options\] \[--like MODEL\]/,
  );
  const own = await run(["predict-model", "--help"]);
  assert.equal(own.code, 0);
  assert.match(own.out, /Options:\n {2}--like MODEL /);
  for (
    const flag of ["--factor NAME=VALUE", "--factors FILE.json", "--exclude MODEL", "--folds N"]
  ) {
    assert.ok(own.out.includes(flag), flag);
  }
  assert.match(own.out, /--known TASK=SCORE,…/);
});
