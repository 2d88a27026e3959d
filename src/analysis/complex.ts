/**
 * Complex scalars as [re, im] pairs, and the map between discrete-time eigenvalues (per step)
 * and continuous-time ones (per second). SCIENCE.md §8, §9, §13.
 */

/** A complex number as [re, im]. */
export type Complex = [number, number];

/** Principal logarithm: (ln|z|, atan2(im, re)), arg in (−π, π]. log 0 = (−Infinity, 0). */
export function complexLog(re: number, im: number): Complex {
  // A −0 imaginary part would put a negative real z on the −π side of the cut.
  const y = im === 0 ? 0 : im;
  return [Math.log(Math.hypot(re, y)), Math.atan2(y, re)];
}

/** exp(a + ib) = eᵃ (cos b, sin b). */
export function complexExp(re: number, im: number): Complex {
  const r = Math.exp(re);
  return [r * Math.cos(im), r * Math.sin(im)];
}

/**
 * λ_c = log(λ_d) / dt: a per-step eigenvalue as a rate, s⁻¹. Re λ_c is the growth rate (s⁻¹,
 * negative = decay) and Im λ_c / 2π the frequency (Hz). Unique only below Nyquist,
 * |Im λ_c| · dt < π; faster rotations alias. λ_d = 0 gives Re λ_c = −Infinity.
 *
 * @param dt step, s (> 0).
 */
export function discreteToContinuous(re: number, im: number, dt: number): Complex {
  const [a, b] = complexLog(re, im);
  return [a / dt, b / dt];
}

/** λ_d = exp(λ_c · dt): a rate (s⁻¹) as a per-step eigenvalue. @param dt step, s. */
export function continuousToDiscrete(re: number, im: number, dt: number): Complex {
  return complexExp(re * dt, im * dt);
}
