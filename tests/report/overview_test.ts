import assert from "node:assert/strict";
import { overviewData } from "../../src/lib/mod.ts";

Deno.test("overviewData() offline: the embedded frontier matrix, and the others listed as unavailable with why", async () => {
  const cache = await Deno.makeTempDir();
  const o = await overviewData(["frontier", "cpp-crowdsource", "helm-core"], {
    dataDir: null,
    cacheDir: cache,
    offline: true,
  });
  assert.deepEqual(o.datasets.map((d) => d.id), ["frontier"]);
  assert.equal(o.datasets[0].cells.length, 2604);
  assert.deepEqual(o.unavailable.map((d) => d.id), ["cpp-crowdsource", "helm-core"]);
  for (const d of o.unavailable) {
    assert.match(d.reason, /was not in a data mirror or the download cache/);
    assert.ok(!d.reason.includes(cache), "a local path in a published reason");
  }
  await Deno.remove(cache, { recursive: true });
});
