// The leaderboard of frontier: every cell observed or predicted, with 90% intervals.
import { leaderboardJson } from "./_leaderboard.ts";

await leaderboardJson("frontier");
