/**
 * A short reading of Table 1 computed from its numbers, never written by hand: the best method on
 * MSE and L1, how far it is from the runner-up relative to the spread over seeds, how it compares
 * with the paper's best values (cpp scale only), and whether every learned method beats the
 * model + task biases baseline.
 *
 * @example
 * ```ts
 * table1Reading(report, "cpp").sentences; // ["Lowest mean MSE: …", …]
 * ```
 */
import { documentOf, h, readingList } from "./_dom.js";
import { formatSci, isLearned, methodLabel, tableOf } from "./_methods.js";
import type { MethodsJson, Scale, Table1Row } from "../lib/report/site_json.ts";
import type { RenderOptions } from "./_options.ts";

/** The facts the sentences are made of, for tests and for other uses. */
export interface Table1Facts {
  readonly scale: Scale;
  readonly bestMse: { method: string; mean: number; std: number | null } | null;
  readonly runnerUpMse: { method: string; mean: number } | null;
  /** Whether the best and the runner-up are further apart than the best's standard deviation. */
  readonly clearWinner: boolean | null;
  readonly bestL1: { method: string; mean: number } | null;
  /** cpp scale only: the paper's best MSE and L1 and how ours compare (ours / paper). */
  readonly paper: {
    mse: { method: string; mean: number; ratio: number | null };
    l1: { method: string; mean: number; ratio: number | null };
  } | null;
  /** Learned methods we ran; those whose mean MSE is not below the biases baseline's. */
  readonly learned: readonly string[];
  readonly notBeatingBiases: readonly string[];
  readonly biasesMse: number | null;
}

function lowest(rows: readonly Table1Row[], metric: "mse" | "l1"): Table1Row[] {
  return rows.filter((r) => Number.isFinite(r[metric].mean)).sort((a, b) =>
    a[metric].mean - b[metric].mean
  );
}

/** Computes the facts of the reading on one scale. */
export function table1Facts(report: MethodsJson, scale: Scale): Table1Facts {
  const rows = tableOf(report, scale).methods;
  const byMse = lowest(rows, "mse");
  const byL1 = lowest(rows, "l1");
  const [best, second] = byMse;
  const paperBest = (metric: "mse" | "l1") => {
    const sorted = report.paper.filter((p) => Number.isFinite(p[metric].mean))
      .sort((a, b) => a[metric].mean - b[metric].mean);
    return sorted[0] ?? null;
  };
  const pMse = paperBest("mse");
  const pL1 = paperBest("l1");
  const ours = (metric: "mse" | "l1") => (metric === "mse" ? byMse[0] : byL1[0]);
  const ratio = (metric: "mse" | "l1", p: { mse: { mean: number }; l1: { mean: number } }) =>
    ours(metric) ? ours(metric)[metric].mean / p[metric].mean : null;
  const biases = rows.find((r) => r.method === "biases") ?? null;
  const learned = rows.filter((r) => isLearned(r.method));
  return {
    scale,
    bestMse: best ? { method: best.method, mean: best.mse.mean, std: best.mse.std } : null,
    runnerUpMse: second ? { method: second.method, mean: second.mse.mean } : null,
    clearWinner: best && second && best.mse.std !== null && Number.isFinite(best.mse.std)
      ? second.mse.mean - best.mse.mean > best.mse.std
      : null,
    bestL1: byL1[0] ? { method: byL1[0].method, mean: byL1[0].l1.mean } : null,
    paper: scale === "cpp" && pMse && pL1
      ? {
        mse: { method: pMse.method, mean: pMse.mse.mean, ratio: ratio("mse", pMse) },
        l1: { method: pL1.method, mean: pL1.l1.mean, ratio: ratio("l1", pL1) },
      }
      : null,
    learned: learned.map((r) => r.method),
    notBeatingBiases: biases
      ? learned.filter((r) => !(r.mse.mean < biases.mse.mean)).map((r) => r.method)
      : [],
    biasesMse: biases?.mse.mean ?? null,
  };
}

/** "12% lower than" / "3.4% higher than" / "equal to". */
function versus(ratio: number): string {
  if (ratio === 1) return "equal to";
  const pct = Math.abs(ratio - 1) * 100;
  const text = pct >= 10 ? pct.toFixed(0) : pct.toPrecision(2);
  return `${text}% ${ratio < 1 ? "lower" : "higher"} than`;
}

