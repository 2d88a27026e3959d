/**
 * What one discrete-time eigenvalue λ of the recurrence means at the control rate: how much of a
 * mode survives a step (|λ|), how far it turns per step (arg λ), the frequency that turn is at the
 * control rate, and how long the mode remembers (its half-life). Pure; SCIENCE.md §9 has the
 * known answers the tests use.
 */

export interface EigenReadout {
  /** |λ|, per step. */
  modulus: number;
  /** arg λ in (-π, π], rad per step. */
  angleRad: number;
  angleDeg: number;
  /** Oscillation frequency at the control rate, Hz; negative for the conjugate. */
  freqHz: number;
  /** Steps until the mode has decayed to half; Infinity when |λ| ≥ 1. */
  halfLifeSteps: number;
  /** Half-life in ms at the control rate; Infinity when |λ| ≥ 1. */
  halfLifeMs: number;
}

export function eigModulus(re: number, im: number): number {
  return Math.hypot(re, im);
}

/** arg λ, rad per step. */
export function eigAngle(re: number, im: number): number {
  return Math.atan2(im, re);
}

/** f = arg λ · control_hz / 2π: the turn per step as a frequency in Hz. */
export function eigFrequencyHz(angleRad: number, controlHz: number): number {
  return (angleRad * controlHz) / (2 * Math.PI);
}

/** ln(0.5) / ln r steps: Infinity for r ≥ 1 (no decay), 0 for r = 0 (gone after one step). */
export function halfLifeSteps(modulus: number): number {
  if (modulus >= 1) return Infinity;
  if (modulus <= 0) return 0;
  return Math.log(0.5) / Math.log(modulus);
}

/** 1000 · ln(0.5) / ln r / control_hz, ms; Infinity for r ≥ 1. */
export function halfLifeMs(modulus: number, controlHz: number): number {
  return (1000 * halfLifeSteps(modulus)) / controlHz;
}

export function eigenReadout(re: number, im: number, controlHz: number): EigenReadout {
  const modulus = eigModulus(re, im);
  const angleRad = eigAngle(re, im);
  const steps = halfLifeSteps(modulus);
  return {
    modulus,
    angleRad,
    angleDeg: (angleRad * 180) / Math.PI,
    freqHz: eigFrequencyHz(angleRad, controlHz),
    halfLifeSteps: steps,
    halfLifeMs: (1000 * steps) / controlHz,
  };
}

/** The readout as short display lines, e.g. for a tooltip. */
export function formatEigenReadout(re: number, im: number, controlHz: number): string[] {
  const r = eigenReadout(re, im, controlHz);
  const sign = im < 0 ? '−' : '+';
  const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
  // |λ| > 1 grows: its doubling time ln 2 / ln|λ| steps, not a half-life.
  const doubling = r.modulus > 1 ? Math.log(2) / Math.log(r.modulus) : Infinity;
  const hl = Number.isFinite(r.halfLifeMs)
    ? `half-life = ${ms(r.halfLifeMs)} ms (${r.halfLifeSteps.toFixed(1)} steps)`
    : Number.isFinite(doubling)
      ? `GROWS: doubles every ${ms((1000 * doubling) / controlHz)} ms (${doubling.toFixed(1)} steps)`
      : 'half-life = ∞ (|λ| = 1: neither decays nor grows)';
  return [
    `λ = ${re.toFixed(4)} ${sign} ${Math.abs(im).toFixed(4)}i`,
    `|λ| = ${r.modulus.toFixed(4)}`,
    `angle = ${r.angleRad.toFixed(4)} rad (${r.angleDeg.toFixed(2)}°)`,
    `frequency = ${r.freqHz.toFixed(2)} Hz at ${controlHz} Hz control`,
    hl,
  ];
}
