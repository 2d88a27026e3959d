import { fitLinear, fitSkewSymmetric } from '../index';
import { preparatoryRotation } from '../jpcaPlanes';
import { badInput } from '../validate';
import { covariancePca } from './fastFits';
import type { LiveJpcaSettings } from './liveJpca';
import { rotationPlanes } from '../rotationPlanes';

/** One jPC plane of {@link jpcaCore}, fastest rotation first. */
export interface CorePlane {
  /** (jPC1, jPC2) in unit space (apply to preprocessed data), length H each. */
  axes: [number[], number[]];
  /** (jPC1, jPC2) in PC coordinates, length k each. */
  axesPc: [number[], number[]];
  /** Rotation rate of M_skew on the plane, rad per bin, and in Hz. */
  omega: number;
  frequencyHz: number;
  r2Skew: number;
  r2Best: number;
  varianceCaptured: number;
}

/** What {@link jpcaCore} returns: the library's JpcaResult fields the live view needs. */
export interface JpcaCore {
  planes: CorePlane[];
  mSkew: number[][];
  mBest: number[][];
  r2SkewKD: number;
  r2BestKD: number;
  pca: { mean: number[]; components: number[][]; explainedVarianceRatio: number[] };
  /** The soft-normalisation constant used (hidden-state units). */
  softNorm: number;
  /** Per-unit divisor (range + softNorm), and the cross-condition mean (steps × H) after it. */
  scale: number[];
  conditionMean: number[][];
  /** PC scores of the analysed steps, condition by condition: (C · Ta) × k. */
  scores: number[][];
  /** Analysed steps per condition. */
  Ta: number;
  warnings: string[];
}

/**
 * jPCA as the library's `jpca` computes it (SCIENCE.md §7: soft normalisation over all steps,
 * cross-condition mean, PCA of the analysed steps to k, closed-form M_skew and M_best on first
 * differences within conditions, R² and variance captured as §7.4), except that the planes come
 * from {@link rotationPlanes} instead of `eig(M_skew)`, whose QR iteration can cycle forever on a
 * skew-symmetric matrix (seen on real Transformer hidden states). The planes match `jpca`'s up to
 * an in-plane rotation; with `alignToPreparatory` the top plane gets the same cosmetic rotation,
 * so it matches `jpca`'s top plane exactly (the test checks this where `jpca` converges).
 */
