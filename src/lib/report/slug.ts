/**
 * URL-safe names for model pages: lower case, runs of anything but ASCII letters and digits
 * turned into one "-", trimmed; an empty result becomes "model"; a repeated slug gets "-2",
 * "-3", ... in the order of the names. No imports: the site's config and pages use it as is.
 *
 * @example
 * ```ts
 * slugs(["LLaMA-2 (70B)", "llama 2 70b", "<img>"]); // ["llama-2-70b", "llama-2-70b-2", "img"]
 * ```
 */
export function slugs(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") ||
      "model";
    let slug = base;
    for (let q = 2; seen.has(slug); q++) slug = `${base}-${q}`;
    seen.add(slug);
    return slug;
  });
}
