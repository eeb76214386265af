/**
 * The files the generalization, emergent and Performance Law pages offer: every table as CSV and
 * the whole report as JSON, made in the page from the data it already has (no network). Render
 * them with `reportDownloadButtons` (report_downloads.ts).
 *
 * @example
 * ```ts
 * document.body.append(reportDownloadButtons(generalizationDownloadFiles(report)));
 * ```
 */
import { csvFile, fileStem, jsonFile } from "./_files.js";
import { approachLabel } from "./_analyses.js";
import type { DownloadFile } from "./downloads.ts";
import type {
  EmergentJson,
  GeneralizationJson,
  PerformanceLawJson,
} from "../lib/report/site_json.ts";

/** The columns of the generalization summary CSV (one row per axis, K and method). */
export const GENERALIZATION_CSV_COLUMNS = [
  "axis",
  "known",
  "method",
  "label",
  "status",
  "reason",
  "mse",
  "l1",
  "maePoints",
  "pooled_mse",
  "pooled_l1",
  "pooled_maePoints",
  "targets",
  "cells",
  "backend",
  "fitSeconds",
];

/** Summary, per target, targets left out, the paper's values (CSV) and everything (JSON). */
export function generalizationDownloadFiles(report: GeneralizationJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  return [
    csvFile(
      "Error per K and method (CSV)",
      `${stem}-generalization.csv`,
      report.rows.map((r) => ({
        ...r,
        label: approachLabel(r.method),
        reason: r.reason ?? null,
        pooled_mse: r.pooled?.mse ?? null,
        pooled_l1: r.pooled?.l1 ?? null,
        pooled_maePoints: r.pooled?.maePoints ?? null,
      })),
      GENERALIZATION_CSV_COLUMNS,
    ),
    csvFile("Error per target (CSV)", `${stem}-generalization-per-target.csv`, report.perTarget, [
      "axis",
      "known",
      "method",
      "target",
      "cells",
      "mse",
      "l1",
      "maePoints",
    ]),
    csvFile(
      "Targets left out (CSV)",
      `${stem}-generalization-skipped.csv`,
      report.axes.flatMap((a) => a.skipped.map((s) => ({ axis: a.axis, ...s }))),
      ["axis", "target", "known", "reason"],
    ),
    csvFile("The paper's new-task MSE (CSV)", `${stem}-generalization-paper.csv`, report.paper, [
      "task",
      "k",
      "mse",
    ]),
    jsonFile("Everything (JSON)", `${stem}-generalization.json`, report),
  ];
}

/** Predictions, MAE, coverage, fits, curves (CSV) and everything (JSON). */
export function emergentDownloadFiles(report: EmergentJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  const files: DownloadFile[] = [
    csvFile("Predictions (CSV)", `${stem}-emergent-predictions.csv`, report.predictions, [
      "task",
      "model",
      "family",
      "paramsM",
      "approach",
      "kind",
      "actual",
      "predicted",
      "predictedSd",
      "absError",
    ]),
    csvFile(
      "MAE per task (CSV)",
      `${stem}-emergent-mae.csv`,
      report.mae.map((m) => ({ ...m, task: m.task ?? "all" })),
      [
        "task",
        "approach",
        "scope",
        "n",
        "mae",
      ],
    ),
    csvFile("Coverage (CSV)", `${stem}-emergent-coverage.csv`, report.coverage, [
      "task",
      "approach",
      "largeWithScore",
      "predicted",
      "common",
    ]),
    csvFile(
      "Scaling-law fits (CSV)",
      `${stem}-emergent-fits.csv`,
      report.fits.map((f) => ({
        ...f,
        reason: f.reason ?? null,
        small: f.small.join("; "),
        large: f.large.join("; "),
        params: f.params ? JSON.stringify(f.params) : null,
        sse: f.sse ?? null,
        converged: f.converged ?? null,
      })),
      [
        "task",
        "family",
        "law",
        "status",
        "reason",
        "small",
        "large",
        "params",
        "sse",
        "converged",
      ],
    ),
    csvFile("Fitted curves (CSV)", `${stem}-emergent-curves.csv`, report.curves, [
      "task",
      "family",
      "law",
      "axis",
      "x",
      "score",
    ]),
  ];
  if (report.points) {
    files.push(csvFile("Family members (CSV)", `${stem}-emergent-members.csv`, report.points, [
      "task",
      "family",
      "model",
      "group",
      "log10Params",
      "log10Compute",
      "actual",
    ]));
  }
  files.push(jsonFile("Everything (JSON)", `${stem}-emergent.json`, report));
  return files;
}

/** Law predictions, fit, left out, collaborative rows and MAE (CSV) and everything (JSON). */
export function performanceLawDownloadFiles(report: PerformanceLawJson): DownloadFile[] {
  const stem = fileStem(report.law.dataset, "dataset");
  return [
    csvFile(
      "Performance Law, leave-one-out (CSV)",
      `${stem}-performance-law.csv`,
      report.law.models,
      [
        "model",
        "actual",
        "predicted",
        "error",
        "absError",
        "lambda",
      ],
    ),
    csvFile(
      "Fitted weights (CSV)",
      `${stem}-performance-law-fit.csv`,
      [
        { term: "intercept", factor: null, weight: report.law.fit.intercept },
        ...report.law.fit.coefficients.map((c) => ({
          term: c.feature,
          factor: report.law.features.find((f) => f.name === c.feature)?.factor ?? null,
          weight: c.weight,
        })),
      ].map((r) => ({ ...r, lambda: report.law.fit.lambda })),
      ["term", "factor", "weight", "lambda"],
    ),
    csvFile(
      "Models left out (CSV)",
      `${stem}-performance-law-left-out.csv`,
      report.law.leftOut.map((l) => ({ model: l.model, missing: l.missing.join("; ") })),
      ["model", "missing"],
    ),
    csvFile(
      "Collaborative predictions (CSV)",
      `${stem}-performance-law-collaborative.csv`,
      report.collaborative.rows.map((r) => ({ ...r, reason: r.reason ?? null })),
      [
        "model",
        "known",
        "method",
        "status",
        "reason",
        "actual",
        "predicted",
        "predictedSd",
        "absError",
      ],
    ),
    csvFile("MAE per approach (CSV)", `${stem}-performance-law-mae.csv`, [
      {
        approach: "performance-law",
        known: null,
        status: "ok",
        n: report.law.n,
        mae: report.law.mae,
      },
      ...report.collaborative.mae.map((m) => ({ approach: m.method, ...m })),
    ], ["approach", "known", "status", "n", "mae"]),
    jsonFile("Everything (JSON)", `${stem}-performance-law.json`, report),
  ];
}
