/** Small quaternion helpers on plain {x, y, z, w} objects (Rapier's Rotation shape). */
export type Quat = { x: number; y: number; z: number; w: number };
export type Vec3 = { x: number; y: number; z: number };

export const IDENTITY: Readonly<Quat> = { x: 0, y: 0, z: 0, w: 1 };

/** Rotation by angle a (rad) about the unit axis (x, y, z). */
export function quatAxis(x: number, y: number, z: number, a: number): Quat {
  const s = Math.sin(a / 2);
  return { x: x * s, y: y * s, z: z * s, w: Math.cos(a / 2) };
}

/** a ∘ b (apply b, then a). */
export function quatMul(a: Quat, b: Quat): Quat {
  return {
    w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
  };
}

/** Rotates v by q; writes and returns out. */
export function rotate(q: Quat, v: Vec3, out: Vec3 = { x: 0, y: 0, z: 0 }): Vec3 {
  // t = 2 q×v; v' = v + w t + q×t
  const tx = 2 * (q.y * v.z - q.z * v.y);
  const ty = 2 * (q.z * v.x - q.x * v.z);
  const tz = 2 * (q.x * v.y - q.y * v.x);
  const x = v.x + q.w * tx + (q.y * tz - q.z * ty);
  const y = v.y + q.w * ty + (q.z * tx - q.x * tz);
  const z = v.z + q.w * tz + (q.x * ty - q.y * tx);
  out.x = x;
  out.y = y;
  out.z = z;
  return out;
}

/** Rotates v by the inverse of q (world → body). */
export function rotateInv(q: Quat, v: Vec3, out: Vec3 = { x: 0, y: 0, z: 0 }): Vec3 {
  return rotate({ x: -q.x, y: -q.y, z: -q.z, w: q.w }, v, out);
}

/** Heading (rad) of a body whose forward axis is +x, about world +y: positive turns left. */
export function yawOf(q: Quat): number {
  // Forward axis in world: R·(1, 0, 0); yaw = atan2(−f_z, f_x).
  const fx = 1 - 2 * (q.y * q.y + q.z * q.z);
  const fz = 2 * (q.x * q.z - q.w * q.y);
  return Math.atan2(-fz, fx);
}
