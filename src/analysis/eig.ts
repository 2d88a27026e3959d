import { EigenvalueDecomposition } from 'ml-matrix';
import { fixSign, normalize, normalizePhase, toMatrix } from './convention';
import type { ComplexVector, RowsLike } from './types';
import { rotationPlanes } from './rotationPlanes';
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
 * from ml-matrix's `EigenvalueDecomposition`, float64). A skew-symmetric matrix (jPCA's M_skew)
 * takes another route: ml-matrix's QR can cycle forever on one (its zero diagonal gives the shifts
 * nothing to work with), so its eigenpairs ±iω, (u ∓ i v)/√2 come from the invariant planes
 * (u, v) of the symmetric decomposition of MᵀM (`rotationPlanes`), which always converges.
 *
 * A shortcoming that remains: a general non-symmetric matrix still goes through ml-matrix's QR,
 * which has no iteration cap; no such hang has been seen on DMD operators, but it cannot be ruled
 * out.
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
  const entries: { re: number; im: number; v: ComplexVector }[] = isSkewSymmetric(A, n)
    ? skewEntries(A, n, tol)
    : generalEntries(A, n, tol);
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

type Entry = { re: number; im: number; v: ComplexVector };

function generalEntries(A: RowsLike, n: number, tol: number): Entry[] {
  const evd = new EigenvalueDecomposition(toMatrix(A));
  const entries: Entry[] = [];
  const d = evd.realEigenvalues;
  const e = evd.imaginaryEigenvalues;
  const V = evd.eigenvectorMatrix;
  const column = (j: number): number[] => Array.from({ length: n }, (_, i) => V.get(i, j));

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

  return entries;
}

/** Whether A = −Aᵀ exactly up to round-off (relative 1e-12), with a zero diagonal. */
function isSkewSymmetric(A: RowsLike, n: number): boolean {
  let scale = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(A[i]![j]!));
  if (scale === 0) return false;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) if (Math.abs(A[i]![j]! + A[j]![i]!) > 1e-12 * scale) return false;
  return true;
}

/**
 * Eigenpairs of a skew-symmetric A from its invariant planes: on (u, v) with A u = ω v,
 * A v = −ω u, the vector u − i v has eigenvalue +iω. Planes with ω ≈ 0 and, for odd n, the last
 * direction left over give eigenvalue 0 with real vectors.
 */
function skewEntries(A: RowsLike, n: number, tol: number): Entry[] {
  const entries: Entry[] = [];
  const zero = () => new Array<number>(n).fill(0);
  const used: number[][] = [];
  for (const { axes, omega } of rotationPlanes(A)) {
    const [u, v] = axes;
    used.push(u, v);
    if (omega <= tol * Math.max(1, omega)) {
      for (const w of [u, v])
        entries.push({ re: 0, im: 0, v: { re: fixSign(normalize(w.slice())), im: zero() } });
      continue;
    }
    const vp: ComplexVector = {
      re: u.map((x) => x * Math.SQRT1_2),
      im: v.map((x) => -x * Math.SQRT1_2 + 0),
    };
    normalizePhase(vp);
    entries.push({ re: 0, im: omega, v: vp });
    entries.push({ re: 0, im: -omega, v: { re: vp.re.slice(), im: vp.im.map((x) => -x + 0) } });
  }
  // Odd n (or planes cut short): the directions left over are null vectors of A.
  for (let e = 0; e < n && used.length < n; e++) {
    const r = zero();
    r[e] = 1;
    for (const w of used) {
      let d = 0;
      for (let i = 0; i < n; i++) d += w[i]! * r[i]!;
      for (let i = 0; i < n; i++) r[i] = r[i]! - d * w[i]!;
    }
    const norm = Math.hypot(...r);
    if (norm < 0.5) continue;
    const w = r.map((x) => x / norm);
    used.push(w);
    entries.push({ re: 0, im: 0, v: { re: fixSign(w.slice()), im: zero() } });
  }
  return entries;
}
