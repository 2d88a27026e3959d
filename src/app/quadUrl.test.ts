import { describe, expect, it } from 'vitest';
import { DEFAULT_QUAD_RUN } from '../sim/quadruped/quadRun';
import { QUAD_STANDARD_PUSHES } from '../sim/quadruped/pushTimeline';
import { clearQuadParams, parseQuadUrl, pushesToParam, writeQuadParams } from './quadUrl';

describe('the quadruped in the URL', () => {
  it('round-trips a run: terrain, gait, command, friction, payload and the push timeline', () => {
    const run = {
      ...DEFAULT_QUAD_RUN,
      seed: 7,
      terrain: { ...DEFAULT_QUAD_RUN.terrain, kind: 'stairs' as const, difficulty: 0.25, seed: 3 },
      gait: 'walk' as const,
      command: { vx: 0.45, yawRate: -0.3 },
      friction: 0.55,
      payload: 2.5,
      perturbations: QUAD_STANDARD_PUSHES.map((e) => ({ ...e, impulse: [...e.impulse] })),
    };
    const url = new URL('http://x/?controller=arm-lru');
    writeQuadParams(url, run as typeof DEFAULT_QUAD_RUN);
    const back = parseQuadUrl(url.search);
    expect(back.robot).toBe('quadruped');
    expect(back.warnings).toEqual([]);
    expect(back.run).toEqual(run);
    expect(url.searchParams.get('push')).toBe(pushesToParam(QUAD_STANDARD_PUSHES));
    clearQuadParams(url);
    expect(url.search).toBe('?controller=arm-lru&seed=7');
  });

  it('without robot=quadruped is the arm with the default quadruped run', () => {
    const s = parseQuadUrl('?seed=4&terrain=hills');
    expect(s.robot).toBe('arm');
    expect(s.run).toEqual(DEFAULT_QUAD_RUN);
  });

  it('names each bad value and keeps the others', () => {
    const s = parseQuadUrl('?robot=quadruped&terrain=lava&difficulty=3&gait=walk&vx=9&push=1,2');
    expect(s.run.terrain.kind).toBe('rough');
    expect(s.run.terrain.difficulty).toBe(DEFAULT_QUAD_RUN.terrain.difficulty);
    expect(s.run.gait).toBe('walk');
    expect(s.run.command.vx).toBe(0.6);
    expect(s.run.perturbations).toEqual([]);
    expect(s.warnings).toEqual([
      'terrain=lava is not valid; using rough',
      'difficulty=3 is not valid; using 0.1',
      'vx=9 is not valid; using 0.6 m/s',
      'push=1,2 is not valid; using no pushes',
    ]);
    expect(parseQuadUrl('?robot=dog').warnings).toEqual([
      'robot=dog is not arm or quadruped; using arm',
    ]);
  });
});
