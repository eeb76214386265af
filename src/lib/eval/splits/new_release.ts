/**
 * The `new-release` split (BenchPress's temporal deployment test; PROTOCOL.md, "The BenchPress
 * protocol"): models in release order, each model released after a cutoff predicted from
 * `known` of its scores by methods trained only on the models released before it.
 *
 * Exact definitions:
 * - Release order: a numeric model factor (default `release date`, a decimal year). Models
 *   without a value are never targets and never train (they are listed in `undated`).
 * - Cutoff: the targets are the models whose release value is greater than the cutoff. Default:
 *   the release value of the last model before the final third (of the dated models, by release
 *   value, the last ceil(n / 3) are meant to be targets; models tied with the cutoff model stay
 *   out of the targets).
 * - A target needs at least `known + 1` observed scores (one to score) and at least one model
 *   released strictly before it; otherwise it is skipped, with the reason.
 * - Per (target, seed): the target's observed cells are shuffled by a stream seeded by (seed,
 *   target index) (`streamSeed` with the reveal salt, util/random.ts) and the first `known` revealed (the cells
 *   revealed at k are among those at k + 1). The job trains on every observed cell of the models
 *   released strictly before the target, plus the revealed cells; the target's other observed
 *   cells are held out and scored. Later models, and the other targets, are not seen at all.
 *
 * @module
 */
import type { Dataset } from "../../data/load_dataset.ts";
import type { HeldOutFold } from "../experiment.ts";
import { seededRandom, shuffle, STREAMS, streamSeed } from "../../util/random.ts";

/** The factor that orders models by release unless another is named. */
export const RELEASE_FACTOR = "release date";

/** Options of {@linkcode newReleaseFolds}. */
export interface NewReleaseOptions {
  /** Scores of each target revealed to training. */
  readonly known: number;
  /** Seeds 0..seeds-1 (the reveal draws and the jobs' training seeds). */
  readonly seeds: number;
  /** The numeric model factor that orders releases. Default {@linkcode RELEASE_FACTOR}. */
  readonly factor?: string;
  /** Targets are released after this value. Default: the last third of the models. */
  readonly cutoff?: number;
}

/** One target of the split. */
export interface ReleaseTarget {
  readonly model: string;
  readonly released: number;
  /** Observed scores of the target. */
  readonly observed: number;
  /** Models released strictly before it (its training rows). */
  readonly earlier: number;
}

/** The folds of a new-release split and what chose them. */
export interface NewReleasePlan {
  readonly factor: string;
  readonly cutoff: number;
  readonly targets: readonly ReleaseTarget[];
  readonly skipped: readonly { readonly model: string; readonly reason: string }[];
  readonly undated: readonly string[];
  /** One per (target, seed), in release then seed order; `group` is the target's name. */
  readonly folds: readonly HeldOutFold[];
}

/**
 * Plans the new-release split (see the module documentation).
 *
 * @example
 * ```ts
 * const plan = newReleaseFolds(data, { known: 5, seeds: 3 });
 * plan.targets.map((t) => t.model); // the last third of the models by release date
 * ```
 */
export function newReleaseFolds(data: Dataset, options: NewReleaseOptions): NewReleasePlan {
  const fail = (what: string) => new RangeError(`Cannot split by release: ${what}`);
  const { known, seeds } = options;
  if (!Number.isInteger(known) || known < 0) {
    throw fail(`known is ${known} (expected an integer >= 0)`);
  }
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw fail(`seeds is ${seeds} (expected a positive integer)`);
  }
  const name = options.factor ?? RELEASE_FACTOR;
  const numeric = (data.modelFactors?.factors ?? []).filter((f) => f.kind === "numeric");
  const factor = numeric.find((f) => f.name === name);
  if (!factor) {
    throw fail(
      `${data.id} has no numeric model factor '${name}' (numeric model factors: ` +
        `${numeric.map((f) => `'${f.name}'`).join(", ") || "none"}); name one with ` +
        `--release-factor`,
    );
  }
  const { dense } = data.scores;
  const { nModels, nTasks } = dense;
  const released = factor.values.map((
    v,
  ) => (typeof v === "number" && Number.isFinite(v) ? v : null));
  const undated = dense.models.filter((_, i) => released[i] === null);
  const dated = released.flatMap((v, i) => (v === null ? [] : [i]))
    .sort((a, b) => released[a]! - released[b]! || a - b);
  let cutoff = options.cutoff;
  if (cutoff === undefined) {
    const last = dated.length - Math.ceil(dated.length / 3) - 1;
    if (last < 0) throw fail(`${dated.length} model(s) have a '${name}' (needs at least 2)`);
    cutoff = released[dated[last]]!;
  }
  if (!Number.isFinite(cutoff)) throw fail(`the cutoff is ${cutoff}`);
  const rows: number[][] = Array.from({ length: nModels }, () => []);
  for (let k = 0; k < dense.observed.length; k++) {
    if (dense.observed[k]) rows[Math.floor(k / nTasks)].push(k);
  }
  const targets: ReleaseTarget[] = [];
  const skipped: { model: string; reason: string }[] = [];
  const folds: HeldOutFold[] = [];
  for (const i of dated) {
    const date = released[i]!;
    if (!(date > cutoff)) continue;
    const earlier = dated.filter((e) => released[e]! < date);
    const model = dense.models[i];
    if (rows[i].length < known + 1) {
      skipped.push({
        model,
        reason: `${rows[i].length} observed scores (needs at least k + 1 = ${known + 1})`,
      });
      continue;
    }
    if (earlier.length === 0) {
      skipped.push({ model, reason: "no model is released before it" });
      continue;
    }
    targets.push({ model, released: date, observed: rows[i].length, earlier: earlier.length });
    const base = earlier.flatMap((e) => rows[e]);
    for (let seed = 0; seed < seeds; seed++) {
      const order = shuffle(rows[i].slice(), seededRandom(streamSeed(seed, i, STREAMS.reveal)));
      folds.push({
        fold: `${model} seed ${seed}`,
        seed,
        group: model,
        train: Uint32Array.from([...base, ...order.slice(0, known)]).sort(),
        test: Uint32Array.from(order.slice(known)).sort(),
      });
    }
  }
  if (targets.length === 0) {
    throw fail(
      `no model released after ${cutoff} qualifies` +
        (skipped.length ? ` (${skipped.map((s) => `${s.model}: ${s.reason}`).join("; ")})` : ""),
    );
  }
  return { factor: name, cutoff, targets, skipped, undated, folds };
}
