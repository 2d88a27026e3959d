import { describe, it, expect } from 'vitest';
import {
  integratedSquaredJerk,
  jerkMetrics,
  logDimensionlessJerk,
  meanSquaredJerk,
  pathLength,
  type Point,
} from './smoothness';

/** n + 1 samples of f on [0, T]. */
function sample(f: (t: number) => Point, T: number, n: number): Point[] {
  return Array.from({ length: n + 1 }, (_, i) => f((i * T) / n));
}

/**
 * Minimum-jerk reach of length L in duration T along a fixed unit direction u:
 * x(t) = L (10τ³ − 15τ⁴ + 6τ⁵) u, τ = t / T. Its jerk is (60 L / T³)(1 − 6τ + 6τ²), and
 * ∫₀¹ (1 − 6τ + 6τ²)² dτ = 1 − 6 + 12 + 4 − 18 + 36/5 = 1/5, so ∫₀ᵀ |jerk|² dt = 3600 / 5 · L² / T⁵
 * = 720 L² / T⁵.
 */
function minJerk(L: number, T: number, u: Point) {
  return (t: number): Point => {
    const s = t / T;
    const x = L * (10 * s ** 3 - 15 * s ** 4 + 6 * s ** 5);
    return u.map((c) => c * x);
  };
}

describe('jerk of sampled paths', () => {
  it('minimum-jerk reach: integrated squared jerk is 720 L²/T⁵ (within 1%) and LDLJ is −ln 720', () => {
    const L = 0.1;
    const T = 0.4;
    const u = [0.6, 0, -0.8];
    const path = sample(minJerk(L, T, u), T, 4000);
    const dt = T / 4000;
    const isj = integratedSquaredJerk(path, dt);
    const exact = (720 * L * L) / T ** 5;
    expect(Math.abs(isj / exact - 1)).toBeLessThan(0.01);
    expect(pathLength(path)).toBeCloseTo(L, 9);
    expect(logDimensionlessJerk(path, dt)).toBeCloseTo(-Math.log(720), 2);
    // Mean squared jerk is the time average: ISJ / T.
    expect(Math.abs(meanSquaredJerk(path, dt) / (exact / T) - 1)).toBeLessThan(0.01);
  });

  it('LDLJ does not depend on the amplitude or the duration of the reach', () => {
    const a = sample(minJerk(0.05, 0.3, [1, 0, 0]), 0.3, 300);
    const b = sample(minJerk(0.2, 0.9, [0, 0, 1]), 0.9, 300);
    expect(logDimensionlessJerk(a, 0.3 / 300)).toBeCloseTo(logDimensionlessJerk(b, 0.9 / 300), 9);
  });

  it('is exact for a cubic: x = t³ has jerk 6, so ISJ = 36 T (over the differenced span)', () => {
    const dt = 0.01;
    const path = Array.from({ length: 101 }, (_, i) => [(i * dt) ** 3]);
    // 98 third differences, each exactly 6 (up to rounding), each weighted by dt.
    expect(integratedSquaredJerk(path, dt)).toBeCloseTo(36 * 98 * dt, 6);
    expect(meanSquaredJerk(path, dt)).toBeCloseTo(36, 6);
  });

  it('constant velocity has zero jerk', () => {
    const dt = 1 / 60;
    const path = Array.from({ length: 61 }, (_, i) => [0.4 + 0.1 * i * dt, 0.05, -0.2 * i * dt]);
    expect(integratedSquaredJerk(path, dt)).toBeLessThan(1e-12);
    expect(meanSquaredJerk(path, dt)).toBeLessThan(1e-12);
    expect(pathLength(path)).toBeCloseTo(Math.hypot(0.1, 0.2), 12);
  });

  it('reports NaN rather than a number for paths too short or not moving', () => {
    expect(integratedSquaredJerk([[0], [1], [2]], 0.1)).toBeNaN();
    const still = jerkMetrics(
      Array.from({ length: 10 }, () => [1, 2, 3]),
      0.1,
    );
    expect(still.integrated_squared_jerk).toBe(0);
    expect(still.ldlj).toBeNaN();
    expect(still.duration_s).toBeCloseTo(0.9, 12);
  });
});
