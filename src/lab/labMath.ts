/**
 * The math behind the Eigenvalue Lab (SCIENCE.md §2.3, §9). Pure: no DOM, no React.
 *
 * Continuous time: dx/dt = A x with A = [[a, −b], [b, a]], eigenvalues a ± i·b. A = a·I + b·J with
 * J = [[0, −1], [1, 0]], and I and J commute, so the matrix exponential is exactly
 * e^{At} = e^{at}·(cos(bt)·I + sin(bt)·J): a rotation at b rad/s scaled by e^{at}.
 *
 * Discrete time: h_t = λ h_{t−1}, |h_T| = |λ|^T |h_0|. The two meet through λ_d = exp(λ_c·Δt).
 */
import { SeededRandom } from '../lib/random';

export type Complex = readonly [re: number, im: number];

/** e^{At} for A = [[a, −b], [b, a]], row-major [[m00, m01], [m10, m11]]. */
export function expm2(a: number, b: number, t: number): [[number, number], [number, number]] {
  const g = Math.exp(a * t);
  const c = g * Math.cos(b * t);
  const s = g * Math.sin(b * t);
  return [
    [c, -s],
    [s, c],
  ];
}

/** Samples of x(t) = e^{At} x0 at n + 1 evenly spaced times in [0, T] (exact, not integrated). */
export function trajectory2(
  a: number,
  b: number,
  x0: readonly [number, number],
  T: number,
  n = 600,
): { t: Float64Array; x: Float64Array; y: Float64Array } {
  const t = new Float64Array(n + 1);
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const ti = (T * i) / n;
    const [[m00, m01], [m10, m11]] = expm2(a, b, ti);
    t[i] = ti;
    x[i] = m00 * x0[0] + m01 * x0[1];
    y[i] = m10 * x0[0] + m11 * x0[1];
  }
  return { t, x, y };
}

/** λ_d = exp(λ_c·Δt). */
export function continuousToDiscrete([re, im]: Complex, dt: number): [number, number] {
  const m = Math.exp(re * dt);
  return [m * Math.cos(im * dt), m * Math.sin(im * dt)];
}

/** λ_c = log(λ_d)/Δt, principal branch (arg in (−π, π]). */
export function discreteToContinuous([re, im]: Complex, dt: number): [number, number] {
  return [Math.log(Math.hypot(re, im)) / dt, Math.atan2(im, re) / dt];
}

/** Memory half-life of a mode of modulus r, in steps: ln 0.5 / ln r (∞ for r ≥ 1, 0 for r = 0). */
export function halfLifeSteps(r: number): number {
  if (!(r >= 0)) throw new RangeError(`halfLifeSteps: r is ${r}; pass a modulus ≥ 0`);
  if (r >= 1) return Infinity;
  if (r === 0) return 0;
  return Math.log(0.5) / Math.log(r);
}

/** Time constant −1/ln r in steps (∞ for r ≥ 1). */
export function timeConstantSteps(r: number): number {
  return r >= 1 ? Infinity : r === 0 ? 0 : -1 / Math.log(r);
}

/** |λ|^T. */
export function powerAfter(r: number, T: number): number {
  return Math.pow(r, T);
}

/** The moduli the discrete explorer's table lists. */
export const TABLE_MODULI = [0.9, 0.99, 0.999, 1, 1.01, 1.1] as const;

/**
 * Gradient norms through T steps of a diagonal recurrence h_t = Λ h_{t−1}: ∂h_T/∂h_0 = Λ^T.
 * `spectral` = max_i |λ_i|^T (the 2-norm), `rms` = sqrt(mean_i |λ_i|^{2T}) (Frobenius / √n).
 */
export function gradientNorms(
  moduli: readonly number[],
  Ts: readonly number[],
): { spectral: number[]; rms: number[] } {
  if (moduli.length === 0) throw new RangeError('gradientNorms: the spectrum is empty');
  const spectral: number[] = [];
  const rms: number[] = [];
  for (const T of Ts) {
    let max = 0;
    let sum = 0;
    for (const r of moduli) {
      const p = Math.pow(r, T);
      if (p > max) max = p;
      sum += p * p;
    }
    spectral.push(max);
    rms.push(Math.sqrt(sum / moduli.length));
  }
  return { spectral, rms };
}

