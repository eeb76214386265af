import assert from "node:assert/strict";
import { probeBackend } from "../../src/lib/train/probe.ts";

const sanitize = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "probeBackend() measures once per machine and reads the time back from the cache",
  ...sanitize,
  fn: async () => {
    const cache = await Deno.makeTempDir();
    try {
      const first = await probeBackend("cpu", { cache });
      assert.ok(first.ms > 0);
      assert.equal(first.cachedIn, undefined, "the first call measures");
      const path = `${cache}/backend-probe.json`;
      const stored = JSON.parse(await Deno.readTextFile(path));
      const [key] = Object.keys(stored);
      assert.match(key, /^deno .* cores, kernels [0-9a-f]{12}$/);
      assert.equal(stored[key].cpu, first.ms);
      const again = await probeBackend("cpu", { cache });
      assert.deepEqual(again, { ms: first.ms, cachedIn: path });
      // a damaged cache is measured over, not trusted
      await Deno.writeTextFile(path, "{not json");
      const fresh = await probeBackend("cpu", { cache });
      assert.equal(fresh.cachedIn, undefined);
      assert.ok(fresh.ms > 0);
    } finally {
      await Deno.remove(cache, { recursive: true });
    }
  },
});

Deno.test({
  name: "probeBackend() without a cache folder measures every time",
  ...sanitize,
  fn: async () => {
    const a = await probeBackend("webasm", { cache: null });
    assert.ok(a.ms > 0);
    assert.equal(a.cachedIn, undefined);
  },
});
