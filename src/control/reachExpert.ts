import { ARM, inverseKinematics } from '../sim/armModel';
import type { ReachTask } from '../sim/reachTask';
import { REACH } from '../sim/reachTask';
import type { WorldVec3 } from '../sim/units';
import { minJerk } from './minJerk';

/**
 * The analytic reaching expert: a minimum-jerk path in Cartesian space, through elbow-up inverse
 * kinematics, to joint targets that the PD loop tracks. It re-plans from the hand's actual
 * position at each phase change, so it labels a learner's own states (DAgger) correctly.
 */
export const EXPERT = {
  /** Duration of a reach and of the return to center, s. */
  reachS: 0.42,
  returnS: 0.4,
} as const;

/** Joint posture with the hand on the center, and the action scale around it (rad per unit). */
export const CENTER_POSTURE: readonly number[] = (() => {
  const q = [0, 0, 0];
  inverseKinematics(REACH.center, q);
  return q;
})();
export const ACTION_SCALE: readonly number[] = [0.6, 0.8, 1.0];

/** Joint targets (rad) from a normalised action in [-1, 1]. */
export function actionToJointTargets(action: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < 3; i++) {
    const a = Math.max(-1, Math.min(1, action[i]!));
    const [lo, hi] = ARM.limits[i]!;
    out[i] = Math.max(lo, Math.min(hi, CENTER_POSTURE[i]! + ACTION_SCALE[i]! * a));
  }
}

export class ReachExpert {
  private serial = -1;
  private readonly from: WorldVec3 = { x: 0, y: 0, z: 0 };
  private readonly to: WorldVec3 = { x: 0, y: 0, z: 0 };
  private duration = 1;
  private readonly p: WorldVec3 = { x: 0, y: 0, z: 0 };
  private readonly qDes = [0, 0, 0];

  reset(): void {
    this.serial = -1;
  }

  /** Writes the normalised action for the current task state and hand position. */
  act(task: ReachTask, hand: WorldVec3, out: Float32Array | Float64Array): void {
    if (task.phaseSerial !== this.serial) {
      this.serial = task.phaseSerial;
      if (task.phase === 'move') {
        Object.assign(this.from, hand);
        Object.assign(this.to, task.target);
        this.duration = EXPERT.reachS;
      } else if (task.phase === 'hold') {
        Object.assign(this.from, hand);
        Object.assign(this.to, REACH.center);
        this.duration = EXPERT.returnS;
      }
      // 'delay' keeps the plan that brought the hand to the center.
    }
    const s = task.phase === 'delay' ? 1 : minJerk(task.phaseTime / this.duration);
    this.p.x = this.from.x + (this.to.x - this.from.x) * s;
    this.p.y = this.from.y + (this.to.y - this.from.y) * s;
    this.p.z = this.from.z + (this.to.z - this.from.z) * s;
    if (task.phase === 'delay') Object.assign(this.p, REACH.center);
    inverseKinematics(this.p, this.qDes);
    for (let i = 0; i < 3; i++)
      out[i] = Math.max(-1, Math.min(1, (this.qDes[i]! - CENTER_POSTURE[i]!) / ACTION_SCALE[i]!));
  }
}
