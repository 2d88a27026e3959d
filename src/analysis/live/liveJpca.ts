import { SeededRandom } from '../../lib/random';
import type { LiveJpca } from '../../../workers/contracts';
import { skewFitR2 } from './fastFits';
import { jpcaCore, type JpcaCore } from './jpcaCore';

/** Settings of a live jPCA fit; window steps are indices into the go-aligned window. */
export interface LiveJpcaSettings {
  /** Control period, s. */
  dt: number;
  /** PCs kept before the fit (even). */
  k: number;
  /** Soft-normalisation constant in hidden-state units, or a fraction of the median unit range. */
  softNorm: number | { medianRange: number };
  /** Analysed window steps [start, end): PCA and the fits use only these. */
  analysed: [number, number];
  /** Time-shuffled surrogates to fit (0 skips the control). */
  surrogates: number;
  surrogateSeed: number;
}

/** The condition averages a fit is made from. */
export interface ConditionAverages {
  directions: number[];
  trialsPerCondition: number[];
  window: { startTick: number; steps: number };
  /** Per condition, steps × H row-major. */
  data: Float64Array[];
  H: number;
}

export interface LiveJpcaFit {
  live: LiveJpca;
  /** The fit behind it (matrices for the export); its top plane before the continuity turn. */
  core: JpcaCore;
  /** The 2 × 2 map applied to the core's top plane (rows = new axes), for the record. */
  turn: [[number, number], [number, number]];
}

export const SURROGATE_METHOD =
  'time shuffle: one random permutation of the analysed steps, the same in every condition, then the same fit (seeded)';

/**
 * jPCA of the condition averages, returned as a {@link LiveJpca} ready to project live ticks.
 *
 * Continuity: the plane of M_skew is defined only up to a rotation within it (and the library's
 * cosmetic convention, preparatory states along jPC1, jumps when their spread turns). With a
 * `previous` fit, the new top plane is turned by the orthogonal 2 × 2 map (rotation, or reflection
 * if that matches better) that best carries the new projections of the current averages onto the
 * old fit's projections of the same data (Procrustes over every window step of every condition).
 * The first fit keeps the codepack's convention (preparatory states spread along jPC1, largest
 * jPC2 excursion positive, rotation counter-clockwise).
 */
export function fitLiveJpca(
  avg: ConditionAverages,
  s: LiveJpcaSettings,
  previous: LiveJpca | null,
): LiveJpcaFit {
  const { H, data } = avg;
  const { steps } = avg.window;
  const C = data.length;
  const aligned = previous && previous.axes.length === 2 * H && previous.window.steps === steps;
  const core = jpcaCore(data, H, steps, s, !aligned);
  const top = core.planes[0]!;
  const scale = Float64Array.from(core.scale);
  const offset = new Float64Array(steps * H);
  const cm = core.conditionMean;
  const mu = core.pca.mean;
  for (let t = 0; t < steps; t++)
    for (let u = 0; u < H; u++) offset[t * H + u] = cm[t]![u]! + mu[u]!;
  let axes = new Float64Array(2 * H);
  axes.set(top.axes[0], 0);
  axes.set(top.axes[1], H);

  let curves = projectAll(data, axes, scale, offset, H, steps);
  let turn: [[number, number], [number, number]] = [
    [1, 0],
    [0, 1],
  ];
  if (aligned) {
    const old = projectAll(data, previous.axes, previous.scale, previous.offset, H, steps);
    turn = procrustes2(curves, old);
    axes = applyTurn(turn, axes, H);
    curves = projectAll(data, axes, scale, offset, H, steps);
  }

  const [t0] = s.analysed;
  const live: LiveJpca = {
    directions: avg.directions.slice(),
    trialsPerCondition: avg.trialsPerCondition.slice(),
    window: { ...avg.window },
    axes,
    scale,
    offset,
    curves: Float32Array.from(curves),
    preparatory: Array.from({ length: C }, (_, c) => curves[(c * steps + t0) * 2]!),
    r2Skew: top.r2Skew,
    r2Best: top.r2Best,
    r2SkewKD: core.r2SkewKD,
    r2BestKD: core.r2BestKD,
    varianceCaptured: top.varianceCaptured,
    frequencyHz: top.frequencyHz,
    surrogate: shuffledSurrogates(core, s),
  };
  return { live, core, turn };
}

/**
 * p = axes · (h / scale − offset[t]) for every condition and window step: C × steps × 2, flat.
 */
