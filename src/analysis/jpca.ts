import { Matrix } from 'ml-matrix';
import { preparatoryRotation, skewPlanes } from './jpcaPlanes';
import { fitLinearMatrix, fitSkewMatrix } from './linearFit';
import { pcaOfMatrix } from './pca';
import type { Rows, Tensor3Like } from './types';
import { badInput, checkInteger, checkPositive, checkTensor3 } from './validate';

export interface JpcaOptions {
  /** Bin width (time step between samples), s. Frequencies are |Im λ| / (2π · dt). Required. */
  dt: number;
  /** PCs kept before the fit: even, 2 ≤ k ≤ units. Default 6 (the codepack's `numPCs`). */
  k?: number;
  /**
   * Soft-normalisation constant s, in the data's units (spikes/s for PSTHs): each unit is divided
   * by (its range over all conditions and times + s), so a unit whose range is s ends with range
   * 0.5. Default 5 (bantin/jPCA and, probably, the paper; the MATLAB codepack defaults to 10).
   * `false` skips normalisation. A unit whose divisor would be 0 (constant, s = 0) is left as is.
   */
  softNorm?: number | false;
  /**
   * Subtract the cross-condition mean at each time and unit (after normalisation). Default true;
   * has no effect with a single condition (the codepack skips it there).
   */
  meanSubtract?: boolean;
  /**
   * Analysed time-step indices [start, end) (e.g. −50 … +150 ms around movement onset).
   * Normalisation and the cross-condition mean use all times; PCA and the fit only these.
   * Default: all time steps.
   */
  timeRange?: readonly [number, number];
  /**
   * Rotate each plane within itself so the preparatory states (first analysed time of each
   * condition) spread along jPC1, then turn it so the largest excursion on jPC2 is positive
   * (codepack / bantin `align_jpcs`). Cosmetic: variance, R² and rotation direction are
   * unchanged. Default true.
   */
  alignToPreparatory?: boolean;
}

/** One jPC plane, fastest rotation first. Rotation in (jPC1, jPC2) is counter-clockwise. */
export interface JpcaPlane {
  /** (jPC1, jPC2) in unit space, 2 × N rows: apply to preprocessed data (see `preprocess`). */
  axes: Rows;
  /** (jPC1, jPC2) in PC coordinates, 2 × k rows. */
  axesPc: Rows;
  /** The +Im eigenvalue of M_skew for this plane, per bin, [re, im] (re ≈ 0, im ≥ 0). */
  eigenvalue: [number, number];
  /** Rotation frequency |Im λ| / (2π · dt), Hz (biased low by the first difference: §7.6). */
  frequencyHz: number;
  /** R² of M_skew on this plane: dState and the fit error projected onto the plane (§7.4). */
  r2Skew: number;
  /** R² of M_best on this plane, same projection. */
  r2Best: number;
  /** Fraction of the total variance of the preprocessed analysed data along jPC1 and jPC2. */
  varianceCapturedPerAxis: [number, number];
  /** Their sum: the fraction captured by the plane. */
  varianceCaptured: number;
  /** Projections of every condition, conditions × analysed times × 2 ([jPC1, jPC2]). */
  projections: number[][][];
}

export interface JpcaResult {
  /** k/2 planes ordered by |Im λ| of M_skew, largest first. */
  planes: JpcaPlane[];
  /** Skew-symmetric fit of dState = M · state in PC coordinates, k × k, per bin (not per s). */
  mSkew: Rows;
  /** Unconstrained least-squares fit, k × k, per bin. */
  mBest: Rows;
  /** R² of M_skew over all k dimensions (uncentred, §7.4). */
  r2SkewKD: number;
  /** R² of M_best over all k dimensions. */
  r2BestKD: number;
  /** r2SkewKD / r2BestKD: how much of the best linear fit is rotational ("varRatio"); NaN if r2BestKD is 0. */
  r2Ratio: number;
  /** The PCA of the preprocessed analysed data: mean (N), components (k × N), variance shares. */
  pca: { mean: number[]; components: Rows; explainedVarianceRatio: number[] };
  /** What was done to the data before PCA, so new data can be projected the same way. */
  preprocess: {
    /** Per-unit divisor (range + softNorm; 1 when normalisation is off), length N. */
    scale: number[];
    /** Cross-condition mean subtracted after scaling, T × N over all times; null if not done. */
    conditionMean: Rows | null;
    /** The analysed time-step indices [start, end). */
    timeRange: [number, number];
  };
  /** Bin width used, s. */
  dt: number;
  /** Conditions about the fit worth knowing (e.g. too few samples); empty when none. */
  warnings: string[];
}

