import type { SeededRandom } from '../lib/random';
import type { Seconds, WorldVec3 } from './units';

/**
 * Churchland-style center-out reaching (SCIENCE.md §10.4). Each trial: `hold` at the center
 * (target hidden), `delay` with the target visible, then the go cue starts `move`. Success: the
 * hand stays within `successRadius` of the target for `holdToWin` seconds, the hold complete
 * within `timeout` seconds of the go cue. The next trial starts right after success or timeout.
 */
export const REACH = {
  center: { x: 0.4, y: 0.05, z: 0 } as WorldVec3,
  targetDistance: 0.1,
  /** Random targets lie in this annulus around the center, m. */
  annulus: [0.05, 0.12] as const,
  holdS: 0.6,
  delayS: [0, 1] as const,
  successRadius: 0.01,
  holdToWin: 0.2,
  timeout: 1.5,
} as const;

export type ReachPhase = 'hold' | 'delay' | 'move';
export type TargetMode = 'center-out' | 'annulus';

export interface TrialRecord {
  index: number;
  /** Center-out direction index 0..7, or -1 for an annulus target. */
  direction: number;
  target: WorldVec3;
  success: boolean;
  /** Go cue to entering the zone of the successful hold, s; NaN on failure. */
  movementTime: Seconds;
}

/** World position of center-out target k (0..7), 45° apart, counter-clockwise seen from above. */
export function centerOutTarget(k: number): WorldVec3 {
  const a = (k * Math.PI) / 4;
  const c = REACH.center;
  return {
    x: c.x + REACH.targetDistance * Math.cos(a),
    y: c.y,
    z: c.z - REACH.targetDistance * Math.sin(a),
  };
}

export class ReachTask {
  phase: ReachPhase = 'hold';
  /** Time in the current phase, s. */
  phaseTime = 0;
  /** Seconds since the task began. */
  time = 0;
  trialIndex = 0;
  direction = 0;
  readonly target: WorldVec3 = { x: 0, y: 0, z: 0 };
  delay = 0;
  readonly trials: TrialRecord[] = [];
  /** Bumped on every phase change so controllers can re-plan. */
  phaseSerial = 0;
  private inZoneSince = -1;
  private order: number[] = [];

  /**
   * @param directions center-out mode only: a fixed sequence of directions to use before falling
   *   back to shuffled blocks of 8 (evaluation uses it to visit each target equally often).
   */
  constructor(
    private readonly rng: SeededRandom,
    readonly mode: TargetMode = 'center-out',
    directions: readonly number[] = [],
  ) {
    this.order = [...directions];
    this.beginTrial();
  }

  get targetVisible(): boolean {
    return this.phase !== 'hold';
  }

  get go(): boolean {
    return this.phase === 'move';
  }

  get successes(): number {
    return this.trials.reduce((n, t) => n + (t.success ? 1 : 0), 0);
  }

  private beginTrial(): void {
    if (this.mode === 'center-out') {
      if (this.order.length === 0) this.order = this.rng.permutation(8);
      this.direction = this.order.shift()!;
      Object.assign(this.target, centerOutTarget(this.direction));
    } else {
      const [r0, r1] = REACH.annulus;
      const r = Math.sqrt(this.rng.uniform(r0 * r0, r1 * r1));
      const a = this.rng.uniform(0, 2 * Math.PI);
      this.direction = -1;
      this.target.x = REACH.center.x + r * Math.cos(a);
      this.target.y = REACH.center.y;
      this.target.z = REACH.center.z - r * Math.sin(a);
    }
    this.delay = this.rng.uniform(REACH.delayS[0], REACH.delayS[1]);
    this.setPhase('hold');
  }

  private setPhase(p: ReachPhase): void {
    this.phase = p;
    this.phaseTime = 0;
    this.inZoneSince = -1;
    this.phaseSerial++;
  }

  /** Advances by dt seconds given the hand position; returns a record when a trial ends. */
  update(dt: Seconds, hand: WorldVec3): TrialRecord | undefined {
    this.time += dt;
    this.phaseTime += dt;
    if (this.phase === 'hold') {
      if (this.phaseTime >= REACH.holdS - 1e-9) this.setPhase('delay');
      return undefined;
    }
    if (this.phase === 'delay') {
      if (this.phaseTime >= this.delay - 1e-9) this.setPhase('move');
      return undefined;
    }
    const d = Math.hypot(hand.x - this.target.x, hand.y - this.target.y, hand.z - this.target.z);
    if (d <= REACH.successRadius) {
      if (this.inZoneSince < 0) this.inZoneSince = this.phaseTime - dt;
      if (this.phaseTime - this.inZoneSince >= REACH.holdToWin - 1e-9)
        return this.endTrial(true, this.inZoneSince);
    } else {
      this.inZoneSince = -1;
    }
    // The hold must be complete within the timeout of the go cue.
    if (this.phaseTime >= REACH.timeout - 1e-9) return this.endTrial(false, NaN);
    return undefined;
  }

  private endTrial(success: boolean, movementTime: number): TrialRecord {
    const rec: TrialRecord = {
      index: this.trialIndex,
      direction: this.direction,
      target: { ...this.target },
      success,
      movementTime,
    };
    this.trials.push(rec);
    this.trialIndex++;
    this.beginTrial();
    return rec;
  }
}
