import { describe, expect, it } from 'vitest';
import type { LiveJpca } from '../../workers/contracts';
import { preparatoryColors, projectJpca } from './jpcaPlotView';

describe('projectJpca', () => {
  it('applies scale, the offset of the window step (clamped) and the two axes', () => {
    const H = 2;
    const j = {
      scale: Float64Array.of(2, 4),
      offset: Float64Array.of(0, 0, 1, 1), // two window steps
      axes: Float64Array.of(1, 0, 0, 1),
      window: { startTick: -1, steps: 2 },
    } as unknown as LiveJpca;
    expect(j.scale.length).toBe(H);
    expect(projectJpca(j, [4, 8], 0)).toEqual([2, 2]);
    expect(projectJpca(j, [4, 8], 1)).toEqual([1, 1]);
    expect(projectJpca(j, [4, 8], 99)).toEqual([1, 1]);
    expect(projectJpca(j, [4, 8], -5)).toEqual([2, 2]);
  });
});

describe('preparatoryColors', () => {
  it('ranks conditions by preparatory jPC1: largest red, smallest green', () => {
    const c = preparatoryColors([0.1, 3, -2]);
    expect(c[1]).toBe('rgb(226, 70, 58)');
    expect(c[2]).toBe('rgb(63, 174, 90)');
    expect(c[0]).toBe('rgb(226, 200, 58)');
  });
});
