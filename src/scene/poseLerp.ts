import { Quaternion, Vector3, type Object3D } from 'three';
import { CENTER_POSTURE } from '../control/reachExpert';
import { ARM } from '../sim/armModel';
import { ARM_BODY_COUNT } from '../sim/armWorld';

/** Floats per body in a snapshot's `poses`: x, y, z, qx, qy, qz, qw (world frame). */
export const POSE_STRIDE = 7;

// Scratch for the frame loop: interpolation allocates nothing.
const p0 = new Vector3();
const p1 = new Vector3();
const q0 = new Quaternion();
const q1 = new Quaternion();

/**
 * Sets `obj`'s position and rotation to body `i` between two pose arrays: positions lerped,
 * rotations slerped (shortest arc) by `alpha` in [0, 1] (0 = prev, 1 = next).
 */
export function applyBodyPose(
  obj: Object3D,
  prev: ArrayLike<number>,
  next: ArrayLike<number>,
  i: number,
  alpha: number,
): void {
  const k = i * POSE_STRIDE;
  p0.fromArray(prev, k);
  p1.fromArray(next, k);
  obj.position.lerpVectors(p0, p1, alpha);
  q0.fromArray(prev, k + 3);
  q1.fromArray(next, k + 3);
  obj.quaternion.slerpQuaternions(q0, q1, alpha);
}

/**
 * Body poses for joint angles q = (yaw, shoulder, elbow), in the snapshot layout: what the arm
 * shows before the first snapshot. Mirrors ArmWorld.setPose (turret yaw about +y, the links
 * pitch about the turret's +z, the forearm frame at the elbow).
 */
export function restPoses(q: readonly number[] = CENTER_POSTURE): Float32Array {
  const [yaw = 0, sh = 0, el = 0] = q;
  const s = new Vector3(ARM.shoulder.x, ARM.shoulder.y, ARM.shoulder.z);
  const qYaw = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), yaw);
  const z = new Vector3(0, 0, 1);
  const qUpper = qYaw.clone().multiply(new Quaternion().setFromAxisAngle(z, sh));
  const qFore = qYaw.clone().multiply(new Quaternion().setFromAxisAngle(z, sh + el));
  const elbow = new Vector3(ARM.l1, 0, 0).applyQuaternion(qUpper).add(s);
  const out = new Float32Array(ARM_BODY_COUNT * POSE_STRIDE);
  const bodies: [Vector3, Quaternion][] = [
    [s, qYaw],
    [s, qUpper],
    [elbow, qFore],
  ];
  bodies.forEach(([p, r], i) => {
    p.toArray(out, i * POSE_STRIDE);
    r.toArray(out, i * POSE_STRIDE + 3);
  });
  return out;
}
