/**
 * Conformal prediction intervals on cpp-crowdsource (task scale, level 0.9, 10 folds, 5 seeds):
 * the wall time of each calibration (one batch of folds x seeds, coverage measured from the same
 * fits), its measured coverage and median width, and the final fill with intervals.
 *
 * `deno run -A bench/intervals_bench.ts --variants` also compares the scores (absolute, task,
 * ensemble) and ensemble sizes (1, 3, 5) on the same fits, for the methods page.
 */
import { loadDataset, methodById } from "../src/lib/mod.ts";
import {
  calibrateIntervals,
  type IntervalOptions,
  predictWithIntervals,
} from "../src/lib/eval/mod.ts";
import {
  crossFoldEvaluate,
  fitFolds,
  heldOutCells,
  median,
} from "../src/lib/eval/intervals/_conformal.ts";
import { gapFolds, modelFolds } from "../src/lib/eval/splits/folds.ts";
import type { Dataset } from "../src/lib/data/load_dataset.ts";
import { seededRandom, shuffle } from "../src/lib/util/random.ts";

const line = (label: string, seconds: number, coverage: number, width: number, n: number) =>
  console.log(
    `${label.padEnd(40)} ${seconds.toFixed(1).padStart(6)} s   coverage ${coverage.toFixed(3)}` +
      `   median width ${width.toFixed(2).padStart(6)} pts   n ${n}`,
  );

/** Scores x ensemble sizes on one batch per setting (internal: reuses the fold fits). */
async function variants(data: Dataset, id: string): Promise<void> {
  const settings = ["gaps", "new-model"] as const;
  for (const setting of settings) {
    const o = { scale: "task" as const, scaleFrom: "train" as const, folds: 10, seed: 0, known: 2 };
    const plans = setting === "gaps" ? gapFolds(data, o) : modelFolds(data, o).plans;
    const { predictions } = await fitFolds(data, methodById(id), plans, 5, {});
    for (const members of [[0], [0, 1, 2], [0, 1, 2, 3, 4]]) {
      const cells = heldOutCells(data, plans, predictions, members);
      for (const score of ["absolute", "task", "ensemble"] as const) {
        if (members.length === 1 && score === "ensemble") continue;
        const ev = crossFoldEvaluate(data, cells, score, 0.9, true);
        const coverage = ev.filter((c) => c.covered).length / ev.length;
        console.log(
          `  ${id.padEnd(12)} ${setting.padEnd(10)} seeds ${members.length}  ` +
            `${score.padEnd(9)} coverage ${coverage.toFixed(3)}  median width ` +
            `${median(ev.map((c) => c.width)).toFixed(2).padStart(6)} pts  (normalized ` +
            `${median(ev.map((c) => c.widthNormalized)).toFixed(3)})`,
        );
      }
    }
  }
}

/** `data` with the cells in `hide` made missing (a nested check's outer test cells). */
function without(data: Dataset, hide: ReadonlySet<number>): Dataset {
  const dense = data.scores.dense;
  const values = dense.values.slice();
  const observed = dense.observed.slice();
  for (const k of hide) [values[k], observed[k]] = [NaN, 0];
  return { ...data, scores: { ...data.scores, dense: { ...dense, values, observed } } };
}

/**
 * Nested check of the whole pipeline: 5 outer folds whose test cells the calibration never sees.
 * Gaps: the observed cells dealt into 5 folds; each fold is removed from the data, the rest is
 * calibrated and filled by `predictWithIntervals`, and the removed cells' gold is checked against
 * their intervals. New models: the eligible models dealt into 5 folds; each fold's models keep 2
 * scores (so they take the new-model calibration of the remaining data) and their other scores
 * are checked.
 */
