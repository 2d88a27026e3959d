import { describe, expect, it } from 'vitest';
import { summariseEigenvalues } from './eigenSummary';

describe('summariseEigenvalues (SCIENCE.md §9 conversions)', () => {
  it('gives |λ|, half-life and rotation frequency at the control rate', () => {
    // λ = 0.99·e^{±iπ/30} at 60 Hz: 1 Hz rotation, half-life ln 2 / −ln 0.99 = 68.97 steps = 1149.5 ms.
    const th = Math.PI / 30;
    const s = summariseEigenvalues(
      [0.99 * Math.cos(th), 0.99 * Math.sin(th), 0.99 * Math.cos(th), -0.99 * Math.sin(th)],
      60,
      'parametric',
    );
    expect(s.n).toBe(2);
    expect(s.modulus.max).toBeCloseTo(0.99, 12);
    expect(s.freqHz.median).toBeCloseTo(1, 12);
    expect(s.slowFreqHz).toBeCloseTo(1, 12);
    expect(s.medianHalfLifeMs).toBeCloseTo(1149.5, 0);
    expect(s.nearUnit).toBe(1);
  });

  it('treats real eigenvalues as non-rotating and ranks the slow complex ones', () => {
    const s = summariseEigenvalues([0.5, 0, 0.9, 0.1, 0.6, 0.6], 60, 'per-step');
    expect(s.n).toBe(3);
    expect(s.modulus.min).toBe(0.5);
    // Two complex: |0.9+0.1i| = 0.9055 (slowest) at atan(1/9)·60/2π = 1.0573 Hz, and 0.6+0.6i at 7.5 Hz.
    expect(s.slowFreqHz).toBeCloseTo((Math.atan2(0.1, 0.9) * 60) / (2 * Math.PI), 10);
    expect(s.freqHz.max).toBeCloseTo(7.5, 10);
    expect(s.nearUnit).toBe(0);
  });

  it('summarises a per-step run of a million eigenvalues (past the engine argument limit)', () => {
    const n = 1_000_000;
    const flat = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) flat[2 * i] = 0.5 + (0.4 * i) / n;
    const s = summariseEigenvalues(flat, 60, 'per-step');
    expect(s.n).toBe(n);
    expect(s.modulus.min).toBe(0.5);
    expect(s.modulus.max).toBeCloseTo(0.9, 6);
  });
});
