import { Object3D } from 'three';
import { describe, expect, it } from 'vitest';
import { ARM, forwardKinematics } from '../sim/armModel';
import { applyBodyPose, restPoses } from './poseLerp';

describe('restPoses', () => {
  it('puts the hand (forearm frame + l2 along its +x) where forward kinematics says', () => {
    const q = [0.3, 0.4, -1.2];
    const poses = restPoses(q);
    const fore = new Object3D();
    applyBodyPose(fore, poses, poses, 2, 1);
    fore.updateMatrixWorld();
    const hand = fore.localToWorld(fore.position.clone().set(ARM.l2, 0, 0));
    const fk = forwardKinematics(q);
    expect(hand.x).toBeCloseTo(fk.x, 5);
    expect(hand.y).toBeCloseTo(fk.y, 5);
    expect(hand.z).toBeCloseTo(fk.z, 5);
  });
});

describe('applyBodyPose', () => {
  it('lerps positions and slerps rotations halfway at alpha = 0.5', () => {
    const a = restPoses([0, 0, 0]);
    const b = restPoses([0, 0, -1]);
    const fore = new Object3D();
    applyBodyPose(fore, a, b, 2, 0.5);
    const mid = restPoses([0, 0, -0.5]);
    // The elbow does not move when only the elbow turns; the rotation is the half angle.
    expect(fore.position.x).toBeCloseTo(mid[14]!, 6);
    expect(fore.quaternion.z).toBeCloseTo(mid[19]!, 6);
    expect(fore.quaternion.w).toBeCloseTo(mid[20]!, 6);
  });
});
