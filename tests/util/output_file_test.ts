import assert from "node:assert/strict";
import { checkOutput, writeOutput } from "../../src/lib/mod.ts";

async function folder() {
  return await Deno.makeTempDir({ prefix: "cpp-out-" });
}

Deno.test("writeOutput() writes through a symbolic link: the link stays, its target gets the text", async () => {
  const dir = await folder();
  await Deno.writeTextFile(`${dir}/target.csv`, "old\n");
  await Deno.symlink(`${dir}/target.csv`, `${dir}/link.csv`);
  await writeOutput(`${dir}/link.csv`, "new\n");
  assert.ok((await Deno.lstat(`${dir}/link.csv`)).isSymlink);
  assert.equal(await Deno.readTextFile(`${dir}/target.csv`), "new\n");
  // No temporary file is left behind, in either folder.
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
    "link.csv",
    "target.csv",
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkOutput() refuses a link to nothing, a folder, a device and a missing folder, writing nothing", async () => {
  const dir = await folder();
  await Deno.symlink(`${dir}/nowhere.csv`, `${dir}/dangling.csv`);
  await assert.rejects(
    () => checkOutput(`${dir}/dangling.csv`),
    {
      message:
        `Cannot write ${dir}/dangling.csv: it is a symbolic link to a missing file (${dir}/nowhere.csv; expected a link to an existing file, or a file path)`,
    },
  );
  await assert.rejects(() => checkOutput(dir), /it is a folder/);
  await assert.rejects(() => checkOutput("/dev/null"), /it is not a regular file/);
  await assert.rejects(
    () => checkOutput(`${dir}/a/b.csv`),
    {
      message:
        `Cannot write ${dir}/a/b.csv: the folder ${dir}/a does not exist (create it first, or name another folder)`,
    },
  );
  // A link to an input is that input.
  await Deno.writeTextFile(`${dir}/in.csv`, "x\n");
  await Deno.symlink(`${dir}/in.csv`, `${dir}/alias.csv`);
  await assert.rejects(
    () => checkOutput(`${dir}/alias.csv`, { inputs: [`${dir}/in.csv`] }),
    /it is an input of this command/,
  );
  assert.equal(await checkOutput(`${dir}/new.csv`), `${dir}/new.csv`);
  assert.deepEqual(
    [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
    ["alias.csv", "dangling.csv", "in.csv"],
  );
  await Deno.remove(dir, { recursive: true });
});
