// Shared by the leaderboard loaders (one file per dataset, so the page switches without a rebuild).
import { leaderboardPage } from "../lib/mod.ts";
import { dataset, emit, progress } from "./_loader.ts";

/** Emits the leaderboard of a registry dataset. */
export async function leaderboardJson(id: string): Promise<void> {
  emit(await leaderboardPage(await dataset(id), { onProgress: progress(`leaderboard ${id}`) }));
}
