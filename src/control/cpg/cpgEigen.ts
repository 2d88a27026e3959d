import type { CpgNetwork } from './cpgNetwork';

/**
 * Discrete-time eigenvalues of each leg's oscillator over one control step Δt, linearised about
 * its limit cycle: λ_i = ρ_i · exp(±i ω_i Δt). The angle is the phase advance per step (ω_i the
 * mean phase rate, rad/s; coupling vanishes once phase-locked); the radius ρ_i is the per-step
 * contraction of the amplitude toward μ under the integrator actually used (sub-steps included):
 *
 * - 'cpg-rl', exact:          ρ = exp(−a Δt / 2) (double pole at −a/2)
 * - 'cpg-rl', semi-implicit:  ρ = (spectral radius of one Euler sub-step matrix)^n
 * - 'hopf' (explicit Euler):  ρ = |1 − 2αμ h|^n, the linearisation about r = √μ
 *
 * Written into `out` (arrays of length 4, one entry per leg; the conjugate is implied).
 */
export interface CpgEigenvalues {
  re: Float64Array;
  im: Float64Array;
  /** |λ| = ρ. */
  modulus: Float64Array;
  /** arg λ = ω Δt, rad. */
  angle: Float64Array;
}

export function cpgEigenvalues(
  cpg: CpgNetwork,
  dt: number,
  out: CpgEigenvalues = {
    re: new Float64Array(4),
    im: new Float64Array(4),
    modulus: new Float64Array(4),
    angle: new Float64Array(4),
  },
): CpgEigenvalues {
  const n = Math.max(1, Math.ceil(dt / cpg.maxSubstep - 1e-9));
  const h = dt / n;
  for (let i = 0; i < 4; i++) {
    let rho: number;
    if (cpg.model === 'hopf') {
      rho = Math.abs(1 - 2 * cpg.alpha * cpg.mu[i]! * h) ** n;
    } else if (cpg.integrator === 'exact') {
      rho = Math.exp(-0.5 * cpg.a * dt);
    } else {
      rho = semiImplicitRadius(cpg.a, h) ** n;
    }
    const ang = cpg.omega[i]! * dt;
    out.modulus[i] = rho;
    out.angle[i] = ang;
    out.re[i] = rho * Math.cos(ang);
    out.im[i] = rho * Math.sin(ang);
  }
  return out;
}

/** Spectral radius of the symplectic-Euler step of ë = −a ė − (a²/4) e with step h. */
export function semiImplicitRadius(a: number, h: number): number {
  // State (ė, e): [[1 − ah, −h a²/4], [h(1 − ah), 1 − h² a²/4]].
  const m00 = 1 - a * h;
  const m01 = (-h * a * a) / 4;
  const m10 = h * (1 - a * h);
  const m11 = 1 - (h * h * a * a) / 4;
  const tr = m00 + m11;
  const det = m00 * m11 - m01 * m10;
  const disc = (tr * tr) / 4 - det;
  if (disc < 0) return Math.sqrt(det);
  const s = Math.sqrt(disc);
  return Math.max(Math.abs(tr / 2 + s), Math.abs(tr / 2 - s));
}
