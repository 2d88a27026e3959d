import { describe, expect, it } from 'vitest';
import { ARM, forwardKinematics, inverseKinematics } from './armModel';

describe('arm kinematics', () => {
  it('puts the hand at l1 + l2 straight ahead when all joints are zero', () => {
    const p = forwardKinematics([0, 0, 0]);
    expect(p.x).toBeCloseTo(ARM.l1 + ARM.l2, 12);
    expect(p.y).toBeCloseTo(ARM.shoulder.y, 12);
    expect(p.z).toBeCloseTo(0, 12);
  });

  it('turns positive yaw toward -z and positive shoulder upward', () => {
    const p = forwardKinematics([Math.PI / 2, 0, 0]);
    expect(p.z).toBeCloseTo(-(ARM.l1 + ARM.l2), 12);
    const up = forwardKinematics([0, Math.PI / 2, 0]);
    expect(up.y).toBeCloseTo(ARM.shoulder.y + ARM.l1 + ARM.l2, 12);
  });

  it('inverts forward kinematics on the elbow-up branch', () => {
    for (const q of [
      [0.2, 0.4, -1.2],
      [-0.3, 0.1, -0.9],
      [0.0, 0.7, -2.0],
    ]) {
      const p = forwardKinematics(q);
      const back = [0, 0, 0];
      expect(inverseKinematics(p, back)).toBe(true);
      back.forEach((v, i) => expect(v).toBeCloseTo(q[i]!, 10));
    }
  });

  it('refuses points out of reach instead of returning NaN', () => {
    const out = [9, 9, 9];
    expect(inverseKinematics({ x: 2, y: 0.25, z: 0 }, out)).toBe(false);
    expect(out).toEqual([9, 9, 9]);
  });
});
