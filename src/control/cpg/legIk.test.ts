import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../lib/random';
import { A1 } from '../../sim/quadruped/a1Model';
import { FOOT_MAP_DEFAULTS, footPosition, warpPhase } from './footMap';
import { legForward, legInverse } from './legIk';

describe('A1 leg kinematics', () => {
  it('puts the foot 0.248644 m below the hip at home (0, 0.9, −1.8) (SCIENCE §10.1)', () => {
    const p = [0, 0, 0];
    legForward(A1.home, 1, p);
    expect(p[0]).toBeCloseTo(0, 6);
    expect(p[1]).toBeCloseTo(A1.thighOffset, 9);
    expect(p[2]).toBeCloseTo(-0.248644, 6);
  });

  it('inverts its forward kinematics on random foot-below-hip postures, both sides', () => {
    const rng = new SeededRandom(7);
    const p = [0, 0, 0];
    const q = [0, 0, 0];
    for (let k = 0; k < 500; k++) {
      const side = k % 2 ? 1 : -1;
      const q0 = [rng.uniform(-0.6, 0.6), rng.uniform(-0.5, 2.0), rng.uniform(-2.6, -1.0)];
      // The IK picks the foot-below-the-hip branch (sagittal z < 0), the walking workspace.
      if (-A1.thighLength * Math.cos(q0[1]!) - A1.calfLength * Math.cos(q0[1]! + q0[2]!) > -0.03) {
        continue;
      }
      legForward(q0, side, p);
      legInverse(p[0]!, p[1]!, p[2]!, side, q);
      for (let j = 0; j < 3; j++) expect(q[j]).toBeCloseTo(q0[j]!, 6);
    }
  });

  it('pulls an unreachable target onto the workspace boundary instead of returning NaN', () => {
    const q = [0, 0, 0];
    legInverse(0.3, 0.1, -0.6, 1, q);
    expect(q.every(Number.isFinite)).toBe(true);
  });
});

describe('footPosition (SCIENCE §1.3 table: d = 0.15, h = 0.25, g_c = 0.10, g_p = 0.01)', () => {
  const p = { dStep: 0.15, height: 0.25, clearance: 0.1, penetration: 0.01, duty: 0.5 };
  it.each([
    [2, 0, -0.15, -0.25],
    [2, Math.PI / 2, 0, -0.15],
    [2, Math.PI, 0.15, -0.25],
    [2, (3 * Math.PI) / 2, 0, -0.26],
    [1, 1.234, 0, -0.25 + 0.1 * Math.sin(1.234)],
  ])('maps (r, θ) = (%f, %f) to (x, z) = (%f, %f)', (r, th, x, z) => {
    const out = [0, 0];
    footPosition(r, th, p, out);
    expect(out[0]).toBeCloseTo(x, 9);
    expect(out[1]).toBeCloseTo(z, 9);
  });

  it('warps the phase for a duty factor: swing spans the first 1 − D of the cycle, continuously', () => {
    expect(warpPhase(0.25 * Math.PI, 0.75)).toBeCloseTo(Math.PI / 2, 12); // swing apex
    expect(warpPhase(0.5 * Math.PI, 0.75)).toBeCloseTo(Math.PI, 12); // touchdown
    expect(warpPhase(1.25 * Math.PI, 0.75)).toBeCloseTo(1.5 * Math.PI, 12); // mid-stance
    expect(warpPhase(2 * Math.PI - 1e-12, 0.75)).toBeCloseTo(2 * Math.PI, 9);
    for (let t = 0; t < 2 * Math.PI; t += 0.01) expect(warpPhase(t, 0.5)).toBeCloseTo(t, 12);
  });

  it('has defaults inside the CPG-RL ranges', () => {
    expect(FOOT_MAP_DEFAULTS.clearance).toBeGreaterThanOrEqual(0.07);
    expect(FOOT_MAP_DEFAULTS.penetration).toBeLessThanOrEqual(0.02);
  });
});
