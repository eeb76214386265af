/**
 * The files the factor-importance page offers: every factor's value (CSV), one row per analysis
 * (CSV), the coalitions of the exact analyses (CSV) and the whole report (JSON), made in the page
 * from the data it already has (no network). Render them with `reportDownloadButtons`
 * (report_downloads.ts).
 *
 * @example
 * ```ts
 * document.body.append(reportDownloadButtons(shapleyDownloadFiles(report), { name: "shapley" }));
 * ```
 */
import { csvFile, fileStem, jsonFile } from "./_files.js";
import { methodLabel } from "./_methods.js";
import { finite, verdict } from "./_shapley.js";
import type { DownloadFile } from "./downloads.ts";
import type { ShapleyJson } from "../lib/report/site_json.ts";

/** The columns of the values CSV (one row per analysis and factor). */
export const SHAPLEY_CSV_COLUMNS = [
  "players",
  "method",
  "label",
  "mode",
  "factor",
  "kind",
  "shapley",
  "se",
  "seSeeds",
  "low_2se",
  "high_2se",
  "verdict",
  "present",
];

/** The columns of the analyses CSV (one row per analysis). */
export const SHAPLEY_RUNS_CSV_COLUMNS = [
  "players",
  "method",
  "label",
  "mode",
  "factors",
  "seeds",
  "holdout",
  "scale",
  "otherFactors",
  "coalitionsTrained",
  "permutations",
  "antithetic",
  "fits",
  "seconds",
  "fitSeconds",
  "backend",
  "mseEmpty",
  "mseAll",
];

/** Values, analyses, coalitions (CSV) and everything (JSON). */
export function shapleyDownloadFiles(report: ShapleyJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  const values = report.results.flatMap((r) =>
    r.values.map((v) => {
      const ok = finite(v.shapley) && finite(v.se);
      return {
        players: r.players,
        method: r.method,
        label: methodLabel(r.method),
        mode: r.mode,
        ...v,
        low_2se: ok ? (v.shapley as number) - 2 * (v.se as number) : null,
        high_2se: ok ? (v.shapley as number) + 2 * (v.se as number) : null,
        verdict: verdict(v),
      };
    })
  );
  const runs = report.results.map((r) => ({
    ...r,
    label: methodLabel(r.method),
    factors: r.values.length,
  }));
  const coalitions = report.results.flatMap((r) =>
    (r.coalitionValues ?? []).map((c) => ({
      players: r.players,
      method: r.method,
      coalition: c.coalition.join("; "),
      size: c.coalition.length,
      mse: c.mse,
      value: c.value,
    }))
  );
  return [
    csvFile("Shapley values (CSV)", `${stem}-shapley.csv`, values, SHAPLEY_CSV_COLUMNS),
    csvFile("Analyses (CSV)", `${stem}-shapley-runs.csv`, runs, SHAPLEY_RUNS_CSV_COLUMNS),
    csvFile("Coalitions, exact mode (CSV)", `${stem}-shapley-coalitions.csv`, coalitions, [
      "players",
      "method",
      "coalition",
      "size",
      "mse",
      "value",
    ]),
    jsonFile("Everything (JSON)", `${stem}-shapley.json`, report),
  ];
}
