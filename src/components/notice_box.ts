/**
 * A visible warning that the page cannot show what it is about, e.g. a dataset this build could
 * not have, and why. Returns null when there is nothing to say.
 */
import { documentOf, h } from "./_dom.js";
import type { RenderOptions } from "./_options.ts";

export function noticeBox(
  notice: string | null | undefined,
  options: RenderOptions = {},
): HTMLElement | null {
  if (notice == null || notice.trim() === "") return null;
  const doc = documentOf(options, "noticeBox");
  return h(
    doc,
    "div",
    { class: "cpp-notice warning", role: "status", label: "Not available" },
    h(doc, "p", {}, notice),
  );
}
