import assert from "node:assert/strict";
import { missingDependency } from "../../scripts/setup.ts";

Deno.test("setup's missingDependency() finds a pinned package missing or at another version", async () => {
  const dir = await Deno.makeTempDir();
  const url = new URL(`file://${dir}/`);
  await Deno.writeTextFile(
    `${dir}/package.json`,
    JSON.stringify({ dependencies: { a: "1.0.0" }, devDependencies: { b: "2.0.0" } }),
  );
  const install = async (name: string, version: string) => {
    await Deno.mkdir(`${dir}/node_modules/${name}`, { recursive: true });
    await Deno.writeTextFile(
      `${dir}/node_modules/${name}/package.json`,
      JSON.stringify({ version }),
    );
  };
  assert.equal(await missingDependency(url), "a@1.0.0");
  await install("a", "1.0.0");
  assert.equal(await missingDependency(url), "b@2.0.0");
  await install("b", "2.1.0");
  assert.equal(await missingDependency(url), "b@2.0.0 (found 2.1.0)");
  await install("b", "2.0.0");
  assert.equal(await missingDependency(url), null);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("this checkout's node_modules holds every pinned package (deno task setup ran)", async () => {
  assert.equal(await missingDependency(), null);
});
