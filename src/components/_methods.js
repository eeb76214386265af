// Method names, metric definitions and number formats shared by the methods, HELM pilot and
// leaderboard components. JavaScript with JSDoc types, like _dom.js (see there why).

/** @type {Readonly<Record<string, string>>} */
export const METHOD_LABELS = {
  mf: "Matrix factorization",
  ncf: "Neural collaborative filtering",
  "ncf-factors": "NCF + factors",
  "factors-only": "Factors only",
  "global-mean": "Global mean",
  "task-mean": "Task mean",
  biases: "Model + task biases",
  "bias-als": "Logit bias ALS (BenchPress)",
  als: "ALS + design factors",
  auto: "auto (chosen by inner CV)",
};

/** The paper's four methods, in the order of its Table 1. */
export const LEARNED_METHODS = ["mf", "ncf", "ncf-factors", "factors-only"];
/** The closed-form baselines, simplest first. */
export const BASELINE_METHODS = ["global-mean", "task-mean", "biases", "bias-als"];

/**
 * A method's display name; an unknown id is shown as it is.
 * @param {string} id
 * @returns {string}
 */
export function methodLabel(id) {
  return Object.hasOwn(METHOD_LABELS, id) ? METHOD_LABELS[id] : id;
}

/**
 * Whether a method is one of the paper's learned methods.
 * @param {string} id
 * @returns {boolean}
 */
export function isLearned(id) {
  return LEARNED_METHODS.includes(id);
}

/**
 * Method ids in report order: learned (paper order), then baselines, then any other by name.
 * @param {Iterable<string>} ids
 * @returns {string[]}
 */
export function methodOrder(ids) {
  const known = [...LEARNED_METHODS, ...BASELINE_METHODS];
  /** @param {string} id */
  const rank = (id) => {
    const i = known.indexOf(id);
    return i < 0 ? known.length : i;
  };
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "en"));
}

/**
 * @typedef {{ id: string, label: string, short: string, lowerIsBetter: boolean,
 *   kind: "error" | "share" | "points" | "seconds", definition: string }} MetricInfo
 */

/**
 * The metrics of Table 1, as the per-seed rows name them (PROTOCOL.md, "Metrics").
 * @type {readonly MetricInfo[]}
 */
export const METRICS = [
  {
    id: "mse",
    label: "MSE",
    short: "MSE",
    lowerIsBetter: true,
    kind: "error",
    definition: "mean squared error over the held-out cells, on the normalized scale",
  },
  {
    id: "l1",
    label: "L1 (mean absolute error)",
    short: "L1",
    lowerIsBetter: true,
    kind: "error",
    definition: "mean absolute error over the held-out cells, on the normalized scale",
  },
  {
    id: "rankAccuracy",
    label: "Rank accuracy",
    short: "Rank acc.",
    lowerIsBetter: false,
    kind: "share",
    definition: "share of held-out cells whose leaderboard rank on their task is the same " +
      "with the prediction as with the gold score",
  },
  {
    id: "mae2",
    label: "MAE@2",
    short: "MAE@2",
    lowerIsBetter: false,
    kind: "share",
    definition: "share of held-out cells whose predicted rank is within 2 places of the gold rank",
  },
  {
    id: "pairwiseOrder",
    label: "Pairwise order accuracy",
    short: "Pairwise",
    lowerIsBetter: false,
    kind: "share",
    definition: "share of model pairs on a task, one of them held out, that the prediction " +
      "puts in the gold order",
  },
  {
    id: "maePoints",
    label: "MAE in score points",
    short: "MAE (points)",
    lowerIsBetter: true,
    kind: "points",
    definition: "mean absolute error in points (percentage points on bounded tasks, a " +
      "fraction task's scores x 100; own units on unbounded tasks)",
  },
];

/**
 * The metric with this id.
 * @param {string} id
 * @returns {MetricInfo}
 */
export function metricInfo(id) {
  const info = METRICS.find((m) => m.id === id);
  if (!info) {
    throw new RangeError(
      `Cannot describe metric '${id}': expected one of ${METRICS.map((m) => m.id).join(", ")}`,
    );
  }
  return info;
}

/**
 * A number as the paper writes errors: `0.0216` → "2.16e-2"; "—" for null or NaN.
 * @param {number | null | undefined} x
 * @param {number} [digits] after the decimal point
 * @returns {string}
 */
export function formatSci(x, digits = 2) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return x.toExponential(digits).replace("e+", "e");
}

/**
 * A value of a metric in its kind's format: errors in e-notation, shares as percentages, points
 * with two decimals, seconds with two significant digits.
 * @param {MetricInfo["kind"]} kind
 * @param {number | null | undefined} x
 * @returns {string}
 */
export function formatMetric(kind, x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  switch (kind) {
    case "error":
      return formatSci(x);
    case "share":
      return `${(x * 100).toFixed(1)}%`;
    case "points":
      return x.toFixed(2);
    case "seconds":
      return x >= 100 ? x.toFixed(0) : String(Number(x.toPrecision(2)));
  }
}

/**
 * The Table 1 of a scale from the methods report; a clear error when the report lacks it.
 * @param {import("../lib/report/site_json.ts").MethodsJson} report
 * @param {import("../lib/report/site_json.ts").Scale} scale
 * @returns {import("../lib/report/site_json.ts").Table1Table}
 */
export function tableOf(report, scale) {
  const table = report.tables.find((t) => t.scale === scale);
  if (!table) {
    throw new RangeError(
      `Cannot show Table 1 on the '${scale}' scale: the report has ${
        report.tables.map((t) => t.scale).join(", ") || "no table"
      }`,
    );
  }
  return table;
}

/**
 * A training share as a percentage: `0.1` → "10%".
 * @param {number} share
 * @returns {string}
 */
export function shareLabel(share) {
  return `${Number((share * 100).toPrecision(3))}%`;
}
