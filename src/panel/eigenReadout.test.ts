import { describe, expect, it } from 'vitest';
import { eigenReadout, formatEigenReadout, halfLifeMs, halfLifeSteps } from './eigenReadout';

// Known answers: SCIENCE.md §9 (λ_c = −10 + i·2π·5 s⁻¹ at Δt = 0.01 s; LRU half-lives).
describe('eigenReadout', () => {
  it('reads |λ| = e^−0.1, arg = π/10 and 5 Hz from λ_d = 0.8605515 + 0.2796101i at 100 Hz', () => {
    const r = eigenReadout(0.8605515, 0.2796101, 100);
    expect(r.modulus).toBeCloseTo(0.9048374, 6);
    expect(r.angleRad).toBeCloseTo(0.3141593, 6);
    expect(r.angleDeg).toBeCloseTo(18, 4);
    expect(r.freqHz).toBeCloseTo(5, 4);
  });

  it('gives the conjugate the negative frequency and the same half-life', () => {
    const a = eigenReadout(0.8605515, 0.2796101, 100);
    const b = eigenReadout(0.8605515, -0.2796101, 100);
    expect(b.freqHz).toBeCloseTo(-a.freqHz, 9);
    expect(b.halfLifeMs).toBeCloseTo(a.halfLifeMs, 9);
  });

  it('puts a negative real eigenvalue at the Nyquist frequency', () => {
    expect(eigenReadout(-0.5, 0, 60).freqHz).toBeCloseTo(30, 9);
  });
});

describe('halfLifeSteps', () => {
  it('is 6.579 steps for r = 0.9, 68.97 for r = 0.99 and 692.80 for r = 0.999', () => {
    expect(halfLifeSteps(0.9)).toBeCloseTo(6.579, 3);
    expect(halfLifeSteps(0.99)).toBeCloseTo(68.97, 2);
    expect(halfLifeSteps(0.999)).toBeCloseTo(692.8, 1);
  });

  it('is infinite without decay and zero for λ = 0', () => {
    expect(halfLifeSteps(1)).toBe(Infinity);
    expect(halfLifeSteps(1.01)).toBe(Infinity);
    expect(halfLifeSteps(0)).toBe(0);
  });
});

describe('halfLifeMs', () => {
  it('is 1149.5 ms for r = 0.99 at 60 Hz control', () => {
    expect(halfLifeMs(0.99, 60)).toBeCloseTo(1149.5, 0);
    expect(Math.abs(halfLifeMs(0.99, 60) - 1149.45)).toBeLessThan(0.05);
  });

  it('is infinite for |λ| ≥ 1', () => {
    expect(halfLifeMs(1, 60)).toBe(Infinity);
  });
});

describe('formatEigenReadout', () => {
  it('prints |λ| to 4 decimals, the angle in rad and degrees, Hz and ∞ for a marginal mode', () => {
    const lines = formatEigenReadout(0.8605515, 0.2796101, 100).join('\n');
    expect(lines).toContain('|λ| = 0.9048');
    expect(lines).toContain('0.3142 rad (18.00°)');
    expect(lines).toContain('5.00 Hz');
    expect(formatEigenReadout(1, 0, 60).join('\n')).toContain('∞');
  });
});

describe('formatEigenReadout outside the unit circle', () => {
  it('names growth with its doubling time instead of an infinite half-life', () => {
    const lines = formatEigenReadout(1.0092, 0, 60);
    // ln 2 / ln 1.0092 = 75.7 steps = 1261 ms at 60 Hz.
    expect(lines.at(-1)).toBe('GROWS: doubles every 1261 ms (75.7 steps)');
    expect(formatEigenReadout(1, 0, 60).at(-1)).toMatch(/neither decays nor grows/);
  });
});
