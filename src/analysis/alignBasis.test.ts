import { describe, expect, it } from 'vitest';
import { alignBasis, basisAlignment } from './alignBasis';
import { pca } from './pca';

const unit = (v: number[]): number[] => v.map((x) => x / Math.hypot(...v));

/** n samples of latents a_j cos(2π f_j t / n + φ_j) along `dirs` (exactly orthogonal latents). */
function latentData(n: number, amps: number[], dirs: number[][], offset: number[]): number[][] {
  return Array.from({ length: n }, (_, t) => {
    const x = offset.slice();
    amps.forEach((a, j) => {
      const z = a * Math.cos((2 * Math.PI * (j + 1) * t) / n + 0.7 * j);
      dirs[j]!.forEach((q, u) => (x[u] = x[u]! + z * q));
    });
    return x;
  });
}

const project = (x: number[], mean: number[], basis: number[][]): number[] =>
  basis.map((b) => b.reduce((s, v, u) => s + v * (x[u]! - mean[u]!), 0));

describe('alignBasis', () => {
  // Old fit: PC2 and PC3 have nearly equal variance; PC1's largest entry is the +0.7.
  // New fit: the two swap variances, and PC1 tilts so its −0.7 entry is largest, which flips
  // its sign under the PCA convention.
  const q2 = unit([0, 0, 1, -1, 0]);
  const q3 = unit([0, 0, -1, -1, 2]);
  const old = pca(
    latentData(200, [3, 2.02, 2], [unit([0.7, -0.69, 0.1, 0.1, 0.1]), q2, q3], [0, 0, 0, 0, 0]),
    3,
  );
  const next = pca(
    latentData(200, [3, 2, 2.02], [unit([0.69, -0.7, 0.1, 0.1, 0.1]), q2, q3], [0.01, 0, 0, 0, 0]),
    3,
  );
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

  it('is needed: the refit flips PC1 and swaps PC2 with PC3', () => {
    expect(dot(old.components[0]!, next.components[0]!)).toBeLessThan(-0.99);
    expect(Math.abs(dot(old.components[1]!, next.components[1]!))).toBeLessThan(1e-9);
    expect(Math.abs(dot(old.components[1]!, next.components[2]!))).toBeGreaterThan(0.999);
  });

  it('undoes the flip and the swap', () => {
    const a = basisAlignment(old.components, next.components);
    expect(a.order).toEqual([0, 2, 1]);
    expect(a.signs[0]).toBe(-1);
    a.cosines.forEach((c) => expect(c).toBeGreaterThan(0.999));
  });

  it('keeps a fixed probe within 5% of the plotted range of the old projection', () => {
    const aligned = alignBasis(old.components, next.components);
    const probe = [0.8, -1.1, 0.4, 0.9, -0.3];
    const before = project(probe, old.mean, old.components);
    const after = project(probe, next.mean, aligned);
    const raw = project(probe, next.mean, next.components);
    let rawJumps = 0;
    for (let j = 0; j < 3; j++) {
      const col = old.projections.map((p) => p[j]!);
      const range = Math.max(...col) - Math.min(...col);
      expect(Math.abs(after[j]! - before[j]!)).toBeLessThan(0.05 * range);
      if (Math.abs(raw[j]! - before[j]!) > 0.05 * range) rawJumps++;
    }
    expect(rawJumps).toBeGreaterThan(0);
  });

  it('leaves an identical basis unchanged', () => {
    expect(alignBasis(old.components, old.components)).toEqual(old.components);
  });

  it('matches greedily above six rows', () => {
    const k = 8;
    const prev = Array.from({ length: k }, (_, i) =>
      Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)),
    );
    const perm = [3, 7, 0, 5, 1, 6, 2, 4];
    const next8 = perm.map((p, i) => prev[p]!.map((x) => (i % 2 ? -x : x)));
    expect(alignBasis(prev, next8)).toEqual(prev);
  });

  it('refuses bases of different shapes', () => {
    expect(() => alignBasis([[1, 0]], [[1, 0, 0]])).toThrow(/previous is 1 × 2 but next is 1 × 3/);
  });
});
