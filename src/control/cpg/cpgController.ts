import { A1, LEG_SIDE } from '../../sim/quadruped/a1Model';
import { CpgNetwork, type CpgOptions } from './cpgNetwork';
import { FOOT_MAP_DEFAULTS, footPosition, type FootMapParams } from './footMap';
import { GAIT_DUTY, type GaitName } from './gaits';
import { legInverse } from './legIk';

/**
 * The CPG action of a policy (CPG-RL): 8 values in [−1, 1], μ_i for FR, FL, RR, RL then the
 * frequency f_i of each leg, each mapped linearly to its range and clipped (SCIENCE §1.4).
 */
export const CPG_ACTION_DIM = 8;
export const CPG_ACTION_RANGES = {
  /** Target amplitude μ (dimensionless). */
  mu: [1, 2] as const,
  /** Mean stepping frequency, Hz (ω = 2π f). */
  freqHz: [0, 4.5] as const,
};

/** value = lo + (a + 1)(hi − lo)/2, clipped to [lo, hi]. */
export function scaleAction(a: number, range: readonly [number, number]): number {
  const v = range[0] + 0.5 * (a + 1) * (range[1] - range[0]);
  return v < range[0] ? range[0] : v > range[1] ? range[1] : Number.isFinite(v) ? v : range[0];
}

/** Fastest change of the foot map's duty factor during a gait switch, 1/s. */
export const DUTY_RATE = 0.3;

/**
 * CPG → foot trajectories → leg inverse kinematics → 12 joint targets (rad, legs FR, FL, RR, RL,
 * each abduction, hip, knee). Pure: no physics. `advance(dt)` integrates the CPG (sub-stepped)
 * and recomputes the targets; the inputs (μ, ω, gait, height offsets) are held between calls.
 * A gait switch slides both the phase offsets (CpgNetwork) and the duty factor (at DUTY_RATE),
 * so the joint targets never jump.
 */
export class CpgController {
  readonly cpg: CpgNetwork;
  readonly foot: FootMapParams;
  /** Per-leg offset added to the foot height (m, leg frame z): attitude feedback of an expert. */
  readonly heightOffset = new Float64Array(4);
  /** Per-leg forward offset of the foot (m, leg frame x). */
  readonly forwardOffset = new Float64Array(4);
  /** Joint targets, rad, 12 values. */
  readonly qTarget = new Float64Array(12);
  /** Foot targets in the leg frame (x, y, z per leg), m. */
  readonly footTarget = new Float64Array(12);
  /** Duty factor the foot map is sliding toward. */
  dutyTarget: number;
  private readonly xz = new Float64Array(2);

  constructor(cpgOptions: CpgOptions = {}, foot: Partial<FootMapParams> = {}) {
    this.cpg = new CpgNetwork(cpgOptions);
    this.foot = { ...FOOT_MAP_DEFAULTS, duty: GAIT_DUTY[this.cpg.gait], ...foot };
    this.dutyTarget = this.foot.duty;
    this.computeTargets();
  }

  /** Starts a smooth switch to `gait` (phase offsets and duty factor slide; no jump). */
  setGait(gait: GaitName): void {
    this.cpg.setGait(gait);
    this.dutyTarget = GAIT_DUTY[gait];
  }

  /** Resets the oscillators (CpgNetwork.reset) in `gait` with its duty factor, at once. */
  reset(gait: GaitName = this.cpg.gait, r0 = 1): void {
    this.cpg.setGait(gait);
    this.cpg.reset(r0);
    this.foot.duty = this.dutyTarget = GAIT_DUTY[gait];
    this.heightOffset.fill(0);
    this.forwardOffset.fill(0);
    this.computeTargets();
  }

  /** Sets μ_i and f_i from a normalised CPG action (CPG_ACTION_DIM values in [−1, 1]). */
  setAction(action: ArrayLike<number>): void {
    for (let i = 0; i < 4; i++) {
      this.cpg.mu[i] = scaleAction(action[i]!, CPG_ACTION_RANGES.mu);
      this.cpg.omega[i] = 2 * Math.PI * scaleAction(action[4 + i]!, CPG_ACTION_RANGES.freqHz);
    }
  }

  /** Advances the oscillators by dt (s) and recomputes the joint targets. */
  advance(dt: number): void {
    const dd = DUTY_RATE * dt;
    this.foot.duty += Math.max(-dd, Math.min(dd, this.dutyTarget - this.foot.duty));
    this.cpg.step(dt);
    this.computeTargets();
  }

  /** Joint targets from the current oscillator state. */
  computeTargets(): void {
    const { r, theta } = this.cpg;
    for (let i = 0; i < 4; i++) {
      footPosition(r[i]!, theta[i]!, this.foot, this.xz);
      const side = LEG_SIDE[i]!;
      const x = this.xz[0]! + this.forwardOffset[i]!;
      const y = side * A1.thighOffset;
      const z = this.xz[1]! + this.heightOffset[i]!;
      this.footTarget[i * 3] = x;
      this.footTarget[i * 3 + 1] = y;
      this.footTarget[i * 3 + 2] = z;
      legInverse(x, y, z, side, this.qTarget, i * 3);
    }
  }
}
