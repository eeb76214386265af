// Small DOM helpers shared by the components. Strings always become text nodes or attribute
// values, never markup, so names from the data cannot inject HTML.
//
// JavaScript with JSDoc types, not TypeScript: Observable Framework 1.13 ships a module's local
// imports to the browser only when they are named `.js`, and Deno resolves `./_dom.js` only to
// a file of that name. Both then read this one file.

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Attributes */

/**
 * The document to render into: `options.document`, else the global one.
 * @param {{ document?: Document } | undefined} options
 * @param {string} component the component's name, for the error message
 * @returns {Document}
 */
export function documentOf(options, component) {
  const doc = options?.document ?? globalThis.document;
  if (!doc) {
    throw new TypeError(
      `Cannot render ${component}: there is no global document; pass options.document`,
    );
  }
  return doc;
}

/**
 * `h(doc, "td", { class: "num" }, "12")`: an element with attributes and text or node children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Document} doc
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(doc, tag, attributes = {}, ...children) {
  const element = doc.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/**
 * An SVG element with attributes.
 * @param {Document} doc
 * @param {string} tag
 * @param {Attributes} [attributes]
 * @returns {SVGElement}
 */
export function svg(doc, tag, attributes = {}) {
  const element = /** @type {SVGElement} */ (doc.createElementNS(
    "http://www.w3.org/2000/svg",
    tag,
  ));
  setAttributes(element, attributes);
  return element;
}

/**
 * @param {Element} element
 * @param {Attributes} attributes
 */
function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
}

/**
 * Appends nodes as they are and anything else as a text node; skips null, undefined and false.
 * @param {Node} parent
 * @param {readonly Child[]} children
 */
export function append(parent, children) {
  const doc = /** @type {Document} */ (parent.ownerDocument);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : doc.createTextNode(String(child)));
  }
}

/**
 * A page's reading: a `<ul>` with one `<li>` per sentence.
 * @param {Document} doc
 * @param {Attributes} attributes of the list (its class: "cpp-reading" and the page's own)
 * @param {readonly string[]} sentences
 * @returns {HTMLUListElement}
 */
export function readingList(doc, attributes, sentences) {
  return h(doc, "ul", attributes, ...sentences.map((s) => h(doc, "li", {}, s)));
}

/**
 * Rough width in pixels of the longest label in Plot's default 10px sans-serif (7 px a
 * character, a little more than Plot's own estimate, so that labels within the margin stay whole).
 * @param {Iterable<string>} labels
 * @returns {number}
 */
export function maxLabelWidth(labels) {
  let max = 0;
  for (const label of labels) max = Math.max(max, label.length * 7);
  return max;
}

const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * `1234` → "1,234".
 * @param {number} x
 * @returns {string}
 */
export function formatInteger(x) {
  return integerFormat.format(x);
}

/**
 * `0.4205` → "42.1%".
 * @param {number} x
 * @param {number} [digits]
 * @returns {string}
 */
export function formatPercent(x, digits = 1) {
  return `${(x * 100).toFixed(digits)}%`;
}

/**
 * A wide element in a frame that tells the reader it scrolls sideways: a hint above it, and a
 * fade on each side that hides columns (the frame's `data-more` says which: "left", "right").
 * @param {Document} doc
 * @param {HTMLElement} scroller the element that scrolls (overflow: auto)
 * @param {string} hint what the hint says
 * @returns {HTMLDivElement}
 */
export function wideFrame(doc, scroller, hint) {
  const frame = h(doc, "div", { class: "cpp-wide" }, h(doc, "p", { class: "cpp-wide-hint" }, hint));
  frame.append(scroller);
  const update = () => {
    const left = scroller.scrollLeft > 1;
    const right = scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1;
    const more = [left ? "left" : "", right ? "right" : ""].filter(Boolean).join(" ");
    if (more) frame.setAttribute("data-more", more);
    else frame.removeAttribute("data-more");
  };
  scroller.addEventListener("scroll", update, { passive: true });
  // Once laid out, and again whenever the width changes.
  const view = doc.defaultView;
  if (view && "ResizeObserver" in view) new view.ResizeObserver(update).observe(scroller);
  return frame;
}

/**
 * A link to a source outside the site, opened without giving it a handle on this page
 * (`rel="noopener noreferrer"`); text only when `href` is not an http(s) URL.
 * @param {Document} doc
 * @param {string} href
 * @param {Child} [text] what the link says (default: the URL)
 * @returns {HTMLElement}
 */
export function externalLink(doc, href, text = href) {
  if (!/^https?:\/\//i.test(href)) return h(doc, "span", {}, text);
  return h(doc, "a", { href, rel: "noopener noreferrer", class: "cpp-source-link" }, text);
}
