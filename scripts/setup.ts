// Installs the exact npm pins of package.json into node_modules when an install is missing, older
// than package.json, or incomplete: every dependency must sit at node_modules/<name> with its pinned
// version (`deno install`, a Deno user's habit, leaves some out of the top level). npm (not Deno)
// installs them: Deno's own resolver of @observablehq/framework asks for rollup's optional packages
// of every platform, some of which the registry here does not serve.
const root = new URL("../", import.meta.url);
const marker = new URL("node_modules/.package-lock.json", root);

async function mtime(url: URL): Promise<number | null> {
  try {
    return (await Deno.stat(url)).mtime?.getTime() ?? 0;
  } catch {
    return null;
  }
}

/** The first pinned dependency not installed at the top level with its pinned version, or null. */
export async function missingDependency(dir: URL = root): Promise<string | null> {
  const manifest = JSON.parse(await Deno.readTextFile(new URL("package.json", dir)));
  const pins: Record<string, string> = {
    ...manifest.dependencies,
    ...manifest.devDependencies,
  };
  for (const [name, version] of Object.entries(pins)) {
    try {
      const installed = JSON.parse(
        await Deno.readTextFile(new URL(`node_modules/${name}/package.json`, dir)),
      );
      if (installed.version !== version) return `${name}@${version} (found ${installed.version})`;
    } catch {
      return `${name}@${version}`;
    }
  }
  return null;
}

if (import.meta.main) {
  const installed = await mtime(marker);
  const wanted = await mtime(new URL("package.json", root));
  const missing = installed === null ? "node_modules" : await missingDependency();
  if (missing !== null || (wanted !== null && wanted > installed!)) {
    const why = missing !== null ? `${missing} is not installed` : "package.json changed";
    console.error(`setup: ${why}; installing npm packages (npm install) …`);
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
}
