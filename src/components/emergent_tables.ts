/**
 * The emergent page's text and tables: the setup (small and large models, those left out), the
 * mean absolute error per task and approach on the common set with each approach's own coverage,
 * the scaling-law fits per family (fitted or why not), and a reading computed from the numbers.
 *
 * @example
 * ```ts
 * document.body.append(emergentMaeTable(report));
 * ```
 */
import { documentOf, formatInteger, h, readingList } from "./_dom.js";
import {
  approachLabel,
  approachOrder,
  formatPoints,
  formatThreshold,
  listText,
  reasonList,
  SCALING_LAW_APPROACHES,
  scrollTable,
} from "./_analyses.js";
import type { EmergentJson, EmergentMaeJson } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** The setup: threshold, groups, targets, seeds, and the models left out with the reason. */
export function emergentSetup(report: EmergentJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "emergentSetup");
  const methods = report.methods.map((m) => approachLabel(m.method));
  return h(
    doc,
    "div",
    { class: "cpp-emergent-setup" },
    h(
      doc,
      "p",
      {},
      `Data: ${report.title} (${report.dataset}). Small models: at most ` +
        `${formatThreshold(report.threshold)} parameters (${formatInteger(report.small.length)} ` +
        `models); large: above (${formatInteger(report.large.length)} models). Target tasks: ` +
        `${listText([...report.targets])}. Training sees every score of the small models and ` +
        "the large models' scores on the other tasks; the large models' target scores are " +
        `predicted. Collaborative methods: ${listText(methods) || "none"}, ` +
        `${report.seeds} seed${report.seeds === 1 ? "" : "s"} each; scaling laws fitted per ` +
        "family on its small members and extrapolated to its large ones.",
    ),
    reasonList(
      doc,
      "cpp-left-out",
      "Left out of both groups:",
      report.leftOut.map((l) => ({
        name: l.model,
        reason: l.reason,
        attributes: { "data-model": l.model },
      })),
    ),
  );
}

function maeOf(
  report: EmergentJson,
  task: string | null,
  approach: string,
  scope: "common" | "own",
): EmergentMaeJson | undefined {
  return report.mae.find((m) => m.task === task && m.approach === approach && m.scope === scope);
}

/**
 * MAE (points) per approach (rows) and task (columns) on the common set, with each approach's own
 * MAE and coverage below; the lowest common-set MAE per column in bold.
 */
export function emergentMaeTable(report: EmergentJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "emergentMaeTable");
  const approaches = approachOrder(report.approaches);
  const columns: (string | null)[] = [...report.targets, null];
  const best = new Map<string | null, number>();
  for (const task of columns) {
    const values = approaches.map((a) => maeOf(report, task, a, "common")?.mae)
      .filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
    if (values.length) best.set(task, Math.min(...values));
  }
  const coverage = (task: string | null, approach: string) => {
    const rows = report.coverage.filter((c) =>
      (task === null || c.task === task) && c.approach === approach
    );
    return {
      predicted: rows.reduce((s, c) => s + c.predicted, 0),
      withScore: rows.reduce((s, c) => s + c.largeWithScore, 0),
    };
  };
  const commonN = (task: string | null) => maeOf(report, task, approaches[0], "common")?.n ?? 0;
  return scrollTable(
    doc,
    { class: "cpp-emergent-mae", "data-rows": approaches.length },
    "Mean absolute error in score points. Large numbers: on the common set, the large models " +
      "with a score that every approach predicts (the only fair comparison); bold = the " +
      "lowest. Small print: the approach's own MAE over every large model it predicts, and " +
      "how many of the large models with a score that is.",
    [
      "Approach",
      ...columns.map((t) => `${t ?? "All target tasks"} (${formatInteger(commonN(t))} common)`),
    ],
    approaches.map((a) => ({
      attributes: { "data-approach": a },
      cells: [
        approachLabel(a),
        ...columns.map((task) => {
          const common = maeOf(report, task, a, "common");
          const own = maeOf(report, task, a, "own");
          const cov = coverage(task, a);
          const value = common?.mae ?? null;
          return {
            value: h(
              doc,
              "span",
              {},
              h(doc, "span", { class: "cpp-mean" }, formatPoints(value)),
              h(
                doc,
                "span",
                { class: "cpp-std" },
                `own ${formatPoints(own?.mae ?? null)} · ${cov.predicted}/${cov.withScore}`,
              ),
            ),
            attributes: {
              class: `cpp-num${value !== null && best.get(task) === value ? " cpp-best" : ""}`,
              "data-task": task ?? "all",
              "data-common": value,
              "data-own": own?.mae ?? null,
              "data-predicted": cov.predicted,
            },
          };
        }),
      ],
    })),
  );
}

