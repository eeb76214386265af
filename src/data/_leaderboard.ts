// Shared by the leaderboard loaders (one file per dataset, so the page switches without a rebuild).
import { leaderboardPage } from "../lib/mod.ts";
import { datasetOrUnavailable, emit, progress } from "./_loader.ts";

/** Emits the leaderboard of a registry dataset. */
export async function leaderboardJson(id: string): Promise<void> {
  const data = await datasetOrUnavailable(id);
  if (data) emit(await leaderboardPage(data, { onProgress: progress(`leaderboard ${id}`) }));
}
