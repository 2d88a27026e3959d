import { describe, expect, it } from 'vitest';
import { syntheticBatches } from './syntheticReaches';
import { TickStore } from './tickStore';

/** Hidden state = [ticks from go, direction]: a window shows exactly which ticks it holds. */
const trial = (direction: number, after = 40) => ({
  direction,
  after,
  hidden: (k: number) => [k, direction],
});
const window = { startTick: -12, steps: 42 };

describe('TickStore', () => {
  it('cuts each reach at its go cue (the first move tick) once the whole window has arrived', () => {
    const store = new TickStore(2, window, 600);
    const batches = syntheticBatches([trial(3), trial(5)]);
    const done = batches.flatMap((b) => store.ingest(b));
    expect(done.map((r) => [r.trialIndex, r.direction, r.goTick])).toEqual([
      [0, 3, 41],
      [1, 5, 121],
    ]);
    const first = Array.from({ length: 42 }, (_, t) => done[0]!.hidden[2 * t]);
    expect(first).toEqual(Array.from({ length: 42 }, (_, t) => t - 12));
  });

  it('completes a reach in the batch that brings its last window tick, not before', () => {
    const store = new TickStore(2, window, 600);
    // Go at tick 41; the window ends at tick 41 + 29 = 70; batches of 10 ticks end at 70.
    const batches = syntheticBatches([trial(0)], { batchTicks: 10 });
    const counts = batches.map((b) => store.ingest(b).length);
    expect(counts).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('lets a window run into the next trial when a reach is shorter than the window', () => {
    const store = new TickStore(2, window, 600);
    const done = syntheticBatches([trial(1, 20), trial(2)]).flatMap((b) => store.ingest(b));
    expect(done.map((r) => r.direction)).toEqual([1, 2]);
    // Steps 32.. of the first window are the next trial's hold (hidden = [k, 2]).
    expect(done[0]!.hidden[2 * 32 + 1]).toBe(2);
  });

  it('drops reaches in flight at a reset and never stitches ticks across it', () => {
    const store = new TickStore(2, window, 600);
    const [a, b, c] = syntheticBatches([trial(4)]);
    store.ingest(a!);
    store.ingest(b!); // go cue at tick 41 is in this batch; the window needs ticks up to 70
    store.newGeneration();
    expect(store.ingest(c!)).toEqual([]);
    expect(store.recentSegments(240).map((s) => s.ticks.length)).toEqual([20]);
  });

  it('needs the tick before the go cue: a stream that starts mid-reach has no go cue', () => {
    const store = new TickStore(2, window, 600);
    const batches = syntheticBatches([trial(6), trial(7)], { batchTicks: 10 });
    // Skip 40 ticks: the stream starts on the first trial's go tick, with no tick before it.
    const done = batches.slice(4).flatMap((b) => store.ingest(b));
    expect(done.map((r) => r.direction)).toEqual([7]);
  });

  it('splits the recent ticks into per-trial segments for DMD', () => {
    const store = new TickStore(2, window, 600);
    for (const b of syntheticBatches([trial(0), trial(1), trial(2), trial(3)])) store.ingest(b);
    const segs = store.recentSegments(240);
    expect(segs.map((s) => [s.trialIndex, s.ticks.length])).toEqual([
      [1, 80],
      [2, 80],
      [3, 80],
    ]);
    expect(Array.from(segs[0]!.ticks.slice(0, 2))).toEqual([81, 82]);
    expect(store.recentSegments(100).map((s) => s.ticks.length)).toEqual([20, 80]);
  });
});
