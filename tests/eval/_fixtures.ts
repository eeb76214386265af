/** Small hand-made matrices for the evaluation tests. */
import { type Dataset, type DenseScores, readScores } from "../../src/lib/mod.ts";

/** A dense matrix from rows of numbers, NaN (or null) where missing. */
export function denseOf(rows: readonly (readonly (number | null)[])[]): DenseScores {
  const nModels = rows.length;
  const nTasks = rows[0].length;
  const models = rows.map((_, i) => `m${i}`);
  const tasks = rows[0].map((_, j) => `t${j}`);
  const values = new Float32Array(nModels * nTasks);
  const observed = new Uint8Array(nModels * nTasks);
  rows.forEach((row, i) =>
    row.forEach((v, j) => {
      const ok = v !== null && Number.isFinite(v);
      values[i * nTasks + j] = ok ? v : NaN;
      observed[i * nTasks + j] = ok ? 1 : 0;
    })
  );
  return {
    models,
    tasks,
    modelIndex: new Map(models.map((m, i) => [m, i])),
    taskIndex: new Map(tasks.map((t, j) => [t, j])),
    nModels,
    nTasks,
    values,
    observed,
  };
}

/** Asserts |actual - expected| <= tol. */
export function near(actual: number, expected: number, tol = 1e-9, what = ""): void {
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what} ${actual} is not within ${tol} of ${expected}`);
  }
}

/** A dataset from rows of numbers (NaN or null where missing), read through `readScores()`. */
export function datasetOf(
  rows: readonly (readonly (number | null)[])[],
  lowerIsBetter?: string,
): Dataset {
  const header = ["", ...rows[0].map((_, j) => `t${j}`)].join(",");
  const lines = rows.map((row, i) =>
    [`m${i}`, ...row.map((v) => (v === null || Number.isNaN(v) ? "" : String(v)))].join(",")
  );
  const { scores } = readScores(`${header}\n${lines.join("\n")}\n`, {
    file: "synthetic.csv",
    lowerIsBetter,
  });
  return {
    id: "synthetic",
    title: "synthetic",
    description: "made by the tests",
    scores,
    provenance: { origin: "file", commit: null, citation: null, files: [] },
    warnings: [],
  };
}
