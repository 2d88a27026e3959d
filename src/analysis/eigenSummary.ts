/**
 * Where a controller's eigenvalues sit after training, for the comparison report: moduli relative
 * to the unit circle, memory half-lives and rotation frequencies at the control rate.
 *
 * A discrete eigenvalue λ = r·e^{iθ} per control step at `hz`: half-life −ln 2 / ln r steps,
 * rotation frequency |θ|·hz / 2π Hz.
 */
export interface EigenSummary {
  kind: 'parametric' | 'per-step' | 'none';
  /** Eigenvalues summarised (per-step: every eigenvalue of every step of the sampled run). */
  n: number;
  modulus: { min: number; median: number; max: number };
  /** Fraction with |λ| ≥ 0.99 (memory longer than about 69 steps, 1.15 s at 60 Hz). */
  nearUnit: number;
  /** Median half-life of the eigenvalues, ms. */
  medianHalfLifeMs: number;
  /** Rotation frequencies, Hz: median over complex eigenvalues, and max. */
  freqHz: { median: number; max: number };
  /**
   * Rotation frequency of the slowest-decaying complex quarter of the eigenvalues (median), Hz:
   * the rotations that last long enough to matter for a 333 ms reach.
   */
  slowFreqHz: number;
}

// Loops, not Math.min(...xs): per-step summaries hold 10^5+ values, past the engine's argument limit.
const min = (xs: number[]): number => xs.reduce((m, x) => (x < m ? x : m), Infinity);
const max = (xs: number[]): number => xs.reduce((m, x) => (x > m ? x : m), -Infinity);

const quantile = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

/** Summary of eigenvalues given as a flat (re, im) array. */
export function summariseEigenvalues(
  flat: ArrayLike<number>,
  hz: number,
  kind: EigenSummary['kind'],
): EigenSummary {
  const mod: number[] = [];
  const freq: number[] = [];
  const complex: { r: number; f: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const re = flat[i]!;
    const im = flat[i + 1]!;
    const r = Math.hypot(re, im);
    const f = (Math.abs(Math.atan2(im, re)) * hz) / (2 * Math.PI);
    mod.push(r);
    if (Math.abs(im) > 1e-9) {
      freq.push(f);
      complex.push({ r, f });
    }
  }
  const halfLifeMs = mod.map((r) =>
    r > 0 && r < 1 ? (-Math.LN2 / Math.log(r) / hz) * 1000 : r >= 1 ? Infinity : 0,
  );
  complex.sort((a, b) => b.r - a.r);
  const slow = complex.slice(0, Math.max(1, Math.ceil(complex.length / 4))).map((c) => c.f);
  return {
    kind,
    n: mod.length,
    modulus: { min: min(mod), median: quantile(mod, 0.5), max: max(mod) },
    nearUnit: mod.filter((r) => r >= 0.99).length / Math.max(1, mod.length),
    medianHalfLifeMs: quantile(halfLifeMs, 0.5),
    freqHz: { median: quantile(freq, 0.5), max: freq.length ? max(freq) : NaN },
    slowFreqHz: complex.length ? quantile(slow, 0.5) : NaN,
  };
}
