import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { RowsLike } from './types';

/** One invariant plane of a skew-symmetric M: M u = ω v and M v = −ω u. */
export interface RotationPlane {
  /** (u, v), orthonormal k-vectors; x = a u + b v turns counter-clockwise in (a, b). */
  axes: [number[], number[]];
  /** Rotation rate ω ≥ 0 per bin (the eigenvalue pair is ±iω). */
  omega: number;
}

/**
 * The invariant planes of a real skew-symmetric k × k matrix M, fastest first, from the symmetric
 * eigen-decomposition of MᵀM = −M² (eigenvalues ω², each twice): for a unit eigenvector u of ω²,
 * v = M u / ω completes the plane, and M v = −M²u / ω = −ω u. In (u, v) coordinates ẋ = M x
 * reads (ȧ, ḃ) = ω (−b, a), a counter-clockwise turn: the same orientation as the v₊-first rule of
 * SCIENCE.md §7.3 (planes agree up to an in-plane rotation, which jPCA fixes afterwards anyway).
 *
 * Why not eig(M): the non-symmetric Hessenberg QR (ml-matrix's hqr2, behind the library's `eig`)
 * can cycle forever on a skew-symmetric matrix, whose zero diagonal gives it no useful shift; a
 * live worker cannot afford that. The symmetric QL iteration used here converges for every
 * symmetric matrix. A plane with ω ≈ 0 (a null direction of M) takes the next unused eigenvector
 * as v. Every plane is orthogonal to the earlier ones (Gram–Schmidt against them).
 */
export function rotationPlanes(M: RowsLike): RotationPlane[] {
  const k = M.length;
  const Mm = new Matrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Mm.set(i, j, M[i]![j]!);
  const S = Mm.transpose().mmul(Mm);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const s = 0.5 * (S.get(i, j) + S.get(j, i));
      S.set(i, j, s);
      S.set(j, i, s);
    }
  }
  const evd = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => lambda[b]! - lambda[a]!);
  const scaleM = Math.sqrt(Math.max(0, lambda[order[0]!]!));
  const accepted: number[][] = [];
  const candidates = order.map((c) => Array.from({ length: k }, (_, i) => V.get(i, c)));
  const take = (v: number[]): number[] | null => {
    const r = v.slice();
    for (const a of accepted) {
      const d = dot(a, r);
      for (let i = 0; i < k; i++) r[i] = r[i]! - d * a[i]!;
    }
    const n = Math.hypot(...r);
    return n > 0.5 ? r.map((x) => x / n) : null;
  };
  const planes: RotationPlane[] = [];
  let next = 0;
  while (planes.length < Math.floor(k / 2) && next < k) {
    const u = take(candidates[next++]!);
    if (!u) continue;
    accepted.push(u);
    const Mu = Array.from({ length: k }, (_, i) => dot(M[i]!, u));
    let omega = Math.hypot(...Mu);
    let v = omega > 1e-12 * scaleM ? take(Mu.map((x) => x / omega)) : null;
    if (!v) omega = 0;
    while (!v && next < k) v = take(candidates[next++]!);
    if (!v) break;
    accepted.push(v);
    planes.push({ axes: [u, v], omega });
  }
  return planes;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
