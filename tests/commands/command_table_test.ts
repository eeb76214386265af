import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import { COMMANDS, flagsOf, reference } from "../../src/commands/mod.ts";
import { parseArgs } from "../../src/commands/args.ts";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const ALL_FLAGS = new Set(COMMANDS.flatMap((c) => Object.keys(flagsOf(c))));

Deno.test("every command of the table answers --help with its synopsis and every flag it takes", async () => {
  for (const command of COMMANDS) {
    const r = await run([command.name, "--help"]);
    assert.equal(r.code, 0, command.name);
    assert.ok(r.out.startsWith(`cpp ${command.name}: `), command.name);
    assert.ok(r.out.includes(`deno task cpp ${command.usage[0]}`), command.name);
    for (const [name, spec] of Object.entries(flagsOf(command))) {
      if (name === "help") continue;
      assert.ok(
        r.out.includes(`--${name}${spec.value ? ` ${spec.value}` : ""}`),
        `${command.name} --${name}`,
      );
    }
  }
});

Deno.test("cpp --help lists every command of the table, and help COMMAND is COMMAND --help", async () => {
  const r = await run(["--help"]);
  assert.equal(r.code, 0);
  for (const command of COMMANDS) {
    assert.match(r.out, new RegExp(`\\n  ${command.name} +\\S`), command.name);
    assert.ok(r.out.includes(`deno task cpp ${command.usage[0]}`), command.name);
  }
  assert.deepEqual(await run(["help", "inspect"]), await run(["inspect", "--help"]));
  const none = await run([]);
  assert.equal(none.code, 2);
  assert.equal(none.out, r.out);
});

Deno.test("a command refuses every flag that is not its own, naming it and listing its own", async () => {
  for (const command of COMMANDS) {
    const own = flagsOf(command);
    for (const flag of ALL_FLAGS) {
      if (Object.hasOwn(own, flag)) continue;
      const r = await run([command.name, `--${flag}`, "x"]);
      assert.equal(r.code, 1, `${command.name} --${flag}`);
      assert.ok(
        r.err.startsWith(`cpp: error: Unknown option --${flag} for ${command.name} (an option of `),
        r.err,
      );
      assert.ok(r.err.includes(`: ${command.name} takes --`), r.err);
    }
  }
  const r = await run(["inspect", "helm-seed", "--out", "x.csv"]);
  assert.equal(
    r.err,
    "cpp: error: Unknown option --out for inspect (an option of predict, predict-model): " +
      "inspect takes --json, --offline, --layout, --model-column, --factor-columns, " +
      "--drop-columns, --lower-is-better, --unbounded, --model-factors, --task-factors, " +
      "--numeric, --categorical, --alias, --help",
  );
  const typo = await run(["evaluate", "helm-seed", "--seed", "3"]);
  assert.match(
    typo.err,
    /^cpp: error: Unknown option --seed for evaluate \(an option of shapley, predict, predict-model, probes\)/,
  );
});

Deno.test("a command refuses extra arguments and options before the command", async () => {
  const extra = await run(["inspect", "helm-seed", "helm-core"]);
  assert.equal(extra.code, 1);
  assert.equal(
    extra.err,
    "cpp: error: Command inspect takes <dataset-or-file> only, got also 'helm-core' (a value " +
      "with spaces needs quotes)",
  );
  const datasets = await run(["datasets", "helm-seed"]);
  assert.match(datasets.err, /Command datasets takes no argument, got also 'helm-seed'/);
  const first = await run(["--json", "inspect", "helm-seed"]);
  assert.equal(first.code, 1);
  assert.match(first.err, /it starts with the option --json \(expected the command first/);
});

Deno.test("parseArgs() refuses a flag named like an Object property and a value that is a flag", () => {
  const specs = {
    out: { value: "FILE", description: "" },
    json: { boolean: true, description: "" },
  };
  assert.throws(() => parseArgs(["--constructor"], specs), /Unknown option --constructor/);
  assert.throws(() => parseArgs(["--toString", "x"], specs), /Unknown option --toString/);
  assert.throws(
    () => parseArgs(["--out", "--json"], specs),
    /Option --out needs a value \(FILE\), got the option --json/,
  );
  assert.deepEqual(parseArgs(["--out", "-"], specs).flags.get("out"), ["-"]);
});

Deno.test("docs/cli.md is the command table's reference (deno task cpp help --markdown)", async () => {
  const docs = await Deno.readTextFile(new URL("../../docs/cli.md", import.meta.url));
  assert.equal(
    docs,
    reference() + "\n",
    "docs/cli.md is stale: deno task cpp help --markdown > docs/cli.md",
  );
  for (const command of COMMANDS) assert.ok(docs.includes(`\n## ${command.name}\n`), command.name);
  const r = await run(["help", "--markdown"]);
  assert.equal(r.out, reference());
});
