import type { Matrix } from 'ml-matrix';
import { eig } from './eig';

/**
 * The jPC planes of a skew-symmetric M (SCIENCE.md §7.3), in PC coordinates. Internal to jpca.
 */

/** One plane before projection: two orthonormal k-vectors and the rotation rate of M on it. */
export interface RawPlane {
  /** jPC1, jPC2 in PC coordinates (length k each). */
  axes: [number[], number[]];
  /** The +Im eigenvalue of M_skew for this plane, per bin ([re, im], im ≥ 0). */
  eigenvalue: [number, number];
}

/**
 * Planes from the conjugate eigenvector pairs of M_skew, fastest rotation (largest |Im λ|) first.
 * For the pair ±iω with unit eigenvector v₊ of +i|ω|: jPC1 = √2 Re v₊, jPC2 = −√2 Im v₊. With v₊
 * first, the projection onto (jPC1, jPC2) rotates counter-clockwise whatever the direction in
 * the original coordinates (§7.3 step 2). Eigenvalues that are real (ω = 0, M_skew singular) are
 * paired in order into non-rotating planes. Finally all k axes are re-orthonormalised in order
 * (Gram–Schmidt), which only removes round-off unless two rotation rates coincide exactly.
 */
export function skewPlanes(mSkew: Matrix): RawPlane[] {
  const k = mSkew.rows;
  const e = eig(mSkew.to2DArray());
  const rotating: number[] = [];
  const still: number[] = [];
  for (let i = 0; i < k; i++) {
    if (e.im[i]! > 0) rotating.push(i);
    else if (e.im[i] === 0) still.push(i);
  }
  rotating.sort((a, b) => e.im[b]! - e.im[a]!);

  const vecs: number[][] = [];
  const eigenvalues: [number, number][] = [];
  for (const i of rotating) {
    const v = e.vectors[i]!;
    vecs.push(v.re.map((x) => Math.SQRT2 * x));
    vecs.push(v.im.map((x) => -Math.SQRT2 * x + 0));
    eigenvalues.push([e.re[i]!, e.im[i]!]);
  }
  for (let j = 0; j + 1 < still.length; j += 2) {
    vecs.push(e.vectors[still[j]!]!.re.slice());
    vecs.push(e.vectors[still[j + 1]!]!.re.slice());
    eigenvalues.push([e.re[still[j]!]!, 0]);
  }
  const ortho = orthonormalize(vecs, k);
  return eigenvalues.map((ev, p) => ({ axes: [ortho[2 * p]!, ortho[2 * p + 1]!], eigenvalue: ev }));
}

/**
 * Modified Gram–Schmidt in order. A vector that is (numerically) dependent on the earlier ones is
 * replaced by the first standard basis vector that is not, so k vectors always come back.
 */
function orthonormalize(vecs: number[][], k: number): number[][] {
  const out: number[][] = [];
  const reduce = (v: number[]): number => {
    for (const u of out) {
      let dot = 0;
      for (let i = 0; i < k; i++) dot += u[i]! * v[i]!;
      for (let i = 0; i < k; i++) v[i] = v[i]! - dot * u[i]!;
    }
    let n = 0;
    for (let i = 0; i < k; i++) n += v[i]! * v[i]!;
    return Math.sqrt(n);
  };
  for (const src of vecs) {
    let v = src.slice();
    let n = reduce(v);
    // Dependent: take the first standard basis vector well outside the span so far (one with
    // residual ≥ 1/√k always exists while fewer than k vectors are accepted).
    for (let j = 0; n < 1e-6 && j < k; j++) {
      const ej = Array.from({ length: k }, (_, i) => (i === j ? 1 : 0));
      const nj = reduce(ej);
      if (nj >= 0.5 / Math.sqrt(k)) {
        v = ej;
        n = nj;
      }
    }
    out.push(v.map((x) => x / n));
  }
  return out;
}

/**
 * The cosmetic in-plane rotation of the codepack and bantin's `align_jpcs` (§7.3 step 3); it
 * does not change the variance the plane captures or the direction of rotation.
 *
 * 1. Rotate so the preparatory states (`prep`, C × 2 coordinates in the plane) spread mostly
 *    along jPC1: jPC1 becomes their first principal axis (centred 2-D PCA), jPC2 that axis
 *    turned +90°, which keeps the pair right-handed. Skipped with fewer than two conditions or
 *    isotropic spread (no preferred axis).
 * 2. Turn both axes by 180° if the largest |excursion| on jPC2 over all projected points
 *    (`points`, n × 2) is negative.
 *
 * @returns the 2 × 2 rotation R (rows = new axes in old plane coordinates).
 */
export function preparatoryRotation(prep: number[][], points: number[][]): [number[], number[]] {
  let r1 = [1, 0];
  if (prep.length >= 2) {
    let mx = 0;
    let my = 0;
    for (const [x, y] of prep) {
      mx += x!;
      my += y!;
    }
    mx /= prep.length;
    my /= prep.length;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (const [x, y] of prep) {
      sxx += (x! - mx) ** 2;
      syy += (y! - my) ** 2;
      sxy += (x! - mx) * (y! - my);
    }
    const scale = Math.max(sxx, syy);
    if (scale > 0 && Math.hypot(sxx - syy, 2 * sxy) > 1e-12 * scale) {
      const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
      r1 = [Math.cos(theta), Math.sin(theta)];
    }
  }
  let r2 = [-r1[1]!, r1[0]!];
  let maxAbs = 0;
  let maxPos = -Infinity;
  for (const [x, y] of points) {
    const v = r2[0]! * x! + r2[1]! * y!;
    maxAbs = Math.max(maxAbs, Math.abs(v));
    maxPos = Math.max(maxPos, v);
  }
  if (maxAbs > maxPos * (1 + 1e-12) && maxAbs > 0) {
    r1 = r1.map((x) => -x + 0);
    r2 = r2.map((x) => -x + 0);
  }
  return [r1, r2];
}
