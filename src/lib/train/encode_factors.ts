/**
 * Factor encoding per job (PROTOCOL.md, "Methods"):
 * - numeric factor: `sign(x) log1p(|x|)`, standardized over the job's training entities (those
 *   with at least one training cell) that have a value; a missing value becomes 0 and sets a
 *   missing-indicator feature, so each numeric factor gives two features `[value, missing]`;
 * - categorical factor: a row of an embedding table, one row per value seen anywhere in the
 *   problem plus row 0, "unknown", which takes missing values and values no training entity of
 *   the job has.
 * A factor outside the job's factor set gives zero features / no row (-1), so every job of a
 * batch has the same parameter layout whatever its coalition.
 *
 * @module
 */
import type { FactorTable } from "../data/types.ts";

/** The problem-level shape of one side's factors (the same for every job). */
export interface FactorShape {
  /** Indices (into `table.factors`) of the numeric factors, in order. */
  readonly numeric: readonly number[];
  /** Indices of the categorical factors, in order. */
  readonly categorical: readonly number[];
  /** Per categorical factor: its values, sorted; row `1 + index` of its table. */
  readonly levels: readonly (readonly string[])[];
  /** Per categorical factor: the offset of its table among this side's rows. */
  readonly rowOffset: readonly number[];
  /** Rows of all this side's tables. */
  readonly rows: number;
  /** Numeric features per entity: 2 per numeric factor. */
  readonly features: number;
}

/** Reads the shape of a factor table (no table: no factors). */
export function factorShape(table: FactorTable | undefined, count: number): FactorShape {
  const numeric: number[] = [];
  const categorical: number[] = [];
  const levels: string[][] = [];
  const rowOffset: number[] = [];
  let rows = 0;
  if (table) {
    if (table.names.length !== count) {
      throw new RangeError(
        `Cannot encode ${table.entity} factors: the table has ${table.names.length} rows but the ` +
          `matrix has ${count} ${table.entity}s (match them first)`,
      );
    }
    table.factors.forEach((factor, f) => {
      if (factor.kind === "numeric") {
        numeric.push(f);
        return;
      }
      categorical.push(f);
      const values = new Set<string>();
      for (const v of factor.values) if (v !== null) values.add(String(v));
      const sorted = [...values].sort();
      levels.push(sorted);
      rowOffset.push(rows);
      rows += 1 + sorted.length;
    });
  }
  return { numeric, categorical, levels, rowOffset, rows, features: 2 * numeric.length };
}

/** One side's encoding for one job. */
export interface EncodedFactors {
  /** count x features, row-major. */
  readonly z: Float32Array;
  /** count x categorical: row among this side's rows (without the side's offset), or -1 (off). */
  readonly catIdx: Int32Array;
}

/** Sign-preserving `log1p`. */
export function signedLog1p(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

/**
 * The standardization of one numeric factor: mean and standard deviation (population; 1 when
 * there is no spread) of `sign(x) log1p(|x|)` over the trained entities that have a value.
 */
export function numericStats(
  values: readonly (number | string | null)[],
  trained: ArrayLike<boolean | number>,
): { mean: number; sd: number } {
  let sum = 0;
  let n = 0;
  for (let e = 0; e < trained.length; e++) {
    const v = values[e];
    if (trained[e] && typeof v === "number" && Number.isFinite(v)) {
      sum += signedLog1p(v);
      n++;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let e = 0; e < trained.length; e++) {
    const v = values[e];
    if (trained[e] && typeof v === "number" && Number.isFinite(v)) {
      ss += (signedLog1p(v) - mean) ** 2;
    }
  }
  return { mean, sd: n > 1 && ss > 0 ? Math.sqrt(ss / n) : 1 };
}

/**
 * Encodes one side's factors for one job.
 *
 * @param trained per entity, true when it has at least one training cell in the job
 * @param factorSet indices into `table.factors` the job may use (undefined: all)
 */
export function encodeFactors(
  table: FactorTable | undefined,
  shape: FactorShape,
  trained: ArrayLike<boolean | number>,
  factorSet: readonly number[] | undefined,
): EncodedFactors {
  const count = trained.length;
  const F = shape.features;
  const Cc = shape.categorical.length;
  const z = new Float32Array(count * F);
  const catIdx = new Int32Array(count * Cc).fill(-1);
  if (!table) return { z, catIdx };
  const nFactors = table.factors.length;
  const on = new Uint8Array(nFactors);
  if (factorSet === undefined) on.fill(1);
  else {
    for (const f of factorSet) {
      if (!Number.isInteger(f) || f < 0 || f >= nFactors) {
        throw new RangeError(
          `Cannot encode ${table.entity} factors: factor index ${f} is out of range ` +
            `(the table has ${nFactors} factors)`,
        );
      }
      on[f] = 1;
    }
  }
  shape.numeric.forEach((f, q) => {
    if (!on[f]) return;
    const values = table.factors[f].values;
    const { mean, sd } = numericStats(values, trained);
    for (let e = 0; e < count; e++) {
      const v = values[e];
      if (typeof v === "number" && Number.isFinite(v)) {
        z[e * F + 2 * q] = (signedLog1p(v) - mean) / sd;
      } else z[e * F + 2 * q + 1] = 1;
    }
  });
  shape.categorical.forEach((f, q) => {
    if (!on[f]) return;
    const values = table.factors[f].values;
    const seen = new Set<string>();
    for (let e = 0; e < count; e++) {
      if (trained[e] && values[e] !== null) seen.add(String(values[e]));
    }
    const levels = shape.levels[q];
    for (let e = 0; e < count; e++) {
      const v = values[e];
      let row = 0;
      if (v !== null && seen.has(String(v))) row = 1 + levels.indexOf(String(v));
      catIdx[e * Cc + q] = shape.rowOffset[q] + row;
    }
  });
  return { z, catIdx };
}
