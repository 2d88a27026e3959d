import { describe, expect, it } from 'vitest';
import { AutoRange } from './autoRange';

describe('AutoRange', () => {
  it('fits the first data with a margin', () => {
    const r = new AutoRange();
    expect(r.fit(0, 2)).toBe(true);
    expect(r.lo).toBeCloseTo(-0.3, 9);
    expect(r.hi).toBeCloseTo(2.3, 9);
  });

  it('holds still while the data move inside the view', () => {
    const r = new AutoRange();
    r.fit(0, 2);
    expect(r.fit(0.1, 2.2)).toBe(false);
    expect(r.fit(-0.2, 1.5)).toBe(false);
  });

  it('grows at once when data leave the view', () => {
    const r = new AutoRange();
    r.fit(0, 2);
    expect(r.fit(0, 3)).toBe(true);
    expect(r.hi).toBeGreaterThan(3);
  });

  it('shrinks only when the data fill less than about half the view', () => {
    const r = new AutoRange();
    r.fit(0, 2);
    expect(r.fit(0.5, 1.8)).toBe(false);
    expect(r.fit(0.9, 1.1)).toBe(true);
    expect(r.hi - r.lo).toBeCloseTo(0.26, 9);
  });
});
