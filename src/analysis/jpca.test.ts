import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../lib/random';
import { jpca } from './jpca';

/**
 * SCIENCE.md §7.6 circle, x_t = (cos tω, sin tω), ωΔt = 2π/50, t = 0 … 50, so the 50 states
 * that have a successor cover exactly one period. Two antipodal conditions keep the overall
 * mean and the cross-condition mean at 0; one padding step at each end (outside the analysed
 * window) gives both units the same range, so soft normalisation scales them equally.
 */
function circleConditions(): number[][][] {
  const w = (2 * Math.PI) / 50;
  const one = (sign: number) => [
    [1.5 * sign, 1.5 * sign],
    ...Array.from({ length: 51 }, (_, t) => [sign * Math.cos(t * w), sign * Math.sin(t * w)]),
    [-1.5 * sign, -1.5 * sign],
  ];
  return [one(1), one(-1)];
}

/** Orthonormal rows (k × n) from seeded Gaussian vectors by Gram–Schmidt. */
function randomEmbedding(k: number, n: number, rng: SeededRandom): number[][] {
  const rows: number[][] = [];
  while (rows.length < k) {
    const v = Array.from({ length: n }, () => rng.normal());
    for (const r of rows) {
      const d = r.reduce((s, x, i) => s + x * v[i]!, 0);
      r.forEach((x, i) => (v[i] = v[i]! - d * x));
    }
    const norm = Math.hypot(...v);
    rows.push(v.map((x) => x / norm));
  }
  return rows;
}

/**
 * 8 conditions × 40 steps of a 6-D linear system in 12 units: a decaying rotation at `w1`
 * rad/step (sign = direction), a slower one at 0.05 rad/step, and two real decays.
 */
function rotationData(w1: number, seed = 3): number[][][] {
  const rng = new SeededRandom(seed);
  const W = randomEmbedding(6, 12, rng);
  const base = Array.from({ length: 12 }, () => 10 + 5 * rng.next());
  const rot = (z: number[], i: number, r: number, w: number) => {
    const [a, b] = [z[i]!, z[i + 1]!];
    z[i] = r * (Math.cos(w) * a - Math.sin(w) * b);
    z[i + 1] = r * (Math.sin(w) * a + Math.cos(w) * b);
  };
  return Array.from({ length: 8 }, (_, c) => {
    const ph = (2 * Math.PI * c) / 8;
    const z = [3 * Math.cos(ph), 3 * Math.sin(ph), Math.cos(2 * ph + 1), Math.sin(2 * ph + 1)];
    z.push(0.6 * Math.sin(ph), 0.4 * Math.cos(ph));
    return Array.from({ length: 40 }, () => {
      const x = base.map((b, u) => b + z.reduce((s, zj, j) => s + zj * W[j]![u]!, 0));
      rot(z, 0, 0.99, w1);
      rot(z, 2, 0.98, 0.05);
      z[4] = 0.95 * z[4]!;
      z[5] = 0.9 * z[5]!;
      return x;
    });
  });
}

/** Fraction of consecutive steps, over all conditions, that turn counter-clockwise. */
function ccwFraction(proj: number[][][]): number {
  let ccw = 0;
  let all = 0;
  for (const traj of proj) {
    for (let t = 0; t + 1 < traj.length; t++) {
      const [x0, y0] = traj[t]!;
      const [x1, y1] = traj[t + 1]!;
      if (x0! * y1! - y0! * x1! > 0) ccw++;
      all++;
    }
  }
  return ccw / all;
}

