import type { CpgController } from './cpgController';
import type { GaitName } from './gaits';

/** What the robot is asked to do: forward speed (m/s, body x) and yaw rate (rad/s, + turns left). */
export interface QuadCommand {
  vx: number;
  yawRate: number;
}

/** The trunk state the expert feeds back (all from the physics, world y up). */
export interface TrunkFeedback {
  /** Heading about world +y, rad (+ = turned left). */
  yaw: number;
  /** Yaw rate about world +y, rad/s. */
  yawRate: number;
  /** Nose-up pitch and left-side-up roll, rad. */
  pitch: number;
  roll: number;
  /** Body-frame angular rates about the lateral (pitch) and forward (roll) axes, rad/s. */
  pitchRate: number;
  rollRate: number;
  /** Forward speed along the heading, m/s. */
  vx: number;
}

/** Expert gains; the defaults walk the A1 model at 0.5–1 m/s on flat and rough ground. */
export const CPG_EXPERT_DEFAULTS = {
  /**
   * Stepping frequency at zero command, Hz, and its increase per m/s command (capped), per gait.
   * Pace sways less at a higher frequency; bound and pronk pitch over above about 3 Hz.
   */
  freqHz: { trot: 2.5, walk: 2.5, pace: 3.5, bound: 2.5, pronk: 2.5 } as Record<GaitName, number>,
  freqPerMps: { trot: 1, walk: 1, pace: 0, bound: 0, pronk: 0 } as Record<GaitName, number>,
  freqMaxHz: 3.5,
  /** The speed reference follows the command at most this fast, m/s². */
  accel: 0.5,
  /** Multiplies the no-slip amplitude: feet slip and lag, so ask for a longer stride. */
  strideGain: 1.15,
  /** Integral gain of forward speed error into μ, 1/m, and its clamp. */
  speedKi: 0.3,
  speedIntMax: 0.3,
  /** Lateral distance between left and right feet, m (turning by stride differential). */
  track: 0.264,
  /** Heading feedback: stride differential per rad of heading error and per rad/s of rate error. */
  headingKp: 0.06,
  yawRateKp: 0.02,
  /**
   * Attitude feedback into foot heights: m per rad and m per rad/s (front/rear, left/right).
   * Off by default: during a trot only one diagonal pair is down, so shortening "the front legs"
   * acts about that diagonal and mixes pitch into roll; at 0.05–0.15 m/rad the robot spun and
   * fell on flat ground. TODO(issue 4): a stance-aware attitude law would retire this note.
   */
  pitchKp: 0,
  pitchKd: 0,
  rollKp: 0,
  rollKd: 0,
  /** Limit on each height offset, m. */
  heightOffsetMax: 0.04,
};

/**
 * The hand-designed CPG locomotion expert. It sets the CPG inputs from the command:
 *
 * - frequency f from the speed command; amplitude μ = 1 + gain·v/(4 d_step f) (the stance-phase
 *   foot speed 4 d (r − 1) f of SCIENCE §1.3), plus an integral of the speed error;
 * - yaw: left and right strides differ by the rate command (v_R − v_L = ω·track), plus feedback
 *   on heading (integrated command) and yaw rate;
 * - attitude: each foot's height target moves with pitch and roll (PD) to level the trunk.
 *
 * Its outputs go straight into the controller (μ, ω, height offsets); a learned policy instead
 * drives only μ and ω through `CpgController.setAction`.
 *
 * Limits (measured, 3 seeds × 30 s at 0.6 m/s): it is blind, so it trips on rough ground above
 * difficulty ~0.3 (3 cm bumps), on hills from 0.3, slopes from 0.6 (16°), stairs from 0.3 (6 cm
 * risers) and on any stepping-stone gap. Trot, walk and pace hold 20 s on flat ground; bound
 * (below ~0.4 m/s) and pronk survive only seconds to tens of seconds. Retire this note when a
 * learned policy or a terrain-aware expert does better.
 */
export class CpgExpert {
  readonly gains: typeof CPG_EXPERT_DEFAULTS;
  private headingRef: number | null = null;
  private speedInt = 0;
  private vRef = 0;

  constructor(gains: Partial<typeof CPG_EXPERT_DEFAULTS> = {}) {
    this.gains = { ...CPG_EXPERT_DEFAULTS, ...gains };
  }

  /** Forgets the heading reference and the speed integral (call on episode reset). */
  reset(): void {
    this.headingRef = null;
    this.speedInt = 0;
    this.vRef = 0;
  }

  /** Sets the controller's μ, ω and height offsets for the next control step of dt seconds. */
  update(ctrl: CpgController, cmd: QuadCommand, s: TrunkFeedback, dt: number): void {
    const g = this.gains;
    const d = ctrl.foot.dStep;
    const dv = g.accel * dt;
    this.vRef += Math.max(-dv, Math.min(dv, Math.max(0, cmd.vx) - this.vRef));
    const vCmd = this.vRef;
    const f = Math.min(g.freqMaxHz, g.freqHz[ctrl.cpg.gait] + g.freqPerMps[ctrl.cpg.gait] * vCmd);
    // Speed: feed-forward stride plus a clamped integral of the error.
    this.speedInt += g.speedKi * (vCmd - s.vx) * dt;
    this.speedInt = Math.max(-g.speedIntMax, Math.min(g.speedIntMax, this.speedInt));
    if (cmd.vx <= 0) this.speedInt = 0;
    const mu = 1 + (g.strideGain * vCmd) / (4 * d * f) + this.speedInt;
    // Heading: the reference integrates the yaw-rate command.
    this.headingRef = (this.headingRef ?? s.yaw) + cmd.yawRate * dt;
    const err = wrapPi(this.headingRef - s.yaw);
    const diff =
      (cmd.yawRate * g.track) / 2 / (4 * d * f) +
      g.headingKp * err +
      g.yawRateKp * (cmd.yawRate - s.yawRate);
    const omega = 2 * Math.PI * f;
    for (let i = 0; i < 4; i++) {
      const right = i === 0 || i === 2;
      ctrl.cpg.mu[i] = clamp(mu + (right ? diff : -diff), 1, 2);
      ctrl.cpg.omega[i] = omega;
      // Nose up → raise the front feet targets (shorter front legs); left side up → shorter left.
      const front = i < 2 ? 1 : -1;
      const left = right ? -1 : 1;
      const hp = front * (g.pitchKp * s.pitch + g.pitchKd * s.pitchRate);
      const hr = left * (g.rollKp * s.roll + g.rollKd * s.rollRate);
      ctrl.heightOffset[i] = clamp(hp + hr, -g.heightOffsetMax, g.heightOffsetMax);
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function wrapPi(a: number): number {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}
