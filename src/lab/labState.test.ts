import { describe, expect, it } from 'vitest';
import { CONTROLS, defaultLabState, labSearch, parseLabState, PRESETS, snap } from './labState';

const ids = ['arm-lru', 'arm-linoss'];

describe('lab state in the URL', () => {
  it('has the controls the issue names, with their ranges, steps and defaults', () => {
    expect(CONTROLS.re).toMatchObject({ min: -1.5, max: 0.5, step: 0.01, default: -0.1 });
    expect(CONTROLS.im).toMatchObject({ min: 0, max: 3, step: 0.05, default: 1 });
    expect(CONTROLS.x0).toMatchObject({ min: -2, max: 2, step: 0.1, default: 1.5 });
    expect(CONTROLS.y0).toMatchObject({ min: -2, max: 2, step: 0.1, default: 0 });
    expect(CONTROLS.T).toMatchObject({ min: 5, max: 30, step: 1, default: 15 });
    expect(CONTROLS.re.label).toBe('Real part (Re λ): growth/decay rate');
    expect(CONTROLS.im.label).toBe('Imaginary part (Im λ): oscillation frequency');
  });

  it('round-trips every control, the spectrum and the policy', () => {
    const s = {
      ...defaultLabState(),
      re: 0.25,
      im: 2.35,
      mod: 1.013,
      steps: 250,
      spectrum: 'policy' as const,
      policy: 'arm-lru',
      rs: 0.9,
    };
    const back = parseLabState(labSearch(s), ids);
    expect(back.errors).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('writes nothing for the defaults', () => {
    expect(labSearch(defaultLabState())).toBe('');
  });

  it('names a bad value and the fix, and keeps the default', () => {
    const { state, errors } = parseLabState('?mod=7&re=abc&spectrum=wild&policy=arm-x', ids);
    expect(state.mod).toBe(0.99);
    expect(state.re).toBe(-0.1);
    expect(state.spectrum).toBe('single');
    expect(state.policy).toBe('');
    expect(errors).toEqual([
      're is "abc"; pass a number in [-1.5, 0.5] (using -0.1)',
      'mod is "7"; pass a number in [0.8, 1.2] (using 0.99)',
      'spectrum is "wild"; pass one of single, ring, policy (using single)',
      'policy is "arm-x"; pass one of arm-lru, arm-linoss (showing no policy)',
    ]);
  });

  it('refuses r_min ≥ r_max', () => {
    const { state, errors } = parseLabState('?rmin=0.95&rmax=0.9', ids);
    expect([state.rmin, state.rmax]).toEqual([0.9, 0.999]);
    expect(errors[0]).toMatch(/r_min 0.95 is not below r_max 0.9/);
  });

  it('snaps to the step grid without float dust', () => {
    expect(snap(CONTROLS.re, -0.1049)).toBe(-0.1);
    expect(snap(CONTROLS.im, 1.07)).toBe(1.05);
    expect(snap(CONTROLS.mod, 0.99949)).toBe(0.999);
  });

  it('presets: jPCA rotations at Re λ = 0, the sweet spot at −0.05, and a purely real case', () => {
    const by = Object.fromEntries(PRESETS.map((p) => [p.id, p.values]));
    expect(by.jpca!.re).toBe(0);
    expect(by.cortex!.re).toBe(-0.05);
    expect(by.real!.im).toBe(0);
    expect(by.growth!.re).toBeGreaterThan(0);
  });
});
