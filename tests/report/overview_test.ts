import assert from "node:assert/strict";
import { overviewData, withoutScheme } from "../../src/lib/mod.ts";

Deno.test("withoutScheme() strips every URL scheme in a text", () => {
  assert.equal(withoutScheme("see https://a.b/c and http://d.e"), "see a.b/c and d.e");
  assert.equal(withoutScheme(null), null);
});

Deno.test("overviewData() lists the sample once, with the notices of the datasets it stands in for", async () => {
  const cache = await Deno.makeTempDir();
  const o = await overviewData(["cpp-crowdsource", "helm-core"], {
    dataDir: null,
    cacheDir: cache,
    offline: true,
  });
  assert.deepEqual(o.datasets.map((d) => d.id), ["helm-seed"]);
  const notice = o.datasets[0].notice!;
  assert.match(notice, /'cpp-crowdsource' was not available/);
  assert.match(notice, /'helm-core' was not available/);
  assert.ok(!notice.includes("https://"));
  assert.equal(o.datasets[0].cells.length, 66);
  await Deno.remove(cache, { recursive: true });
});
