/**
 * A visible warning that the data shown is a stand-in, e.g. the embedded sample when the full
 * dataset could not be read. Returns null when there is nothing to say.
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
    { class: "cpp-notice warning", role: "status", label: "Not the full data" },
    h(doc, "p", {}, notice),
  );
}
