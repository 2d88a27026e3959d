/** Points one trail holds; a reach (hold + delay + move ≤ 3.1 s) at 60 snapshots/s needs ~190. */
export const TRAIL_CAPACITY = 400;
/** Finished reaches kept behind the current one. */
export const TRAIL_HISTORY = 8;

/** The projected hidden-state path of one trial, in plane coordinates (preallocated). */
export class Trail {
  /** (x, y) pairs; the first `n` are valid. */
  readonly xy = new Float32Array(2 * TRAIL_CAPACITY);
  n = 0;
  trialIndex = -1;
  /** Center-out direction 0..7, -1 for annulus targets. */
  direction = -1;
  /** Index of the first point after the go cue, -1 before it. */
  goAt = -1;

  reset(trialIndex: number, direction: number): void {
    this.n = 0;
    this.trialIndex = trialIndex;
    this.direction = direction;
    this.goAt = -1;
  }
}

/**
 * The current reach and the previous `TRAIL_HISTORY` ones, in a ring of preallocated trails:
 * pushing points never allocates. A point from a new trial index starts a new trail and ages
 * the others; the oldest is reused.
 */
export class TrailHistory {
  private readonly slots = Array.from({ length: TRAIL_HISTORY + 1 }, () => new Trail());
  private head = 0;
  private used = 0;

  /** Trails held, current included. */
  get count(): number {
    return this.used;
  }

  clear(): void {
    this.used = 0;
    this.head = 0;
  }

  /** Trail by age: 0 is the current reach, 1 the one before, up to `count - 1`. */
  at(age: number): Trail | undefined {
    if (age < 0 || age >= this.used) return undefined;
    return this.slots[(this.head - age + this.slots.length) % this.slots.length];
  }

  /**
   * Appends a point of trial `trialIndex`. Returns false when the point was dropped because the
   * trail is full (a reach longer than TRAIL_CAPACITY snapshots keeps its first points).
   */
  push(x: number, y: number, trialIndex: number, direction: number, moving: boolean): boolean {
    let cur = this.at(0);
    if (!cur || cur.trialIndex !== trialIndex) {
      if (cur) this.head = (this.head + 1) % this.slots.length;
      this.used = Math.min(this.used + 1, this.slots.length);
      cur = this.slots[this.head]!;
      cur.reset(trialIndex, direction);
    }
    if (cur.n >= TRAIL_CAPACITY) return false;
    if (moving && cur.goAt < 0) cur.goAt = cur.n;
    cur.xy[2 * cur.n] = x;
    cur.xy[2 * cur.n + 1] = y;
    cur.n++;
    return true;
  }

  /** Points over all held trails. */
  totalPoints(): number {
    let n = 0;
    for (let a = 0; a < this.used; a++) n += this.at(a)!.n;
    return n;
  }
}