async function nested(data: Dataset, id: string): Promise<void> {
  const method = methodById(id);
  const dense = data.scores.dense;
  const { nTasks } = dense;
  const cells: number[] = [];
  for (let k = 0; k < dense.observed.length; k++) if (dense.observed[k]) cells.push(k);
  const order = shuffle(cells.slice(), seededRandom(100));
  const byModel = Array.from(
    { length: dense.nModels },
    (_, i) => cells.filter((k) => Math.floor(k / nTasks) === i),
  );
  const eligible = shuffle(
    byModel.map((_, i) => i).filter((i) => byModel[i].length >= 4),
    seededRandom(101),
  );
  for (const setting of ["gaps", "new-model"] as const) {
    const t0 = performance.now();
    let [n, covered] = [0, 0];
    const widths: number[] = [];
    for (let f = 0; f < 5; f++) {
      const test = new Set<number>();
      if (setting === "gaps") order.forEach((k, c) => c % 5 === f && test.add(k));
      else {
        eligible.forEach((i, c) => {
          if (c % 5 !== f) return;
          const mine = shuffle(byModel[i].slice(), seededRandom(1000 + i));
          for (const k of mine.slice(2)) test.add(k);
        });
      }
      const inner = without(data, test);
      const c = await calibrateIntervals(inner, method, { setting, known: 2 });
      const filled = await predictWithIntervals(inner, method, c);
      filled.cells.forEach((cell, k) => {
        if (!test.has(k)) return;
        if (cell.setting !== setting) throw new Error(`cell ${k} took ${cell.setting}`);
        n++;
        const gold = dense.values[k];
        if (gold >= cell.lower! && gold <= cell.upper!) covered++;
        widths.push(cell.upper! - cell.lower!);
      });
    }
    line(
      `${id} nested ${setting} (5 outer folds)`,
      (performance.now() - t0) / 1000,
      covered / n,
      median(widths),
      n,
    );
  }
}

export async function benchIntervals(
  options: { variants?: boolean; nested?: boolean; methods?: readonly string[] } = {},
): Promise<void> {
  console.log(
    "\n# Conformal intervals: cpp-crowdsource, task scale, level 0.9, 10 folds x 5 seeds",
  );
  let data;
  try {
    data = await loadDataset("cpp-crowdsource", { offline: true });
  } catch (error) {
    console.log(`skipped (${(error as Error).message})`);
    return;
  }
  const methods = options.methods ?? ["biases", "mf", "ncf-factors"];
  for (const id of methods) {
    const method = methodById(id);
    const runs: [string, IntervalOptions][] = [
      ["gaps", { setting: "gaps" }],
      ["new-model k=2", { setting: "new-model", known: 2 }],
    ];
    if (method.coldStart && id !== "biases") {
      runs.push(["new-model k=0", { setting: "new-model", known: 0 }]);
    }
    const calibrations = [];
    for (const [label, o] of runs) {
      const t0 = performance.now();
      const c = await calibrateIntervals(data, method, o);
      const seconds = (performance.now() - t0) / 1000;
      line(
        `${id} ${label} (${c.folds}x${c.seeds} jobs)`,
        seconds,
        c.measured.coverage,
        c.measured.medianWidth,
        c.measured.n,
      );
      if (label !== "new-model k=0") calibrations.push(c);
    }
    const t0 = performance.now();
    const filled = await predictWithIntervals(data, method, calibrations);
    const missing = filled.cells.filter((c) => c.observed === null);
    const widths = missing.map((c) => c.upper! - c.lower!);
    console.log(
      `${`${id} fill with intervals (${filled.seeds} jobs)`.padEnd(40)} ` +
        `${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s   ${missing.length} ` +
        `missing cells (${missing.filter((c) => c.setting === "new-model").length} new-model), ` +
        `median width ${median(widths).toFixed(2)} pts`,
    );
  }
  if (options.nested) {
    console.log("\n# Nested: outer test cells never seen by the calibration (whole pipeline)");
    for (const id of methods) await nested(data, id);
  }
  if (options.variants) {
    console.log("\n# Scores x ensemble sizes (cross-fold coverage and median width)");
    for (const id of methods) await variants(data, id);
  }
}

if (import.meta.main) {
  const methods = Deno.args.find((a) => a.startsWith("--methods="))?.slice(10).split(",");
  await benchIntervals({
    variants: Deno.args.includes("--variants"),
    nested: Deno.args.includes("--nested"),
    methods,
  });
}
