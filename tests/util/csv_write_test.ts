import assert from "node:assert/strict";
import { csvField, toCsv } from "../../src/lib/mod.ts";
import { toCsv as siteCsv } from "../../src/components/_files.js";

Deno.test("csvField() guards text a spreadsheet would run as a formula, never numbers", () => {
  assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvField("+cmd"), "'+cmd");
  assert.equal(csvField("-2B"), "'-2B");
  assert.equal(csvField("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvField("\tx"), "'\tx");
  assert.equal(csvField(-2.5), "-2.5");
  assert.equal(csvField("a=b"), "a=b");
  assert.equal(csvField(null), "");
});

Deno.test("the site's downloads write CSV with the library's writer", () => {
  assert.equal(siteCsv, toCsv);
  const rows = [{ model: "=1+1", score: -1 }, { model: "a, b", score: 2 }];
  assert.equal(toCsv(rows, ["model", "score"]), `model,score\n'=1+1,-1\n"a, b",2\n`);
});
