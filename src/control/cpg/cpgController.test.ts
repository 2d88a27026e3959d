import { describe, expect, it } from 'vitest';
import { CPG_ACTION_RANGES, CpgController, scaleAction } from './cpgController';
import { GAIT_OFFSETS, type GaitName } from './gaits';

const DT = 0.02; // 50 Hz control

function make(gait: GaitName, freqHz: number, mu: number): CpgController {
  const c = new CpgController({ gait, coupling: 1 });
  c.cpg.omega.fill(2 * Math.PI * freqHz);
  c.cpg.mu.fill(mu);
  return c;
}

/** Largest joint-target change over one control step during `seconds` of running. */
function maxStep(c: CpgController, seconds: number): number {
  const prev = new Float64Array(12);
  let m = 0;
  for (let k = 0; k < Math.round(seconds / DT); k++) {
    prev.set(c.qTarget);
    c.advance(DT);
    for (let j = 0; j < 12; j++) m = Math.max(m, Math.abs(c.qTarget[j]! - prev[j]!));
  }
  return m;
}

describe('CpgController', () => {
  it('maps a normalised action to μ ∈ [1, 2] and f ∈ [0, 4.5] Hz, clipped', () => {
    expect(scaleAction(-1, CPG_ACTION_RANGES.mu)).toBe(1);
    expect(scaleAction(0, CPG_ACTION_RANGES.mu)).toBe(1.5);
    expect(scaleAction(7, CPG_ACTION_RANGES.freqHz)).toBe(4.5);
    expect(scaleAction(NaN, CPG_ACTION_RANGES.freqHz)).toBe(0);
    const c = new CpgController();
    c.setAction([1, 1, -1, -1, 0, 0, 1, -1]);
    expect([...c.cpg.mu]).toEqual([2, 2, 1, 1]);
    expect(c.cpg.omega[2]).toBeCloseTo(2 * Math.PI * 4.5, 12);
  });

  it('starts every trot foot on the ground at the nominal height, directly under its hip', () => {
    const c = new CpgController({ gait: 'trot' });
    for (let i = 0; i < 4; i++) {
      expect(c.footTarget[i * 3]).toBeCloseTo(0, 12);
      expect(c.footTarget[i * 3 + 2]).toBeCloseTo(-c.foot.height, 12);
    }
  });

  it('switches trot → bound mid-stride without a jump: per-step change within the rate bound', () => {
    const f = 2;
    const mu = 1.6;
    const c = make('trot', f, mu);
    const sOld = maxStep(c, 3.13); // ends mid-stride
    const sNew = maxStep(make('bound', f, mu), 3);
    // Coupling can add up to Σ_j r_j w = 3·μ rad/s to the phase rate while the phases re-lock.
    const omega = 2 * Math.PI * f;
    const bound = 1.05 * Math.max(sOld, sNew) * ((omega + 3 * mu) / omega);
    c.setGait('bound');
    const after = maxStep(c, 4);
    expect(after).toBeLessThanOrEqual(bound);
    // It really re-locked to bound (FR with FL, RR with RL in anti-phase to the front).
    const th = c.cpg.theta;
    expect(Math.abs(Math.sin((th[1]! - th[0]!) / 2))).toBeLessThan(0.02);
    expect(Math.abs(Math.cos((th[2]! - th[0]!) / 2))).toBeLessThan(0.02);
    // The test has teeth: resetting the phases to the new offsets would jump past the bound.
    const naive = make('trot', f, mu);
    maxStep(naive, 3.13);
    const before = Float64Array.from(naive.qTarget);
    const p = GAIT_OFFSETS.bound;
    for (let i = 0; i < 4; i++) naive.cpg.theta[i] = naive.cpg.theta[0]! + p[i]!;
    naive.computeTargets();
    const jump = Math.max(...before.map((v, j) => Math.abs(naive.qTarget[j]! - v)));
    expect(jump).toBeGreaterThan(bound);
  });

  it('switches frequency 1.5 → 3.5 Hz mid-stride within the rate the new frequency implies', () => {
    const mu = 1.7;
    const c = make('trot', 1.5, mu);
    maxStep(c, 2.37);
    const sNew = maxStep(make('trot', 3.5, mu), 3);
    c.cpg.omega.fill(2 * Math.PI * 3.5);
    expect(maxStep(c, DT)).toBeLessThanOrEqual(1.05 * sNew);
    expect(maxStep(c, 3)).toBeLessThanOrEqual(1.05 * sNew);
  });
});