export function projectAll(
  data: readonly ArrayLike<number>[],
  axes: ArrayLike<number>,
  scale: ArrayLike<number>,
  offset: ArrayLike<number>,
  H: number,
  steps: number,
): Float64Array {
  const out = new Float64Array(data.length * steps * 2);
  data.forEach((d, c) => {
    for (let t = 0; t < steps; t++) {
      let a = 0;
      let b = 0;
      for (let u = 0; u < H; u++) {
        const x = d[t * H + u]! / scale[u]! - offset[t * H + u]!;
        a += axes[u]! * x;
        b += axes[H + u]! * x;
      }
      out[(c * steps + t) * 2] = a;
      out[(c * steps + t) * 2 + 1] = b;
    }
  });
  return out;
}

/**
 * The orthogonal Q (2 × 2) minimising Σ ‖Q aᵢ − bᵢ‖² over point pairs (a, b) given as flat
 * (x, y) arrays: with N = Σ a bᵀ, the best rotation turns by atan2(N₁₂ − N₂₁, N₁₁ + N₂₂) and the
 * best reflection by atan2(N₁₂ + N₂₁, N₁₁ − N₂₂); the one with the larger tr(Q N) wins (ties:
 * rotation, which keeps the counter-clockwise convention).
 */
export function procrustes2(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): [[number, number], [number, number]] {
  let n11 = 0;
  let n12 = 0;
  let n21 = 0;
  let n22 = 0;
  for (let i = 0; i + 1 < a.length; i += 2) {
    n11 += a[i]! * b[i]!;
    n12 += a[i]! * b[i + 1]!;
    n21 += a[i + 1]! * b[i]!;
    n22 += a[i + 1]! * b[i + 1]!;
  }
  const rot = Math.hypot(n11 + n22, n12 - n21);
  const ref = Math.hypot(n11 - n22, n12 + n21);
  if (ref > rot * (1 + 1e-12)) {
    const th = Math.atan2(n12 + n21, n11 - n22);
    const [c, s] = [Math.cos(th), Math.sin(th)];
    return [
      [c, s],
      [s, -c],
    ];
  }
  const th = Math.atan2(n12 - n21, n11 + n22);
  const [c, s] = [Math.cos(th), Math.sin(th)];
  return [
    [c, -s],
    [s, c],
  ];
}

function applyTurn(q: [[number, number], [number, number]], axes: Float64Array, H: number) {
  const out = new Float64Array(2 * H);
  for (let u = 0; u < H; u++) {
    const [a, b] = [axes[u]!, axes[H + u]!];
    out[u] = q[0][0] * a + q[0][1] * b;
    out[H + u] = q[1][0] * a + q[1][1] * b;
  }
  return out;
}

/**
 * The control fit: r2SkewKD of M_skew on time-shuffled data. Shuffling the analysed steps (one
 * permutation for all conditions) changes neither the soft-normalisation ranges, nor the set of
 * cross-condition means, nor the set of analysed rows, so the PCA is the same and only the order
 * of the PC scores changes; the fit is therefore redone on permuted scores alone. Same numbers as
 * the whole pipeline on shuffled data (the test checks it), at a fraction of the cost.
 */
export function shuffledSurrogates(core: JpcaCore, s: LiveJpcaSettings): LiveJpca['surrogate'] {
  const n = s.surrogates;
  if (n <= 0)
    return {
      method: SURROGATE_METHOD,
      n: 0,
      r2SkewKDMean: NaN,
      r2SkewKDP95: NaN,
      fractionAbove: NaN,
    };
  const { scores, Ta } = core;
  const C = scores.length / Ta;
  const rng = new SeededRandom(s.surrogateSeed);
  const k = scores[0]!.length;
  const dx = new Float64Array(k);
  const r2: number[] = [];
  for (let i = 0; i < n; i++) {
    const perm = rng.permutation(Ta);
    r2.push(
      skewFitR2(k, (visit) => {
        for (let c = 0; c < C; c++) {
          for (let t = 0; t + 1 < Ta; t++) {
            const a = scores[c * Ta + perm[t]!]!;
            const b = scores[c * Ta + perm[t + 1]!]!;
            for (let j = 0; j < k; j++) dx[j] = b[j]! - a[j]!;
            visit(a, dx);
          }
        }
      }),
    );
  }
  const sorted = [...r2].sort((a, b) => a - b);
  return {
    method: SURROGATE_METHOD,
    n,
    r2SkewKDMean: r2.reduce((acc, v) => acc + v, 0) / n,
    r2SkewKDP95: sorted[Math.min(n - 1, Math.floor(0.95 * n))]!,
    fractionAbove: r2.filter((v) => v >= core.r2SkewKD).length / n,
  };
}
