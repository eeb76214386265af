/**
 * What the component tests share: a fresh linkedom document to render into, the texts of the
 * elements a selector matches, the site fixtures (tests/fixtures/site/), and a name that looks
 * like markup.
 */
import { parseHTML } from "linkedom";

/** A name that would run script if it were ever written as HTML. */
export const XSS = "<img src=x onerror=alert(1)>";

/** An empty HTML document (linkedom), for `options.document`. */
export function newDocument(): Document {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  return document as unknown as Document;
}

/** The trimmed text of every element matching `selector`. */
export function texts(root: Element, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? "");
}

/** A fixture of tests/fixtures/site/, parsed. */
export async function readFixture<T>(name: string): Promise<T> {
  return JSON.parse(await Deno.readTextFile(new URL(`../fixtures/site/${name}`, import.meta.url)));
}
