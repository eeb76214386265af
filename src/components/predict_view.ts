/**
 * The predict page's pieces: a form for a new model's design factors, a form for the scores
 * already known, and the chart of the predictions with their intervals. The forms are plain DOM
 * with a `value` (an object by name) and bubble `input` events as the reader types, so Framework's
 * `view()` makes the page recompute on every keystroke.
 *
 * @example
 * ```ts
 * const form = factorForm(predictor.factors, { initial: predictor.models[0].factors });
 * form.value; // { "Parameter Size(M)": 7000, family: "LLama-2", ... }
 * ```
 */
import { documentOf, h } from "./_dom.js";
import { scoreDots } from "./_score_dots.js";
import type { RenderOptions } from "./_options.ts";

/** A model factor as the form shows it (mirrors eval/intervals/fold_in.ts's FactorField). */
export interface FactorFieldJson {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  readonly levels: readonly string[];
  readonly min: number | null;
  readonly max: number | null;
}

/** One task's prediction (mirrors models/infer.ts's TaskPrediction). */
export interface TaskPredictionJson {
  readonly task: string;
  readonly known: number | null;
  readonly predicted: number;
  readonly lower: number;
  readonly upper: number;
}

type FormValue = Record<string, number | string | null>;

/** Parses a typed number; empty is null; anything else is NaN (shown as invalid). */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/,/g, "");
  if (t === "") return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

function formOf(
  doc: Document,
  name: string,
  fields: readonly {
    key: string;
    element: HTMLInputElement | HTMLSelectElement;
    read: () => number | string | null;
  }[],
): HTMLFormElement & { value: FormValue } {
  const form = h(doc, "form", { class: "cpp-form", "data-form": name }) as HTMLFormElement & {
    value: FormValue;
  };
  form.addEventListener("submit", (event) => event.preventDefault());
  const read = () => {
    const out: FormValue = {};
    for (const f of fields) {
      const v = f.read();
      const bad = typeof v === "number" && Number.isNaN(v);
      f.element.classList.toggle("cpp-invalid", bad);
      if (v !== null && !bad) out[f.key] = v;
    }
    return out;
  };
  Object.defineProperty(form, "value", { get: read, configurable: true });
  for (const f of fields) {
    const label = h(doc, "label", { class: "cpp-field" }, h(doc, "span", {}, f.key), f.element);
    form.append(label);
  }
  return form;
}

/** The factors form: a number box per numeric factor, a menu per categorical one. */
export function factorForm(
  factors: readonly FactorFieldJson[],
  options: RenderOptions & { initial?: Readonly<Record<string, number | string | null>> } = {},
): HTMLFormElement & { value: FormValue } {
  const doc = documentOf(options, "factorForm");
  const initial = options.initial ?? {};
  const fields = factors.map((f) => {
    if (f.kind === "categorical") {
      const start = initial[f.name];
      const chosen = start === null || start === undefined ? "" : String(start);
      const option = (value: string, label: string) => {
        const o = h(doc, "option", { value }, label) as HTMLOptionElement;
        if (value === chosen) o.setAttribute("selected", "");
        return o;
      };
      const select = h(
        doc,
        "select",
        { name: f.name, "data-factor": f.name },
        option("", "(unknown)"),
        ...f.levels.map((level) => option(level, level)),
      ) as HTMLSelectElement;
      // linkedom (the tests' DOM) has no selectedIndex: fall back to the selected attribute
      const read = () => {
        const o = typeof select.selectedIndex === "number" && select.options
          ? select.options[select.selectedIndex]
          : [...select.querySelectorAll("option")].find((x) => x.hasAttribute("selected"));
        const v = o ? o.getAttribute("value") ?? "" : "";
        return v === "" ? null : v;
      };
      return { key: f.name, element: select, read };
    }
    const range = f.min !== null && f.max !== null ? `known models: ${f.min} to ${f.max}` : "";
    const input = h(doc, "input", {
      type: "text",
      inputmode: "decimal",
      name: f.name,
      "data-factor": f.name,
      placeholder: "missing",
      title: range,
    }) as HTMLInputElement;
    const start = initial[f.name];
    input.value = typeof start === "number" ? String(start) : "";
    return { key: f.name, element: input, read: () => parseNumber(input.value) };
  });
  return formOf(doc, "factors", fields);
}

/** The known-scores form: one number box per task, empty where the score is unknown. */
export function scoreForm(
  tasks: readonly string[],
  options: RenderOptions & { initial?: Readonly<Record<string, number>> } = {},
): HTMLFormElement & { value: FormValue } {
  const doc = documentOf(options, "scoreForm");
  const initial = options.initial ?? {};
  const fields = tasks.map((task) => {
    const input = h(doc, "input", {
      type: "text",
      inputmode: "decimal",
      name: task,
      "data-task": task,
      placeholder: "unknown",
    }) as HTMLInputElement;
    if (typeof initial[task] === "number") input.value = String(initial[task]);
    return { key: task, element: input, read: () => parseNumber(input.value) };
  });
  return formOf(doc, "scores", fields);
}

/** What the chart needs of the predictor's task scale (`predictor.scale`, `predictor.tasks`). */
export interface ChartScale {
  readonly tasks: readonly string[];
  readonly sign: readonly number[];
  readonly offset: readonly number[];
  readonly range: readonly number[];
  /** A bounded task's unit range, null for an unbounded one. */
  readonly unit: readonly ({ lo: number; hi: number } | null)[];
}

/**
 * Each task's prediction with its interval (ring), or the score given (square). With `scale`, when
 * the tasks do not share one bounded scale (percent beside Elo or dollars), each is drawn at its
 * position within the known models' scores of its task (0 = lowest, 1 = highest).
 */
export function predictionChart(
  rows: readonly TaskPredictionJson[],
  options: RenderOptions & { width?: number; scale?: ChartScale } = {},
): HTMLElement {
  const doc = documentOf(options, "predictionChart");
  const { scale } = options;
  const units = new Set(scale?.unit.map((u) => (u ? `${u.lo}:${u.hi}` : "unbounded")));
  const relative = scale !== undefined && (units.size > 1 || units.has("unbounded"));
  const at = (task: string, v: number) => {
    if (!relative) return v;
    const j = scale.tasks.indexOf(task);
    const lo = scale.sign[j] > 0 ? scale.offset[j] : -(scale.offset[j] + scale.range[j]);
    return (v - lo) / (scale.range[j] || 1);
  };
  const x = (r: TaskPredictionJson) => at(r.task, r.known ?? r.predicted);
  const sorted = [...rows].sort((a, b) => x(b) - x(a));
  const open = sorted.filter((r) => r.known === null);
  const plot = scoreDots(
    doc,
    sorted.map((r) => ({
      task: r.task,
      known: r.known !== null,
      x: x(r),
      lower: r.known === null ? at(r.task, r.lower) : null,
      upper: r.known === null ? at(r.task, r.upper) : null,
      title: r.known === null
        ? `${r.task}: ${r.predicted.toFixed(1)} predicted, interval [${r.lower.toFixed(1)}, ${
          r.upper.toFixed(1)
        }]`
        : `${r.task}: ${r.known} (given)`,
    })),
    {
      domain: sorted.map((r) => r.task),
      width: options.width,
      label: relative
        ? "Position within the known models' scores of the task (0 = lowest, 1 = highest) →"
        : "Score →",
    },
  );
  return h(
    doc,
    "figure",
    {
      class: "cpp-chart cpp-prediction-chart",
      "data-open": open.length,
      "data-axis": relative ? "position" : "score",
    },
    plot,
  );
}
