import assert from "node:assert/strict";
import { BAD_DIR, type BadCase, runBadCase } from "./_bad_input.ts";

const cases: BadCase[] = JSON.parse(Deno.readTextFileSync(new URL("expected.json", BAD_DIR)));

for (const c of cases) {
  Deno.test(`bad input: ${c.name} (${c.file}) is a ${c.error} saying what and where`, () => {
    const error = runBadCase(c);
    assert.ok(error instanceof Error, `expected ${c.error}, got ${String(error)}`);
    assert.equal(error.constructor.name, c.error);
    assert.equal(error.message, c.message);
  });
}

Deno.test("bad input: every fixture under tests/fixtures/bad/ has a case", () => {
  const files = [...Deno.readDirSync(BAD_DIR)].map((e) => e.name).filter((n) => n.endsWith(".csv"));
  const covered = new Set(cases.map((c) => c.file));
  assert.deepEqual(files.filter((f) => !covered.has(f)), []);
});

Deno.test("bad input: every message names its file and uses a built-in error class", () => {
  for (const c of cases) {
    assert.ok(c.message?.includes(`bad/${c.file}`), c.name);
    assert.ok(["RangeError", "SyntaxError", "TypeError"].includes(c.error ?? ""), c.name);
  }
});
