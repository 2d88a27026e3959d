import { describe, expect, it } from 'vitest';
import {
  checkRing,
  continuousToDiscrete,
  discreteToContinuous,
  expm2,
  gradientNorms,
  halfLifeSteps,
  histogram,
  lruParams,
  powerAfter,
  ringCdf,
  ringDensity,
  ringMoments,
  sampleRing,
  scaleEigenvalue,
  timeConstantSteps,
  trajectory2,
} from './labMath';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('SCIENCE.md §9: |λ|^T', () => {
  it.each([
    [0.9, 100, 2.6561398887587544e-5],
    [1.1, 100, 13780.61233982238],
    [0.99, 100, 0.3660323412732292],
    [0.999, 100, 0.9047921471137089],
    [0.999, 1000, 0.36769542477096373],
  ])('%f^%i = %f', (r, T, want) => {
    expect(rel(powerAfter(r, T), want)).toBeLessThan(1e-12);
  });

  it('1^T is exactly 1 for every T', () => {
    for (const T of [1, 100, 1e4, 1e6]) expect(powerAfter(1, T)).toBe(1);
  });
});

describe('SCIENCE.md §9: half-life and time constant', () => {
  it.each([
    [0.9, 6.58],
    [0.99, 68.97],
    [0.999, 692.8],
  ])('r = %f: half-life %f steps', (r, want) => {
    expect(halfLifeSteps(r)).toBeCloseTo(want, 2);
  });

  it('§2.3 endpoints: time constants 9.491 and 999.50 steps', () => {
    expect(timeConstantSteps(0.9)).toBeCloseTo(9.491, 3);
    expect(timeConstantSteps(0.999)).toBeCloseTo(999.5, 2);
  });

  it('is infinite on and outside the circle, and rejects a negative modulus by name', () => {
    expect(halfLifeSteps(1)).toBe(Infinity);
    expect(halfLifeSteps(1.2)).toBe(Infinity);
    expect(() => halfLifeSteps(-0.1)).toThrow(/r is -0.1/);
  });
});

describe('SCIENCE.md §9: λ_d = exp(λ_c·Δt)', () => {
  const lc: [number, number] = [-10, 2 * Math.PI * 5];
  it('maps −10 + i·2π·5 at Δt = 0.01 to 0.8605515 + 0.2796101i', () => {
    const [re, im] = continuousToDiscrete(lc, 0.01);
    expect(re).toBeCloseTo(0.8605515, 7);
    expect(im).toBeCloseTo(0.2796101, 7);
    expect(Math.hypot(re, im)).toBeCloseTo(Math.exp(-0.1), 12);
    expect(Math.atan2(im, re)).toBeCloseTo(Math.PI / 10, 12);
  });

  it('log(λ_d)/Δt gives back −10 + 31.4159265i', () => {
    const [re, im] = discreteToContinuous(continuousToDiscrete(lc, 0.01), 0.01);
    expect(re).toBeCloseTo(-10, 9);
    expect(im).toBeCloseTo(31.4159265, 6);
  });

  it('|λ_d| < 1 ⇔ Re λ_c < 0, = 1 ⇔ Re λ_c = 0', () => {
    for (const re of [-1, -0.01, 0, 0.01, 0.5]) {
      const d = continuousToDiscrete([re, 2], 0.1);
      const m = Math.hypot(...d);
      if (re < 0) expect(m).toBeLessThan(1);
      else if (re === 0) expect(m).toBeCloseTo(1, 15);
      else expect(m).toBeGreaterThan(1);
    }
  });
});

describe('continuous explorer: exact matrix exponential', () => {
  it('e^{At} of the rotation-decay form equals the power series', () => {
    const a = -0.3;
    const b = 1.7;
    const t = 2.5;
    // Σ (At)^k / k! to convergence.
    let term = [
      [1, 0],
      [0, 1],
    ];
    const sum = [
      [1, 0],
      [0, 1],
    ];
    const At = [
      [a * t, -b * t],
      [b * t, a * t],
    ];
    for (let k = 1; k < 60; k++) {
      term = [
        [
          (term[0]![0]! * At[0]![0]! + term[0]![1]! * At[1]![0]!) / k,
          (term[0]![0]! * At[0]![1]! + term[0]![1]! * At[1]![1]!) / k,
        ],
        [
          (term[1]![0]! * At[0]![0]! + term[1]![1]! * At[1]![0]!) / k,
          (term[1]![0]! * At[0]![1]! + term[1]![1]! * At[1]![1]!) / k,
        ],
      ];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) sum[i]![j]! += term[i]![j]!;
    }
    const e = expm2(a, b, t);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) expect(e[i]![j]).toBeCloseTo(sum[i]![j]!, 12);
  });

  it('Re λ = 0 gives perfect circles: |x(t)| = |x0| at every sample', () => {
    const { x, y } = trajectory2(0, 1, [1.5, 0], 15);
    for (let i = 0; i < x.length; i++) expect(Math.hypot(x[i]!, y[i]!)).toBeCloseTo(1.5, 12);
  });

  it('decays as e^{Re λ·t} and turns counter-clockwise at Im λ rad/s', () => {
    const { t, x, y } = trajectory2(-0.1, 1, [1.5, 0], 15, 300);
    const i = 100;
    expect(Math.hypot(x[i]!, y[i]!)).toBeCloseTo(1.5 * Math.exp(-0.1 * t[i]!), 12);
    expect(Math.atan2(y[1]!, x[1]!)).toBeGreaterThan(0);
  });
});

