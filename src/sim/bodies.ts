import type { RigidBody } from '@dimforge/rapier3d-compat';
import type { Fnv1a } from './hash';

/** Writes pos (3) + quat xyzw (4) of each body into out from offset: bodies.length × 7 floats. */
export function writeBodyPoses(bodies: readonly RigidBody[], out: Float32Array, offset = 0): void {
  let k = offset;
  for (const b of bodies) {
    const t = b.translation();
    const r = b.rotation();
    out[k++] = t.x;
    out[k++] = t.y;
    out[k++] = t.z;
    out[k++] = r.x;
    out[k++] = r.y;
    out[k++] = r.z;
    out[k++] = r.w;
  }
}

/**
 * Adds every body's pose and velocity (position, quaternion, linear and angular velocity, in that
 * order) to h: the world hash, equal only for bit-identical worlds.
 */
export function hashBodies(bodies: readonly RigidBody[], h: Fnv1a): Fnv1a {
  for (const b of bodies) {
    const t = b.translation();
    const r = b.rotation();
    const v = b.linvel();
    const w = b.angvel();
    h.addNumber(t.x).addNumber(t.y).addNumber(t.z);
    h.addNumber(r.x).addNumber(r.y).addNumber(r.z).addNumber(r.w);
    h.addNumber(v.x).addNumber(v.y).addNumber(v.z);
    h.addNumber(w.x).addNumber(w.y).addNumber(w.z);
  }
  return h;
}
