import { PHASE_CODES, type TickBatch } from '../../../workers/contracts';

const MOVE = PHASE_CODES.indexOf('move');
const DELAY = PHASE_CODES.indexOf('delay');

/** A window of one reach, aligned to its go cue, copied out of the tick stream. */
export interface ReachWindow {
  /** Run generation (bumped at every reset) and trial index within that run. */
  generation: number;
  trialIndex: number;
  /** Center-out direction 0..7, or -1 for an annulus target. */
  direction: number;
  /** Sim tick of the go cue: the first tick labelled 'move' in the trial. */
  goTick: number;
  /** Ticks labelled 'delay' (target shown, no go yet) just before the go cue, as far as stored. */
  delayTicks: number;
  /** Hidden states of ticks goTick + startTick … goTick + startTick + steps − 1, steps × H. */
  hidden: Float32Array;
}

/** A run of consecutive ticks of one trial (for DMD): hidden states, count × H, and ticks. */
export interface TickSegment {
  generation: number;
  trialIndex: number;
  ticks: Int32Array;
  hidden: Float32Array;
}

interface PendingGo {
  generation: number;
  trialIndex: number;
  direction: number;
  goTick: number;
  delayTicks: number;
}

/**
 * The recent control ticks of one controller in a ring buffer, and the go-aligned reach windows
 * cut out of them as soon as they are complete. A tick is found by its number and must belong to
 * the same run generation, so a reset, a gap in the stream or a controller switch (the owner
 * makes a new store) leaves a window incomplete rather than stitched across the break. A window
 * may run past the end of its trial into the next one's hold (only when a reach is faster than the
 * window is long): the stream is continuous there, and the state still answers this reach.
 */
export class TickStore {
  readonly capacity: number;
  private readonly gen: Int32Array;
  private readonly tick: Int32Array;
  private readonly phase: Uint8Array;
  private readonly trial: Int32Array;
  private readonly dir: Int8Array;
  private readonly hidden: Float32Array;
  /** Ticks stored in total; the newest is at slot (count − 1) % capacity. */
  private count = 0;
  private generation = 0;
  private pending: PendingGo[] = [];

  /**
   * @param H hidden size.
   * @param window go-aligned window: ticks [go + startTick, go + startTick + steps).
   * @param capacity ticks kept; must hold a window and the DMD span.
   */
  constructor(
    readonly H: number,
    readonly window: { startTick: number; steps: number },
    capacity: number,
  ) {
    this.capacity = capacity;
    this.gen = new Int32Array(capacity);
    this.tick = new Int32Array(capacity);
    this.phase = new Uint8Array(capacity);
    this.trial = new Int32Array(capacity);
    this.dir = new Int8Array(capacity);
    this.hidden = new Float32Array(capacity * H);
  }

  /** A reset: later ticks belong to a new run; windows still open are dropped. */
  newGeneration(): void {
    this.generation++;
    this.pending = [];
  }

  get size(): number {
    return Math.min(this.count, this.capacity);
  }

  /** The newest tick's number and direction, or undefined when empty. */
  get latest(): { tick: number; direction: number } | undefined {
    if (this.count === 0) return undefined;
    const s = (this.count - 1) % this.capacity;
    return { tick: this.tick[s]!, direction: this.dir[s]! };
  }

  /** Appends a batch's ticks; returns the reach windows that became complete. */
  ingest(b: TickBatch): ReachWindow[] {
    const done: ReachWindow[] = [];
    const H = this.H;
    for (let i = 0; i < b.count; i++) {
      const s = this.count % this.capacity;
      const t = b.tick[i]!;
      this.gen[s] = this.generation;
      this.tick[s] = t;
      this.phase[s] = b.phase[i]!;
      this.trial[s] = b.trialIndex[i]!;
      this.dir[s] = b.direction[i]!;
      this.hidden.set(b.hidden.subarray(i * H, (i + 1) * H), s * H);
      this.count++;
      // The go cue: a 'move' tick whose predecessor (same run, same trial) was not moving.
      if (b.phase[i] === MOVE) {
        const prev = this.slotOf(t - 1);
        if (prev >= 0 && this.phase[prev] !== MOVE && this.trial[prev] === b.trialIndex[i]) {
          let delayTicks = 0;
          for (
            let s2 = prev;
            s2 >= 0 && this.phase[s2] === DELAY && this.trial[s2] === b.trialIndex[i];
          ) {
            delayTicks++;
            s2 = this.slotOf(t - 1 - delayTicks);
          }
          this.pending.push({
            generation: this.generation,
            trialIndex: b.trialIndex[i]!,
            direction: b.direction[i]!,
            goTick: t,
            delayTicks,
          });
        }
      }
      if (this.pending.length > 0) this.collect(t, done);
    }
    return done;
  }

  /** Cuts out the windows whose last tick is `t`'s or earlier. */
  private collect(t: number, out: ReachWindow[]): void {
    const { startTick, steps } = this.window;
    const keep: PendingGo[] = [];
    for (const p of this.pending) {
      const last = p.goTick + startTick + steps - 1;
      if (t < last) {
        keep.push(p);
        continue;
      }
      const hidden = new Float32Array(steps * this.H);
      let ok = true;
      for (let k = 0; k < steps && ok; k++) {
        const s = this.slotOf(p.goTick + startTick + k);
        if (s < 0) ok = false;
        else hidden.set(this.hidden.subarray(s * this.H, (s + 1) * this.H), k * this.H);
      }
      if (ok) out.push({ ...p, hidden });
    }
    this.pending = keep;
  }

  /**
   * The ring slot holding tick `t` of the current generation, or −1. Ticks within a run are
   * consecutive, so the slot is found by offset from the newest and then checked.
   */
  private slotOf(t: number): number {
    if (this.count === 0) return -1;
    const newest = (this.count - 1) % this.capacity;
    const back = this.tick[newest]! - t;
    if (back < 0 || back >= this.size) return -1;
    const s = (newest - back + this.capacity) % this.capacity;
    return this.tick[s] === t && this.gen[s] === this.generation ? s : -1;
  }

  /**
   * The last `maxTicks` ticks of the current run, split wherever the trial index changes or the
   * tick numbers jump; segments shorter than `minLength` are dropped.
   */
  recentSegments(maxTicks: number, minLength = 2): TickSegment[] {
    const n = Math.min(maxTicks, this.size);
    const segs: TickSegment[] = [];
    let start = -1;
    const H = this.H;
    const close = (from: number, to: number): void => {
      const len = to - from;
      if (len < minLength) return;
      const ticks = new Int32Array(len);
      const hidden = new Float32Array(len * H);
      for (let j = 0; j < len; j++) {
        const s = (this.count - n + from + j) % this.capacity;
        ticks[j] = this.tick[s]!;
        hidden.set(this.hidden.subarray(s * H, (s + 1) * H), j * H);
      }
      const s0 = (this.count - n + from) % this.capacity;
      segs.push({ generation: this.gen[s0]!, trialIndex: this.trial[s0]!, ticks, hidden });
    };
    for (let j = 0; j < n; j++) {
      const s = (this.count - n + j) % this.capacity;
      if (this.gen[s] !== this.generation) continue;
      if (start < 0) {
        start = j;
        continue;
      }
      const p = (s - 1 + this.capacity) % this.capacity;
      if (this.trial[s] !== this.trial[p] || this.tick[s] !== this.tick[p]! + 1) {
        close(start, j);
        start = j;
      }
    }
    if (start >= 0) close(start, n);
    return segs;
  }
}
