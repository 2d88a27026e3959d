import { describe, expect, it } from 'vitest';
import { minJerk } from './minJerk';

describe('minJerk', () => {
  it('starts at 0, ends at 1, passes 0.5 at mid-time and clamps outside [0, 1]', () => {
    expect(minJerk(0)).toBe(0);
    expect(minJerk(1)).toBe(1);
    expect(minJerk(0.5)).toBeCloseTo(0.5, 15);
    expect(minJerk(-1)).toBe(0);
    expect(minJerk(2)).toBe(1);
  });
  it('has peak velocity 1.875 at mid-time (d/dτ of 10τ³−15τ⁴+6τ⁵)', () => {
    const h = 1e-6;
    expect((minJerk(0.5 + h) - minJerk(0.5 - h)) / (2 * h)).toBeCloseTo(1.875, 6);
  });
});
