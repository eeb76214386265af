/**
 * Mean and sample standard deviation over seeds: how Table 1 and the other seeded experiments
 * report spread (docs/protocol-choices.md, "Spread").
 *
 * @module
 */

/** Mean and sample standard deviation (n - 1; NaN for a single seed) over the seeds. */
export interface MeanStd {
  readonly mean: number;
  readonly std: number;
}

/**
 * Mean and sample standard deviation (n - 1) of a list; std is NaN for fewer than two values
 * (`null` in JSON). NaN values propagate.
 *
 * @example
 * ```ts
 * meanStd([1, 2, 3]); // { mean: 2, std: 1 }
 * ```
 */
export function meanStd(values: readonly number[]): MeanStd {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, std: NaN };
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}
