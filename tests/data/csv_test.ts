import assert from "node:assert/strict";
import { parseCsv } from "../../src/lib/data/mod.ts";

const file = "t.csv";

Deno.test("parseCsv() strips a UTF-8 BOM from the first cell", () => {
  const { rows } = parseCsv("\uFEFF,MMLU\nA,1\n", { file });
  assert.deepEqual(rows, [["", "MMLU"], ["A", "1"]]);
});

Deno.test("parseCsv() reads \\r\\n, \\n and lone \\r line ends alike", () => {
  const expected = [["a", "b"], ["1", "2"], ["3", "4"]];
  assert.deepEqual(parseCsv("a,b\r\n1,2\r\n3,4\r\n", { file }).rows, expected);
  assert.deepEqual(parseCsv("a,b\n1,2\n3,4", { file }).rows, expected);
  assert.deepEqual(parseCsv("a,b\r1,2\r3,4\r", { file }).rows, expected);
});

Deno.test("parseCsv() reads quoted fields with commas, escaped quotes and newlines", () => {
  const text = 'name,note\n"Llama, 2","say ""hi"""\n"multi\r\nline",x\n';
  const { rows, lines } = parseCsv(text, { file });
  assert.deepEqual(rows, [["name", "note"], ["Llama, 2", 'say "hi"'], ["multi\r\nline", "x"]]);
  assert.deepEqual(lines, [1, 2, 3]);
});

Deno.test("parseCsv() numbers rows by the line on which they start", () => {
  const { lines } = parseCsv('h\n"a\nb\nc"\n\nd\n', { file });
  assert.deepEqual(lines, [1, 2, 6]);
});

Deno.test("parseCsv() skips blank lines and keeps empty fields", () => {
  const { rows } = parseCsv("a,b,\n\n\r\n,,\n1,,\n", { file });
  assert.deepEqual(rows, [["a", "b", ""], ["", "", ""], ["1", "", ""]]);
});

Deno.test("parseCsv() keeps a trailing empty field at the end of the text", () => {
  assert.deepEqual(parseCsv("a,", { file }).rows, [["a", ""]]);
});

Deno.test("parseCsv() returns no rows for an empty text or a lone BOM", () => {
  assert.deepEqual(parseCsv("", { file }).rows, []);
  assert.deepEqual(parseCsv("\uFEFF\r\n", { file }).rows, []);
});

Deno.test("parseCsv() names the file and the opening line of an unterminated quote", () => {
  assert.throws(() => parseCsv('a,b\n1,"2\n3,4\n', { file: "data/x.csv" }), {
    name: "SyntaxError",
    message: "Cannot parse CSV from data/x.csv: line 2: a quoted field is never closed " +
      `(expected a closing '"' before the end of the file)`,
  });
});

Deno.test("parseCsv() rejects text right after a closing quote", () => {
  assert.throws(() => parseCsv('a\n"b"c\n', { file }), SyntaxError);
});
