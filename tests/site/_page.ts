/**
 * Runs the JavaScript cells of a page (`src/<page>.md`) in a linkedom document, in page order,
 * against data files the test gives: what a reader would see on load, without building the site.
 * A cell that throws (a Framework cell error in the browser) rejects with the cell's number and
 * source.
 *
 * What it stands in for, and how:
 * - `FileAttachment(name).json()` returns the test's data itself (Framework awaits the promise
 *   between cells);
 * - `display(x)` records `x` and appends nodes to the document's body;
 * - `view(input)` displays the input and returns its value;
 * - `resize(render)` renders at `width` (640 pixels);
 * - `Inputs.text`: an empty text box;
 * - `Inputs.select`, `Inputs.radio` and `Inputs.table`: small stand-ins that build a form and
 *   read their data as the real ones do (a non-iterable throws), with the first option, the
 *   given `value`, or null as value;
 * - imports of `./components/<name>.js` load `src/components/<name>.ts`, or the `.js` file where
 *   there is no `.ts`; imports of `./lib/<path>.js` (the library's browser modules) load
 *   `src/lib/<path>.ts`; any other import is refused.
 * The page's inline `${…}` expressions in Markdown are not evaluated.
 */
import { parseHTML } from "linkedom";

const SRC = new URL("../../src/", import.meta.url);
const WIDTH = 640;

export interface PageRun {
  readonly document: Document;
  /** Everything the cells displayed, in order (nodes, and any other value displayed). */
  readonly displayed: readonly unknown[];
}

/** The ```js fenced blocks of a Markdown page, in order. */
export function jsCells(markdown: string): string[] {
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

const IMPORT = /^import\s+([\s\S]*?)\s+from\s+"([^"]+)";[ \t]*$/gm;

/** `{ a, b as c }` → `{ a, b: c }`; `* as X` → `X`. */
function binding(clause: string): string {
  const namespace = /^\*\s+as\s+([\w$]+)$/.exec(clause);
  if (namespace) return namespace[1];
  const named = /^\{([\s\S]*)\}$/.exec(clause);
  if (!named) throw new SyntaxError(`Cannot run the page: unsupported import clause '${clause}'`);
  return `{ ${
    named[1].split(",").map((s) => s.trim()).filter(Boolean).map((s) =>
      s.replace(/^([\w$]+)\s+as\s+([\w$]+)$/, "$1: $2")
    ).join(", ")
  } }`;
}

async function loadModule(specifier: string): Promise<unknown> {
  if (specifier === "@observablehq/inputs") return inputsStub;
  const library = /^(?:\.\.\/)*\.?\/?lib\/([\w/-]+)\.js$/.exec(specifier);
  if (library) return await import(new URL(`lib/${library[1]}.ts`, SRC).href);
  const component = /^(?:\.\.\/)*\.?\/?components\/([\w-]+)\.js$/.exec(specifier);
  if (!component) throw new RangeError(`Cannot run the page: unsupported import '${specifier}'`);
  const ts = new URL(`components/${component[1]}.ts`, SRC);
  try {
    await Deno.stat(ts);
    return await import(ts.href);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    return await import(new URL(`components/${component[1]}.js`, SRC).href);
  }
}

type Format = (value: unknown) => string;
interface InputOptions {
  label?: string;
  value?: unknown;
  format?: Format;
}

/** The options of a select or radio: `[label, value]` pairs, read as Inputs reads them. */
function choices(data: unknown, format: Format | undefined): [string, unknown][] {
  if (data instanceof Map) return [...data].map(([k, v]) => [String(k), v]);
  return Array.from(data as Iterable<unknown>, (d) => [format ? format(d) : String(d), d]);
}

function doc(): Document {
  return globalThis.document;
}

