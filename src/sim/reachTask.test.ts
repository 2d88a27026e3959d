import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../lib/random';
import { centerOutTarget, REACH, ReachTask } from './reachTask';

const DT = 1 / 240;

describe('center-out reaching task', () => {
  it('places 8 targets 45° apart on a 10 cm circle around the center', () => {
    for (let k = 0; k < 8; k++) {
      const t = centerOutTarget(k);
      const dx = t.x - REACH.center.x;
      const dz = t.z - REACH.center.z;
      expect(Math.hypot(dx, dz)).toBeCloseTo(0.1, 12);
      expect(Math.atan2(-dz, dx)).toBeCloseTo(
        k <= 4 ? (k * Math.PI) / 4 : (k * Math.PI) / 4 - 2 * Math.PI,
        12,
      );
    }
  });

  it('visits every direction once per block of 8 trials', () => {
    const task = new ReachTask(new SeededRandom(3));
    const seen = new Set<number>();
    const away = { x: 0, y: 0, z: 0 };
    while (task.trials.length < 8) {
      if (task.trials.length + seen.size === 0) seen.add(task.direction);
      task.update(DT, away);
      if (task.phase === 'hold' && task.phaseTime < DT * 1.5) seen.add(task.direction);
    }
    expect([...new Set(task.trials.map((t) => t.direction))].sort()).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('succeeds after a 200 ms hold within 1 cm and reports the entry time', () => {
    const task = new ReachTask(new SeededRandom(1));
    const center = { ...REACH.center };
    while (task.phase !== 'move') task.update(DT, center);
    const inside = { ...task.target, x: task.target.x + 0.009 };
    // 0.3 s away from the target, then inside.
    for (let i = 0; i < 72; i++) expect(task.update(DT, center)).toBeUndefined();
    let rec;
    for (let i = 0; i < 100 && !rec; i++) rec = task.update(DT, inside);
    expect(rec?.success).toBe(true);
    expect(rec!.movementTime).toBeCloseTo(0.3, 6);
    expect(task.phase).toBe('hold');
  });

  it('fails a trial whose hold is not complete 1.5 s after the go cue', () => {
    const task = new ReachTask(new SeededRandom(1));
    while (task.phase !== 'move') task.update(DT, REACH.center);
    let rec;
    let steps = 0;
    while (!rec) {
      rec = task.update(DT, REACH.center);
      steps++;
    }
    expect(rec.success).toBe(false);
    expect(steps * DT).toBeCloseTo(REACH.timeout, 2);
  });

  it('draws annulus targets between 5 and 12 cm from the center', () => {
    const task = new ReachTask(new SeededRandom(9), 'annulus');
    for (let i = 0; i < 50; i++) {
      const d = Math.hypot(task.target.x - REACH.center.x, task.target.z - REACH.center.z);
      expect(d).toBeGreaterThanOrEqual(0.05);
      expect(d).toBeLessThanOrEqual(0.12);
      expect(task.direction).toBe(-1);
      while (task.phase !== 'move') task.update(DT, REACH.center);
      while (task.phase === 'move') task.update(DT, REACH.center);
    }
  });
});
