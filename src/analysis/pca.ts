import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { fixSign, toMatrix } from './convention';
import type { Rows, RowsLike } from './types';
import { badInput, checkInteger, checkMatrix } from './validate';

export interface PcaOptions {
  /** Subtract the column means before the decomposition. Default true. */
  center?: boolean;
}

/** A k-component principal component analysis of n samples × d features. */
export interface PcaResult {
  /** Column means that were subtracted (length d; zeros when `center` is false). */
  mean: number[];
  /**
   * Principal axes as rows, k × d, orthonormal, in order of decreasing variance. Sign
   * convention: each row's largest-|value| entry is positive (ties: the first such index).
   */
  components: Rows;
  /** Variance along each component, σᵢ² / (n − 1) (sample variance; n − 1 → 1 when n = 1). */
  explainedVariance: number[];
  /** Share of the total variance along each component, σᵢ² / Σⱼ σⱼ² (0 when the data are constant). */
  explainedVarianceRatio: number[];
  /** Total variance, trace of the sample covariance: ‖X − mean‖²_F / (n − 1). */
  totalVariance: number;
  /** Scores (X − mean) · componentsᵀ, n × k. */
  projections: Rows;
}

/**
 * Principal component analysis by the SVD of the centred data (float64, no covariance matrix
 * is formed).
 *
 * @param X n × d data: one sample per row, one feature per column (see types.ts).
 * @param k number of components to keep, 1 ≤ k ≤ min(n, d).
 * @param opts see {@link PcaOptions}.
 */
export function pca(X: RowsLike, k: number, opts: PcaOptions = {}): PcaResult {
  const { rows: n, cols: d } = checkMatrix('X', X);
  checkInteger('k', k, 1, Math.min(n, d), ` (X has ${n} samples × ${d} features)`);
  return pcaOfMatrix(toMatrix(X), k, opts.center ?? true);
}

/** {@link pca} on an already-checked Matrix (n × d); used inside the library. */
export function pcaOfMatrix(X: Matrix, k: number, center: boolean): PcaResult {
  const n = X.rows;
  const d = X.columns;
  if (k > Math.min(n, d)) throw badInput(`k = ${k} exceeds min(n, d) = ${Math.min(n, d)}`);
  const mean = new Array<number>(d).fill(0);
  if (center) {
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += X.get(i, j);
    for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  }
  const Xc = new Matrix(n, d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = X.get(i, j) - mean[j]!;
      Xc.set(i, j, v);
      total += v * v;
    }
  }

  // Right singular vectors of Xc are the principal axes; ml-matrix sorts σ in decreasing order.
  const svd = new SingularValueDecomposition(Xc, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: true,
    autoTranspose: true,
  });
  const V = svd.rightSingularVectors;
  const sigma = svd.diagonal;
  const dof = Math.max(n - 1, 1);

  const components: Rows = [];
  const explainedVariance: number[] = [];
  const explainedVarianceRatio: number[] = [];
  for (let c = 0; c < k; c++) {
    const axis = new Array<number>(d);
    for (let j = 0; j < d; j++) axis[j] = V.get(j, c);
    components.push(fixSign(axis));
    const s2 = (sigma[c] ?? 0) ** 2;
    explainedVariance.push(s2 / dof);
    explainedVarianceRatio.push(total > 0 ? s2 / total : 0);
  }

  const projections: Rows = [];
  for (let i = 0; i < n; i++) {
    const p = new Array<number>(k).fill(0);
    for (let c = 0; c < k; c++) {
      const axis = components[c]!;
      let s = 0;
      for (let j = 0; j < d; j++) s += Xc.get(i, j) * axis[j]!;
      p[c] = s;
    }
    projections.push(p);
  }
  return {
    mean,
    components,
    explainedVariance,
    explainedVarianceRatio,
    totalVariance: total / dof,
    projections,
  };
}
