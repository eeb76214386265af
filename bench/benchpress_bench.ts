/**
 * BenchPress's protocol on the frontier matrix: the wall time of each run, in seconds, with the
 * figure it produces. BenchPress's 30 folds (holdout file, intervals calibrated per fold) for
 * bias-als and for the best learned method on them; the probe search (5 probes); the
 * new-release run (K = 5, 5 seeds).
 */
import {
  loadDataset,
  methodById,
  readHoldoutFile,
  runHoldout,
  runNewRelease,
  selectProbes,
} from "../src/lib/mod.ts";

/**
 * The learned method with the lowest MedAE on BenchPress's folds: measured with `cpp evaluate
 * frontier --holdout-file … --method all`, ncf-factors 5.11, mf 6.35, ncf 6.53, factors-only
 * 10.75 (bias-als 4.62).
 */
export const BEST_LEARNED = "ncf-factors";

const FOLDS = "benchpress/folds_s10_f3_bs42_ms1.json";

export async function benchBenchPress(): Promise<void> {
  console.log("\n# BenchPress protocol on frontier (seconds per run)");
  const data = await loadDataset("frontier", { offline: true });
  const mirror = Deno.env.get("CPP_DATA_DIR") ??
    new URL("../../shared/datasets", import.meta.url).pathname;
  const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
  let folds;
  try {
    folds = await readHoldoutFile(`${mirror}/${FOLDS}`, data);
  } catch (error) {
    console.log(`holdout file skipped (${(error as Error).message})`);
  }
  if (folds) {
    for (const id of ["bias-als", BEST_LEARNED]) {
      const t0 = performance.now();
      const result = await runHoldout(data, folds, { methods: [methodById(id)] });
      const r = result.rows[0];
      console.log(
        `${`holdout file, ${id}`.padEnd(40)} ${seconds(t0)} s   MedAE ${r.medae.toFixed(2)}` +
          `   coverage ${r.coverage!.toFixed(3)}   width ${r.intervalWidth!.toFixed(1)}   ` +
          `(${result.folds} folds + ${result.folds * result.intervalFolds!} calibration fits)`,
      );
    }
  }
  let t0 = performance.now();
  const probes = await selectProbes(data, { size: 5 });
  console.log(
    `${"probe search, 5 probes, bias-als".padEnd(40)} ${seconds(t0)} s   held-out MedAE ` +
      `${probes.medae.toFixed(2)}   ${probes.probes.join(", ")}`,
  );
  t0 = performance.now();
  const release = await runNewRelease(data, {
    known: 5,
    seeds: 5,
    methods: [methodById("bias-als")],
  });
  console.log(
    `${"new release, K = 5, 5 seeds, bias-als".padEnd(40)} ${seconds(t0)} s   MedAE ` +
      `${release.rows[0].medae.toFixed(2)} on ${release.targets.length} targets`,
  );
}