describe('jpca on the §7.6 circle', () => {
  for (const softNorm of [5, 10, false] as const) {
    it(`recovers M_skew, R² and the 1.9947 Hz estimate (softNorm ${softNorm})`, () => {
      const r = jpca(circleConditions(), { dt: 0.01, k: 2, softNorm, timeRange: [1, 52] });
      const s = 0.1253332;
      expect(r.planes).toHaveLength(1);
      const plane = r.planes[0]!;
      expect(plane.eigenvalue[0]).toBeCloseTo(0, 12);
      expect(plane.eigenvalue[1]).toBeCloseTo(s, 7);
      expect(Math.abs(r.mSkew[0]![1]!)).toBeCloseTo(s, 7);
      expect(r.mSkew[0]![1]).toBe(-r.mSkew[1]![0]! + 0);
      // In unit coordinates (PC axes may be any rotation or reflection of the plane).
      const P = r.pca.components;
      const mUnits = [0, 1].map((i) =>
        [0, 1].map((j) =>
          [0, 1].reduce(
            (acc, a) =>
              acc + [0, 1].reduce((b, c) => b + P[a]![i]! * r.mSkew[a]![c]! * P[c]![j]!, 0),
            0,
          ),
        ),
      );
      expect(mUnits[0]![1]).toBeCloseTo(-s, 7);
      expect(mUnits[1]![0]).toBeCloseTo(s, 7);
      expect(r.r2SkewKD).toBeCloseTo(0.9960574, 7);
      expect(r.r2BestKD).toBeCloseTo(1, 12);
      expect(plane.r2Skew).toBeCloseTo(0.9960574, 7);
      expect(plane.r2Best).toBeCloseTo(1, 12);
      expect(plane.frequencyHz).toBeCloseTo(1.9947, 4);
      expect(plane.varianceCaptured).toBeCloseTo(1, 12);
      expect(ccwFraction(plane.projections)).toBe(1);
    });
  }

  it('divides each unit by its range + softNorm, so a range of s maps to 0.5', () => {
    for (const s of [5, 10]) {
      const data = [0, 1].map((c) =>
        // Unit 0 takes the values s · (0 … 19)/19 in some order: its range is exactly s.
        Array.from({ length: 20 }, (_, t) => [
          (s * ((7 * t + 3 * c) % 20)) / 19,
          2 * Math.cos(t / 4 - c),
          t,
        ]),
      );
      const r = jpca(data, { dt: 0.01, k: 2, softNorm: s });
      const range = (u: number) => {
        const v = data.flatMap((cond) => cond.map((x) => x[u]!));
        return Math.max(...v) - Math.min(...v);
      };
      r.preprocess.scale.forEach((d, u) => expect(d).toBeCloseTo(range(u) + s, 12));
      expect(range(0) / r.preprocess.scale[0]!).toBeCloseTo(0.5, 12);
    }
  });
});

