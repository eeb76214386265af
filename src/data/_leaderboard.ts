// Shared by the leaderboard loaders (one file per dataset, so the page switches without a rebuild).
import { applicableMethods, leaderboardReport, methodsFromList } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

/** Emits the leaderboard of a registry dataset: the candidates that apply to it, 3-member fills. */
export async function leaderboardJson(id: string): Promise<void> {
  const data = await datasetOrUnavailable(id);
  if (!data) return;
  const { methods } = applicableMethods(
    data,
    methodsFromList("mf,ncf,ncf-factors,factors-only,biases"),
  );
  emit(
    await leaderboardReport(data, methods, {
      // 3 splits choose the method, 3 members per fit: what three leaderboards cost in a
      // 10-minute build
      seeds: 3,
      intervalSeeds: 3,
      onProgress: progress(`leaderboard ${id}`),
    }),
  );
}
