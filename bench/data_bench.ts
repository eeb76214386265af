/** Data layer: reading the real score files and building the dense view and normalizations. */
import {
  datasetEntry,
  matchFactors,
  normalize,
  readFactors,
  readScores,
  resolveFile,
} from "../src/lib/mod.ts";
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
  // A factor file of strangers: matching is one lookup per name, and the message lists 5 of them.
  for (const n of [200, 2000, 20000]) {
    const text = ["Model Name,family", ...Array.from({ length: n }, (_, i) => `stranger-${i},f`)]
      .join("\n");
    const table = readFactors(text, { file: "f.csv", entity: "model", layout: "wide" });
    const models = Array.from({ length: n }, (_, i) => `model-${i}`);
    const fail = () => {
      try {
        matchFactors(table, models);
      } catch (error) {
        return (error as Error).message.length;
      }
    };
    report(`matchFactors, ${n} unmatched names (${fail()} characters)`, await time(fail));
  }
}
