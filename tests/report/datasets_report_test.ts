import assert from "node:assert/strict";
import {
  datasetEntry,
  datasetsReport,
  loadDataset,
  REGISTRY,
  repositoryCommit,
  sha256Hex,
} from "../../src/lib/mod.ts";
import { mirrorDir, prerequisite } from "../_prerequisites.ts";

const NOW = new Date("2024-11-12T13:14:15.000Z");

/** Options that find nothing: no mirror, an empty cache, no download. */
async function nowhere() {
  const cache = await Deno.makeTempDir();
  return { dataDir: null, cacheDir: cache, offline: true, now: NOW, repositoryCommit: null };
}

Deno.test("datasetsReport() lists every registry dataset offline: the embedded ones loaded, the others with the reason", async () => {
  const options = await nowhere();
  const report = await datasetsReport(undefined, options);
  assert.equal(report.builtAt, "2024-11-12T13:14:15.000Z");
  assert.equal(report.repositoryCommit, null);
  assert.deepEqual(report.datasets.map((d) => [d.id, d.status]), [
    ["frontier", "loaded"],
    ["cpp-crowdsource", "unavailable"],
    ["helm-core", "unavailable"],
    ["open-llm", "unavailable"],
    ["helm-seed", "loaded"],
  ]);
  const [frontier, crowdsource, core, , seed] = report.datasets;
  // The reason is fit for a published page: no local folder in it.
  assert.equal(
    crowdsource.reason,
    "crowdsource_performance.csv was not in a data mirror or the download cache, and downloads " +
      "were off",
  );
  assert.ok(!core.reason!.includes(options.cacheDir));
  await assert.rejects(loadDataset("cpp-crowdsource", options), (error: Error) => {
    assert.equal(error.name, "DataUnavailableError");
    assert.ok(error.message.includes(options.cacheDir), "the CLI's message names the cache");
    return true;
  });
  assert.equal(crowdsource.shape, null);
  assert.equal(crowdsource.origin, null);
  assert.deepEqual(crowdsource.expected, { models: 72, tasks: 29, observed: 878 });
  assert.equal(crowdsource.commit, datasetEntry("cpp-crowdsource").commit);
  assert.equal(frontier.origin, "embedded");
  assert.deepEqual(frontier.shape, {
    models: 84,
    tasks: 133,
    observed: 2604,
    density: 2604 / (84 * 133),
  });
  assert.equal(seed.origin, "embedded");
  assert.deepEqual(seed.shape, { models: 11, tasks: 6, observed: 66, density: 1 });
  await Deno.remove(options.cacheDir, { recursive: true });
});

Deno.test("datasetsReport() lists each file pinned, and read only where it was read", async () => {
  const options = await nowhere();
  const report = await datasetsReport(undefined, options);
  const pinned = REGISTRY.flatMap((e) =>
    [...e.files, ...(e.embeddedCopy ? [e.embeddedCopy] : [])].map((f) => [
      e.id,
      f.role,
      f.name,
      f.sha256,
    ])
  );
  assert.deepEqual(report.files.map((f) => [f.dataset, f.role, f.name, f.sha256]), pinned);
  for (const f of report.files) {
    if (f.dataset === "frontier" && f.url !== null) {
      // Not in the mirror or the cache here: its embedded copy was read instead.
      assert.deepEqual([f.origin, f.verifiedSha256, f.bytes], [null, null, null]);
      assert.match(
        f.url,
        /^https:\/\/raw\.githubusercontent\.com\/microsoft\/benchpress\/[0-9a-f]{40}\//,
      );
    } else if (f.url === null) {
      assert.equal(f.origin, "embedded");
      assert.equal(f.verifiedSha256, f.sha256);
      assert.ok(f.bytes! > 0);
      assert.equal(f.url, null);
    } else {
      assert.deepEqual([f.origin, f.verifiedSha256, f.bytes], [null, null, null]);
      assert.match(
        f.url!,
        /^https:\/\/raw\.githubusercontent\.com\/(Don-Joey\/CPP_LLM|felipemaiapolo\/sloth)\/[0-9a-f]{40}\/data\//,
      );
    }
  }
  await Deno.remove(options.cacheDir, { recursive: true });
});

