import { describe, expect, it } from 'vitest';
import { axisLabels, HiddenProjection } from './hiddenProjection';

describe('HiddenProjection', () => {
  it('projects basis · (hidden − mean)', () => {
    const p = new HiddenProjection({
      method: 'pca',
      mean: [1, 1, 1],
      basis: [
        [1, 0, 0],
        [0, 0.5, 0.5],
      ],
    });
    expect(p.project(new Float32Array([3, 2, 5]))).toBe(true);
    expect(p.x).toBe(2);
    expect(p.y).toBe(2.5);
  });

  it('refuses a hidden vector of the wrong length', () => {
    const p = new HiddenProjection({
      method: 'pca',
      mean: [0, 0],
      basis: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(p.project(new Float32Array(3))).toBe(false);
  });
});

describe('axisLabels', () => {
  it('names jPCA and PCA planes', () => {
    expect(axisLabels('jPCA')).toEqual(['jPC1', 'jPC2']);
    expect(axisLabels('pca')).toEqual(['PC1', 'PC2']);
    expect(axisLabels(undefined)).toEqual(['PC1', 'PC2']);
  });
});
