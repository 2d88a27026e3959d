import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../lib/random';
import { dmd } from './dmd';
import type { ComplexVector } from './types';

/** m + 1 snapshots x_{t+1} = A x_t from x0, as rows. */
function simulate(A: number[][], x0: number[], steps: number): number[][] {
  const out = [x0.slice()];
  for (let t = 0; t < steps; t++) {
    const x = out[t]!;
    out.push(A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0)));
  }
  return out;
}

const scaledRotation = (r: number, th: number): number[][] => [
  [r * Math.cos(th), -r * Math.sin(th)],
  [r * Math.sin(th), r * Math.cos(th)],
];

/** max over modes of ‖A φ − λ φ‖. */
function eigResidual(A: number[][], re: number[], im: number[], modes: ComplexVector[]): number {
  return Math.max(
    ...modes.map((phi, k) => {
      let s = 0;
      A.forEach((row, i) => {
        const ar = row.reduce((acc, a, j) => acc + a * phi.re[j]!, 0);
        const ai = row.reduce((acc, a, j) => acc + a * phi.im[j]!, 0);
        s += (ar - (re[k]! * phi.re[i]! - im[k]! * phi.im[i]!)) ** 2;
        s += (ai - (re[k]! * phi.im[i]! + im[k]! * phi.re[i]!)) ** 2;
      });
      return Math.sqrt(s);
    }),
  );
}

