/** Timing helpers for the benchmarks: warm up, repeat, report the median and spread. */

export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times, returning milliseconds per call. */
export async function time(
  fn: () => unknown | Promise<unknown>,
  { runs = 20, warmup = 3 } = {},
): Promise<Timing> {
  for (let k = 0; k < warmup; k++) await fn();
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], min: samples[0], max: samples.at(-1)!, runs };
}

/** One benchmark line: name, median and range in ms. */
export function report(name: string, t: Timing, extra = ""): void {
  const f = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
  console.log(
    `${name.padEnd(52)} ${f(t.median).padStart(9)} ms  (min ${f(t.min)}, max ${f(t.max)}, ` +
      `${t.runs} runs)${extra ? `  ${extra}` : ""}`,
  );
}