export interface FitsTableOptions extends RenderOptions {
  /** Default: the first target. */
  task?: string;
}

/** Per family with a large member: each law fitted on which small members, or why not. */
export function emergentFitsTable(
  report: EmergentJson,
  options: FitsTableOptions = {},
): HTMLElement {
  const doc = documentOf(options, "emergentFitsTable");
  const task = options.task ?? report.targets[0];
  const fits = report.fits.filter((f) => f.task === task);
  const fitted = (family: string) =>
    fits.filter((f) => f.family === family && f.status === "fitted").length;
  const smallOf = (family: string) =>
    fits.find((f) => f.family === family && f.law === "log-linear")?.small ?? [];
  const families = [...new Set(fits.map((f) => f.family))].sort((a, b) =>
    fitted(b) - fitted(a) || smallOf(b).length - smallOf(a).length ||
    a.localeCompare(b, "en")
  );
  // The task is named in the caption: drop it from the reasons to keep the cells short.
  const short = (reason: string) => reason.replaceAll(` on ${task}`, "");
  const status = (family: string, law: string) => {
    const f = fits.find((x) => x.family === family && x.law === law);
    if (!f) return { value: "—", attributes: { "data-law": law } };
    return f.status === "fitted"
      ? {
        value: "fitted",
        attributes: { "data-law": law, "data-status": "fitted", class: "cpp-fitted" },
      }
      : {
        value: `not fitted: ${short(f.reason ?? "no reason given")}`,
        attributes: { "data-law": law, "data-status": "not fitted", class: "muted" },
      };
  };
  const fittedCount = families.filter((family) => fitted(family) > 0).length;
  return scrollTable(
    doc,
    {
      class: "cpp-emergent-fits",
      "data-task": task,
      "data-rows": families.length,
      "data-fitted": fittedCount,
    },
    `${task}: ${fittedCount} of ${families.length} families with a large member have a fit. ` +
      "A law needs at least two small members with a score on the task and different sizes " +
      "(the sigmoid also a known training compute); a family without one leaves its large " +
      "models to the collaborative methods only.",
    ["Family", "Large members", "Small members with a score", "Log-linear", "Sigmoid"],
    families.map((family) => {
      const large = fits.find((f) => f.family === family)?.large ?? [];
      const laws = fits.filter((f) => f.family === family && f.status === "fitted");
      const small = smallOf(family);
      return {
        attributes: {
          "data-family": family,
          "data-fitted": laws.length === 2 ? "both" : laws.length === 1 ? laws[0].law : "none",
        },
        cells: [
          family,
          large.join(", "),
          small.length ? small.join(", ") : "none",
          status(family, "log-linear"),
          status(family, "sigmoid"),
        ],
      };
    }),
  );
}

/** The facts of the reading. */
export interface EmergentFacts {
  /** Pooled over the targets, common set: the best approach, collaborative method and law. */
  readonly pooled: {
    n: number;
    best: { approach: string; mae: number } | null;
    bestCollaborative: { approach: string; mae: number } | null;
    bestLaw: { approach: string; mae: number } | null;
  };
  /** Per task, the approach with the lowest common-set MAE. */
  readonly winners: readonly { task: string; approach: string; mae: number; n: number }[];
  /** Large-model scores on the targets, and how many each kind of approach predicts (best). */
  readonly coverage: { withScore: number; law: number; collaborative: number };
}

function lowestMae(rows: readonly EmergentMaeJson[]) {
  const ok = rows.filter((r) => r.mae !== null && Number.isFinite(r.mae) && r.n > 0)
    .sort((a, b) => (a.mae as number) - (b.mae as number));
  return ok[0] ? { approach: ok[0].approach, mae: ok[0].mae as number, n: ok[0].n } : null;
}

