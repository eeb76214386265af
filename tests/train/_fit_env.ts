// Run by fit_cache_test.ts in a process of its own: two MF fits of the small problem (all jobs,
// then the first again), under the fit-cache environment the test sets.
import { method } from "../../src/lib/models/mod.ts";
import { smallJobs, smallProblem } from "../kernels/_fixtures.ts";

const problem = smallProblem();
const jobs = smallJobs(problem);
const m = method("mf", { maxEpochs: 30 });
await m.fit(problem, jobs, { backend: "webasm", workers: 1 });
await m.fit(problem, jobs.slice(0, 1), { backend: "webasm", workers: 1 });
