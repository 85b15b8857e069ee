import { type Pair, isNumber } from './predictions.js';

/** Class values as small integers, so per-resample counting is array arithmetic. */
export interface ClassCodes {
  code(value: string): number;
  /** Number of distinct classes among labels and predictions. */
  size: number;
  /** The positive class's code for a 0/1 task, else null (multi-class: macro averages). */
  positive: number | null;
}

/** A classification score of predictions against labels on some example indices. */
export interface Score {
  name: string;
  of(indices: Uint32Array, label: Int32Array, prediction: Int32Array): number;
}

/** `1` and `1.0` are one class; `cat` and `Cat` are two. */
const canonical = (value: string): string => (isNumber(value) ? String(Number(value)) : value);

/** The classes of every label and prediction on both sides. */
export function classCounts(pairs: readonly Pair[]): ClassCodes {
  const codes = new Map<string, number>();
  const add = (value: string): void => {
    const key = canonical(value);
    if (!codes.has(key)) codes.set(key, codes.size);
  };
  for (const [b, h] of pairs) {
    add(b.label);
    add(b.prediction);
    add(h.prediction);
  }
  const binary = codes.size <= 2 && [...codes.keys()].every((k) => k === '0' || k === '1');
  if (binary && !codes.has('1')) codes.set('1', codes.size);
  return {
    code: (value) => codes.get(canonical(value)) ?? -1,
    size: codes.size,
    positive: binary ? codes.get('1')! : null,
  };
}

/** Precision, recall and F1 of the positive class (scikit-learn's binary average, zero_division=0). */
export function positiveScores(positive: number): Score[] {
  const counts = (indices: Uint32Array, label: Int32Array, prediction: Int32Array) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of indices) {
      const actual = label[i] === positive;
      const predicted = prediction[i] === positive;
      if (actual && predicted) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
    }
    return { tp, fp, fn };
  };
  return [
    {
      name: 'precision',
      of: (...a) =>
        ratio(
          counts(...a),
          (c) => c.tp,
          (c) => c.tp + c.fp,
        ),
    },
    {
      name: 'recall',
      of: (...a) =>
        ratio(
          counts(...a),
          (c) => c.tp,
          (c) => c.tp + c.fn,
        ),
    },
    {
      name: 'f1',
      of: (...a) =>
        ratio(
          counts(...a),
          (c) => 2 * c.tp,
          (c) => 2 * c.tp + c.fp + c.fn,
        ),
    },
  ];
}

/**
 * Macro precision, recall and F1: the unweighted mean over the classes that occur among
 * the labels or predictions of the examples (scikit-learn's `average='macro'`, zero_division=0).
 */
export function macroScores(classes: number): Score[] {
  const macro =
    (part: (tp: number, fp: number, fn: number) => [number, number]) =>
    (indices: Uint32Array, label: Int32Array, prediction: Int32Array): number => {
      const tp = new Float64Array(classes);
      const fp = new Float64Array(classes);
      const fn = new Float64Array(classes);
      for (const i of indices) {
        const l = label[i]!;
        const p = prediction[i]!;
        if (l === p) tp[l]!++;
        else {
          if (p >= 0) fp[p]!++;
          if (l >= 0) fn[l]!++;
        }
      }
      let sum = 0;
      let present = 0;
      for (let c = 0; c < classes; c++) {
        if (tp[c]! + fp[c]! + fn[c]! === 0) continue;
        const [num, den] = part(tp[c]!, fp[c]!, fn[c]!);
        sum += den === 0 ? 0 : num / den;
        present++;
      }
      return present === 0 ? 0 : sum / present;
    };
  return [
    { name: 'macro_precision', of: macro((tp, fp) => [tp, tp + fp]) },
    { name: 'macro_recall', of: macro((tp, _fp, fn) => [tp, tp + fn]) },
    { name: 'macro_f1', of: macro((tp, fp, fn) => [2 * tp, 2 * tp + fp + fn]) },
  ];
}

function ratio<T>(counts: T, num: (c: T) => number, den: (c: T) => number): number {
  const d = den(counts);
  return d === 0 ? 0 : num(counts) / d;
}
