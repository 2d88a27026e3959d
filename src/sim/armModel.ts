import type { Radians, WorldVec3 } from './units';

/**
 * The reaching arm: a yaw turret and a two-link pitch arm (shoulder, elbow) over a table.
 * Link lengths, masses, COM distances and inertias follow the Li & Todorov (2004) arm
 * (SCIENCE.md §10.3): l1 = 0.30 m, l2 = 0.33 m, m1 = 1.4 kg, m2 = 1.0 kg, s1 = 0.11 m,
 * s2 = 0.16 m, I1 = 0.025 kg·m², I2 = 0.045 kg·m². The turret adds the yaw that lets the
 * hand move over the table plane; its elbow-up pose keeps the forearm off the table.
 *
 * Frames: world y up, table top at y = 0, the arm reaches along +x. At q = 0 both links point
 * along +x. Yaw turns about +y (positive turns +x toward -z); shoulder and elbow turn about the
 * turret's +z (positive lifts the link).
 */
export const ARM = {
  shoulder: { x: 0, y: 0.25, z: 0 } as WorldVec3,
  l1: 0.3,
  l2: 0.33,
  m0: 0.6, // turret, kg
  m1: 1.4,
  m2: 1.0,
  s1: 0.11,
  s2: 0.16,
  I1: 0.025,
  I2: 0.045,
  /** Hand sphere radius at the forearm tip, m. */
  handRadius: 0.025,
  /** Joint limits [min, max], rad: yaw, shoulder, elbow. */
  limits: [
    [-1.3, 1.3],
    [-0.6, 1.6],
    [-2.7, 0.2],
  ] as const,
  /** PD gains (N·m/rad, N·m·s/rad) and torque clamp (N·m) per joint. DESIGN.md, measured. */
  kp: [1000, 1500, 300] as const,
  kd: [15, 15, 4] as const,
  maxTorque: [60, 80, 40] as const,
} as const;

export type JointVec = [Radians, Radians, Radians];

/** Hand position (world) for joint angles q = (yaw, shoulder, elbow). */
export function forwardKinematics(q: ArrayLike<number>, out?: WorldVec3): WorldVec3 {
  const [yaw, sh, el] = [q[0]!, q[1]!, q[2]!];
  const r = ARM.l1 * Math.cos(sh) + ARM.l2 * Math.cos(sh + el);
  const h = ARM.l1 * Math.sin(sh) + ARM.l2 * Math.sin(sh + el);
  const o = out ?? { x: 0, y: 0, z: 0 };
  o.x = ARM.shoulder.x + r * Math.cos(yaw);
  o.y = ARM.shoulder.y + h;
  o.z = ARM.shoulder.z - r * Math.sin(yaw);
  return o;
}

/**
 * Elbow-up inverse kinematics. Returns false (and leaves `out` alone) when the point is out of
 * reach; a point closer than |l1 - l2| or farther than l1 + l2 has no solution.
 */
export function inverseKinematics(p: WorldVec3, out: number[] | Float64Array): boolean {
  const dx = p.x - ARM.shoulder.x;
  const dy = p.y - ARM.shoulder.y;
  const dz = p.z - ARM.shoulder.z;
  const r = Math.hypot(dx, dz);
  const d2 = r * r + dy * dy;
  const c3 = (d2 - ARM.l1 * ARM.l1 - ARM.l2 * ARM.l2) / (2 * ARM.l1 * ARM.l2);
  if (c3 > 1 || c3 < -1) return false;
  const el = -Math.acos(c3);
  const sh = Math.atan2(dy, r) + Math.atan2(ARM.l2 * Math.sin(-el), ARM.l1 + ARM.l2 * Math.cos(el));
  out[0] = Math.atan2(-dz, dx);
  out[1] = sh;
  out[2] = el;
  return true;
}