describe('dmd', () => {
  const A = scaledRotation(0.98, 0.2);
  const r = dmd([simulate(A, [1, 0], 30)], { dt: 0.01 });

  it('recovers the SCIENCE.md §8 known answer for A = 0.98·R(0.2), 31 snapshots', () => {
    expect(r.rank).toBe(2);
    expect(r.eigenvalues.re[0]).toBeCloseTo(0.960465, 6);
    expect(r.eigenvalues.im[0]).toBeCloseTo(0.194696, 6);
    expect(r.eigenvalues.re[1]).toBe(r.eigenvalues.re[0]);
    expect(r.eigenvalues.im[1]).toBe(-r.eigenvalues.im[0]!);
    expect(Math.hypot(r.eigenvalues.re[0]!, r.eigenvalues.im[0]!)).toBeCloseTo(0.98, 12);
    expect(r.continuousEigenvalues.re[0]).toBeCloseTo(-2.020271, 6);
    expect(r.continuousEigenvalues.im[0]).toBeCloseTo(20, 9);
    expect(r.continuousEigenvalues.im[1]).toBeCloseTo(-20, 9);
    expect(eigResidual(A, r.eigenvalues.re, r.eigenvalues.im, r.modes)).toBeLessThan(1e-12);
  });

  it('reconstructs the trajectory from modes, eigenvalues and amplitudes', () => {
    const X = simulate(A, [1, 0], 30);
    const b = r.amplitudes[0]!;
    X.forEach((x, t) => {
      for (let i = 0; i < 2; i++) {
        let s = 0;
        r.modes.forEach((phi, k) => {
          // Re(b λᵗ φ), λᵗ by polar form.
          const mod = Math.hypot(r.eigenvalues.re[k]!, r.eigenvalues.im[k]!) ** t;
          const arg = Math.atan2(r.eigenvalues.im[k]!, r.eigenvalues.re[k]!) * t;
          const [lr, li] = [mod * Math.cos(arg), mod * Math.sin(arg)];
          const [cr, ci] = [b.re[k]! * lr - b.im[k]! * li, b.re[k]! * li + b.im[k]! * lr];
          s += cr * phi.re[i]! - ci * phi.im[i]!;
        });
        expect(s).toBeCloseTo(x[i]!, 10);
      }
    });
  });

  it('gives back λ_c = −10 ± 31.4159265i s⁻¹ for A = e^{−0.1}·R(π/10) at Δt = 0.01 s (§9)', () => {
    const B = scaledRotation(Math.exp(-0.1), Math.PI / 10);
    const s = dmd([simulate(B, [0.3, -1], 20)], { dt: 0.01 });
    expect(s.eigenvalues.re[0]).toBeCloseTo(0.8605515, 7);
    expect(s.eigenvalues.im[0]).toBeCloseTo(0.2796101, 7);
    expect(s.continuousEigenvalues.re[0]).toBeCloseTo(-10, 8);
    expect(s.continuousEigenvalues.im[0]).toBeCloseTo(31.4159265, 7);
  });

  it('never pairs snapshots across a trial boundary', () => {
    const C = [
      [0.9, -0.2, 0.05],
      [0.2, 0.9, 0],
      [0, 0.1, 0.5],
    ];
    const t1 = simulate(C, [1, 0, 0], 15);
    const t2 = simulate(C, [0, -1, 2], 15);
    const split = dmd([t1, t2], { dt: 0.01 });
    const truth = dmd([simulate(C, [1, 0.5, -1], 40)], { dt: 0.01 });
    split.eigenvalues.re.forEach((v, i) => expect(v).toBeCloseTo(truth.eigenvalues.re[i]!, 10));
    split.eigenvalues.im.forEach((v, i) => expect(v).toBeCloseTo(truth.eigenvalues.im[i]!, 10));
    expect(eigResidual(C, split.eigenvalues.re, split.eigenvalues.im, split.modes)).toBeLessThan(
      1e-10,
    );
    // Joined into one trial, the jump from t1's end to t2's start is fitted as dynamics.
    const joined = dmd([[...t1, ...t2]], { dt: 0.01 });
    const err = Math.max(
      ...joined.eigenvalues.re.map((v, i) => Math.abs(v - truth.eigenvalues.re[i]!)),
    );
    expect(err).toBeGreaterThan(1e-3);
    expect(split.amplitudes).toHaveLength(2);
  });

  it('selects the rank by count or by the share of Σσ²', () => {
    // A 2-D rotation embedded in 4 states plus a small fast-decaying direction.
    const rng = new SeededRandom(5);
    const W = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => rng.normal()));
    const traj = simulate(scaledRotation(0.99, 0.3), [1, 0], 60).map((z, t) =>
      [0, 1, 2, 3].map((u) => z[0]! * W[0]![u]! + z[1]! * W[1]![u]! + 0.01 * 0.5 ** t * W[2]![u]!),
    );
    const full = dmd([traj], { dt: 0.01 });
    expect(full.rank).toBe(3);
    const two = dmd([traj], { dt: 0.01, rank: 2 });
    expect(two.rank).toBe(2);
    expect(two.reducedOperator).toHaveLength(2);
    expect(Math.hypot(two.eigenvalues.re[0]!, two.eigenvalues.im[0]!)).toBeCloseTo(0.99, 3);
    const s2 = full.singularValues.map((s) => s * s);
    const total = s2.reduce((a, b) => a + b, 0);
    const share2 = (s2[0]! + s2[1]!) / total;
    expect(dmd([traj], { dt: 0.01, energy: share2 }).rank).toBe(2);
    expect(dmd([traj], { dt: 0.01, energy: share2 + 1e-9 }).rank).toBe(3);
    expect(dmd([traj], { dt: 0.01, energy: 1 }).rank).toBe(3);
    expect(() => dmd([traj], { dt: 0.01, rank: 4 })).toThrow(/rank is 4; .*numerical rank 3/);
  });

  it('subtracts the mean snapshot on request', () => {
    const X = simulate(A, [1, 0], 30).map((x) => [x[0]! + 5, x[1]! - 2]);
    const s = dmd([X], { dt: 0.01, subtractMean: true });
    const mean = [0, 1].map((i) => X.reduce((acc, x) => acc + x[i]!, 0) / X.length);
    expect(s.mean![0]).toBeCloseTo(mean[0]!, 12);
    expect(s.mean![1]).toBeCloseTo(mean[1]!, 12);
    expect(dmd([X], { dt: 0.01 }).mean).toBeNull();
  });

  it('names bad options and short trials', () => {
    const X = simulate(A, [1, 0], 30);
    expect(() => dmd([X], { dt: 0.01, rank: 2, energy: 0.9 })).toThrow(
      /both rank \(2\) and energy \(0.9\)/,
    );
    expect(() => dmd([X, [X[0]!]], { dt: 0.01 })).toThrow(
      /trial 1 has 1 time steps; each trial needs at least 2/,
    );
    expect(() => dmd([X], { dt: -1 })).toThrow(/dt is -1/);
    expect(() => dmd([X], { dt: 0.01, energy: 1.5 })).toThrow(/energy is 1.5/);
  });
});
