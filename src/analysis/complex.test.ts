import { describe, expect, it } from 'vitest';
import { complexLog, continuousToDiscrete, discreteToContinuous } from './complex';

describe('discrete ↔ continuous eigenvalues', () => {
  it('maps λ_c = −10 + i·2π·5 s⁻¹ at Δt = 0.01 s to the SCIENCE.md §9 λ_d and back', () => {
    const [re, im] = continuousToDiscrete(-10, 2 * Math.PI * 5, 0.01);
    expect(re).toBeCloseTo(0.8605515, 7);
    expect(im).toBeCloseTo(0.2796101, 7);
    expect(Math.hypot(re, im)).toBeCloseTo(Math.exp(-0.1), 12);
    expect(Math.atan2(im, re)).toBeCloseTo(Math.PI / 10, 12);
    const [a, b] = discreteToContinuous(re, im, 0.01);
    expect(a).toBeCloseTo(-10, 10);
    expect(b).toBeCloseTo(31.4159265, 7);
  });

  it('takes the principal branch, with a negative real λ_d at +π even for a −0 imaginary part', () => {
    expect(complexLog(-1, -0)).toEqual([0, Math.PI]);
    expect(complexLog(0, -1)[1]).toBeCloseTo(-Math.PI / 2, 15);
    expect(discreteToContinuous(0, 0, 0.01)[0]).toBe(-Infinity);
  });
});
