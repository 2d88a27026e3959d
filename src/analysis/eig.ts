import { EigenvalueDecomposition } from 'ml-matrix';
import { fixSign, normalize, normalizePhase, toMatrix } from './convention';
import type { ComplexVector, RowsLike } from './types';
import { badInput, checkMatrix } from './validate';

export interface EigOptions {
  /**
   * An eigenvalue with |Im λ| ≤ tol · max(1, |λ|) is real: its imaginary part is set to exactly
   * 0. Default 1e-10 (round-off on a well-conditioned matrix). A defective (Jordan-block) double
   * eigenvalue splits by about √ε ≈ 1e-8 relative, so pass tol ≈ 1e-7 to snap those.
   */
  tol?: number;
}

/** Eigenvalues and unit eigenvectors of a real square matrix. */
export interface EigResult {
  /** Real parts of the eigenvalues, in the order documented on {@link eig}. */
  re: number[];
  /** Imaginary parts; exactly 0 for real eigenvalues, exactly ±b for a conjugate pair. */
  im: number[];
  /** `vectors[i]` is a unit eigenvector of eigenvalue i (A v = λ v). */
  vectors: ComplexVector[];
}

/** Two ordering keys closer than this (relative to max(1, |key|)) are tied. */
const ORDER_TOL = 1e-9;

/**
 * Eigen-decomposition of a real, possibly non-symmetric, n × n matrix (Hessenberg + shifted QR
 * from ml-matrix's `EigenvalueDecomposition`, float64).
 *
 * Conventions, so results are reproducible and pairs can be trusted:
 * - **Conjugate pairs are exact.** For a complex pair the second eigenvalue is exactly the
 *   conjugate of the first and its vector exactly the conjugate vector.
 * - **Real eigenvalues are snapped**: |Im λ| ≤ tol · max(1, |λ|) gives Im λ = 0 exactly (see
 *   {@link EigOptions.tol}). A snapped pair shares one real vector, the real part of the
 *   phase-normalised complex vector (a defective matrix has only one eigenvector there).
 * - **Vectors**: unit 2-norm; phase turned so the largest-|entry| component is real and
 *   positive (ties within 1e-10 relative: first index). Real vectors are therefore real, with
 *   their largest-|entry| positive.
 * - **Order**: by |λ| descending, then |Im λ| descending, then Re λ descending, then Im λ
 *   descending (so each pair is adjacent, +Im first). Keys within 1e-9 · max(1, |key|) count as
 *   equal, so round-off cannot reorder eigenvalues of equal modulus.
 *
 * @param A n × n matrix as rows.
 * @param opts see {@link EigOptions}.
 */
export function eig(A: RowsLike, opts: EigOptions = {}): EigResult {
  const { rows, cols } = checkMatrix('A', A);
  if (rows !== cols) throw badInput(`A is ${rows} × ${cols}; eig needs a square matrix`);
  const tol = opts.tol ?? 1e-10;
  if (!(tol >= 0)) throw badInput(`tol is ${tol}; it must be ≥ 0`);
  const n = rows;
  const evd = new EigenvalueDecomposition(toMatrix(A));
  const d = evd.realEigenvalues;
  const e = evd.imaginaryEigenvalues;
  const V = evd.eigenvectorMatrix;
  const column = (j: number): number[] => Array.from({ length: n }, (_, i) => V.get(i, j));

  const entries: { re: number; im: number; v: ComplexVector }[] = [];
  for (let j = 0; j < n; j++) {
    const b = e[j]!;
    if (b === 0 || j + 1 >= n) {
      const v = fixSign(normalize(column(j)));
      entries.push({ re: d[j]!, im: 0, v: { re: v, im: new Array<number>(n).fill(0) } });
      continue;
    }
    // hqr2 stores a pair in columns j, j+1 with A V = V D, D's block [[a, b], [−b, a]]; so
    // λ = a + ib has eigenvector V[:, j] + i V[:, j+1]. Take the +Im member as reference.
    const a = d[j]!;
    let vp: ComplexVector = { re: column(j), im: column(j + 1) };
    if (b < 0) vp = { re: vp.re, im: vp.im.map((x) => -x + 0) };
    normalizePhase(vp);
    const w = Math.abs(b);
    if (w <= tol * Math.max(1, Math.hypot(a, w))) {
      const v = fixSign(normalize(vp.re.slice()));
      const zero = new Array<number>(n).fill(0);
      entries.push({ re: a, im: 0, v: { re: v, im: zero } });
      entries.push({ re: a, im: 0, v: { re: v.slice(), im: zero.slice() } });
    } else {
      entries.push({ re: a, im: w, v: vp });
      entries.push({ re: a, im: -w, v: { re: vp.re.slice(), im: vp.im.map((x) => -x + 0) } });
    }
    j++;
  }

  entries.sort((x, y) => {
    const keys: [number, number][] = [
      [Math.hypot(y.re, y.im), Math.hypot(x.re, x.im)],
      [Math.abs(y.im), Math.abs(x.im)],
      [y.re, x.re],
      [y.im, x.im],
    ];
    for (const [p, q] of keys) {
      if (Math.abs(p - q) > ORDER_TOL * Math.max(1, Math.abs(p), Math.abs(q))) return p - q;
    }
    return 0;
  });
  return {
    re: entries.map((x) => x.re),
    im: entries.map((x) => x.im),
    vectors: entries.map((x) => x.v),
  };
}
