import type { Rows, RowsLike } from './types';
import { badInput, checkMatrix } from './validate';

/** Up to this many rows the assignment is exact (all k! permutations); above it, greedy. */
export const EXACT_ASSIGNMENT_MAX_K = 6;

/** How the rows of a new basis map onto an old one. */
export interface BasisAlignment {
  /** `order[i]` is the row of `next` placed at row i. A permutation of 0 … k−1. */
  order: number[];
  /** `signs[i]` (±1) multiplies that row. */
  signs: number[];
  /** |cosine| between previous row i and its aligned row (1 for a perfect match). */
  cosines: number[];
}

/**
 * Matches the rows of `next` to the rows of `previous` so that a projection stays continuous
 * between refits (PCA components swap when their variances cross and flip with the sign
 * convention). Maximises Σᵢ |cos(previous[i], next[order[i]])| over permutations `order`, using
 * the |previous · nextᵀ| matrix with rows normalised:
 *
 * - k ≤ 6: exact, by trying all k! permutations (≤ 720); ties keep the earliest permutation in
 *   lexicographic order, so the identity wins when nothing moved;
 * - k > 6: greedy, repeatedly taking the largest remaining |cosine| (ties: lowest previous row,
 *   then lowest next row). Near-optimal when the bases are close, which is the use case.
 *
 * Then each chosen row is flipped so its cosine with the previous row is ≥ 0.
 *
 * @param previous k × d basis (rows), e.g. last fit's `components`.
 * @param next k × d basis to align, same shape.
 */
export function basisAlignment(previous: RowsLike, next: RowsLike): BasisAlignment {
  const a = checkMatrix('previous', previous);
  const b = checkMatrix('next', next);
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw badInput(
      `previous is ${a.rows} × ${a.cols} but next is ${b.rows} × ${b.cols}; align bases of the same shape`,
    );
  }
  const k = a.rows;
  const cos: number[][] = [];
  for (let i = 0; i < k; i++) {
    const row: number[] = [];
    for (let j = 0; j < k; j++) row.push(cosine(previous[i]!, next[j]!));
    cos.push(row);
  }
  const order = k <= EXACT_ASSIGNMENT_MAX_K ? exactAssignment(cos) : greedyAssignment(cos);
  const signs = order.map((j, i) => (cos[i]![j]! < 0 ? -1 : 1));
  const cosines = order.map((j, i) => Math.abs(cos[i]![j]!));
  return { order, signs, cosines };
}

/**
 * `next` with its rows permuted and sign-flipped to best match `previous`; see
 * {@link basisAlignment} for the rule. Shapes: k × d in, k × d out.
 */
export function alignBasis(previous: RowsLike, next: RowsLike): Rows {
  const { order, signs } = basisAlignment(previous, next);
  return order.map((j, i) => Array.from(next[j]!, (v) => signs[i]! * v + 0));
}

function cosine(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < x.length; i++) {
    xy += x[i]! * y[i]!;
    xx += x[i]! * x[i]!;
    yy += y[i]! * y[i]!;
  }
  return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
}

/** Permutations in lexicographic order; keeps the first with the strictly best score. */
function exactAssignment(cos: number[][]): number[] {
  const k = cos.length;
  let best: number[] = [];
  let bestScore = -Infinity;
  const perm: number[] = [];
  const used = new Array<boolean>(k).fill(false);
  const visit = (score: number): void => {
    const i = perm.length;
    if (i === k) {
      if (score > bestScore + 1e-12) {
        bestScore = score;
        best = perm.slice();
      }
      return;
    }
    for (let j = 0; j < k; j++) {
      if (used[j]) continue;
      used[j] = true;
      perm.push(j);
      visit(score + Math.abs(cos[i]![j]!));
      perm.pop();
      used[j] = false;
    }
  };
  visit(0);
  return best;
}

function greedyAssignment(cos: number[][]): number[] {
  const k = cos.length;
  const order = new Array<number>(k).fill(-1);
  const taken = new Array<boolean>(k).fill(false);
  for (let step = 0; step < k; step++) {
    let bi = -1;
    let bj = -1;
    let bv = -1;
    for (let i = 0; i < k; i++) {
      if (order[i]! >= 0) continue;
      for (let j = 0; j < k; j++) {
        if (taken[j]) continue;
        const v = Math.abs(cos[i]![j]!);
        if (v > bv) {
          bv = v;
          bi = i;
          bj = j;
        }
      }
    }
    order[bi] = bj;
    taken[bj] = true;
  }
  return order;
}
