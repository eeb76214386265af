/** The library modules the site loads in the browser (see browser_modules_test.ts). */
const root = new URL("../../", import.meta.url);

/**
 * The browser modules: deno.json's `.js` → `.ts` entries under src/lib, the library's plain
 * JavaScript files (written for the browser), and the inference code.
 */
export async function browserModules(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
  const mapped = Object.entries(config.imports as Record<string, string>)
    .filter(([from, to]) => from.startsWith("./src/lib/") && to === from.replace(/\.js$/, ".ts"))
    .map(([, to]) => to.slice(2));
  const scripts: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(new URL(dir, root))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) await walk(`${path}/`);
      else if (entry.name.endsWith(".js")) scripts.push(path);
    }
  };
  await walk("src/lib/");
  return [...mapped, ...scripts.sort(), "src/lib/models/infer.ts"];
}
