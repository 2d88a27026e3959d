/** Longest wall-clock gap a sim loop honours, s: a background tab never causes a catch-up burst. */
export const MAX_FRAME_S = 0.1;
/** Control ticks per loop iteration at most. */
export const MAX_TICKS_PER_FRAME = 4;
/** Loop period, ms (about one display frame). */
export const FRAME_MS = 1000 / 60;

/**
 * The sim workers' wall clock: turns clamped wall time into whole control ticks of `dt` seconds.
 * Each loop iteration calls `due(now)`, runs up to that many ticks calling `consume()` after
 * each, then `settle()`: slow ticks slow the sim down, they never make it burst.
 */
export class TickClock {
  private acc = 0;
  private last = 0;

  constructor(readonly dt: number) {}

  /** Forgets accumulated time; the next `due` counts from `now` (ms). */
  restart(now: number): void {
    this.acc = 0;
    this.last = now;
  }

  /** Adds the wall time since the last call (clamped to MAX_FRAME_S, times `speed`). */
  due(now: number, speed = 1): number {
    this.acc += Math.min((now - this.last) / 1000, MAX_FRAME_S) * speed;
    this.last = now;
    return Math.min(MAX_TICKS_PER_FRAME, Math.floor(this.acc / this.dt + 1e-9));
  }

  consume(): void {
    this.acc -= this.dt;
  }

  /** Never carry more than one tick of debt into the next iteration. */
  settle(): void {
    this.acc = Math.min(Math.max(this.acc, 0), this.dt);
  }
}
