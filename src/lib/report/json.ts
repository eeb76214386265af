/**
 * What a report value becomes on its way to a page: the data loaders write it with
 * `JSON.stringify` (non-finite numbers as `null`), the page reads it back with `JSON.parse`.
 * Types only, so a component can `import type` it and the browser never loads the library.
 */

/** `true` for the typed arrays, which JSON writes as objects and the library never emits. */
type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

/** A number that JSON may carry as `null` (a NaN statistic: a spread over one seed). */
type NullableNumber<T> = T extends number ? number | null : T;

/**
 * The type of `JSON.parse(JSON.stringify(value))` for a report value of type `T`: the numbers of
 * the properties named in `N` may be `null` (they are NaN where the statistic has no value); every
 * other number is finite in the reports.
 *
 * @example
 * ```ts
 * type MeanStdJson = Json<{ mean: number; std: number }, "std">; // { mean: number; std: number | null }
 * ```
 */
export type Json<T, N extends PropertyKey = never> = T extends
  string | number | boolean | null | undefined ? T
  : T extends TypedArray ? never
  : T extends readonly (infer E)[] ? readonly Json<E, N>[]
  : T extends object ? {
      readonly [K in keyof T]: K extends N ? NullableNumber<Json<T[K], N>> : Json<T[K], N>;
    }
  : T;
