/**
 * Oscillator state to foot position in the leg frame (x forward, z up, origin at the hip),
 * SCIENCE.md §1.3, CPG-RL forward-only form:
 *
 *   x = −d_step (r − 1) cos θ
 *   z = −h + g_c sin θ   (swing, sin θ > 0)    or    −h + g_p sin θ   (stance)
 *
 * Swing runs θ: 0 → π (foot moves back to front, in the air); touchdown at θ = π.
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
}

/** Defaults used by the quadruped expert (A1 home height 0.25 m; g_c, g_p as in CPG-RL). */
export const FOOT_MAP_DEFAULTS: Readonly<FootMapParams> = {
  dStep: 0.15,
  height: 0.25,
  clearance: 0.08,
  penetration: 0.01,
};

/** Foot x (forward) and z (up) in m for amplitude r and phase θ (rad); writes out[0..1]. */
export function footPosition(
  r: number,
  theta: number,
  p: FootMapParams,
  out: Float64Array | number[],
): void {
  const s = Math.sin(theta);
  out[0] = -p.dStep * (r - 1) * Math.cos(theta);
  out[1] = -p.height + (s > 0 ? p.clearance : p.penetration) * s;
}
