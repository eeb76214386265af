/** Data layer: reading the real score files and building the dense view and normalizations. */
import { datasetEntry, normalize, readScores, resolveFile } from "../src/lib/mod.ts";
import { report, time } from "./_timing.ts";

export async function benchData(): Promise<void> {
  console.log("\n# Data layer (read + dense view; normalization)");
  for (const id of ["cpp-crowdsource", "helm-core", "helm-seed"]) {
    const entry = datasetEntry(id);
    const scores = entry.files.find((f) => f.role === "scores")!;
    let text: string;
    try {
      text = (await resolveFile(scores, { offline: true })).text;
    } catch (error) {
      console.log(`${id}: skipped (${(error as Error).message})`);
      continue;
    }
    const options = { ...entry.read, file: scores.name };
    const read = readScores(text, options);
    const { nModels, nTasks } = read.scores.dense;
    report(`readScores ${id} (${nModels}x${nTasks})`, await time(() => readScores(text, options)));
    const { dense, lowerIsBetter } = read.scores;
    for (const kind of ["task", "cpp"] as const) {
      report(
        `normalize ${id} (${kind})`,
        await time(() => normalize(dense, lowerIsBetter, { kind }), { runs: 200 }),
      );
    }
  }
}
