import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../lib/random';
import { cpgEigenvalues, semiImplicitRadius } from './cpgEigen';
import { CpgNetwork } from './cpgNetwork';
import { GAIT_NAMES, GAIT_OFFSETS, phaseDiff, phaseBias } from './gaits';

/** r(t) of one oscillator from r0 = 1, ṙ0 = 0 toward μ = 2 (SCIENCE §1.1, §1.5). */
function stepResponse(opts: ConstructorParameters<typeof CpgNetwork>[0], t: number, dt: number) {
  const cpg = new CpgNetwork({ coupling: 0, ...opts });
  cpg.reset(1);
  cpg.mu.fill(2);
  for (let k = 0; k < Math.round(t / dt); k++) cpg.step(dt);
  return cpg.r[0]!;
}

describe('CpgNetwork amplitude (known answers, SCIENCE §1.5 and §11)', () => {
  it('matches the semi-implicit Euler recurrence of the CPG-RL code at 1 ms: r(0.02 s) = 1.4641141', () => {
    expect(stepResponse({ integrator: 'semi-implicit' }, 0.02, 0.001)).toBeCloseTo(1.4641141, 6);
  });

  it('integrates the critically damped amplitude exactly: r(0.02) = 1.4421746, r(0.05) = 1.8882907', () => {
    expect(stepResponse({ integrator: 'exact' }, 0.02, 0.001)).toBeCloseTo(1.4421746, 6);
    expect(stepResponse({ integrator: 'exact' }, 0.05, 0.001)).toBeCloseTo(1.8882907, 6);
  });

  it('gives the same exact amplitude whatever the control rate (1 ms vs 10 ms calls)', () => {
    const a = stepResponse({ integrator: 'exact' }, 0.05, 0.001);
    const b = stepResponse({ integrator: 'exact' }, 0.05, 0.01);
    expect(Math.abs(a - b)).toBeLessThan(1e-12);
  });

  it('converges a Hopf oscillator (α = 50, μ = 1, r0 = 0.05, Euler 1 ms) to r = 1 in 2 s', () => {
    const cpg = new CpgNetwork({ amplitudeModel: 'hopf', alpha: 50, coupling: 0 });
    cpg.reset(0.05);
    cpg.mu.fill(1);
    for (let k = 0; k < 2000; k++) cpg.step(0.001);
    expect(cpg.r[0]).toBeCloseTo(1.0, 6);
  });
});

