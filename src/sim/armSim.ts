import { SeededRandom } from '../lib/random';
import { actionToJointTargets, CENTER_POSTURE } from '../control/reachExpert';
import { forwardKinematics, inverseKinematics } from './armModel';
import { ARM_PHYSICS_DT, ArmWorld } from './armWorld';
import { loadRapier } from './rapier';
import { REACH, ReachTask, type TargetMode, type TrialRecord } from './reachTask';
import type { WorldVec3 } from './units';

/** Physics steps per control tick: 240 Hz physics, 60 Hz control. */
export const ARM_DECIMATION = 4;
export const ARM_CONTROL_DT = ARM_PHYSICS_DT * ARM_DECIMATION;
export const ARM_CONTROL_HZ = 1 / ARM_CONTROL_DT;

/**
 * Observation layout of the arm (policy contract v1, `obs`): name and the scale applied to the
 * raw quantity (after subtracting its offset). The card repeats this table.
 */
export const ARM_OBS_LAYOUT = [
  { name: 'q_yaw', unit: 'rad', offset: 'center posture', scale: 1 },
  { name: 'q_shoulder', unit: 'rad', offset: 'center posture', scale: 1 },
  { name: 'q_elbow', unit: 'rad', offset: 'center posture', scale: 1 },
  { name: 'qd_yaw', unit: 'rad/s', scale: 0.1 },
  { name: 'qd_shoulder', unit: 'rad/s', scale: 0.1 },
  { name: 'qd_elbow', unit: 'rad/s', scale: 0.1 },
  { name: 'hand_dx', unit: 'm', offset: 'reach center', scale: 10 },
  { name: 'hand_dy', unit: 'm', offset: 'reach center', scale: 10 },
  { name: 'hand_dz', unit: 'm', offset: 'reach center', scale: 10 },
  { name: 'target_dx', unit: 'm', offset: 'reach center; 0 while hidden', scale: 10 },
  { name: 'target_dy', unit: 'm', offset: 'reach center; 0 while hidden', scale: 10 },
  { name: 'target_dz', unit: 'm', offset: 'reach center; 0 while hidden', scale: 10 },
  { name: 'target_visible', unit: '0/1', scale: 1 },
  { name: 'go_cue', unit: '0/1', scale: 1 },
] as const;
export const ARM_OBS_DIM = ARM_OBS_LAYOUT.length;
export const ARM_ACT_DIM = 3;

export interface ArmSimOptions {
  seed: number;
  mode?: TargetMode;
  /** 'random' starts the hand up to 6 cm off the center horizontally and up to 8 cm above it. */
  start?: 'center' | 'random';
  /** Center-out directions to visit first, in order (see ReachTask). */
  directions?: readonly number[];
}

/**
 * The arm scenario as a pure function of (seed, mode, actions): a Rapier world, the reaching
 * task and the fixed-step loop with the control rate as a decimation of the physics rate.
 * Lockstep: `controlStep` takes the action for this tick and only then advances the world.
 */
export class ArmSim {
  readonly task: ReachTask;
  readonly hand: WorldVec3 = { x: 0, y: 0, z: 0 };
  tick = 0;
  private readonly qTarget = new Float64Array(3);

  private constructor(
    readonly arm: ArmWorld,
    rng: SeededRandom,
    mode: TargetMode,
    directions: readonly number[] = [],
  ) {
    this.task = new ReachTask(rng, mode, directions);
    forwardKinematics(arm.q, this.hand);
  }

  static async create(opts: ArmSimOptions): Promise<ArmSim> {
    const R = await loadRapier();
    const rng = new SeededRandom(opts.seed);
    const q0 = [...CENTER_POSTURE];
    if (opts.start === 'random') {
      // A random hand position above the table near the center, reached by IK: never inside the table.
      const c = REACH.center;
      const p = {
        x: c.x + rng.uniform(-0.06, 0.06),
        y: c.y + rng.uniform(0, 0.08),
        z: c.z + rng.uniform(-0.06, 0.06),
      };
      inverseKinematics(p, q0);
    }
    return new ArmSim(new ArmWorld(R, q0), rng, opts.mode ?? 'center-out', opts.directions);
  }

  /** Writes the normalised observation (ARM_OBS_LAYOUT) into out. */
  observe(out: Float32Array): void {
    const q = this.arm.q;
    const qd = this.arm.qd;
    const c = REACH.center;
    for (let i = 0; i < 3; i++) {
      out[i] = q[i]! - CENTER_POSTURE[i]!;
      out[3 + i] = 0.1 * qd[i]!;
    }
    out[6] = 10 * (this.hand.x - c.x);
    out[7] = 10 * (this.hand.y - c.y);
    out[8] = 10 * (this.hand.z - c.z);
    const vis = this.task.targetVisible;
    const t = this.task.target;
    out[9] = vis ? 10 * (t.x - c.x) : 0;
    out[10] = vis ? 10 * (t.y - c.y) : 0;
    out[11] = vis ? 10 * (t.z - c.z) : 0;
    out[12] = vis ? 1 : 0;
    out[13] = this.task.go ? 1 : 0;
  }

  /** Applies a normalised action for one control tick; returns trials that ended during it. */
  controlStep(action: ArrayLike<number>): TrialRecord[] {
    actionToJointTargets(action, this.qTarget);
    const ended: TrialRecord[] = [];
    for (let k = 0; k < ARM_DECIMATION; k++) {
      this.arm.step(this.qTarget);
      this.arm.readJoints();
      forwardKinematics(this.arm.q, this.hand);
      const rec = this.task.update(ARM_PHYSICS_DT, this.hand);
      if (rec) ended.push(rec);
    }
    this.tick++;
    return ended;
  }

  hash(): string {
    return this.arm.hash();
  }

  free(): void {
    this.arm.free();
  }
}
