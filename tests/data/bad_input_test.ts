import assert from "node:assert/strict";
import { BAD_DIR, type BadCase, runBadCase, runCliCase } from "./_bad_input.ts";

const cases: BadCase[] = JSON.parse(Deno.readTextFileSync(new URL("expected.json", BAD_DIR)));

for (const c of cases.filter((c) => c.read !== "cli")) {
  const what = c.error ? `is a ${c.error} saying what and where` : "is read, with warnings";
  Deno.test(`bad input: ${c.name} (${c.file}) ${what}`, () => {
    const { error, warnings } = runBadCase(c);
    if (c.error) {
      assert.ok(error instanceof Error, `expected ${c.error}, got ${String(error)}`);
      assert.equal(error.constructor.name, c.error);
      assert.equal(error.message, c.message);
      return;
    }
    assert.equal(error, undefined, String(error));
    assert.deepEqual(warnings, c.warnings ?? []);
  });
}

for (const c of cases.filter((c) => c.read === "cli")) {
  Deno.test(`bad input: ${c.name} (cpp ${c.argv!.join(" ")})`, async () => {
    const r = await runCliCase(c);
    assert.equal(r.code, c.code, r.stderr.join("\n"));
    assert.deepEqual(r.stderr, c.stderr);
    for (const line of c.stdout ?? []) {
      assert.ok(r.stdout.split("\n").includes(line), `stdout lacks ${JSON.stringify(line)}`);
    }
    if (c.written) {
      assert.ok(r.written !== null, `${c.written.file} was not written`);
      const lines = r.written.split("\n");
      for (const start of c.written.lines) {
        assert.ok(
          lines.some((l) => l.startsWith(start)),
          `no line starts ${JSON.stringify(start)}`,
        );
      }
    }
  });
}

Deno.test("bad input: every fixture under tests/fixtures/bad/ has a case", () => {
  const files = [...Deno.readDirSync(BAD_DIR)].map((e) => e.name).filter((n) =>
    n !== "expected.json"
  );
  const covered = new Set(cases.map((c) => c.file));
  assert.deepEqual(files.filter((f) => !covered.has(f)).sort(), []);
});

Deno.test("bad input: every message names its file and uses a built-in error class", () => {
  for (const c of cases.filter((c) => c.read !== "cli")) {
    for (const message of [c.message, ...(c.warnings ?? [])].filter((m) => m !== undefined)) {
      assert.ok(message.includes(`bad/${c.file}`), `${c.name}: ${message}`);
    }
    if (c.error) assert.ok(["RangeError", "SyntaxError", "TypeError"].includes(c.error), c.name);
    else assert.ok((c.warnings ?? []).length > 0, `${c.name}: a case without an error warns`);
  }
  for (const c of cases.filter((c) => c.read === "cli")) {
    assert.ok(c.code === 0 || c.stderr?.some((l) => l.startsWith("cpp: error: ")), c.name);
  }
});