/**
 * jPCA (Churchland, Cunningham et al. 2012), following the codepack as described in SCIENCE.md
 * §7: soft normalisation, cross-condition mean subtraction, PCA to k dimensions, closed-form
 * fits of dX = M X (first differences within each condition, never across conditions), planes
 * from the conjugate eigenvector pairs of M_skew with the counter-clockwise v₊ rule, R² and
 * variance captured.
 *
 * @param data conditions × time × units, `data[c][t][u]`; every condition the same length.
 *   Typically trial-averaged firing rates (spikes/s) or RNN hidden states.
 * @param opts see {@link JpcaOptions}; `dt` (s) is required.
 */
export function jpca(data: Tensor3Like, opts: JpcaOptions): JpcaResult {
  const shape = checkTensor3('data', data, 'condition', { sameLength: true, minSteps: 2 });
  const C = shape.groups;
  const T = shape.steps[0]!;
  const N = shape.units;
  checkPositive('dt', opts.dt);
  const k = opts.k ?? 6;
  checkInteger('k', k, 2, N, ` (data has ${N} units)`);
  if (k % 2 !== 0)
    throw badInput(`k is ${k}; jPCA needs an even number of PCs (planes come in pairs)`);
  const softNorm = opts.softNorm ?? 5;
  if (softNorm !== false && !(Number.isFinite(softNorm) && softNorm >= 0)) {
    throw badInput(`softNorm is ${softNorm}; pass a number ≥ 0 (e.g. 5 spikes/s) or false`);
  }
  const [t0, t1] = opts.timeRange ?? [0, T];
  checkInteger('timeRange[0]', t0, 0, T - 2, ` (data has ${T} time steps)`);
  checkInteger('timeRange[1]', t1, t0 + 2, T, ` (needs ≥ 2 steps after timeRange[0] = ${t0})`);
  const Ta = t1 - t0;
  const nFit = C * (Ta - 1);
  if (nFit < k) {
    throw badInput(
      `${C} condition(s) × ${Ta - 1} state changes = ${nFit} samples, fewer than k = ${k}; use more time steps or a smaller k`,
    );
  }
  const warnings: string[] = [];
  if (nFit < 50) {
    warnings.push(
      `only ${nFit} state changes for k = ${k}; the codepack warns below 50, so M may be poorly determined`,
    );
  }

  // 1. Soft normalisation over all conditions and times.
  const scale = new Array<number>(N).fill(1);
  if (softNorm !== false) {
    for (let u = 0; u < N; u++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let c = 0; c < C; c++) {
        for (let t = 0; t < T; t++) {
          const v = data[c]![t]![u]!;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      const div = hi - lo + softNorm;
      scale[u] = div > 0 ? div : 1;
    }
  }
  // 2. Cross-condition mean at each time and unit.
  const subtract = (opts.meanSubtract ?? true) && C > 1;
  const conditionMean: Rows | null = subtract ? [] : null;
  if (conditionMean) {
    for (let t = 0; t < T; t++) {
      const m = new Array<number>(N).fill(0);
      for (let c = 0; c < C; c++) for (let u = 0; u < N; u++) m[u]! += data[c]![t]![u]! / scale[u]!;
      conditionMean.push(m.map((x) => x / C));
    }
  }
  // 3. Analysed times, stacked condition by condition: row c · Ta + (t − t0).
  const X = new Matrix(C * Ta, N);
  for (let c = 0; c < C; c++) {
    for (let t = t0; t < t1; t++) {
      for (let u = 0; u < N; u++) {
        const m = conditionMean ? conditionMean[t]![u]! : 0;
        X.set(c * Ta + t - t0, u, data[c]![t]![u]! / scale[u]! - m);
      }
    }
  }
  // 4. PCA to k dimensions, centred on the mean of the analysed data.
  const p = pcaOfMatrix(X, k, true);
  const scores = p.projections;

  // Fit dState = M · state, first differences within each condition only.
  const pre = new Matrix(nFit, k);
  const dState = new Matrix(nFit, k);
  for (let c = 0, r = 0; c < C; c++) {
    for (let t = 0; t + 1 < Ta; t++, r++) {
      const a = scores[c * Ta + t]!;
      const b = scores[c * Ta + t + 1]!;
      for (let j = 0; j < k; j++) {
        pre.set(r, j, a[j]!);
        dState.set(r, j, b[j]! - a[j]!);
      }
    }
  }
  const mSkew = fitSkewMatrix(pre, dState);
  const mBest = fitLinearMatrix(pre, dState);
  const errSkew = dState.clone().sub(pre.mmul(mSkew.transpose()));
  const errBest = dState.clone().sub(pre.mmul(mBest.transpose()));
  const r2SkewKD = rSquared(dState, errSkew, null);
  const r2BestKD = rSquared(dState, errBest, null);

  // Planes, aligned, then everything measured on them.
  const totalSS = p.totalVariance * Math.max(C * Ta - 1, 1);
  const planes: JpcaPlane[] = skewPlanes(mSkew).map((raw) => {
    let [j1, j2] = raw.axes;
    const inPlane = (row: number[]): number[] => [dot(row, j1), dot(row, j2)];
    if (opts.alignToPreparatory ?? true) {
      const prep = Array.from({ length: C }, (_, c) => inPlane(scores[c * Ta]!));
      const [r1, r2] = preparatoryRotation(prep, scores.map(inPlane));
      [j1, j2] = [combine(r1, j1, j2), combine(r2, j1, j2)];
    }
    const projections = Array.from({ length: C }, (_, c) =>
      Array.from({ length: Ta }, (_, t) => [
        dot(scores[c * Ta + t]!, j1),
        dot(scores[c * Ta + t]!, j2),
      ]),
    );
    const ss = (axis: number[]): number => scores.reduce((s, row) => s + dot(row, axis) ** 2, 0);
    const perAxis: [number, number] = totalSS > 0 ? [ss(j1) / totalSS, ss(j2) / totalSS] : [0, 0];
    return {
      axes: [toUnits(j1, p.components), toUnits(j2, p.components)],
      axesPc: [j1.slice(), j2.slice()],
      eigenvalue: raw.eigenvalue,
      frequencyHz: Math.abs(raw.eigenvalue[1]) / (2 * Math.PI * opts.dt),
      r2Skew: rSquared(dState, errSkew, [j1, j2]),
      r2Best: rSquared(dState, errBest, [j1, j2]),
      varianceCapturedPerAxis: perAxis,
      varianceCaptured: perAxis[0] + perAxis[1],
      projections,
    };
  });

  return {
    planes,
    mSkew: mSkew.to2DArray(),
    mBest: mBest.to2DArray(),
    r2SkewKD,
    r2BestKD,
    r2Ratio: r2BestKD !== 0 ? r2SkewKD / r2BestKD : NaN,
    pca: {
      mean: p.mean,
      components: p.components,
      explainedVarianceRatio: p.explainedVarianceRatio,
    },
    preprocess: { scale, conditionMean, timeRange: [t0, t1] },
    dt: opts.dt,
    warnings,
  };
}

/**
 * R² = (‖D‖² − ‖E‖²) / ‖D‖² with uncentred sums of squares (§7.4); with `axes`, D and E are
 * first projected onto them (rows of D, E dotted with each axis).
 */
function rSquared(D: Matrix, E: Matrix, axes: number[][] | null): number {
  let dd = 0;
  let ee = 0;
  for (let i = 0; i < D.rows; i++) {
    const d = D.getRow(i);
    const e = E.getRow(i);
    if (axes) {
      for (const a of axes) {
        dd += dot(d, a) ** 2;
        ee += dot(e, a) ** 2;
      }
    } else {
      for (let j = 0; j < d.length; j++) {
        dd += d[j]! ** 2;
        ee += e[j]! ** 2;
      }
    }
  }
  return dd > 0 ? (dd - ee) / dd : 0;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** r[0] · a + r[1] · b. */
function combine(r: number[], a: number[], b: number[]): number[] {
  return a.map((x, i) => r[0]! * x + r[1]! * b[i]! + 0);
}

/** A PC-coordinate vector (length k) in unit space: Σⱼ vⱼ · componentⱼ (length N). */
function toUnits(v: number[], components: Rows): number[] {
  const out = new Array<number>(components[0]!.length).fill(0);
  v.forEach((w, j) => components[j]!.forEach((x, u) => (out[u] = out[u]! + w * x)));
  return out;
}
