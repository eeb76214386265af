/**
 * The public surface of the library, used by the data loaders, the CLI, the notebooks and the tests.
 *
 * @example
 * ```ts
 * import { loadDataset, summarize } from "./src/lib/mod.ts";
 * const data = await loadDataset("cpp-crowdsource");
 * console.log(summarize(data).shape);
 * ```
 */
export * from "./data/mod.ts";
export * from "./data/registry.ts";
export * from "./data/resolve.ts";
export * from "./data/load_dataset.ts";
export * from "./data/summary.ts";
export * from "./report/overview.ts";
export * from "./report/datasets_report.ts";
export * from "./data/subset.ts";
export * from "./report/paper_reference.ts";
export * from "./report/benchpress_reference.ts";
export * from "./eval/mod.ts";
export * from "./methods.ts";
export * from "./util/csv_write.ts";
export * from "./util/output_file.ts";
export * from "./models/mod.ts";
export * from "./report/methods_report.ts";
export * from "./report/helm_pilot.ts";
export * from "./report/leaderboard.ts";
export * from "./report/slug.ts";
export * from "./report/analyses_report.ts";
export * from "./report/site_pages.ts";
export * from "./report/leaderboard_view.ts";
export * from "./report/performance_law_view.ts";
export * from "./report/interval_coverage.ts";
export * from "./report/site_config.ts";
export * from "./report/benchpress_report.ts";
