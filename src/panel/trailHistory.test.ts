import { describe, expect, it } from 'vitest';
import { TRAIL_CAPACITY, TRAIL_HISTORY, TrailHistory } from './trailHistory';

describe('TrailHistory', () => {
  it('starts a new trail when the trial index changes and keeps the old one behind it', () => {
    const h = new TrailHistory();
    h.push(0, 0, 0, 3, false);
    h.push(1, 1, 0, 3, true);
    h.push(2, 2, 1, 5, false);
    expect(h.count).toBe(2);
    expect(h.at(0)!.direction).toBe(5);
    expect(h.at(1)!.n).toBe(2);
    expect(h.at(1)!.goAt).toBe(1);
    expect(h.totalPoints()).toBe(3);
  });

  it(`keeps the current reach and ${TRAIL_HISTORY} previous ones, reusing the oldest`, () => {
    const h = new TrailHistory();
    for (let t = 0; t < 20; t++) h.push(t, -t, t, t % 8, false);
    expect(h.count).toBe(TRAIL_HISTORY + 1);
    expect(h.at(0)!.trialIndex).toBe(19);
    expect(h.at(TRAIL_HISTORY)!.trialIndex).toBe(19 - TRAIL_HISTORY);
    expect(h.at(0)!.xy[0]).toBe(19);
    expect(h.at(TRAIL_HISTORY + 1)).toBeUndefined();
  });

  it(`drops points past ${TRAIL_CAPACITY} in one trail`, () => {
    const h = new TrailHistory();
    for (let i = 0; i < TRAIL_CAPACITY; i++) expect(h.push(i, i, 0, 0, false)).toBe(true);
    expect(h.push(0, 0, 0, 0, false)).toBe(false);
    expect(h.at(0)!.n).toBe(TRAIL_CAPACITY);
  });

  it('is empty after clear()', () => {
    const h = new TrailHistory();
    h.push(0, 0, 0, 0, false);
    h.clear();
    expect(h.count).toBe(0);
    expect(h.totalPoints()).toBe(0);
  });
});