describe('jpca on a rotation embedded in 12 units', () => {
  for (const w1 of [0.15, -0.15]) {
    it(`orders the fastest plane first and projects it counter-clockwise (ω = ${w1} rad/step)`, () => {
      for (const alignToPreparatory of [true, false]) {
        const r = jpca(rotationData(w1), { dt: 0.01, alignToPreparatory });
        expect(r.planes).toHaveLength(3);
        expect(r.planes[0]!.frequencyHz).toBeGreaterThan(r.planes[1]!.frequencyHz);
        expect(r.planes[1]!.frequencyHz).toBeGreaterThan(r.planes[2]!.frequencyHz);
        expect(r.planes[0]!.frequencyHz).toBeCloseTo(0.15 / (2 * Math.PI * 0.01), 0);
        expect(ccwFraction(r.planes[0]!.projections)).toBe(1);
        expect(ccwFraction(r.planes[1]!.projections)).toBe(1);
        expect(r.r2BestKD).toBeCloseTo(1, 10);
        expect(r.r2SkewKD).toBeGreaterThan(0.5);
        expect(r.r2Ratio).toBeCloseTo(r.r2SkewKD / r.r2BestKD, 15);
      }
    });
  }

  const data = rotationData(0.15);
  const base = jpca(data, { dt: 0.01 });

  it('spreads the preparatory states along jPC1 and puts the largest jPC2 excursion positive', () => {
    for (const plane of base.planes) {
      const prep = plane.projections.map((traj) => traj[0]!);
      const mean = [0, 1].map((i) => prep.reduce((s, p) => s + p[i]!, 0) / prep.length);
      const sxx = prep.reduce((s, p) => s + (p[0]! - mean[0]!) ** 2, 0);
      const syy = prep.reduce((s, p) => s + (p[1]! - mean[1]!) ** 2, 0);
      const sxy = prep.reduce((s, p) => s + (p[0]! - mean[0]!) * (p[1]! - mean[1]!), 0);
      expect(sxx).toBeGreaterThanOrEqual(syy);
      expect(Math.abs(sxy)).toBeLessThan(1e-9 * sxx);
      const ys = plane.projections.flat().map((p) => p[1]!);
      expect(Math.max(...ys)).toBeGreaterThanOrEqual(Math.max(...ys.map(Math.abs)));
    }
  });

  it('gives the same R², frequencies and projections when the units are permuted', () => {
    const perm = new SeededRandom(11).permutation(12);
    const permuted = data.map((cond) => cond.map((x) => perm.map((p) => x[p]!)));
    const r = jpca(permuted, { dt: 0.01 });
    expect(r.r2SkewKD).toBeCloseTo(base.r2SkewKD, 10);
    expect(r.r2BestKD).toBeCloseTo(base.r2BestKD, 10);
    r.planes.forEach((plane, p) => {
      const b = base.planes[p]!;
      expect(plane.frequencyHz).toBeCloseTo(b.frequencyHz, 10);
      expect(plane.r2Skew).toBeCloseTo(b.r2Skew, 10);
      expect(plane.r2Best).toBeCloseTo(b.r2Best, 10);
      expect(plane.varianceCaptured).toBeCloseTo(b.varianceCaptured, 10);
      plane.projections.forEach((traj, c) =>
        traj.forEach((pt, t) => {
          expect(pt[0]).toBeCloseTo(b.projections[c]![t]![0]!, 8);
          expect(pt[1]).toBeCloseTo(b.projections[c]![t]![1]!, 8);
        }),
      );
      plane.axes[0]!.forEach((v, u) => expect(v).toBeCloseTo(b.axes[0]![perm[u]!]!, 10));
    });
  });

  it('captures, over all planes, the variance of the k PCs', () => {
    const sum = base.planes.reduce((s, p) => s + p.varianceCaptured, 0);
    const pcs = base.pca.explainedVarianceRatio.reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(pcs, 12);
    expect(pcs).toBeCloseTo(1, 10);
  });

  it('projects preprocessed data onto the unit-space axes', () => {
    const { scale, conditionMean } = base.preprocess;
    const [c, t] = [5, 17];
    const x = data[c]![t]!.map(
      (v, u) => v / scale[u]! - conditionMean![t]![u]! - base.pca.mean[u]!,
    );
    for (const plane of base.planes) {
      plane.axes.forEach((axis, i) => {
        const dotted = axis.reduce((s, a, u) => s + a * x[u]!, 0);
        expect(dotted).toBeCloseTo(plane.projections[c]![t]![i]!, 10);
      });
    }
  });

  it('has orthonormal unit-space axes across all planes', () => {
    const axes = base.planes.flatMap((p) => p.axes);
    axes.forEach((a, i) =>
      axes.forEach((b, j) => {
        const d = a.reduce((s, x, u) => s + x * b[u]!, 0);
        expect(d).toBeCloseTo(i === j ? 1 : 0, 10);
      }),
    );
  });
});

describe('jpca input checks', () => {
  const data = rotationData(0.15);

  it('names the condition whose length differs', () => {
    const ragged = data.map((cond, c) => (c === 2 ? cond.slice(0, 30) : cond));
    expect(() => jpca(ragged, { dt: 0.01 })).toThrow(
      /conditions have different lengths: condition 2 has 30 time steps, condition 0 has 40/,
    );
  });

  it('names bad k, dt and values', () => {
    expect(() => jpca(data, { dt: 0.01, k: 5 })).toThrow(/k is 5; jPCA needs an even number/);
    expect(() => jpca(data, { dt: 0.01, k: 14 })).toThrow(/k is 14; .* \(data has 12 units\)/);
    expect(() => jpca(data, { dt: 0 })).toThrow(
      /dt is 0; it must be a finite number greater than 0/,
    );
    const bad = data.map((cond) => cond.map((x) => x.slice()));
    bad[1]![4]![7] = NaN;
    expect(() => jpca(bad, { dt: 0.01 })).toThrow(/data\[1\]\[4\]\[7\] is NaN/);
  });

  it('warns when there are fewer than 50 state changes', () => {
    const short = data.map((cond) => cond.slice(0, 6));
    expect(jpca(short, { dt: 0.01 }).warnings[0]).toMatch(/only 40 state changes for k = 6/);
    expect(jpca(data, { dt: 0.01 }).warnings).toEqual([]);
  });
});
