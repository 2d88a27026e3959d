import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../lib/random';
import { LiveDynamics } from './liveDynamics';
import { syntheticBatches } from './syntheticReaches';

/**
 * A known affine system x_{t+1} − x* = A (x_t − x*) in 10 hidden units: A is block-diagonal in a
 * random orthonormal 6-D basis, with SCIENCE.md §8's 0.98·R(0.2) (λ = 0.960465 ± 0.194696i), a
 * second rotation 0.9·R(0.5) and two real decays 0.85, 0.7. Trials come in mirrored pairs
 * (x₀ and 2x* − x₀), so the mean snapshot is exactly x* and mean subtraction is exact.
 */
function affineTrials(seed: number, pairs: number, length: number) {
  const rng = new SeededRandom(seed);
  const H = 10;
  const basis: number[][] = [];
  while (basis.length < 6) {
    const v = Array.from({ length: H }, () => rng.normal());
    for (const b of basis) {
      const d = b.reduce((s, x, i) => s + x * v[i]!, 0);
      b.forEach((x, i) => (v[i] = v[i]! - d * x));
    }
    const n = Math.hypot(...v);
    basis.push(v.map((x) => x / n));
  }
  const xStar = Array.from({ length: H }, () => rng.normal());
  const step = (z: number[]): number[] => {
    const r = (i: number, m: number, a: number) => [
      m * (Math.cos(a) * z[i]! - Math.sin(a) * z[i + 1]!),
      m * (Math.sin(a) * z[i]! + Math.cos(a) * z[i + 1]!),
    ];
    return [...r(0, 0.98, 0.2), ...r(2, 0.9, 0.5), 0.85 * z[4]!, 0.7 * z[5]!];
  };
  const trials = [];
  for (let p = 0; p < pairs; p++) {
    const z0 = Array.from({ length: 6 }, () => rng.normal());
    for (const sign of [1, -1]) {
      const path: number[][] = [];
      let z = z0.map((v) => sign * v);
      for (let t = 0; t < length; t++) {
        path.push(xStar.map((x, u) => x + basis.reduce((s, b, j) => s + z[j]! * b[u]!, 0)));
        z = step(z);
      }
      trials.push({
        direction: -1,
        before: length / 2,
        after: length / 2,
        hidden: (k: number) => path[k + length / 2]!,
      });
    }
  }
  return trials;
}

const EXPECTED = [
  [0.960465, 0.194696],
  [0.960465, -0.194696],
  [0.9 * Math.cos(0.5), 0.9 * Math.sin(0.5)],
  [0.9 * Math.cos(0.5), -0.9 * Math.sin(0.5)],
  [0.85, 0],
  [0.7, 0],
];

describe('live DMD', () => {
  it('recovers the eigenvalues of a known linear system, within trials only, sorted by |λ|', () => {
    const live = new LiveDynamics({ dmdEnergy: 1 });
    for (const b of syntheticBatches(affineTrials(5, 2, 60))) live.ingest(b);
    const fit = live.fitDmd()!;
    expect(fit).not.toBeNull();
    expect(fit.rank).toBe(6);
    expect(fit.samples).toBe(240);
    expect(live.dmdStatus).toBe('DMD of 240 ticks in 4 trial segments, rank 6');
    // Float32 hidden states: agreement to ~1e-5.
    EXPECTED.forEach(([re, im], i) => {
      expect(fit.eig[2 * i]).toBeCloseTo(re!, 4);
      expect(fit.eig[2 * i + 1]).toBeCloseTo(im!, 4);
    });
    expect(fit.modesRe.length).toBe(6 * 10);
    expect(fit.modesIm.length).toBe(6 * 10);
  });

  it('caps the rank and works in annulus mode, where jPCA says why it does not fit', () => {
    const live = new LiveDynamics({ dmdEnergy: 1, dmdMaxRank: 4 });
    for (const b of syntheticBatches(affineTrials(6, 2, 60))) live.ingest(b);
    expect(live.fitDmd()!.rank).toBe(4);
    expect(live.annulusMode).toBe(true);
    expect(live.fitJpca()).toBeNull();
    expect(live.jpcaStatus).toMatch(/annulus targets .* jPCA needs the 8 center-out reaches/);
  });

  it('fits within trials only: one segment per trial, no snapshot pair across a boundary', () => {
    // Each trial restarts far from where the last ended; stitched pairs would wreck the fit.
    const live = new LiveDynamics({ dmdEnergy: 1 });
    const trials = affineTrials(7, 3, 40);
    for (const b of syntheticBatches(trials)) live.ingest(b);
    const fit = live.fitDmd()!;
    expect(fit.eig[0]).toBeCloseTo(0.960465, 4);
    expect(live.lastDmd!.segmentLengths).toEqual([40, 40, 40, 40, 40, 40]);
  });
});
