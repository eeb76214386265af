import assert from "node:assert/strict";
import {
  datasetEntry,
  type DatasetFile,
  DataUnavailableError,
  resolveFile,
  sha256Hex,
  writeFileAtomic,
} from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

const encoder = new TextEncoder();
const body = "model,a\nx,1\n";

async function fileFor(text: string): Promise<DatasetFile> {
  return {
    role: "scores",
    name: "tiny.csv",
    path: "test/tiny.csv",
    url: "https://example.invalid/tiny.csv",
    sha256: await sha256Hex(encoder.encode(text)),
  };
}

function fakeFetch(text: string, calls: string[], status = 200): typeof fetch {
  return ((url: string) => {
    calls.push(String(url));
    return Promise.resolve(new Response(text, { status }));
  }) as typeof fetch;
}

Deno.test("resolveFile() prefers the mirror folder and verifies its checksum", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/test`);
  await Deno.writeTextFile(`${dir}/test/tiny.csv`, body);
  const calls: string[] = [];
  const r = await resolveFile(await fileFor(body), {
    dataDir: dir,
    cacheDir: null,
    fetch: fakeFetch(body, calls),
  });
  assert.equal(r.origin, "mirror");
  assert.equal(r.text, body);
  assert.equal(r.sha256, await sha256Hex(encoder.encode(body)));
  assert.equal(calls.length, 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("resolveFile() rejects a mirror file whose sha256 differs, naming both digests", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/test`);
  await Deno.writeTextFile(`${dir}/test/tiny.csv`, body + "y,2\n");
  const file = await fileFor(body);
  await assert.rejects(
    resolveFile(file, { dataDir: dir, cacheDir: null, offline: true }),
    (e: Error) => {
      assert.ok(e instanceof RangeError);
      assert.match(e.message, /checksum mismatch for tiny\.csv/);
      assert.match(e.message, new RegExp(`expected ${file.sha256}`));
      assert.ok(e.message.includes(`${dir}/test/tiny.csv`));
      return true;
    },
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("resolveFile() downloads once, writes the cache atomically, then reads the cache", async () => {
  const cache = await Deno.makeTempDir();
  const calls: string[] = [];
  const file = await fileFor(body);
  const first = await resolveFile(file, {
    dataDir: null,
    cacheDir: cache,
    fetch: fakeFetch(body, calls),
  });
  assert.equal(first.origin, "download");
  assert.deepEqual(calls, [file.url]);
  assert.equal(await Deno.readTextFile(`${cache}/test/tiny.csv`), body);
  // No temporary file is left beside the cached one.
  const names = [...Deno.readDirSync(`${cache}/test`)].map((e) => e.name);
  assert.deepEqual(names, ["tiny.csv"]);
  const second = await resolveFile(file, {
    dataDir: null,
    cacheDir: cache,
    fetch: fakeFetch(body, calls),
  });
  assert.equal(second.origin, "cache");
  assert.equal(calls.length, 1);
  assert.equal(first.sha256, file.sha256);
  assert.equal(second.sha256, file.sha256);
  await Deno.remove(cache, { recursive: true });
});

Deno.test("resolveFile() refuses a download whose checksum differs and caches nothing", async () => {
  const cache = await Deno.makeTempDir();
  const file = await fileFor(body);
  await assert.rejects(
    resolveFile(file, { dataDir: null, cacheDir: cache, fetch: fakeFetch("tampered", []) }),
    /checksum mismatch for tiny\.csv/,
  );
  assert.throws(() => Deno.statSync(`${cache}/test/tiny.csv`), Deno.errors.NotFound);
  await Deno.remove(cache, { recursive: true });
});

Deno.test("resolveFile() replaces a damaged cache entry by a fresh download", async () => {
  const cache = await Deno.makeTempDir();
  await Deno.mkdir(`${cache}/test`);
  await Deno.writeTextFile(`${cache}/test/tiny.csv`, "damaged");
  const calls: string[] = [];
  const r = await resolveFile(await fileFor(body), {
    dataDir: null,
    cacheDir: cache,
    fetch: fakeFetch(body, calls),
  });
  assert.equal(r.origin, "download");
  assert.equal(await Deno.readTextFile(`${cache}/test/tiny.csv`), body);
  await Deno.remove(cache, { recursive: true });
});

Deno.test("resolveFile() reports an unreachable source as DataUnavailableError", async () => {
  const failing = (() => Promise.reject(new TypeError("dns error"))) as typeof fetch;
  await assert.rejects(
    resolveFile(await fileFor(body), { dataDir: null, cacheDir: null, fetch: failing }),
    (e: Error) => e instanceof DataUnavailableError && /Cannot download tiny\.csv/.test(e.message),
  );
  await assert.rejects(
    resolveFile(await fileFor(body), {
      dataDir: null,
      cacheDir: null,
      fetch: fakeFetch("", [], 404),
    }),
    (e: Error) => e instanceof DataUnavailableError && /HTTP 404/.test(e.message),
  );
  await assert.rejects(
    resolveFile(await fileFor(body), { dataDir: null, cacheDir: null, offline: true }),
    (e: Error) => e instanceof DataUnavailableError && /downloads are off/.test(e.message),
  );
});

Deno.test("writeFileAtomic() never leaves a half-written file in place of the old one", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/out.json`;
  await writeFileAtomic(path, encoder.encode("old"));
  await assert.rejects(
    writeFileAtomic(`${dir}/missing-parent-is-a-file/x`, encoder.encode("x")).then(
      () =>
        Deno.writeTextFile(`${dir}/blocker`, "").then(() =>
          writeFileAtomic(`${dir}/blocker/x`, encoder.encode("x"))
        ),
    ),
  );
  assert.equal(await Deno.readTextFile(path), "old");
  await writeFileAtomic(path, encoder.encode("new"));
  assert.equal(await Deno.readTextFile(path), "new");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the mirror's files match the registry's pinned sha256", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror (CPP_DATA_DIR or ../shared/datasets)")) {
    return;
  }
  for (const id of ["cpp-crowdsource", "helm-core"]) {
    for (const file of datasetEntry(id).files) {
      const r = await resolveFile(file, { dataDir: dir, cacheDir: null, offline: true });
      assert.equal(r.origin, "mirror", file.name);
    }
  }
});
