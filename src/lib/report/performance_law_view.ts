/**
 * The numbers the Performance Law page derives from its data: per model, each approach's
 * prediction and absolute error (the regression, and each collaborative method at each K); the
 * MAE of every approach on the models all of them predict; and the facts its reading states.
 *
 * It runs in the browser: no imports but types (components import it as
 * `performance_law_view.js`; deno.json maps that name back for Deno).
 *
 * @example
 * ```ts
 * const facts = lawFacts(report);
 * facts.common.perK; // [{ known: 0, method: "ncf-factors", mae: 4.1 }, ...]
 * ```
 */
import type { PerformanceLawJson } from "./site_json.ts";

/** The id of the regression among the approaches of the comparison. */
export const LAW = "performance-law";

/** An approach of the comparison: the regression (`known` null), or a method at one K. */
export interface LawApproachKey {
  readonly key: string;
  readonly method: string;
  readonly known: number | null;
}

/** The regression, then each K and each method that has an MAE row at that K (data order). */
export function lawApproachKeys(report: PerformanceLawJson): LawApproachKey[] {
  const { collaborative } = report;
  const methods = [...new Set(collaborative.mae.map((m) => m.method as string))];
  return [
    { key: LAW, method: LAW, known: null },
    ...collaborative.ks.flatMap((k) =>
      methods.filter((m) => collaborative.mae.some((r) => r.known === k && r.method === m))
        .map((m) => ({ key: `${m}@${k}`, method: m, known: k }))
    ),
  ];
}

/** One approach's prediction of one model, or why there is none. */
export interface LawCell {
  readonly key: string;
  readonly predicted: number | null;
  readonly absError: number | null;
  readonly reason: string | null;
}

/** Per model (the regression's order): its actual score and every approach's cell. */
export function lawComparisonData<A extends LawApproachKey>(
  report: PerformanceLawJson,
  approaches: readonly A[] = lawApproachKeys(report) as A[],
): { approaches: readonly A[]; rows: { model: string; actual: number; cells: LawCell[] }[] } {
  const law = new Map(report.law.models.map((m) => [m.model, m]));
  const rows = report.law.models.map((m) => m.model).map((model) => {
    const cells = approaches.map((a): LawCell => {
      if (a.known === null) {
        const r = law.get(model)!;
        return { key: a.key, predicted: r.predicted, absError: r.absError, reason: null };
      }
      const r = report.collaborative.rows.find((x) =>
        x.model === model && x.method === a.method && x.known === a.known
      );
      const skipped = report.collaborative.skipped.find((s) =>
        s.model === model && s.known === a.known
      );
      return {
        key: a.key,
        predicted: r?.predicted ?? null,
        absError: r?.absError ?? null,
        reason: r?.predicted === null || r?.predicted === undefined
          ? r?.reason ?? r?.status ?? skipped?.reason ?? "not run"
          : null,
      };
    });
    return { model, actual: law.get(model)!.actual, cells };
  });
  return { approaches, rows };
}

function meanOf(values: readonly (number | null)[]): number | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null;
}

/** Per approach that ran, the MAE over the models every approach that ran predicts. */
export function commonMae<A extends LawApproachKey>(
  report: PerformanceLawJson,
  approaches: readonly A[] = lawApproachKeys(report) as A[],
): { models: string[]; mae: (A & { mae: number | null })[] } {
  const { rows } = lawComparisonData(report, approaches);
  const ran = approaches.filter((a) =>
    rows.some((r) => r.cells.some((c) => c.key === a.key && c.absError !== null))
  );
  const common = rows.filter((r) =>
    ran.every((a) => r.cells.find((c) => c.key === a.key)!.absError !== null)
  );
  return {
    models: common.map((r) => r.model),
    mae: ran.map((a) => ({
      ...a,
      mae: meanOf(common.map((r) => r.cells.find((c) => c.key === a.key)!.absError)),
    })),
  };
}

/** The facts of the page's reading. */
export interface LawFacts {
  readonly n: number;
  readonly mae: number;
  readonly rmse: number;
  readonly worst: { model: string; error: number } | null;
  /** MAE on the models every approach predicts: the regression's and the best method per K. */
  readonly common: {
    models: number;
    law: number | null;
    perK: readonly { known: number; method: string; mae: number }[];
  };
  readonly largestDoubling: { feature: string; points: number } | null;
}

/** The facts of the reading: the regression's error, the comparison on common models, weights. */
export function lawFacts(report: PerformanceLawJson): LawFacts {
  const { law } = report;
  const worst = [...law.models].sort((a, b) => b.absError - a.absError)[0];
  const common = commonMae(report);
  const perK = report.collaborative.ks.flatMap((k) => {
    const best = common.mae.filter((a) => a.known === k && a.mae !== null)
      .sort((a, b) => (a.mae as number) - (b.mae as number))[0];
    return best ? [{ known: k, method: best.method, mae: best.mae as number }] : [];
  });
  const doubling =
    [...law.fit.coefficients].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))[0];
  return {
    n: law.n,
    mae: law.mae,
    rmse: law.rmse,
    worst: worst ? { model: worst.model, error: worst.error } : null,
    common: {
      models: common.models.length,
      law: common.mae.find((a) => a.key === LAW)?.mae ?? null,
      perK,
    },
    largestDoubling: doubling
      ? { feature: doubling.feature, points: doubling.weight * Math.LN2 }
      : null,
  };
}
