import type { SimSnapshot } from '../../workers/contracts';

/** What every robot's snapshot has: sim time (s) and what the panel plots need. */
export interface PanelSnapshot {
  tick: number;
  time: number;
  policyId: string;
  hidden: Float32Array;
  eig: Float32Array | null;
}

/**
 * The last two snapshots and when they arrived, outside React: renderers read it in their frame
 * loops and interpolate; nothing here triggers a React render. One per robot: the arm's
 * (SimSnapshot, the default) and the quadruped's (QuadSnapshot).
 */
export class SnapshotBuffer<S extends PanelSnapshot = SimSnapshot> {
  prev: S | undefined;
  latest: S | undefined;
  /** performance.now() when `latest` arrived, ms. */
  arrivedAt = 0;
  /** Clip export: views show exactly `latest` (no interpolation), whatever the wall clock says. */
  pinLatest = false;
  private readonly listeners = new Set<(s: S) => void>();

  push(s: S): void {
    this.prev = this.latest;
    this.latest = s;
    this.arrivedAt = performance.now();
    for (const l of this.listeners) l(s);
  }

  /** Called for every snapshot (for panels that accumulate history); returns the unsubscribe. */
  onSnapshot(l: (s: S) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /**
   * Resolves with the first snapshot (the latest one included) that satisfies `pred`. Snapshots
   * travel on their own port, so a worker call that returned has not necessarily delivered its
   * snapshots yet: wait for them here.
   */
  waitFor(pred: (s: S) => boolean): Promise<S> {
    if (this.latest && pred(this.latest)) return Promise.resolve(this.latest);
    return new Promise((resolve) => {
      const off = this.onSnapshot((s) => {
        if (!pred(s)) return;
        off();
        resolve(s);
      });
    });
  }

  /**
   * Interpolation factor in [0, 1] between prev and latest for a render at `now`: the view runs
   * one snapshot interval behind the sim, so motion stays smooth between snapshots.
   */
  alpha(now: number): number {
    if (this.pinLatest || !this.prev || !this.latest) return 1;
    const interval = Math.max(1, (this.latest.time - this.prev.time) * 1000);
    return Math.min(1, Math.max(0, (now - this.arrivedAt) / interval));
  }
}
