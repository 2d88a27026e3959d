import { describe, expect, it } from 'vitest';
import { eig } from './eig';
import type { ComplexVector } from './types';

/** ‖A v − λ v‖₂ for a complex eigenpair. */
function residual(A: number[][], re: number, im: number, v: ComplexVector): number {
  let s = 0;
  for (let i = 0; i < A.length; i++) {
    let ar = 0;
    let ai = 0;
    for (let j = 0; j < A.length; j++) {
      ar += A[i]![j]! * v.re[j]!;
      ai += A[i]![j]! * v.im[j]!;
    }
    const lr = re * v.re[i]! - im * v.im[i]!;
    const li = re * v.im[i]! + im * v.re[i]!;
    s += (ar - lr) ** 2 + (ai - li) ** 2;
  }
  return Math.sqrt(s);
}

const rotation = (th: number, r = 1): number[][] => [
  [r * Math.cos(th), -r * Math.sin(th)],
  [r * Math.sin(th), r * Math.cos(th)],
];

describe('eig', () => {
  it('returns an exact conjugate pair with conjugate unit vectors for a rotation', () => {
    const A = rotation(0.3);
    const e = eig(A);
    expect(e.re[0]).toBe(e.re[1]);
    expect(e.im[0]).toBe(-e.im[1]!);
    expect(e.re[0]).toBeCloseTo(Math.cos(0.3), 14);
    expect(e.im[0]).toBeCloseTo(Math.sin(0.3), 14);
    expect(e.vectors[1]!.re).toEqual(e.vectors[0]!.re);
    expect(e.vectors[1]!.im).toEqual(e.vectors[0]!.im.map((x) => -x + 0));
    for (let i = 0; i < 2; i++) {
      expect(residual(A, e.re[i]!, e.im[i]!, e.vectors[i]!)).toBeLessThan(1e-14);
      const v = e.vectors[i]!;
      expect(Math.hypot(...v.re, ...v.im)).toBeCloseTo(1, 14);
    }
    // Tied magnitudes (1/√2 each): the first entry is the real positive one.
    expect(e.vectors[0]!.re[0]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(e.vectors[0]!.im[0]).toBe(0);
  });

  it('reproduces the LinOSS and coRNN transition spectra of SCIENCE.md §11', () => {
    // LinOSS-IM, A = 1, Δt = 1: S = 1/2, M = [[S, −S], [S, S]].
    let e = eig([
      [0.5, -0.5],
      [0.5, 0.5],
    ]);
    expect([e.re[0], e.im[0], e.re[1], e.im[1]]).toEqual([0.5, 0.5, 0.5, -0.5]);
    // LinOSS-IMEX, A = 1, Δt = 1: [[1, −1], [1, 0]].
    e = eig([
      [1, -1],
      [1, 0],
    ]);
    expect(e.re[0]).toBeCloseTo(0.5, 12);
    expect(e.im[0]).toBeCloseTo(0.8660254, 7);
    expect(Math.hypot(e.re[0]!, e.im[0]!)).toBeCloseTo(1, 12);
    // LinOSS-IMEX unstable, A = 100, Δt = 0.3: [[1, −30], [0.3, −8]]; ordered by |λ|.
    e = eig([
      [1, -30],
      [0.3, -8],
    ]);
    expect(e.im).toEqual([0, 0]);
    expect(e.re[0]).toBeCloseTo(-6.854102, 6);
    expect(e.re[1]).toBeCloseTo(-0.145898, 6);
    // coRNN explicit linear part, Δt = 0.042, γ = 2.7, ε = 4.7.
    const dt = 0.042;
    e = eig([
      [1 - dt * 4.7, -dt * 2.7],
      [dt * (1 - dt * 4.7), 1 - dt * dt * 2.7],
    ]);
    expect(e.im).toEqual([0, 0]);
    expect(e.re[0]).toBeCloseTo(0.972774, 6);
    expect(e.re[1]).toBeCloseTo(0.825063, 6);
  });

  it('orders eigenvalues and vectors the same way under a permutation similarity', () => {
    // Blocks: a decaying rotation, a faster small one, two reals; mixed by a fixed similarity.
    const A = [
      [0.9, -0.3, 0.05, 0.0, 0.1],
      [0.3, 0.9, 0.0, -0.02, 0.0],
      [0.01, 0.0, -0.5, 0.7, 0.0],
      [0.0, 0.03, -0.7, -0.5, 0.2],
      [0.05, 0.0, 0.0, 0.1, 0.4],
    ];
    const perm = [3, 0, 4, 1, 2]; // (P A Pᵀ)[i][j] = A[perm[i]][perm[j]]
    const B = perm.map((pi) => perm.map((pj) => A[pi]![pj]!));
    const a = eig(A);
    const b = eig(B);
    for (let i = 0; i < 5; i++) {
      expect(b.re[i]).toBeCloseTo(a.re[i]!, 12);
      expect(b.im[i]).toBeCloseTo(a.im[i]!, 12);
      // v_B = P v_A: entry i of v_B is entry perm[i] of v_A.
      for (let j = 0; j < 5; j++) {
        expect(b.vectors[i]!.re[j]).toBeCloseTo(a.vectors[i]!.re[perm[j]!]!, 10);
        expect(b.vectors[i]!.im[j]).toBeCloseTo(a.vectors[i]!.im[perm[j]!]!, 10);
      }
      expect(residual(A, a.re[i]!, a.im[i]!, a.vectors[i]!)).toBeLessThan(1e-12);
    }
    const mods = a.re.map((r, i) => Math.hypot(r, a.im[i]!));
    expect(mods).toEqual([...mods].sort((x, y) => y - x));
    // Pairs are adjacent, +Im first.
    expect(a.im[0]).toBeGreaterThan(0);
    expect(a.im[1]).toBe(-a.im[0]!);
  });

  it('snaps the split double eigenvalue of a defective matrix to a real one', () => {
    // S J S⁻¹ with J = [[2, 1], [0, 2]]: round-off splits λ = 2 into 2 ± ~6e-9 i.
    const A = [
      [1.7115384615384615, 0.9615384615384615],
      [-0.08653846153846156, 2.2884615384615383],
    ];
    const raw = eig(A, { tol: 0 });
    expect(Math.abs(raw.im[0]!)).toBeGreaterThan(0);
    expect(Math.abs(raw.im[0]!)).toBeLessThan(1e-7);
    const e = eig(A, { tol: 1e-7 });
    expect(e.im).toEqual([0, 0]);
    expect(e.re[0]).toBeCloseTo(2, 7);
    expect(e.re[1]).toBe(e.re[0]);
    // The one eigenvector is S's first column, (1, 0.3), normalised.
    const n = Math.hypot(1, 0.3);
    for (const v of e.vectors) {
      expect(v.re[0]).toBeCloseTo(1 / n, 6);
      expect(v.re[1]).toBeCloseTo(0.3 / n, 6);
      expect(v.im).toEqual([0, 0]);
    }
  });

  it('keeps exactly real eigenvalues of a real Jordan block real, with a positive leading entry', () => {
    const e = eig([
      [1, 1],
      [0, 1],
    ]);
    expect(e.re).toEqual([1, 1]);
    expect(e.im).toEqual([0, 0]);
    expect(e.vectors[0]!.re[0]).toBeCloseTo(1, 12);
  });

  it('snaps a round-off imaginary part at the default tolerance', () => {
    const e = eig(rotation(1e-12, 0.5));
    expect(e.im).toEqual([0, 0]);
    expect(e.re[0]).toBeCloseTo(0.5, 14);
  });

  it('refuses a non-square matrix and names its shape', () => {
    expect(() => eig([[1, 2, 3]])).toThrow(/A is 1 × 3; eig needs a square matrix/);
    expect(() =>
      eig([
        [1, NaN],
        [0, 1],
      ]),
    ).toThrow(/A\[0\]\[1\] is NaN/);
  });
});
