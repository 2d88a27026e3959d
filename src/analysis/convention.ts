import { Matrix } from 'ml-matrix';
import type { ComplexVector, RowsLike } from './types';

/**
 * Deterministic sign and phase conventions, and the Matrix conversion used inside the library.
 * Internal: not exported from index.ts.
 */

/** Entries within this relative distance of the largest magnitude count as tied with it. */
export const TIE_REL = 1e-10;

/**
 * Index of the entry with the largest magnitude; entries within `TIE_REL` (relative) of the
 * maximum are ties, and the first of them wins. `mag(i)` is the magnitude of entry i.
 */
export function leadingIndex(n: number, mag: (i: number) => number): number {
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, mag(i));
  const cut = max * (1 - TIE_REL);
  for (let i = 0; i < n; i++) if (mag(i) >= cut) return i;
  return 0;
}

/** Flips `v` in place so its largest-|value| entry is positive (ties: first index). */
export function fixSign(v: number[]): number[] {
  const i = leadingIndex(v.length, (j) => Math.abs(v[j]!));
  if (v[i]! < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j]! + 0;
  return v;
}

/** Scales `v` in place to unit 2-norm (a zero vector is left alone). */
export function normalize(v: number[]): number[] {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  if (n > 0) for (let j = 0; j < v.length; j++) v[j] = v[j]! / n;
  return v;
}

/**
 * Scales a complex vector in place to unit 2-norm and turns its phase so the largest-|entry|
 * component is real and positive (ties: first index). A zero vector is left alone.
 */
export function normalizePhase(v: ComplexVector): ComplexVector {
  const n = v.re.length;
  let s = 0;
  for (let j = 0; j < n; j++) s += v.re[j]! * v.re[j]! + v.im[j]! * v.im[j]!;
  const norm = Math.sqrt(s);
  if (norm === 0) return v;
  const m = leadingIndex(n, (j) => Math.hypot(v.re[j]!, v.im[j]!));
  const mag = Math.hypot(v.re[m]!, v.im[m]!);
  // Multiply by conj(v_m) / (|v_m| · ‖v‖).
  const cr = v.re[m]! / (mag * norm);
  const ci = -v.im[m]! / (mag * norm);
  for (let j = 0; j < n; j++) {
    const a = v.re[j]!;
    const b = v.im[j]!;
    v.re[j] = a * cr - b * ci;
    v.im[j] = a * ci + b * cr;
  }
  v.im[m] = 0;
  return v;
}

/** Copies array-like rows into an ml-matrix Matrix (float64). Shapes must already be checked. */
export function toMatrix(rows: RowsLike): Matrix {
  const m = new Matrix(rows.length, rows[0]!.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let j = 0; j < r.length; j++) m.set(i, j, r[j]!);
  }
  return m;
}