export function jpcaCore(
  data: Float64Array[],
  H: number,
  steps: number,
  s: Pick<LiveJpcaSettings, 'dt' | 'k' | 'softNorm' | 'analysed'>,
  alignToPreparatory: boolean,
): JpcaCore {
  const C = data.length;
  const { k } = s;
  const [t0, t1] = s.analysed;
  const Ta = t1 - t0;
  const nFit = C * (Ta - 1);
  if (nFit < k || k > H)
    throw badInput(
      `${C} condition(s) × ${Ta - 1} state changes and ${H} units cannot support k = ${k}; analyse more steps or lower k`,
    );
  const warnings =
    nFit < 50 ? [`only ${nFit} state changes for k = ${k}; M may be poorly determined`] : [];

  const range = new Array<number>(H);
  for (let u = 0; u < H; u++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const d of data) {
      for (let t = 0; t < steps; t++) {
        const v = d[t * H + u]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    range[u] = hi - lo;
  }
  const softNorm =
    typeof s.softNorm === 'number'
      ? s.softNorm
      : s.softNorm.medianRange * [...range].sort((a, b) => a - b)[H >> 1]!;
  const scale = range.map((r) => (r + softNorm > 0 ? r + softNorm : 1));
  const conditionMean = Array.from({ length: steps }, (_, t) => {
    const m = new Array<number>(H).fill(0);
    if (C > 1)
      for (const d of data) for (let u = 0; u < H; u++) m[u]! += d[t * H + u]! / scale[u]! / C;
    return m;
  });
  const X: number[][] = [];
  for (const d of data) {
    for (let t = t0; t < t1; t++)
      X.push(
        Array.from({ length: H }, (_, u) => d[t * H + u]! / scale[u]! - conditionMean[t]![u]!),
      );
  }
  const p = covariancePca(X, k);
  const scores = p.projections;

  const pre: number[][] = [];
  const dState: number[][] = [];
  for (let c = 0; c < C; c++) {
    for (let t = 0; t + 1 < Ta; t++) {
      const a = scores[c * Ta + t]!;
      const b = scores[c * Ta + t + 1]!;
      pre.push(a);
      dState.push(b.map((v, j) => v - a[j]!));
    }
  }
  const mSkew = fitSkewSymmetric(pre, dState);
  const mBest = fitLinear(pre, dState);
  const errSkew = residual(pre, dState, mSkew);
  const errBest = residual(pre, dState, mBest);
  const totalSS = p.totalVariance * Math.max(C * Ta - 1, 1);

  const planes = rotationPlanes(mSkew).map((raw, i): CorePlane => {
    let [j1, j2] = raw.axes;
    if (i === 0 && alignToPreparatory) {
      const inPlane = (row: number[]): number[] => [dot(row, j1), dot(row, j2)];
      const prep = Array.from({ length: C }, (_, c) => inPlane(scores[c * Ta]!));
      const [r1, r2] = preparatoryRotation(prep, scores.map(inPlane));
      [j1, j2] = [combine(r1, j1, j2), combine(r2, j1, j2)];
    }
    const ss = (axis: number[]): number =>
      scores.reduce((acc, row) => acc + dot(row, axis) ** 2, 0);
    return {
      axes: [toUnits(j1, p.components), toUnits(j2, p.components)],
      axesPc: [j1, j2],
      omega: raw.omega,
      frequencyHz: raw.omega / (2 * Math.PI * s.dt),
      r2Skew: rSquared(dState, errSkew, [j1, j2]),
      r2Best: rSquared(dState, errBest, [j1, j2]),
      varianceCaptured: totalSS > 0 ? (ss(j1) + ss(j2)) / totalSS : 0,
    };
  });
  return {
    planes,
    mSkew,
    mBest,
    r2SkewKD: rSquared(dState, errSkew, null),
    r2BestKD: rSquared(dState, errBest, null),
    pca: {
      mean: p.mean,
      components: p.components,
      explainedVarianceRatio: p.explainedVarianceRatio,
    },
    softNorm,
    scale,
    conditionMean,
    scores,
    Ta,
    warnings,
  };
}

/** dX − X Mᵀ, row by row. */
function residual(X: number[][], dX: number[][], M: number[][]): number[][] {
  return X.map((x, r) => dX[r]!.map((d, i) => d - dot(M[i]!, x)));
}

/**
 * Uncentred R² = (‖D‖² − ‖E‖²) / ‖D‖² (§7.4); with `axes`, rows of D and E are first projected
 * onto them.
 */
function rSquared(D: number[][], E: number[][], axes: number[][] | null): number {
  let dd = 0;
  let ee = 0;
  for (let r = 0; r < D.length; r++) {
    if (axes) {
      for (const a of axes) {
        dd += dot(D[r]!, a) ** 2;
        ee += dot(E[r]!, a) ** 2;
      }
    } else {
      dd += dot(D[r]!, D[r]!);
      ee += dot(E[r]!, E[r]!);
    }
  }
  return dd > 0 ? (dd - ee) / dd : 0;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += a[i]! * b[i]!;
  return acc;
}

/** r[0] · a + r[1] · b. */
function combine(r: number[], a: number[], b: number[]): number[] {
  return a.map((x, i) => r[0]! * x + r[1]! * b[i]! + 0);
}

/** A PC-coordinate vector (length k) in unit space: Σⱼ vⱼ · componentⱼ. */
function toUnits(v: number[], components: number[][]): number[] {
  const out = new Array<number>(components[0]!.length).fill(0);
  v.forEach((w, j) => components[j]!.forEach((x, u) => (out[u] = out[u]! + w * x)));
  return out;
}
