// A dataset's leaderboard (one per dataset of site-datasets.json): every cell observed, with its
// source where the dataset records one, or predicted with a 90% interval.
import { leaderboardPage } from "../../lib/mod.ts";
import { datasetOrUnavailable, emit, param, progress } from "../_loader.ts";

const id = param("dataset");
const data = await datasetOrUnavailable(id);
if (data) emit(await leaderboardPage(data, { onProgress: progress(`leaderboard ${id}`) }));
