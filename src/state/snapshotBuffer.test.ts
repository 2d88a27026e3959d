import { describe, expect, it } from 'vitest';
import type { SimSnapshot } from '../../workers/contracts';
import { SnapshotBuffer } from './snapshotBuffer';

const snap = (tick: number): SimSnapshot => ({ tick, time: tick / 60 }) as SimSnapshot;

describe('SnapshotBuffer', () => {
  it('waitFor resolves with the latest snapshot when it already qualifies, else with the first that does', async () => {
    const b = new SnapshotBuffer();
    b.push(snap(4));
    expect((await b.waitFor((s) => s.tick >= 4)).tick).toBe(4);
    const later = b.waitFor((s) => s.tick >= 6);
    b.push(snap(5));
    b.push(snap(6));
    b.push(snap(7));
    expect((await later).tick).toBe(6);
  });

  it('interpolates between the last two snapshots unless pinned to the latest (clip export)', () => {
    const b = new SnapshotBuffer();
    b.push(snap(0));
    b.push(snap(2));
    const arrived = b.arrivedAt;
    // Half a snapshot interval (2 ticks = 33.3 ms) after arrival.
    expect(b.alpha(arrived + 1000 / 60)).toBeCloseTo(0.5, 6);
    b.pinLatest = true;
    expect(b.alpha(arrived + 1000 / 60)).toBe(1);
  });
});
