/**
 * Download buttons for the methods, HELM pilot and leaderboard data: tidy CSV tables and the
 * whole JSON, made in the page from the data it already has (no network).
 *
 * @example
 * ```ts
 * document.body.append(reportDownloadButtons(methodsDownloadFiles(report)));
 * ```
 */
import { documentOf } from "./_dom.js";
import { csvFile, fileButtons, fileStem, jsonFile, saveBlob } from "./_files.js";
import { methodLabel, methodOrder } from "./_methods.js";
import type { DownloadFile, DownloadOptions } from "./downloads.ts";
import type {
  HelmPilotJson,
  LeaderboardJson,
  MethodsJson,
  PaperRow,
} from "../lib/report/site_json.ts";

const TABLE1_METRICS = [
  "mse",
  "l1",
  "rankAccuracy",
  "mae2",
  "pairwiseOrder",
  "maePoints",
  "fitSeconds",
] as const;

/** Table 1 of both scales as flat rows: mean and std per metric, the paper's beside (cpp). */
export function table1CsvRows(report: MethodsJson): Record<string, unknown>[] {
  const paper = new Map<string, PaperRow>(report.paper.map((p) => [p.method, p]));
  return report.tables.flatMap((table) =>
    methodOrder(table.methods.map((m) => m.method)).map((method) => {
      const row = table.methods.find((m) => m.method === method)!;
      const out: Record<string, unknown> = {
        scale: table.scale,
        method,
        label: methodLabel(method),
        backend: row.backend,
        seeds: table.seeds,
        holdout: table.holdout,
      };
      for (const m of TABLE1_METRICS) {
        out[`${m}_mean`] = row[m].mean;
        out[`${m}_std`] = row[m].std;
      }
      const p = table.scale === "cpp" ? paper.get(method) : undefined;
      out.paper_mse_mean = p?.mse.mean ?? null;
      out.paper_mse_std = p?.mse.std ?? null;
      out.paper_l1_mean = p?.l1.mean ?? null;
      out.paper_l1_std = p?.l1.std ?? null;
      return out;
    })
  );
}

/** The columns of {@linkcode table1CsvRows}. */
export const TABLE1_CSV_COLUMNS = [
  "scale",
  "method",
  "label",
  "backend",
  "seeds",
  "holdout",
  ...TABLE1_METRICS.flatMap((m) => [`${m}_mean`, `${m}_std`]),
  "paper_mse_mean",
  "paper_mse_std",
  "paper_l1_mean",
  "paper_l1_std",
];

/** Table 1 (CSV), per-seed values (CSV), training curves (CSV) and the whole report (JSON). */
export function methodsDownloadFiles(report: MethodsJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  return [
    csvFile("Table 1 (CSV)", `${stem}-table1.csv`, table1CsvRows(report), TABLE1_CSV_COLUMNS),
    csvFile("Per seed (CSV)", `${stem}-table1-per-seed.csv`, report.perSeed, [
      "scale",
      "method",
      "seed",
      "metric",
      "value",
    ]),
    csvFile(
      "Training curves (CSV)",
      `${stem}-training-curves.csv`,
      report.fits.flatMap((f) => f.curve.map((c) => ({ scale: f.scale, method: f.method, ...c }))),
      ["scale", "method", "epoch", "train", "valid"],
    ),
    jsonFile("Everything (JSON)", `${stem}-methods.json`, report),
  ];
}

/** The summary (CSV), every held-out cell's error (CSV) and the whole report (JSON). */
export function pilotDownloadFiles(report: HelmPilotJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  return [
    csvFile("Summary (CSV)", `${stem}-pilot-summary.csv`, report.summary, [
      "share",
      "cells",
      "mae",
      "medianAe",
      "within05",
      "within10",
    ]),
    csvFile("Errors per cell (CSV)", `${stem}-pilot-errors.csv`, report.errors, [
      "share",
      "seed",
      "model",
      "task",
      "gold",
      "predicted",
      "error",
    ]),
    jsonFile("Everything (JSON)", `${stem}-pilot.json`, report),
  ];
}

/** The filled matrix (CSV, one row per cell), the method selection (CSV) and the JSON. */
export function leaderboardDownloadFiles(board: LeaderboardJson): DownloadFile[] {
  const stem = fileStem(board.dataset, "dataset");
  return [
    csvFile("Filled matrix (CSV)", `${stem}-leaderboard.csv`, board.cells, [
      "model",
      "task",
      "score",
      "observed",
      "normalized",
    ]),
    csvFile("Method selection (CSV)", `${stem}-leaderboard-selection.csv`, board.selection, [
      "method",
      "mse",
      "seeds",
    ]),
    jsonFile("Everything (JSON)", `${stem}-leaderboard.json`, board),
  ];
}

/** A row of buttons, one per file. */
export function reportDownloadButtons(
  files: readonly DownloadFile[],
  options: DownloadOptions & { name?: string } = {},
): HTMLElement {
  const doc = documentOf(options, "reportDownloadButtons");
  return fileButtons(doc, files, options.save ?? saveBlob, { "data-downloads": options.name });
}
