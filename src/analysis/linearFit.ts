import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { toMatrix } from './convention';
import type { Rows, RowsLike } from './types';
import { badInput, checkMatrix } from './validate';

/**
 * Least-squares fits of linear dynamics dx = M x to samples, in the column convention of
 * SCIENCE.md §7.2: `X` holds one state xₜ per row (n × k) and `dX` the matching change
 * xₜ₊₁ − xₜ (or derivative) per row; M is k × k and the fit minimises ‖dX − X Mᵀ‖²_F.
 */

/**
 * The unconstrained least-squares M ("M_best"): Mᵀ = X⁺ dX, solved by SVD (minimum-norm when X
 * is rank-deficient).
 *
 * @param X n × k states (rows), n ≥ k.
 * @param dX n × k changes (rows), same shape.
 * @returns M, k × k.
 */
export function fitLinear(X: RowsLike, dX: RowsLike): Rows {
  checkPair(X, dX);
  return fitLinearMatrix(toMatrix(X), toMatrix(dX)).to2DArray();
}

/**
 * The skew-symmetric least-squares M ("M_skew", Mᵀ = −M), in closed form: the stationarity
 * condition is the Lyapunov equation M Q + Q M = S with Q = XᵀX and S = dXᵀX − XᵀdX.
 * Diagonalising Q = V diag(q) Vᵀ gives M = V [(Vᵀ S V)ᵢⱼ / (qᵢ + qⱼ)] Vᵀ (SCIENCE.md §7.2 (ii)).
 * O(k³), no iteration; agrees with Cunningham's iterative `skewSymRegress` at its optimum. When
 * X is rank-deficient, terms with qᵢ + qⱼ ≤ 1e-14 · max q are set to 0 (the minimum-norm
 * solution).
 *
 * @param X n × k states (rows).
 * @param dX n × k changes (rows), same shape.
 * @returns M, k × k, exactly skew-symmetric.
 */
export function fitSkewSymmetric(X: RowsLike, dX: RowsLike): Rows {
  checkPair(X, dX);
  return fitSkewMatrix(toMatrix(X), toMatrix(dX)).to2DArray();
}

function checkPair(X: RowsLike, dX: RowsLike): void {
  const a = checkMatrix('X', X);
  const b = checkMatrix('dX', dX);
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw badInput(
      `X is ${a.rows} × ${a.cols} but dX is ${b.rows} × ${b.cols}; pass one change per state`,
    );
  }
  if (a.rows < a.cols) {
    throw badInput(
      `X has ${a.rows} samples of ${a.cols} dimensions; the fit needs at least ${a.cols} samples`,
    );
  }
}

/** {@link fitLinear} on Matrices. */
export function fitLinearMatrix(X: Matrix, dX: Matrix): Matrix {
  return solve(X, dX, true).transpose();
}

/** {@link fitSkewSymmetric} on Matrices. */
export function fitSkewMatrix(X: Matrix, dX: Matrix): Matrix {
  const k = X.columns;
  const Q = X.transpose().mmul(X);
  const XtdX = X.transpose().mmul(dX);
  const S = XtdX.transpose().sub(XtdX);
  const evd = new EigenvalueDecomposition(symmetrize(Q), { assumeSymmetric: true });
  const V = evd.eigenvectorMatrix;
  const q = evd.realEigenvalues;
  const St = V.transpose().mmul(S).mmul(V);
  const qmax = Math.max(...q.map(Math.abs));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const den = q[i]! + q[j]!;
      St.set(i, j, den > 1e-14 * qmax ? St.get(i, j) / den : 0);
    }
  }
  const M = V.mmul(St).mmul(V.transpose());
  // Remove round-off asymmetry so M is exactly skew.
  const out = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const m = 0.5 * (M.get(i, j) - M.get(j, i));
      out.set(i, j, m);
      out.set(j, i, 0 - m);
    }
  }
  return out;
}

function symmetrize(Q: Matrix): Matrix {
  const k = Q.rows;
  const out = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) out.set(i, j, 0.5 * (Q.get(i, j) + Q.get(j, i)));
  }
  return out;
}
