/** The full Table 1 run: 4 learned methods + 3 baselines x 20 seeds on the crowdsourced matrix. */
import { loadDataset, methodsFromList, runTable1 } from "../src/lib/mod.ts";

export async function benchTable1(): Promise<void> {
  console.log("\n# Table 1: 4 methods + 3 baselines x 20 seeds, cpp-crowdsource, cpp scale");
  let data;
  try {
    data = await loadDataset("cpp-crowdsource", { offline: true });
  } catch (error) {
    console.log(`skipped (${(error as Error).message})`);
    return;
  }
  const t0 = performance.now();
  const result = await runTable1(data, { methods: methodsFromList("all"), seeds: 20 });
  const seconds = (performance.now() - t0) / 1000;
  for (const fit of result.fits) {
    console.log(
      `${fit.method.padEnd(14)} ${fit.backend.padEnd(7)} batch of 20 seeds ${
        fit.seconds.toFixed(2).padStart(6)
      } s   MSE ${result.methods.find((m) => m.method === fit.method)!.mse.mean.toExponential(3)}`,
    );
  }
  console.log(`full Table 1 run: ${seconds.toFixed(1)} s (target: under 60 s on 2 cores)`);
}