describe('CpgNetwork phase', () => {
  it('splits the period by the duty factor: ω_sw = 5·2π, ω_st = 2·2π gives T = 0.35 s, D = 5/7', () => {
    const cpg = new CpgNetwork({ coupling: 0, duty: 5 / 7 });
    const omega = (2 * Math.PI) / 0.35;
    expect(cpg.intrinsicRate(omega, 1)).toBeCloseTo(5 * 2 * Math.PI, 9);
    expect(cpg.intrinsicRate(omega, 4)).toBeCloseTo(2 * 2 * Math.PI, 9);
    // One full cycle of leg 0 (starting at θ = 0) takes 0.35 s.
    cpg.omega.fill(omega);
    let t = 0;
    let prev = cpg.theta[0]!;
    for (;;) {
      cpg.step(1e-5);
      t += 1e-5;
      if (cpg.theta[0]! < prev) break;
      prev = cpg.theta[0]!;
    }
    expect(t).toBeCloseTo(0.35, 4);
  });

  it('uses the antisymmetric bias φ_ij = p_j − p_i (trot row 0 is [0, π, π, 0])', () => {
    const b = phaseBias('trot');
    expect([...b.slice(0, 4)]).toEqual([0, Math.PI, Math.PI, 0]);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) expect(b[i * 4 + j]! + b[j * 4 + i]!).toBe(0);
  });

  it.each(GAIT_NAMES)(
    'locks %s from random phases to its offsets (w = 1, 2 Hz, 20 s, tol 1e-3)',
    (gait) => {
      const rng = new SeededRandom(3);
      const cpg = new CpgNetwork({ gait, duty: 0.5, coupling: 1 });
      for (let i = 0; i < 4; i++) cpg.theta[i] = rng.uniform(0, 2 * Math.PI);
      cpg.omega.fill(2 * 2 * Math.PI);
      for (let k = 0; k < 20000; k++) cpg.step(0.001);
      const p = GAIT_OFFSETS[gait];
      for (let j = 1; j < 4; j++) {
        const got = phaseDiff(cpg.theta[j]!, cpg.theta[0]!);
        expect(Math.abs(phaseDiff(got, p[j]! - p[0]!))).toBeLessThan(1e-3);
      }
    },
  );

  it('re-locks after a switch between any two gaits within 5 s (offsets slide, no dead lock)', () => {
    for (const from of GAIT_NAMES) {
      for (const to of GAIT_NAMES) {
        const cpg = new CpgNetwork({ gait: from, duty: 0.5 });
        cpg.omega.fill(2 * 2 * Math.PI);
        cpg.mu.fill(1.5);
        for (let k = 0; k < 100; k++) cpg.step(0.01);
        cpg.setGait(to, 0.5);
        for (let k = 0; k < 500; k++) cpg.step(0.01);
        const p = GAIT_OFFSETS[to];
        for (let j = 1; j < 4; j++) {
          const err = phaseDiff(phaseDiff(cpg.theta[j]!, cpg.theta[0]!), p[j]! - p[0]!);
          expect(Math.abs(err), `${from} → ${to}, leg ${j}`).toBeLessThan(1e-2);
        }
      }
    }
  });

  it.each([30, 50, 100, 240, 500])(
    'stays bounded under random μ ∈ [1, 2], f ∈ [0, 4.5] Hz changed every step at %i Hz',
    (hz) => {
      for (const integrator of ['exact', 'semi-implicit'] as const) {
        const rng = new SeededRandom(hz);
        const cpg = new CpgNetwork({ integrator, coupling: 1 });
        let rMax = 0;
        let rMin = Infinity;
        for (let k = 0; k < 20 * hz; k++) {
          for (let i = 0; i < 4; i++) {
            cpg.mu[i] = rng.uniform(1, 2);
            cpg.omega[i] = 2 * Math.PI * rng.uniform(0, 4.5);
          }
          cpg.step(1 / hz);
          for (let i = 0; i < 4; i++) {
            rMax = Math.max(rMax, cpg.r[i]!);
            rMin = Math.min(rMin, cpg.r[i]!);
            const th = cpg.theta[i]!;
            if (!(th >= 0 && th < 2 * Math.PI)) throw new Error(`θ = ${th} at step ${k}`);
          }
        }
        expect(rMin).toBeGreaterThanOrEqual(0);
        // μ_max = 2; the exact integrator never overshoots, the Euler one by under 1%.
        expect(rMax).toBeLessThanOrEqual(2 * (integrator === 'exact' ? 1 + 1e-9 : 1.01));
      }
    },
  );
});

describe('cpgEigenvalues', () => {
  it('has angle ω·Δt and radius exp(−aΔt/2) for the exact integrator', () => {
    const cpg = new CpgNetwork();
    cpg.omega.set([1, 2, 3, 4]);
    const e = cpgEigenvalues(cpg, 0.02);
    for (let i = 0; i < 4; i++) {
      expect(e.angle[i]).toBeCloseTo((i + 1) * 0.02, 12);
      expect(e.modulus[i]).toBeCloseTo(Math.exp(-1.5), 12);
      expect(Math.hypot(e.re[i]!, e.im[i]!)).toBeCloseTo(e.modulus[i]!, 12);
    }
  });

  it('predicts the measured per-step contraction of the semi-implicit amplitude error', () => {
    const cpg = new CpgNetwork({ integrator: 'semi-implicit', coupling: 0 });
    cpg.reset(1);
    cpg.mu.fill(1.5);
    const dt = 0.01;
    const errs: number[] = [];
    for (let k = 0; k < 30; k++) {
      cpg.step(dt);
      errs.push(Math.abs(cpg.r[0]! - 1.5));
    }
    const measured = errs[29]! / errs[28]!;
    const rho = cpgEigenvalues(cpg, dt).modulus[0]!;
    expect(rho).toBeCloseTo(semiImplicitRadius(150, 0.001) ** 10, 12);
    expect(Math.abs(measured - rho) / rho).toBeLessThan(0.02);
  });

  it('uses the Hopf linearisation 1 − 2αμh per sub-step', () => {
    const cpg = new CpgNetwork({ amplitudeModel: 'hopf' });
    cpg.mu.fill(1);
    expect(cpgEigenvalues(cpg, 0.01).modulus[0]).toBeCloseTo(0.9 ** 10, 12);
  });
});