Deno.test("datasetsReport() marks a dataset whose mirror file fails its checksum invalid, without a notice", async () => {
  const mirror = await Deno.makeTempDir();
  await Deno.mkdir(`${mirror}/cpp-llm`);
  await Deno.writeTextFile(`${mirror}/cpp-llm/helm_core.csv`, "model,a\nx,1\n");
  const options = { ...(await nowhere()), dataDir: mirror };
  const report = await datasetsReport(["helm-core", "helm-seed"], options);
  const [core, seed] = report.datasets;
  assert.equal(core.status, "invalid");
  assert.match(core.reason!, /checksum mismatch for helm_core\.csv/);
  assert.equal(seed.status, "loaded");
  await Deno.remove(mirror, { recursive: true });
  await Deno.remove(options.cacheDir, { recursive: true });
});

Deno.test("datasetsReport() rejects an id outside the registry", async () => {
  await assert.rejects(datasetsReport(["nope"], await nowhere()), /Cannot find dataset 'nope'/);
});

Deno.test("datasetsReport() records the origin, digest and size of every file read from the mirror, then the cache", async () => {
  const dir = mirrorDir();
  if (!prerequisite(dir !== null, "the dataset mirror (CPP_DATA_DIR)")) return;
  const fromMirror = await datasetsReport(undefined, {
    ...(await nowhere()),
    dataDir: dir,
  });
  assert.deepEqual(fromMirror.datasets.map((d) => [d.id, d.status, d.origin]), [
    ["frontier", "loaded", "mirror"],
    ["cpp-crowdsource", "loaded", "mirror"],
    ["helm-core", "loaded", "mirror"],
    ["open-llm", "loaded", "mirror"],
    ["helm-seed", "loaded", "embedded"],
  ]);
  const [, crowdsource, core] = fromMirror.datasets;
  assert.deepEqual(crowdsource.shape, {
    models: 72,
    tasks: 29,
    observed: 878,
    density: 878 / 2088,
  });
  assert.deepEqual(crowdsource.factors, { model: 13, task: 4 });
  assert.deepEqual(core.factors, { model: 0, task: 0 });
  for (const f of fromMirror.files) {
    // The embedded copy of a dataset found in the mirror is not read.
    if (f.dataset === "frontier" && f.url === null) {
      assert.equal(f.origin, null);
      continue;
    }
    const entry = datasetEntry(f.dataset).files.find((x) => x.name === f.name)!;
    const path = entry.url === null
      ? new URL(`../../src/lib/data/${entry.path}`, import.meta.url)
      : `${dir}/${entry.path}`;
    const bytes = await Deno.readFile(path);
    assert.equal(f.bytes, bytes.length, f.name);
    assert.equal(f.verifiedSha256, await sha256Hex(bytes), f.name);
    assert.equal(f.verifiedSha256, f.sha256, f.name);
  }

  // Downloaded (a fake fetch serving the mirror's bytes) into a cache, then read from it.
  const cache = await Deno.makeTempDir();
  const fetch = ((url: string) => {
    const entry = REGISTRY.flatMap((e) => e.files).find((f) => f.url === String(url))!;
    return Promise.resolve(new Response(Deno.readFileSync(`${dir}/${entry.path}`)));
  }) as typeof globalThis.fetch;
  const options = { dataDir: null, cacheDir: cache, fetch, now: NOW, repositoryCommit: "abc" };
  const downloaded = await datasetsReport(["helm-core"], options);
  assert.deepEqual(downloaded.files.map((f) => f.origin), ["download"]);
  const cached = await datasetsReport(["helm-core"], { ...options, offline: true });
  assert.deepEqual(cached.files.map((f) => f.origin), ["cache"]);
  assert.equal(cached.files[0].verifiedSha256, datasetEntry("helm-core").files[0].sha256);
  assert.equal(cached.repositoryCommit, "abc");
  await Deno.remove(cache, { recursive: true });
});

Deno.test("repositoryCommit() is this checkout's HEAD, and null outside a repository", async () => {
  const git = await new Deno.Command("git", {
    args: ["rev-parse", "HEAD"],
    cwd: new URL(".", import.meta.url),
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => null);
  if (!prerequisite(git?.success === true, "git and a checkout of this repository")) return;
  assert.equal(await repositoryCommit(), new TextDecoder().decode(git!.stdout).trim());
  const outside = await Deno.makeTempDir();
  assert.equal(await repositoryCommit(outside), null);
  assert.equal(await repositoryCommit(`${outside}/missing`), null);
  await Deno.remove(outside, { recursive: true });
});
