/**
 * Small dense linear algebra for the closed-form fits of the evaluation layer (scaling laws,
 * the Performance Law regression): a few unknowns, solved exactly, deterministically.
 *
 * @module
 */

/**
 * Solves `A x = b` for a small square `A` by Gaussian elimination with partial pivoting.
 * Throws when `A` is singular (a pivot below `1e-12` times the largest entry).
 *
 * @example
 * ```ts
 * solveLinear([[2, 0], [0, 4]], [2, 8]); // [1, 2]
 * ```
 */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  if (a.length !== n || a.some((row) => row.length !== n)) {
    throw new RangeError(`Cannot solve: the matrix is not ${n} x ${n}`);
  }
  const m = a.map((row, i) => [...row, b[i]]);
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (!(Math.abs(m[pivot][c]) > 1e-12 * scale)) {
      throw new RangeError(`Cannot solve: the ${n} x ${n} system is singular (column ${c})`);
    }
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}
