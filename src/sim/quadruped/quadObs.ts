import type { CpgController } from '../../control/cpg/cpgController';
import type { QuadCommand } from '../../control/cpg/cpgExpert';
import { A1, LEG_NAMES } from './a1Model';
import { rotateInv, type Vec3 } from './quat';
import type { QuadWorld } from './quadWorld';

/** One entry of an observation layout: name, unit, what is subtracted, scale applied after. */
export interface ObsEntry {
  name: string;
  unit: string;
  offset?: string;
  scale: number;
}

const JOINT_NAMES = ['abd', 'hip', 'knee'] as const;
const AXES3 = ['x', 'y', 'z'] as const;

/**
 * Observation of the quadruped (47 values). Body frame: x forward, y up, z right.
 * Entries: gravity direction in the body frame (unit vector, (0, −1, 0) when level), trunk
 * angular velocity and linear velocity in the body frame, joint angles minus home, joint
 * velocities, CPG state per leg (r, cos θ, sin θ), command (vx, yaw rate).
 */
export const QUAD_OBS_LAYOUT: readonly ObsEntry[] = [
  ...AXES3.map((a) => ({ name: `gravity_${a}`, unit: '1', scale: 1 })),
  ...AXES3.map((a) => ({ name: `angvel_${a}`, unit: 'rad/s', scale: 0.25 })),
  ...AXES3.map((a) => ({ name: `linvel_${a}`, unit: 'm/s', scale: 1 })),
  ...LEG_NAMES.flatMap((l) =>
    JOINT_NAMES.map((j) => ({ name: `q_${l}_${j}`, unit: 'rad', offset: 'home', scale: 1 })),
  ),
  ...LEG_NAMES.flatMap((l) =>
    JOINT_NAMES.map((j) => ({ name: `qd_${l}_${j}`, unit: 'rad/s', scale: 0.05 })),
  ),
  ...LEG_NAMES.flatMap((l) => [
    { name: `cpg_r_${l}`, unit: '1', offset: '1.5', scale: 2 },
    { name: `cpg_cos_${l}`, unit: '1', scale: 1 },
    { name: `cpg_sin_${l}`, unit: '1', scale: 1 },
  ]),
  { name: 'cmd_vx', unit: 'm/s', scale: 1 },
  { name: 'cmd_yaw_rate', unit: 'rad/s', scale: 1 },
];
export const QUAD_OBS_DIM = QUAD_OBS_LAYOUT.length;

const v: Vec3 = { x: 0, y: 0, z: 0 };
const down: Vec3 = { x: 0, y: -1, z: 0 };

/** Writes the observation (QUAD_OBS_LAYOUT) into out[0..QUAD_OBS_DIM). Reads q/qd as last read. */
export function writeQuadObs(
  w: QuadWorld,
  ctrl: CpgController,
  cmd: QuadCommand,
  out: Float32Array,
): void {
  const r = w.trunk.rotation();
  let k = 0;
  rotateInv(r, down, v);
  out[k++] = v.x;
  out[k++] = v.y;
  out[k++] = v.z;
  rotateInv(r, w.trunk.angvel(), v);
  out[k++] = 0.25 * v.x;
  out[k++] = 0.25 * v.y;
  out[k++] = 0.25 * v.z;
  rotateInv(r, w.trunk.linvel(), v);
  out[k++] = v.x;
  out[k++] = v.y;
  out[k++] = v.z;
  for (let j = 0; j < 12; j++) out[k++] = w.q[j]! - A1.home[j % 3]!;
  for (let j = 0; j < 12; j++) out[k++] = 0.05 * w.qd[j]!;
  for (let i = 0; i < 4; i++) {
    out[k++] = 2 * (ctrl.cpg.r[i]! - 1.5);
    out[k++] = Math.cos(ctrl.cpg.theta[i]!);
    out[k++] = Math.sin(ctrl.cpg.theta[i]!);
  }
  out[k++] = cmd.vx;
  out[k++] = cmd.yawRate;
}
