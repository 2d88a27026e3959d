import { describe, expect, it } from 'vitest';
import { checkTimeline } from './perturbations';

describe('perturbation timelines', () => {
  it('come back sorted by time, stable for equal times', () => {
    const out = checkTimeline([
      { t: 8, kind: 'push', impulse: [1, 0, 0] },
      { t: 3, kind: 'push', impulse: [0, 0, 1] },
      { t: 3, kind: 'push', impulse: [0, 0, 2] },
    ]);
    expect(out.map((e) => [e.t, e.impulse[2]])).toEqual([
      [3, 1],
      [3, 2],
      [8, 0],
    ]);
  });

  it.each([
    [{}, /perturbations must be a list of pushes/],
    [
      [{ t: 1, kind: 'pull', impulse: [0, 0, 1] }],
      /perturbations\[0\].kind must be "push", got "pull"/,
    ],
    [[{ t: 'x', kind: 'push', impulse: [0, 0, 1] }], /perturbations\[0\].t must be a time ≥ 0/],
    [
      [{ t: 1, kind: 'push', impulse: [0, 1] }],
      /perturbations\[0\].impulse must be \[x, y, z\] in N s/,
    ],
    [
      [{ t: 1, kind: 'push', impulse: [0, 0, 80] }],
      /perturbations\[0\].impulse is 80.0 N s; 60 N s at most/,
    ],
  ])('refuse %j by name', (events, msg) => {
    expect(() => checkTimeline(events)).toThrow(msg);
  });
});