export interface RingParams {
  rMin: number;
  rMax: number;
  /** Largest phase, rad. */
  maxPhase: number;
  /** Number of eigenvalues. */
  n: number;
  seed: number;
}

/** Checks ring parameters, throwing a RangeError that names the value and the fix. */
export function checkRing(p: RingParams): void {
  if (!(p.rMin >= 0 && p.rMin < 1))
    throw new RangeError(`r_min is ${p.rMin}; pass a value in [0, 1)`);
  if (!(p.rMax > p.rMin && p.rMax <= 1))
    throw new RangeError(`r_max is ${p.rMax}; pass a value in (r_min = ${p.rMin}, 1]`);
  if (!(p.maxPhase >= 0 && p.maxPhase <= 2 * Math.PI))
    throw new RangeError(`max phase is ${p.maxPhase}; pass a value in [0, 2π]`);
  if (!(Number.isInteger(p.n) && p.n >= 1 && p.n <= 4096))
    throw new RangeError(`n is ${p.n}; pass an integer in [1, 4096]`);
}

/**
 * The LRU ring initialisation (Orvieto et al. 2023, SCIENCE.md §2.3): |λ|² ~ U[r_min², r_max²]
 * (uniform on the annulus by area), phase ~ U[0, max_phase]. Seeded, so a link reproduces it.
 * Returns one eigenvalue per sample (the LRU keeps the conjugates implicit).
 */
export function sampleRing(p: RingParams): { r: number[]; theta: number[] } {
  checkRing(p);
  const rng = new SeededRandom(p.seed);
  const r: number[] = [];
  const theta: number[] = [];
  const lo = p.rMin * p.rMin;
  const span = p.rMax * p.rMax - lo;
  for (let i = 0; i < p.n; i++) {
    const u1 = rng.next();
    const u2 = rng.next();
    // ν = −½·log(u1·span + lo) is the paper's ν_log before the outer log; |λ| = exp(−ν).
    r.push(Math.sqrt(u1 * span + lo));
    theta.push(p.maxPhase * u2);
  }
  return { r, theta };
}

/** Density of |λ| under the ring initialisation: 2ρ / (r_max² − r_min²) on [r_min, r_max]. */
export function ringDensity(rho: number, rMin: number, rMax: number): number {
  return rho < rMin || rho > rMax ? 0 : (2 * rho) / (rMax * rMax - rMin * rMin);
}

/** P(|λ| ≤ ρ) = (ρ² − r_min²)/(r_max² − r_min²), clamped to [0, 1]. */
export function ringCdf(rho: number, rMin: number, rMax: number): number {
  const v = (rho * rho - rMin * rMin) / (rMax * rMax - rMin * rMin);
  return Math.min(1, Math.max(0, v));
}

/** Median radius √((r_min² + r_max²)/2) and mean radius (2/3)(r_max³ − r_min³)/(r_max² − r_min²). */
export function ringMoments(rMin: number, rMax: number): { median: number; mean: number } {
  return {
    median: Math.sqrt((rMin * rMin + rMax * rMax) / 2),
    mean: ((2 / 3) * (rMax ** 3 - rMin ** 3)) / (rMax * rMax - rMin * rMin),
  };
}

/** LRU parameters of one eigenvalue of modulus r: ν_log = log(−ln r), γ = √(1 − r²). */
export function lruParams(r: number): { nuLog: number; gamma: number } {
  return { nuLog: Math.log(-Math.log(r)), gamma: Math.sqrt(1 - r * r) };
}

/** Histogram counts of `values` in `bins` equal bins over [lo, hi] (values outside are dropped). */
export function histogram(
  values: readonly number[],
  lo: number,
  hi: number,
  bins: number,
): number[] {
  const counts = new Array<number>(bins).fill(0);
  const w = (hi - lo) / bins;
  for (const v of values) {
    if (v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / w))]!++;
  }
  return counts;
}

/** Applies eigenvalue surgery to one eigenvalue: modulus × radiusScale, angle × phaseScale. */
export function scaleEigenvalue(
  [re, im]: Complex,
  radiusScale: number,
  phaseScale: number,
): [number, number] {
  const r = Math.hypot(re, im) * radiusScale;
  const th = Math.atan2(im, re) * phaseScale;
  return [r * Math.cos(th), r * Math.sin(th)];
}
