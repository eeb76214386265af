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
import { CSV_TYPE, fileButtons, fileStem, JSON_TYPE, saveBlob, toCsv } from "./_files.js";
import { methodLabel, methodOrder } from "./_methods.js";
import type { DownloadFile, DownloadOptions } from "./downloads.ts";
import type { HelmPilotJson, LeaderboardJson, MethodsReportJson } from "./report_types.ts";

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
export function table1CsvRows(report: MethodsReportJson): Record<string, unknown>[] {
  const paper = new Map(report.paper.map((p) => [p.method, p]));
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
export function methodsDownloadFiles(report: MethodsReportJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  return [
    {
      label: "Table 1 (CSV)",
      filename: `${stem}-table1.csv`,
      type: CSV_TYPE,
      content: toCsv(table1CsvRows(report), TABLE1_CSV_COLUMNS),
    },
    {
      label: "Per seed (CSV)",
      filename: `${stem}-table1-per-seed.csv`,
      type: CSV_TYPE,
      content: toCsv(report.perSeed, ["scale", "method", "seed", "metric", "value"]),
    },
    {
      label: "Training curves (CSV)",
      filename: `${stem}-training-curves.csv`,
      type: CSV_TYPE,
      content: toCsv(
        report.fits.flatMap((f) =>
          f.curve.map((c) => ({ scale: f.scale, method: f.method, ...c }))
        ),
        ["scale", "method", "epoch", "train", "valid"],
      ),
    },
    {
      label: "Everything (JSON)",
      filename: `${stem}-methods.json`,
      type: JSON_TYPE,
      content: JSON.stringify(report, null, 2),
    },
  ];
}

/** The summary (CSV), every held-out cell's error (CSV) and the whole report (JSON). */
export function pilotDownloadFiles(report: HelmPilotJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  return [
    {
      label: "Summary (CSV)",
      filename: `${stem}-pilot-summary.csv`,
      type: CSV_TYPE,
      content: toCsv(report.summary, ["share", "cells", "mae", "medianAe", "within05", "within10"]),
    },
    {
      label: "Errors per cell (CSV)",
      filename: `${stem}-pilot-errors.csv`,
      type: CSV_TYPE,
      content: toCsv(report.errors, [
        "share",
        "seed",
        "model",
        "task",
        "gold",
        "predicted",
        "error",
      ]),
    },
    {
      label: "Everything (JSON)",
      filename: `${stem}-pilot.json`,
      type: JSON_TYPE,
      content: JSON.stringify(report, null, 2),
    },
  ];
}

/** The filled matrix (CSV, one row per cell), the method selection (CSV) and the JSON. */
export function leaderboardDownloadFiles(board: LeaderboardJson): DownloadFile[] {
  const stem = fileStem(board.dataset, "dataset");
  return [
    {
      label: "Filled matrix (CSV)",
      filename: `${stem}-leaderboard.csv`,
      type: CSV_TYPE,
      content: toCsv(board.cells, ["model", "task", "score", "observed", "normalized"]),
    },
    {
      label: "Method selection (CSV)",
      filename: `${stem}-leaderboard-selection.csv`,
      type: CSV_TYPE,
      content: toCsv(board.selection, ["method", "mse", "seeds"]),
    },
    {
      label: "Everything (JSON)",
      filename: `${stem}-leaderboard.json`,
      type: JSON_TYPE,
      content: JSON.stringify(board, null, 2),
    },
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
