import assert from "node:assert/strict";
import { absolutePath, loadDataset, printable, summarize } from "../../src/lib/mod.ts";

Deno.test("absolutePath() resolves a relative path against the given folder", () => {
  assert.equal(absolutePath("/a/b.csv", "/x"), "/a/b.csv");
  assert.equal(absolutePath("b.csv", "/x/y/"), "/x/y/b.csv");
  assert.equal(absolutePath("../b.csv", "/x/y"), "/x/b.csv");
  assert.equal(absolutePath("./my scores%.csv", "/x/y z"), "/x/y z/my scores%.csv");
  assert.equal(absolutePath("b.csv"), `${Deno.cwd()}/b.csv`);
});

Deno.test("loadDataset() reads a relative path from baseDir and names it as given", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cpp-base-" });
  await Deno.mkdir(`${dir}/sub`);
  await Deno.writeTextFile(`${dir}/sub/s.csv`, "model,MMLU\na,40\nb,50\n");
  const data = await loadDataset("sub/s.csv", { baseDir: dir });
  assert.equal(data.id, "sub/s.csv");
  assert.equal(data.scores.dense.nModels, 2);
  await assert.rejects(() => loadDataset("sub/none.csv", { baseDir: dir }), {
    message: `Cannot read sub/none.csv: no such file (tried ${dir}/sub/none.csv; nor a known ` +
      "dataset id)",
  });
  await assert.rejects(
    () => loadDataset("nope", { baseDir: dir }),
    /^RangeError: Cannot find dataset 'nope': known datasets are .*\(and there is no file .*\/nope\)$/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadDataset(): a factor typed by the user that the data lacks is an error", async () => {
  await assert.rejects(
    () => loadDataset("helm-seed", { factorKinds: { parms: "numeric" } }),
    {
      message:
        "Cannot type factor 'parms' as numeric: helm-seed has no factor of that name (it has no factors: name a factor file or --factor-columns)",
    },
  );
});

Deno.test("summarize() carries the readers' warnings; printable() escapes control characters", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cpp-warn-" });
  await Deno.writeTextFile(`${dir}/s.csv`, "model,MMLU,GSM8K\na,40,10\nb,50\n");
  const s = summarize(await loadDataset(`${dir}/s.csv`));
  assert.deepEqual(s.warnings.map((w) => [w.line, w.column]), [[3, null]]);
  assert.match(
    s.warnings[0].message,
    /s\.csv: line 3 \(b\): 2 cells, but the header on line 1 has 3/,
  );
  assert.equal(printable("a\nb\tc\0\u001b[31m\u202e"), "a\\nb\\tc\\0\\u001b[31m\\u202e");
  await Deno.remove(dir, { recursive: true });
});
