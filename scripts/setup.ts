// Installs the exact npm pins of package.json into node_modules when it is missing or older than
// package.json. npm (not Deno) installs them: Deno's own resolver of @observablehq/framework asks for
// rollup's optional packages of every platform, some of which the registry here does not serve.
const root = new URL("../", import.meta.url);
const marker = new URL("node_modules/.package-lock.json", root);

async function mtime(url: URL): Promise<number | null> {
  try {
    return (await Deno.stat(url)).mtime?.getTime() ?? 0;
  } catch {
    return null;
  }
}

const installed = await mtime(marker);
const wanted = await mtime(new URL("package.json", root));
if (installed === null || (wanted !== null && wanted > installed)) {
  console.error("setup: installing npm packages (npm install) …");
  const npm = Deno.build.os === "windows" ? "npm.cmd" : "npm";
  const { code } = await new Deno.Command(npm, {
    args: ["install", "--no-audit", "--no-fund", "--loglevel=error"],
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) {
    console.error(`setup: npm install failed with exit code ${code}`);
    Deno.exit(code);
  }
  // npm leaves the marker untouched when nothing changed; mark this install as current.
  const now = new Date();
  await Deno.utime(marker, now, now);
}
