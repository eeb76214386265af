import assert from "node:assert/strict";
import { denormalize, denormalizeAll, normalize, readScores } from "../../src/lib/data/mod.ts";
import type { DenseScores } from "../../src/lib/data/mod.ts";

function dense(text: string): DenseScores {
  return readScores(text, { file: "n.csv" }).scores.dense;
}

function close(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-6) {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    const [a, e] = [actual[k], expected[k]];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `cell ${k}: ${a} is not NaN`);
    else assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `cell ${k}: ${a} != ${e}`);
  }
}

const d = dense(",A,B,loss\nm1,10,0.2,3\nm2,20,,1\nm3,30,0.6,2\n");

Deno.test("normalize() task: min-max per task over the observed cells", () => {
  const norm = normalize(d, [false, false, false], { kind: "task" });
  assert.equal(norm.axis, "task");
  close(norm.values, [0, 0, 1, 0.5, NaN, 0, 1, 1, 0.5]);
  close(norm.offset, [10, 0.2, 1]);
  close(norm.range, [20, 0.4, 2]);
});

Deno.test("normalize() negates lower-is-better tasks so that higher is better", () => {
  const norm = normalize(d, [false, false, true]);
  assert.deepEqual([...norm.sign], [1, 1, -1]);
  // loss 1 is best (1), loss 3 worst (0).
  close([norm.values[2], norm.values[5], norm.values[8]], [0, 1, 0.5]);
  close(norm.offset, [10, 0.2, -3]);
});

Deno.test("normalize() task: takes the scale from the training cells only", () => {
  const train = Uint8Array.from([1, 1, 1, 1, 0, 1, 0, 1, 1]); // m3 on A held out
  const norm = normalize(d, [false, false, false], { kind: "task", train });
  close(norm.offset.subarray(0, 1), [10]);
  close(norm.range.subarray(0, 1), [10]);
  close([norm.values[6]], [2]); // held out: outside [0, 1]
});

Deno.test("normalize() cpp: per model, min 0 when the model misses a task", () => {
  const norm = normalize(d, [false, false, false], { kind: "cpp" });
  assert.equal(norm.axis, "model");
  // m1: full row, min 0.2, max 10; m2: misses B, min 0, max 20; m3: full, min 0.6, max 30.
  close(norm.offset, [0.2, 0, 0.6]);
  close(norm.range, [9.8, 20, 29.4]);
  close(norm.values.subarray(3, 6), [1, NaN, 0.05]);
});

Deno.test("normalize() cpp: fills gaps with 0 before the minimum, after negation", () => {
  const norm = normalize(dense(",acc,bpb\nm1,0.5,\nm2,0.4,0.8\n"), [false, true], { kind: "cpp" });
  // m1 misses bpb: min(0.5, 0) = 0; m2 complete: min(0.4, -0.8) = -0.8.
  close(norm.offset, [0, -0.8]);
  close(norm.range, [0.5, 1.2]);
});

Deno.test("normalize() gives a constant task or model range 1, never dividing by zero", () => {
  const c = dense(",A,B\nm1,5,1\nm2,5,2\n");
  const task = normalize(c, [false, false], { kind: "task" });
  close(task.offset, [5, 1]);
  close(task.range, [1, 1]);
  close(task.values, [0, 0, 0, 1]);
  const cpp = normalize(dense(",A,B\nm1,3,3\n"), [false, false], { kind: "cpp" });
  close(cpp.range, [1]);
  close(cpp.values, [0, 0]);
  const empty = normalize(c, [false, false], { kind: "task", train: new Uint8Array(4) });
  close(empty.offset, [0, 0]);
  close(empty.range, [1, 1]);
  for (const norm of [task, cpp, empty]) assert.ok([...norm.range].every((r) => r > 0));
});

Deno.test("denormalize() and denormalizeAll() invert normalize() exactly", () => {
  for (const kind of ["task", "cpp"] as const) {
    for (const lower of [[false, false, false], [true, false, true]]) {
      const norm = normalize(d, lower, { kind });
      const back = denormalizeAll(norm, norm.values);
      close(back, [...d.values], 1e-6);
      for (let i = 0; i < d.nModels; i++) {
        for (let j = 0; j < d.nTasks; j++) {
          const k = i * d.nTasks + j;
          if (!d.observed[k]) continue;
          close([denormalize(norm, i, j, norm.values[k])], [d.values[k]], 1e-6);
        }
      }
    }
  }
});

Deno.test("normalize() rejects a lowerIsBetter or training mask of the wrong size", () => {
  assert.throws(() => normalize(d, [false]), {
    name: "RangeError",
    message: "Cannot normalize: lowerIsBetter has 1 entries but the matrix has 3 tasks " +
      "(expected one per task)",
  });
  assert.throws(
    () => normalize(d, [false, false, false], { train: new Uint8Array(2) }),
    RangeError,
  );
  assert.throws(() => denormalizeAll(normalize(d, [false, false, false]), [1]), RangeError);
});
