/** Minimum-jerk position profile s(τ) = 10τ³ − 15τ⁴ + 6τ⁵ for τ in [0, 1], clamped outside. */
export function minJerk(tau: number): number {
  const t = Math.min(1, Math.max(0, tau));
  return t * t * t * (10 + t * (-15 + 6 * t));
}
