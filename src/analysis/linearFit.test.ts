import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../lib/random';
import { fitLinear, fitSkewSymmetric } from './linearFit';

/** x_t = (cos tω, sin tω), ωΔt = 2π/50: 50 states covering one period and their changes. */
function circle(): { X: number[][]; dX: number[][] } {
  const w = (2 * Math.PI) / 50;
  const x = (t: number) => [Math.cos(t * w), Math.sin(t * w)];
  const X = Array.from({ length: 50 }, (_, t) => x(t));
  const dX = X.map((xt, t) => x(t + 1).map((v, i) => v - xt[i]!));
  return { X, dX };
}

/** SCIENCE.md §7.2 (i): solve ZᵀZ h = Zᵀ vec(dX) over the strictly-upper entries of M. */
function skewByLinearSystem(X: number[][], dX: number[][]): number[][] {
  const k = X[0]!.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  // Column convention dx = M x, so row t of the prediction is (M x_t)ᵀ; E = e_i e_jᵀ − e_j e_iᵀ.
  const Z = new Matrix(X.length * k, pairs.length);
  pairs.forEach(([i, j], p) => {
    X.forEach((x, t) => {
      Z.set(t * k + i, p, x[j]!);
      Z.set(t * k + j, p, -x[i]!);
    });
  });
  const y = Matrix.columnVector(dX.flat());
  const h = solve(Z.transpose().mmul(Z), Z.transpose().mmul(y)).getColumn(0);
  const M = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  pairs.forEach(([i, j], p) => {
    M[i]![j] = h[p]!;
    M[j]![i] = -h[p]!;
  });
  return M;
}

function objective(X: number[][], dX: number[][], M: number[][]): number {
  let s = 0;
  X.forEach((x, t) =>
    M.forEach((row, i) => {
      s += (dX[t]![i]! - row.reduce((a, m, j) => a + m * x[j]!, 0)) ** 2;
    }),
  );
  return s;
}

describe('fitSkewSymmetric', () => {
  it('gives M_skew = [[0, −sin ωΔt], [sin ωΔt, 0]] on the §7.6 circle', () => {
    const { X, dX } = circle();
    const M = fitSkewSymmetric(X, dX);
    const s = Math.sin((2 * Math.PI) / 50);
    expect(s).toBeCloseTo(0.1253332, 7);
    expect(M[0]![0]).toBe(0);
    expect(M[0]![1]).toBeCloseTo(-s, 12);
    expect(M[1]![0]).toBeCloseTo(s, 12);
  });

  it('matches the §7.2 linear-system solution on random 6-D data to 1e-12 (§11)', () => {
    const rng = new SeededRandom(7);
    const X = Array.from({ length: 120 }, () => Array.from({ length: 6 }, () => rng.normal()));
    const dX = Array.from({ length: 120 }, () => Array.from({ length: 6 }, () => rng.normal()));
    const M = fitSkewSymmetric(X, dX);
    const ref = skewByLinearSystem(X, dX);
    M.forEach((row, i) =>
      row.forEach((m, j) => expect(Math.abs(m - ref[i]![j]!)).toBeLessThan(1e-12)),
    );
    M.forEach((row, i) => row.forEach((m, j) => expect(m).toBe(-M[j]![i]! + 0)));
    // And it is the minimum: every skew perturbation raises the objective.
    const f0 = objective(X, dX, M);
    for (let trial = 0; trial < 5; trial++) {
      const P = M.map((row) => row.slice());
      const i = rng.int(6);
      const j = (i + 1 + rng.int(5)) % 6;
      const h = 1e-4 * rng.normal();
      P[i]![j] = P[i]![j]! + h;
      P[j]![i] = P[j]![i]! - h;
      expect(objective(X, dX, P)).toBeGreaterThan(f0);
    }
  });
});

describe('fitLinear', () => {
  it('recovers R − I exactly on the circle, where dx = (R − I) x holds', () => {
    const { X, dX } = circle();
    const M = fitLinear(X, dX);
    const w = (2 * Math.PI) / 50;
    expect(M[0]![0]).toBeCloseTo(Math.cos(w) - 1, 12);
    expect(M[0]![1]).toBeCloseTo(-Math.sin(w), 12);
    expect(M[1]![0]).toBeCloseTo(Math.sin(w), 12);
  });

  it('refuses fewer samples than dimensions', () => {
    expect(() => fitLinear([[1, 2]], [[0, 1]])).toThrow(/X has 1 samples of 2 dimensions/);
  });
});
