// The frontier matrix cut small, for tests of the BenchPress reports: its 40 best-covered models
// and 30 most reported benchmarks (still sparse; always there, from the embedded copy).
import { type Dataset, loadDataset, subsetDataset } from "../src/lib/mod.ts";

/** The `keep` items with the largest `count`, ties in their order. */
function mostCounted<T>(items: readonly T[], count: (k: number) => number, keep: number): T[] {
  return items.map((x, k) => [x, count(k)] as const).sort((a, b) => b[1] - a[1]).slice(0, keep)
    .map(([x]) => x);
}

export async function smallFrontier(): Promise<Dataset> {
  const full = await loadDataset("frontier", { offline: true });
  const { dense } = full.scores;
  const cell = (i: number, j: number) => dense.observed[i * dense.nTasks + j];
  return subsetDataset(full, {
    models: mostCounted(dense.models, (i) => dense.tasks.filter((_, j) => cell(i, j)).length, 40),
    tasks: mostCounted(dense.tasks, (j) => dense.models.filter((_, i) => cell(i, j)).length, 30),
  });
}