describe('gradient norms through a diagonal recurrence', () => {
  it('are max |λ|^T and the RMS of |λ|^T', () => {
    const g = gradientNorms([0.9, 0.99], [0, 100]);
    expect(g.spectral).toEqual([1, Math.pow(0.99, 100)]);
    expect(g.rms[1]).toBeCloseTo(Math.sqrt((0.9 ** 200 + 0.99 ** 200) / 2), 15);
  });
  it('names an empty spectrum', () => {
    expect(() => gradientNorms([], [1])).toThrow(/empty/);
  });
});

describe('SCIENCE.md §2.3: the LRU ring', () => {
  it('ν_log and γ at the endpoints of [0.9, 0.999]', () => {
    expect(lruParams(0.9).nuLog).toBeCloseTo(-2.2503673, 7);
    expect(lruParams(0.999).nuLog).toBeCloseTo(-6.9072551, 7);
    expect(lruParams(0.9).gamma).toBeCloseTo(0.4358899, 7);
    expect(lruParams(0.999).gamma).toBeCloseTo(0.0447102, 7);
  });

  it('median 0.9507894 and mean 0.9503602 radius', () => {
    const m = ringMoments(0.9, 0.999);
    expect(m.median).toBeCloseTo(0.9507894, 7);
    expect(m.mean).toBeCloseTo(0.9503602, 7);
  });

  it('samples match the analytic distribution (2·10⁵ samples, Kolmogorov-Smirnov)', () => {
    const p = { rMin: 0.9, rMax: 0.999, maxPhase: Math.PI / 10, n: 4096, seed: 7 };
    const r: number[] = [];
    const theta: number[] = [];
    for (let s = 0; s < 49; s++) {
      const x = sampleRing({ ...p, seed: s });
      r.push(...x.r);
      theta.push(...x.theta);
    }
    r.sort((a, b) => a - b);
    let d = 0;
    for (let i = 0; i < r.length; i++)
      d = Math.max(d, Math.abs(ringCdf(r[i]!, 0.9, 0.999) - (i + 1) / r.length));
    // KS critical value at α = 0.001: 1.95/√n.
    expect(d).toBeLessThan(1.95 / Math.sqrt(r.length));
    expect(r[Math.floor(r.length / 2)]!).toBeCloseTo(0.9507894, 3);
    expect(r[0]).toBeGreaterThanOrEqual(0.9);
    expect(r[r.length - 1]).toBeLessThanOrEqual(0.999);
    expect(theta.every((t) => t >= 0 && t <= Math.PI / 10)).toBe(true);
  });

  it('is reproducible from its seed', () => {
    const p = { rMin: 0.5, rMax: 1, maxPhase: 6.28, n: 16, seed: 3 };
    expect(sampleRing(p)).toEqual(sampleRing(p));
    expect(sampleRing(p).r).not.toEqual(sampleRing({ ...p, seed: 4 }).r);
  });

  it('the density integrates to 1 and the histogram counts every sample', () => {
    let s = 0;
    const n = 10000;
    for (let i = 0; i < n; i++) s += ringDensity(0.2 + ((i + 0.5) * 0.7) / n, 0.2, 0.9) * (0.7 / n);
    expect(s).toBeCloseTo(1, 6);
    const x = sampleRing({ rMin: 0.2, rMax: 0.9, maxPhase: 1, n: 500, seed: 1 });
    expect(histogram(x.r, 0.2, 0.9, 20).reduce((a, b) => a + b, 0)).toBe(500);
  });

  it('names bad parameters and the fix', () => {
    const ok = { rMin: 0.9, rMax: 0.999, maxPhase: 1, n: 32, seed: 1 };
    expect(() => checkRing({ ...ok, rMax: 0.8 })).toThrow(
      /r_max is 0.8; pass a value in \(r_min = 0.9, 1\]/,
    );
    expect(() => checkRing({ ...ok, rMin: -1 })).toThrow(/r_min is -1/);
    expect(() => checkRing({ ...ok, n: 0 })).toThrow(/n is 0/);
    expect(() => checkRing({ ...ok, maxPhase: 7 })).toThrow(/max phase is 7/);
  });
});

describe('surgery preview', () => {
  it('scales modulus and angle like the models’ radius_scale and phase_scale', () => {
    const l = continuousToDiscrete([-1, 3], 1 / 60);
    const s = scaleEigenvalue(l, 0.9, 2);
    expect(Math.hypot(...s)).toBeCloseTo(0.9 * Math.hypot(...l), 14);
    expect(Math.atan2(s[1], s[0])).toBeCloseTo(2 * Math.atan2(l[1], l[0]), 14);
  });
});
