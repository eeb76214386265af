/**
 * Writing CSV: RFC 4180 quoting, numbers at full precision, null as an empty cell, and text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) guarded by a leading `'`. The one
 * implementation is `csv.js`, which the site's downloads share.
 *
 * @example
 * ```ts
 * toCsv([{ model: "a, b", score: 1 }], ["model", "score"]); // 'model,score\n"a, b",1\n'
 * toCsv([{ model: "=1+1", score: -2 }], ["model", "score"]); // "model,score\n'=1+1,-2\n"
 * ```
 *
 * @module
 */
export { csvField, toCsv } from "./csv.js";