function chooser(kind: string, data: unknown, options: InputOptions, first: boolean) {
  const pairs = choices(data, options.format);
  const form = doc().createElement("form");
  form.setAttribute("data-input", kind);
  const label = doc().createElement("label");
  label.textContent = options.label ?? "";
  form.append(label);
  for (const [text] of pairs) {
    const option = doc().createElement("span");
    option.setAttribute("data-option", "");
    option.textContent = text;
    form.append(option);
  }
  const value = "value" in options ? options.value : first ? pairs[0]?.[1] ?? null : null;
  return Object.assign(form, { value });
}

const inputsStub = {
  text: (options: InputOptions = {}) => {
    const input = doc().createElement("input");
    input.setAttribute("data-input", "text");
    input.setAttribute("aria-label", options.label ?? "");
    return Object.assign(input, { value: "" });
  },
  select: (data: unknown, options: InputOptions = {}) => chooser("select", data, options, true),
  radio: (data: unknown, options: InputOptions = {}) => chooser("radio", data, options, false),
  table: (data: unknown, options: { format?: Record<string, Format> } = {}) => {
    const rows = Array.from(data as Iterable<Record<string, unknown>>);
    const table = doc().createElement("table");
    table.setAttribute("data-input", "table");
    for (const row of rows) {
      const tr = doc().createElement("tr");
      for (const [key, value] of Object.entries(row)) {
        const td = doc().createElement("td");
        const format = options.format?.[key];
        td.textContent = format ? format(value) : String(value);
        tr.append(td);
      }
      table.append(tr);
    }
    return Object.assign(table, { value: [] });
  },
};

/**
 * Runs the page's cells; `files` maps a FileAttachment name (`data/emergent.json`) to its data;
 * `params` are a parameterized page's (`observable.params`).
 *
 * @example
 * ```ts
 * const { document } = await runPage("emergent", { "data/emergent.json": report });
 * ```
 */
export async function runPage(
  page: string,
  files: Record<string, unknown>,
  params: Record<string, string> = {},
): Promise<PageRun> {
  const markdown = await Deno.readTextFile(new URL(`${page}.md`, SRC));
  const modules: Record<string, unknown> = {};
  const cells = [];
  for (const source of jsCells(markdown)) {
    const imports: string[] = [];
    for (const [, clause, specifier] of source.matchAll(IMPORT)) {
      modules[specifier] ??= await loadModule(specifier);
      imports.push(`const ${binding(clause.trim())} = __modules[${JSON.stringify(specifier)}];`);
    }
    cells.push([...imports, source.replace(IMPORT, "")].join("\n"));
  }
  // One scope, as the cells' top-level names are shared; the cell number is kept for errors.
  const body = cells.map((cell, i) => `__at.cell = ${i};\n${cell}`).join("\n");
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const run = new AsyncFunction(
    "__modules",
    "__at",
    "display",
    "view",
    "resize",
    "width",
    "FileAttachment",
    "observable",
    "document",
    body,
  );

  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const displayed: unknown[] = [];
  const display = (value: unknown) => {
    displayed.push(value);
    if (value && typeof value === "object" && "nodeType" in value) {
      document.body.append(value as Node);
    }
  };
  const view = (input: { value: unknown }) => {
    display(input);
    return input.value;
  };
  const resize = (render: (width: number) => unknown) => render(WIDTH);
  const FileAttachment = (name: string) => {
    if (!(name in files)) throw new RangeError(`Cannot run ${page}.md: no data for '${name}'`);
    const data = structuredClone(files[name]);
    return { json: () => data, name };
  };
  const at = { cell: -1 };
  // Components fall back on the global document, as in the browser.
  const global = globalThis as { document?: unknown };
  const previous = global.document;
  global.document = document;
  try {
    await run(modules, at, display, view, resize, WIDTH, FileAttachment, { params }, document);
  } catch (error) {
    const source = jsCells(markdown)[at.cell] ?? "";
    throw new Error(
      `Cannot run ${page}.md: cell ${at.cell + 1} threw ${(error as Error).stack}\n` +
        `--- cell ${at.cell + 1} ---\n${source}`,
    );
  } finally {
    global.document = previous;
  }
  return { document: document as unknown as Document, displayed };
}
