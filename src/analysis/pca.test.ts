import { describe, expect, it } from 'vitest';
import { pca } from './pca';

/** n samples of 3 latents a_j cos(2π f_j t / n + φ_j) (exactly orthogonal), mapped to 5-D. */
function latentData(n: number, amps: number[], dirs: number[][], offset: number[]): number[][] {
  const freqs = [1, 2, 3];
  const phases = [0.3, 1.1, 2.0];
  return Array.from({ length: n }, (_, t) => {
    const x = offset.slice();
    amps.forEach((a, j) => {
      const z = a * Math.cos((2 * Math.PI * freqs[j]! * t) / n + phases[j]!);
      dirs[j]!.forEach((q, u) => (x[u] = x[u]! + z * q));
    });
    return x;
  });
}

const unit = (v: number[]): number[] => v.map((x) => x / Math.hypot(...v));
const DIRS = [unit([0.7, -0.69, 0.1, 0.1, 0.1]), unit([0, 0, 1, -1, 0]), unit([0, 0, -1, -1, 2])];

describe('pca', () => {
  const n = 200;
  const X = latentData(n, [3, 2, 1], DIRS, [1, -2, 3, 0.5, 0]);
  const p = pca(X, 3);

  it('recovers the mean, the axes and their sample variances', () => {
    p.mean.forEach((m, u) => expect(m).toBeCloseTo([1, -2, 3, 0.5, 0][u]!, 12));
    [3, 2, 1].forEach((a, j) => {
      expect(p.explainedVariance[j]).toBeCloseTo((n * a * a) / 2 / (n - 1), 10);
      const cos = p.components[j]!.reduce((s, x, u) => s + x * DIRS[j]![u]!, 0);
      expect(Math.abs(cos)).toBeCloseTo(1, 12);
    });
    const total = (9 + 4 + 1) / 2;
    expect(p.explainedVarianceRatio[0]).toBeCloseTo(4.5 / total, 12);
    expect(p.totalVariance).toBeCloseTo((n * total) / (n - 1), 10);
  });

  it('makes each component orthonormal with its largest-|value| entry positive', () => {
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const d = p.components[i]!.reduce((s, x, u) => s + x * p.components[j]![u]!, 0);
        expect(d).toBeCloseTo(i === j ? 1 : 0, 12);
      }
      const c = p.components[i]!;
      const big = c.reduce((b, x, u) => (Math.abs(x) > Math.abs(c[b]!) + 1e-9 ? u : b), 0);
      expect(c[big]).toBeGreaterThan(0);
    }
    // [0, 0, 1, −1, 0]/√2 ties at index 2 and 3: the first wins, so index 2 is positive.
    expect(p.components[1]![2]).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('projects centred samples onto the components', () => {
    const i = 17;
    p.components.forEach((c, j) => {
      const s = c.reduce((acc, x, u) => acc + x * (X[i]![u]! - p.mean[u]!), 0);
      expect(p.projections[i]![j]).toBeCloseTo(s, 12);
    });
  });

  it('handles fewer samples than features', () => {
    const q = pca(
      [
        [1, 2, 3, 4, 5],
        [2, 0, 1, 3, 1],
        [0, 1, 1, 1, 2],
      ],
      2,
    );
    expect(q.components).toHaveLength(2);
    const d = q.components[0]!.reduce((s, x, u) => s + x * q.components[1]![u]!, 0);
    expect(d).toBeCloseTo(0, 12);
    expect(q.explainedVarianceRatio[0]! + q.explainedVarianceRatio[1]!).toBeCloseTo(1, 12);
  });

  it('names the bad value when k or X is wrong', () => {
    expect(() => pca(X, 6)).toThrow(
      /k is 6; it must be an integer in \[1, 5\] \(X has 200 samples × 5 features\)/,
    );
    expect(() => pca([[1, 2], [3]], 1)).toThrow(/X\[1\] has 1 columns, X\[0\] has 2/);
  });
});