/** Computes the facts of the reading. */
export function emergentFacts(report: EmergentJson): EmergentFacts {
  const isLaw = (a: string) => SCALING_LAW_APPROACHES.includes(a);
  const pooledRows = report.mae.filter((m) => m.task === null && m.scope === "common");
  const strip = (x: { approach: string; mae: number } | null) =>
    x ? { approach: x.approach, mae: x.mae } : null;
  const winners = report.targets.flatMap((task) => {
    const w = lowestMae(report.mae.filter((m) => m.task === task && m.scope === "common"));
    return w ? [{ task, ...w }] : [];
  });
  const covered = (pred: (a: string) => boolean) =>
    Math.max(
      0,
      ...report.approaches.filter(pred).map((a) =>
        report.coverage.filter((c) => c.approach === a).reduce((s, c) => s + c.predicted, 0)
      ),
    );
  const withScore = report.targets.reduce(
    (s, t) => s + (report.coverage.find((c) => c.task === t)?.largeWithScore ?? 0),
    0,
  );
  return {
    pooled: {
      n: pooledRows[0]?.n ?? 0,
      best: strip(lowestMae(pooledRows)),
      bestCollaborative: strip(lowestMae(pooledRows.filter((r) => !isLaw(r.approach)))),
      bestLaw: strip(lowestMae(pooledRows.filter((r) => isLaw(r.approach)))),
    },
    winners,
    coverage: {
      withScore,
      law: covered(isLaw),
      collaborative: covered((a) => !isLaw(a)),
    },
  };
}

/** The reading as sentences, computed from the numbers. */
export function emergentReading(report: EmergentJson): string[] {
  const f = emergentFacts(report);
  const sentences: string[] = [];
  const { pooled } = f;
  if (!pooled.best) {
    return ["No large-model score is predicted by every approach, so there is no common set."];
  }
  let first = `On the ${pooled.n} large-model scores every approach predicts (all target tasks ` +
    `together), the lowest MAE: ${approachLabel(pooled.best.approach)}, ` +
    `${formatPoints(pooled.best.mae)} points.`;
  if (pooled.bestCollaborative && pooled.bestLaw) {
    const collabWins = pooled.bestCollaborative.mae < pooled.bestLaw.mae;
    first += ` The best collaborative method, ${approachLabel(pooled.bestCollaborative.approach)}` +
      ` (${formatPoints(pooled.bestCollaborative.mae)}), is ` +
      (collabWins ? "below" : "not below") +
      ` the better scaling law (${approachLabel(pooled.bestLaw.approach)}, ` +
      `${formatPoints(pooled.bestLaw.mae)}).`;
  }
  sentences.push(first);
  const lawWins = f.winners.filter((w) => SCALING_LAW_APPROACHES.includes(w.approach));
  const collabWins = f.winners.filter((w) => !SCALING_LAW_APPROACHES.includes(w.approach));
  if (f.winners.length) {
    sentences.push(
      `Per task, a collaborative method has the lowest common-set MAE on ${collabWins.length} ` +
        `of ${f.winners.length} tasks` +
        (collabWins.length ? ` (${listText(collabWins.map((w) => w.task))})` : "") +
        (lawWins.length
          ? `, a scaling law on ${listText(lawWins.map((w) => w.task))}.`
          : "; a scaling law on none."),
    );
  }
  const sizes = [...new Set(f.winners.map((w) => w.n))];
  if (sizes.length && Math.max(...sizes) < 5) {
    sentences.push(
      `The common set has only ${listText(sizes.map(String))} ` +
        `model${sizes.length === 1 && sizes[0] === 1 ? "" : "s"} per task, so these ` +
        "orders rest on very few scores.",
    );
  }
  sentences.push(
    `Coverage: of the ${f.coverage.withScore} large-model scores on the target tasks, the ` +
      `scaling laws predict at most ${f.coverage.law} (only families with two small members of ` +
      `different sizes can be fitted); the collaborative methods predict up to ` +
      `${f.coverage.collaborative}.`,
  );
  return sentences;
}

/** The reading as a list. */
export function emergentReadingView(
  report: EmergentJson,
  options: RenderOptions = {},
): HTMLElement {
  const doc = documentOf(options, "emergentReadingView");
  return readingList(doc, { class: "cpp-reading cpp-emergent-reading" }, emergentReading(report));
}