/** The reading as sentences. */
export function table1Reading(
  report: MethodsJson,
  scale: Scale,
): { facts: Table1Facts; sentences: string[] } {
  const facts = table1Facts(report, scale);
  const seeds = tableOf(report, scale).seeds;
  const sentences: string[] = [];
  const { bestMse, runnerUpMse, bestL1, paper } = facts;
  if (!bestMse) return { facts, sentences: ["No method has a finite MSE on this scale."] };
  let first = `Lowest mean MSE on the ${scale} scale: ${methodLabel(bestMse.method)}, ` +
    `${formatSci(bestMse.mean)}` +
    (bestMse.std !== null && Number.isFinite(bestMse.std)
      ? ` (standard deviation ${formatSci(bestMse.std)} over ${seeds} seeds)`
      : "") +
    ".";
  if (runnerUpMse) {
    first += ` The runner-up, ${methodLabel(runnerUpMse.method)}, has ` +
      `${formatSci(runnerUpMse.mean)}` +
      (facts.clearWinner === null
        ? "."
        : facts.clearWinner
        ? ": the gap is larger than one standard deviation of the best."
        : ": the gap is within one standard deviation of the best, so the order of these two " +
          "is not settled.");
  }
  sentences.push(first);
  if (bestL1 && bestL1.method !== bestMse.method) {
    sentences.push(
      `Lowest mean L1: ${methodLabel(bestL1.method)}, ${formatSci(bestL1.mean)}.`,
    );
  }
  if (paper) {
    const part = (
      metric: "MSE" | "L1",
      p: { method: string; mean: number; ratio: number | null },
    ) =>
      p.ratio === null ? "" : `our best ${metric} is ${versus(p.ratio)} the paper's best, ` +
        `${formatSci(p.mean)} (${methodLabel(p.method)}; ours/paper = ${p.ratio.toFixed(2)})`;
    sentences.push(
      `Against the paper: ${part("MSE", paper.mse)}; ${part("L1", paper.l1)}.`,
    );
  } else if (scale !== "cpp") {
    sentences.push("The paper reports the cpp scale only: switch to it to compare.");
  }
  if (facts.biasesMse === null) {
    sentences.push("The model + task biases baseline was not run, so there is no baseline check.");
  } else if (facts.learned.length === 0) {
    sentences.push(
      "No learned method was run here (only the baselines), so whether they beat the " +
        `model + task biases baseline (MSE ${formatSci(facts.biasesMse)}) is open.`,
    );
  } else if (facts.notBeatingBiases.length === 0) {
    sentences.push(
      `Every learned method run (${facts.learned.length}) beats the model + task biases ` +
        `baseline on mean MSE (${formatSci(facts.biasesMse)}).`,
    );
  } else {
    sentences.push(
      `Not every learned method beats the model + task biases baseline (MSE ` +
        `${formatSci(facts.biasesMse)}): ${
          facts.notBeatingBiases.map((m) => methodLabel(m)).join(", ")
        } ${facts.notBeatingBiases.length === 1 ? "does" : "do"} not.`,
    );
  }
  return { facts, sentences };
}

/** The reading as a list. */
export function table1ReadingView(
  report: MethodsJson,
  options: RenderOptions & { scale?: Scale } = {},
): HTMLElement {
  const doc = documentOf(options, "table1ReadingView");
  const scale = options.scale ?? "cpp";
  const { sentences } = table1Reading(report, scale);
  return readingList(doc, { class: "cpp-reading", "data-scale": scale }, sentences);
}

/** The range "33.5% to 45.5%" of one of the paper's rank metrics over its methods. */
function paperRange(report: MethodsJson, key: "rankAccuracy" | "mae2"): string {
  const values = report.paper.map((p) => p[key].mean).filter(Number.isFinite);
  if (values.length === 0) return "not given";
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${pct(Math.min(...values))} to ${pct(Math.max(...values))}`;
}

/** Why the paper's rank accuracy and MAE@2 are not shown beside ours (PROTOCOL.md, "Metrics"). */
export function paperRankNote(report: MethodsJson, options: RenderOptions = {}): HTMLElement {
  const doc = documentOf(options, "paperRankNote");
  return h(
    doc,
    "p",
    { class: "cpp-rank-note note" },
    `The paper's rank accuracy (${paperRange(report, "rankAccuracy")} over its methods) and ` +
      `MAE@2 (${paperRange(report, "mae2")}) are not shown beside ours because they are not ` +
      "comparable: the paper's code computes neither, no definition we tried on its data " +
      "reproduces them, and both depend strongly on how many cells are held out (ranking " +
      "within 5 held-out cells is easy, within 43 hard). Compare with the paper on MSE and L1; " +
      "our rank metrics follow the definitions below.",
  );
}

/** The methods that could not run on this data, with the reason; null when none. */
export function skippedList(
  report: MethodsJson,
  options: RenderOptions = {},
): HTMLElement | null {
  if (report.skipped.length === 0) return null;
  const doc = documentOf(options, "skippedList");
  return h(
    doc,
    "div",
    { class: "cpp-skipped" },
    h(doc, "p", {}, h(doc, "strong", {}, "Not run on this data:")),
    h(
      doc,
      "ul",
      {},
      ...report.skipped.map((s) =>
        h(
          doc,
          "li",
          { "data-method": s.method },
          methodLabel(s.method),
          " (",
          h(doc, "code", {}, s.method),
          `): ${s.reason}`,
        )
      ),
    ),
  );
}
