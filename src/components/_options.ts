/** Options every component accepts. */
export interface RenderOptions {
  /** The document to create elements in (default `globalThis.document`); tests pass linkedom's. */
  document?: Document;
}
