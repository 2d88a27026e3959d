/**
 * Oscillator state to foot position in the leg frame (x forward, z up, origin at the hip),
 * SCIENCE.md §1.3, CPG-RL forward-only form:
 *
 *   x = −d_step (r − 1) cos θ
 *   z = −h + g_c sin θ   (swing, sin θ > 0)    or    −h + g_p sin θ   (stance)
 *
 * Swing runs θ: 0 → π (foot moves back to front, in the air); touchdown at θ = π.
 *
 * Duty factor D (fraction of the cycle in stance) is applied here, by warping the oscillator's
 * uniform phase: the formulas use ψ(θ), with swing ψ ∈ [0, π) over θ ∈ [0, 2π(1 − D)). The
 * oscillators then run at one constant rate, so the coupling holds the gait offsets exactly
 * (see CpgNetwork on why per-half-cycle rates cannot).
 */
export interface FootMapParams {
  /** Step scale d_step, m: stride length is 2 d_step (r − 1). */
  dStep: number;
  /** Nominal hip-to-foot-centre height h, m. */
  height: number;
  /** Ground clearance g_c, m. */
  clearance: number;
  /** Ground penetration g_p, m. */
  penetration: number;
  /** Duty factor D in [0.2, 0.9]; 0.5 leaves θ unwarped (CPG-RL). */
  duty: number;
}

/** Defaults used by the quadruped expert (A1 home height 0.25 m; g_c, g_p as in CPG-RL). */
export const FOOT_MAP_DEFAULTS: Readonly<FootMapParams> = {
  dStep: 0.15,
  height: 0.25,
  clearance: 0.08,
  penetration: 0.01,
  duty: 0.5,
};

/** Trajectory phase ψ(θ) for duty factor D: swing takes the first 1 − D of the cycle. */
export function warpPhase(theta: number, duty: number): number {
  const swing = 2 * Math.PI * (1 - duty);
  return theta < swing ? theta / (2 * (1 - duty)) : Math.PI + (theta - swing) / (2 * duty);
}

/** Foot x (forward) and z (up) in m for amplitude r and phase θ ∈ [0, 2π); writes out[0..1]. */
export function footPosition(
  r: number,
  theta: number,
  p: FootMapParams,
  out: Float64Array | number[],
): void {
  const psi = p.duty === 0.5 ? theta : warpPhase(theta, p.duty);
  const s = Math.sin(psi);
  out[0] = -p.dStep * (r - 1) * Math.cos(psi);
  out[1] = -p.height + (s > 0 ? p.clearance : p.penetration) * s;
}
