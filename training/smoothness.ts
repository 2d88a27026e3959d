/**
 * Smoothness of a sampled hand path: pure functions of positions sampled at a fixed step `dt`.
 *
 * Jerk is the third time derivative of position. It is estimated by third forward differences,
 *   j_i = (x_{i+3} − 3 x_{i+2} + 3 x_{i+1} − x_i) / dt³,   i = 0 .. n−4,
 * which is exact for cubics and second-order accurate at the midpoint of its four samples.
 *
 * - Integrated squared jerk, m²/s⁵:  ISJ = ∫ |d³x/dt³|² dt ≈ dt · Σ |j_i|².
 * - Mean squared jerk, m²/s⁶:        MSJ = mean_i |j_i|²  (≈ ISJ / T).
 * - Log dimensionless jerk (LDLJ), the path-length form (Hogan & Sternad 2009, with the amplitude
 *   taken as the path length L):  LDLJ = −ln( (T⁵ / L²) · ISJ ),  T = (n − 1) · dt the duration.
 *   It is unitless and invariant to scaling the path in space or time, so controllers that move
 *   at different speeds or distances compare. Higher (closer to zero) is smoother; a
 *   minimum-jerk point-to-point reach has ISJ = 720 L² / T⁵, so LDLJ = −ln 720 ≈ −6.58.
 */

/** A point of any dimension (the arm uses world x, y, z in m). */
export type Point = readonly number[];

export interface JerkMetrics {
  /** Number of samples. */
  samples: number;
  /** (samples − 1) · dt, s. */
  duration_s: number;
  /** Sum of the straight segments between samples, m. */
  path_length_m: number;
  /** ∫ |jerk|² dt, m²/s⁵. */
  integrated_squared_jerk: number;
  /** Mean of |jerk|² over the third differences, m²/s⁶. */
  mean_squared_jerk: number;
  /** −ln((T⁵ / L²) ∫ |jerk|² dt): dimensionless, higher is smoother. */
  ldlj: number;
}

/** |j_i|² for each third forward difference of the path (n − 3 values; none if n < 4). */
export function squaredJerks(path: readonly Point[], dt: number): number[] {
  const out: number[] = [];
  const s = 1 / (dt * dt * dt);
  for (let i = 0; i + 3 < path.length; i++) {
    const a = path[i]!;
    const b = path[i + 1]!;
    const c = path[i + 2]!;
    const d = path[i + 3]!;
    let sq = 0;
    for (let k = 0; k < a.length; k++) {
      const j = (d[k]! - 3 * c[k]! + 3 * b[k]! - a[k]!) * s;
      sq += j * j;
    }
    out.push(sq);
  }
  return out;
}

/** ∫ |d³x/dt³|² dt by third differences, m²/s⁵ for a path in m; NaN for fewer than 4 samples. */
export function integratedSquaredJerk(path: readonly Point[], dt: number): number {
  const sq = squaredJerks(path, dt);
  return sq.length ? dt * sq.reduce((s, v) => s + v, 0) : NaN;
}

/** Mean |d³x/dt³|² over the third differences, m²/s⁶; NaN for fewer than 4 samples. */
export function meanSquaredJerk(path: readonly Point[], dt: number): number {
  const sq = squaredJerks(path, dt);
  return sq.length ? sq.reduce((s, v) => s + v, 0) / sq.length : NaN;
}

/** Length of the polyline through the samples. */
export function pathLength(path: readonly Point[]): number {
  let L = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    let sq = 0;
    for (let k = 0; k < a.length; k++) sq += (b[k]! - a[k]!) ** 2;
    L += Math.sqrt(sq);
  }
  return L;
}

/**
 * LDLJ = −ln((T⁵ / L²) ∫ |jerk|² dt) with T = (n − 1) dt and L the path length. NaN for fewer
 * than 4 samples or a path that does not move; +Infinity for a jerk-free path.
 */
export function logDimensionlessJerk(path: readonly Point[], dt: number): number {
  return jerkMetrics(path, dt).ldlj;
}

/** All of the above for one path. */
export function jerkMetrics(path: readonly Point[], dt: number): JerkMetrics {
  const T = (path.length - 1) * dt;
  const L = pathLength(path);
  const isj = integratedSquaredJerk(path, dt);
  const ldlj = L > 0 && Number.isFinite(isj) ? -Math.log((T ** 5 / (L * L)) * isj) : NaN;
  return {
    samples: path.length,
    duration_s: T,
    path_length_m: L,
    integrated_squared_jerk: isj,
    mean_squared_jerk: meanSquaredJerk(path, dt),
    ldlj,
  };
}
