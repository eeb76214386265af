// The library modules the site's pages and components load in the browser (the `.js` names
// deno.json maps to their `.ts` files, and the predict page's inference code) import nothing but
// types: the browser loads them and never the rest of the library.
import assert from "node:assert/strict";

import { browserModules } from "./_browser_modules.ts";

const root = new URL("../../", import.meta.url);

Deno.test("the library modules the browser loads import types only", async () => {
  const modules = await browserModules();
  assert.ok(modules.includes("src/lib/report/leaderboard_view.ts"), modules.join(", "));
  for (const path of modules) {
    const source = await Deno.readTextFile(new URL(path, root));
    const imports = [...source.matchAll(/^\s*(import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gms)]
      .map((m) => m[0].trim());
    const values = imports.filter((s) => !/^(import|export)\s+type\s/.test(s));
    assert.deepEqual(values, [], `${path} imports values: ${values.join("; ")}`);
    assert.ok(!/\bimport\s*\(/.test(source), `${path} imports a module dynamically`);
  }
});
