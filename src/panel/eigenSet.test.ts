import { describe, expect, it } from 'vitest';
import { EigenSet } from './eigenSet';

describe('EigenSet', () => {
  it('adds the conjugate of each complex eigenvalue listed alone', () => {
    const s = new EigenSet();
    s.setPairs([
      [0.9, 0.1],
      [0.5, 0],
    ]);
    expect(s.given).toBe(2);
    expect(s.n).toBe(3);
    expect([s.re[2], s.im[2]]).toEqual([0.9, -0.1]);
  });

  it('adds nothing when the conjugates are already listed', () => {
    const s = new EigenSet();
    s.setFlat(new Float32Array([0.9, 0.1, 0.9, -0.1]));
    expect(s.n).toBe(2);
  });

  it('reports an unchanged live set as unchanged', () => {
    const s = new EigenSet();
    expect(s.setFlat(new Float32Array([0.9, 0.1]))).toBe(true);
    expect(s.setFlat(new Float32Array([0.9, 0.1]))).toBe(false);
    expect(s.setFlat(new Float32Array([0.8, 0.1]))).toBe(true);
  });

  it('grows to hold a larger set', () => {
    const s = new EigenSet();
    const big = new Float32Array(400).map((_, i) => (i % 2 ? 0.01 * i : 0.5));
    s.setFlat(big);
    expect(s.given).toBe(200);
    expect(s.n).toBe(400);
  });
});

describe('EigenSet.src', () => {
  it('maps an added conjugate back to the eigenvalue it came from', () => {
    const s = new EigenSet();
    s.setPairs([
      [0.5, 0],
      [0.9, 0.1],
    ]);
    expect([...s.src.slice(0, s.n)]).toEqual([0, 1, 1]);
  });
});
