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
import { CSV_TYPE, fileStem, JSON_TYPE, toCsv } from "./_files.js";
import { approachLabel } from "./_analyses.js";
import type { DownloadFile } from "./downloads.ts";
import type { EmergentJson, GeneralizationJson, PerformanceLawJson } from "./analyses_types.ts";

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
    {
      label: "Error per K and method (CSV)",
      filename: `${stem}-generalization.csv`,
      type: CSV_TYPE,
      content: toCsv(
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
    },
    {
      label: "Error per target (CSV)",
      filename: `${stem}-generalization-per-target.csv`,
      type: CSV_TYPE,
      content: toCsv(report.perTarget, [
        "axis",
        "known",
        "method",
        "target",
        "cells",
        "mse",
        "l1",
        "maePoints",
      ]),
    },
    {
      label: "Targets left out (CSV)",
      filename: `${stem}-generalization-skipped.csv`,
      type: CSV_TYPE,
      content: toCsv(
        report.axes.flatMap((a) => a.skipped.map((s) => ({ axis: a.axis, ...s }))),
        ["axis", "target", "known", "reason"],
      ),
    },
    {
      label: "The paper's new-task MSE (CSV)",
      filename: `${stem}-generalization-paper.csv`,
      type: CSV_TYPE,
      content: toCsv(report.paper, ["task", "k", "mse"]),
    },
    {
      label: "Everything (JSON)",
      filename: `${stem}-generalization.json`,
      type: JSON_TYPE,
      content: JSON.stringify(report, null, 2),
    },
  ];
}

/** Predictions, MAE, coverage, fits, curves (CSV) and everything (JSON). */
export function emergentDownloadFiles(report: EmergentJson): DownloadFile[] {
  const stem = fileStem(report.dataset, "dataset");
  const files: DownloadFile[] = [
    {
      label: "Predictions (CSV)",
      filename: `${stem}-emergent-predictions.csv`,
      type: CSV_TYPE,
      content: toCsv(report.predictions, [
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
    },
    {
      label: "MAE per task (CSV)",
      filename: `${stem}-emergent-mae.csv`,
      type: CSV_TYPE,
      content: toCsv(report.mae.map((m) => ({ ...m, task: m.task ?? "all" })), [
        "task",
        "approach",
        "scope",
        "n",
        "mae",
      ]),
    },
    {
      label: "Coverage (CSV)",
      filename: `${stem}-emergent-coverage.csv`,
      type: CSV_TYPE,
      content: toCsv(report.coverage, [
        "task",
        "approach",
        "largeWithScore",
        "predicted",
        "common",
      ]),
    },
    {
      label: "Scaling-law fits (CSV)",
      filename: `${stem}-emergent-fits.csv`,
      type: CSV_TYPE,
      content: toCsv(
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
    },
    {
      label: "Fitted curves (CSV)",
      filename: `${stem}-emergent-curves.csv`,
      type: CSV_TYPE,
      content: toCsv(report.curves, ["task", "family", "law", "axis", "x", "score"]),
    },
  ];
  if (report.points) {
    files.push({
      label: "Family members (CSV)",
      filename: `${stem}-emergent-members.csv`,
      type: CSV_TYPE,
      content: toCsv(report.points, [
        "task",
        "family",
        "model",
        "group",
        "log10Params",
        "log10Compute",
        "actual",
      ]),
    });
  }
  files.push({
    label: "Everything (JSON)",
    filename: `${stem}-emergent.json`,
    type: JSON_TYPE,
    content: JSON.stringify(report, null, 2),
  });
  return files;
}

/** Law predictions, fit, left out, collaborative rows and MAE (CSV) and everything (JSON). */
export function performanceLawDownloadFiles(report: PerformanceLawJson): DownloadFile[] {
  const stem = fileStem(report.law.dataset, "dataset");
  return [
    {
      label: "Performance Law, leave-one-out (CSV)",
      filename: `${stem}-performance-law.csv`,
      type: CSV_TYPE,
      content: toCsv(report.law.models, [
        "model",
        "actual",
        "predicted",
        "error",
        "absError",
        "lambda",
      ]),
    },
    {
      label: "Fitted weights (CSV)",
      filename: `${stem}-performance-law-fit.csv`,
      type: CSV_TYPE,
      content: toCsv(
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
    },
    {
      label: "Models left out (CSV)",
      filename: `${stem}-performance-law-left-out.csv`,
      type: CSV_TYPE,
      content: toCsv(
        report.law.leftOut.map((l) => ({ model: l.model, missing: l.missing.join("; ") })),
        ["model", "missing"],
      ),
    },
    {
      label: "Collaborative predictions (CSV)",
      filename: `${stem}-performance-law-collaborative.csv`,
      type: CSV_TYPE,
      content: toCsv(
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
    },
    {
      label: "MAE per approach (CSV)",
      filename: `${stem}-performance-law-mae.csv`,
      type: CSV_TYPE,
      content: toCsv(
        [
          {
            approach: "performance-law",
            known: null,
            status: "ok",
            n: report.law.n,
            mae: report.law.mae,
          },
          ...report.collaborative.mae.map((m) => ({ approach: m.method, ...m })),
        ],
        ["approach", "known", "status", "n", "mae"],
      ),
    },
    {
      label: "Everything (JSON)",
      filename: `${stem}-performance-law.json`,
      type: JSON_TYPE,
      content: JSON.stringify(report, null, 2),
    },
  ];
}
