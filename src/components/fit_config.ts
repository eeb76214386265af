/**
 * How each method was fitted on one scale: backend, hyperparameters (one column per method),
 * epochs over the seeds and the wall time of the batch.
 *
 * @example
 * ```ts
 * document.body.append(fitConfigTable(report, { scale: "cpp" }));
 * ```
 */
import { documentOf, h } from "./_dom.js";
import { formatMetric, methodLabel, methodOrder } from "./_methods.js";
import type { FitInfo, MethodsJson, Scale } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** Hyperparameters in reading order (architecture, then training); others follow by name. */
const KEY_ORDER = [
  "dim",
  "ids",
  "factors",
  "head",
  "biases",
  "hidden",
  "factorHidden",
  "lr",
  "l2",
  "l2Bias",
  "initScale",
  "maxEpochs",
  "patience",
  "validFraction",
  "refit",
  "refitScale",
  "epochsPerCall",
  "logEvery",
  "batchSize",
];

/** Labels of the hyperparameters whose names do not read as words once split. */
const KEY_LABELS: Readonly<Record<string, string>> = {
  dim: "Latent dimension",
  ids: "ID embeddings",
  lr: "Learning rate",
  l2: "L2 penalty",
  l2Bias: "L2 penalty on biases",
};

/** A hyperparameter's name as a table heading: "maxEpochs" reads "Max epochs". */
export function configLabel(key: string): string {
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A configuration value as text: yes/no, numbers as written, anything else as JSON. */
export function formatConfigValue(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number" || typeof value === "string") return String(value);
  return JSON.stringify(value);
}

/** "min / median / max" of the epochs over the seeds, or "closed form" when all are 0. */
export function epochStats(epochs: readonly number[]): string {
  if (epochs.length === 0) return "—";
  const sorted = [...epochs].sort((a, b) => a - b);
  if (sorted[sorted.length - 1] === 0) return "closed form";
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return `${sorted[0]} / ${median} / ${sorted[n - 1]}`;
}

/** The hyperparameter names of some fits, in reading order. */
export function configKeys(fits: readonly FitInfo[]): string[] {
  const keys = new Set(fits.flatMap((f) => Object.keys(f.config)));
  const known = KEY_ORDER.filter((k) => keys.has(k));
  const other = [...keys].filter((k) => !KEY_ORDER.includes(k)).sort();
  return [...known, ...other];
}

export function fitConfigTable(
  report: MethodsJson,
  options: RenderOptions & { scale?: Scale } = {},
): HTMLElement {
  const doc = documentOf(options, "fitConfigTable");
  const scale = options.scale ?? "cpp";
  const byMethod = new Map<string, FitInfo>(
    report.fits.filter((f) => f.scale === scale).map((f) => [f.method, f]),
  );
  const methods = methodOrder(byMethod.keys());
  const fits = methods.map((m) => byMethod.get(m)!);
  const row = (name: string, cells: string[], attributes: Record<string, string> = {}) =>
    h(
      doc,
      "tr",
      attributes,
      h(doc, "th", { scope: "row" }, name),
      ...cells.map((c) => h(doc, "td", { class: "cpp-num" }, c)),
    );
  const rows = [
    row("Backend", fits.map((f) => f.backend), { "data-key": "backend" }),
    ...configKeys(fits).map((key) =>
      row(configLabel(key), fits.map((f) => formatConfigValue(f.config[key])), {
        "data-key": key,
      })
    ),
    row("Epochs (min / median / max over seeds)", fits.map((f) => epochStats(f.epochs)), {
      "data-key": "epochs",
    }),
    row(
      "Batch wall time, all seeds (s)",
      fits.map((f) => formatMetric("seconds", f.seconds)),
      { "data-key": "seconds" },
    ),
    row(
      "Per seed (s)",
      fits.map((f) => formatMetric("seconds", f.seconds / Math.max(1, f.epochs.length))),
      { "data-key": "per-seed" },
    ),
  ];
  return h(
    doc,
    "div",
    { class: "cpp-scroll" },
    h(
      doc,
      "table",
      { class: "cpp-fit-config", "data-scale": scale, "data-methods": methods.length },
      h(
        doc,
        "caption",
        {},
        `How each method was fitted on the ${scale} scale. A dash: the setting does not apply ` +
          "(the closed-form baselines have none).",
      ),
      h(
        doc,
        "thead",
        {},
        h(
          doc,
          "tr",
          {},
          h(doc, "th", {}, "Setting"),
          ...methods.map((m) => h(doc, "th", { "data-method": m }, methodLabel(m))),
        ),
      ),
      h(doc, "tbody", {}, ...rows),
    ),
  );
}
