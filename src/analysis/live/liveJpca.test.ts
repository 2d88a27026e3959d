import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../lib/random';
import { jpca } from '../index';
import { LiveDynamics } from './liveDynamics';
import { jpcaCore } from './jpcaCore';
import { procrustes2, shuffledSurrogates, type LiveJpcaSettings } from './liveJpca';
import { syntheticBatches } from './syntheticReaches';

const DT = 1 / 60;

/**
 * 8 conditions × 42 steps of a 6-D linear system (a decaying rotation at `w` rad/step, a slower
 * one, two real decays) mixed into 12 units around a baseline: the library's jPCA test family.
 */
function linearConditions(w: number, seed = 3): Float64Array[] {
  const rng = new SeededRandom(seed);
  const W = Array.from({ length: 6 }, () => Array.from({ length: 12 }, () => rng.normal()));
  const base = Array.from({ length: 12 }, () => 2 * rng.next());
  return Array.from({ length: 8 }, (_, c) => {
    const ph = (2 * Math.PI * c) / 8;
    const z = [Math.cos(ph), Math.sin(ph), 0.4 * Math.cos(2 * ph + 1), 0.4 * Math.sin(2 * ph + 1)];
    z.push(0.3 * Math.sin(ph), 0.2 * Math.cos(ph));
    const out = new Float64Array(42 * 12);
    for (let t = 0; t < 42; t++) {
      for (let u = 0; u < 12; u++)
        out[t * 12 + u] = base[u]! + z.reduce((s, zj, j) => s + zj * W[j]![u]!, 0);
      const turn = (i: number, r: number, a: number) => {
        const [x, y] = [z[i]!, z[i + 1]!];
        z[i] = r * (Math.cos(a) * x - Math.sin(a) * y);
        z[i + 1] = r * (Math.sin(a) * x + Math.cos(a) * y);
      };
      turn(0, 0.99, w);
      turn(2, 0.98, 0.05);
      z[4] = 0.95 * z[4]!;
      z[5] = 0.9 * z[5]!;
    }
    return out;
  });
}

const settings: LiveJpcaSettings = {
  dt: DT,
  k: 6,
  softNorm: 0.1,
  analysed: [9, 30],
  surrogates: 20,
  surrogateSeed: 1,
};

describe('live jPCA', () => {
  it('computes what the library jpca computes (top plane, R², frequency, variance)', () => {
    const data = linearConditions(0.2);
    const core = jpcaCore(data, 12, 42, settings, true);
    const ref = jpca(
      data.map((d) => Array.from({ length: 42 }, (_, t) => d.subarray(t * 12, (t + 1) * 12))),
      { dt: DT, k: 6, softNorm: 0.1, timeRange: [9, 30] },
    );
    expect(core.r2SkewKD).toBeCloseTo(ref.r2SkewKD, 12);
    expect(core.r2BestKD).toBeCloseTo(ref.r2BestKD, 12);
    core.mSkew.flat().forEach((v, i) => expect(v).toBeCloseTo(ref.mSkew.flat()[i]!, 12));
    core.planes.forEach((p, i) => {
      const q = ref.planes[i]!;
      expect(p.frequencyHz).toBeCloseTo(q.frequencyHz, 10);
      expect(p.r2Skew).toBeCloseTo(q.r2Skew, 10);
      expect(p.r2Best).toBeCloseTo(q.r2Best, 10);
      expect(p.varianceCaptured).toBeCloseTo(q.varianceCaptured, 10);
    });
    // The top plane with the preparatory convention is the library's, axis for axis.
    core.planes[0]!.axes.forEach((axis, a) =>
      axis.forEach((v, u) => expect(v).toBeCloseTo(ref.planes[0]!.axes[a]![u]!, 10)),
    );
  });

  it('gets the same surrogate R² from permuted scores as from running the fit on shuffled data', () => {
    const data = linearConditions(0.15);
    const core = jpcaCore(data, 12, 42, settings, true);
    const s = { ...settings, surrogates: 5, surrogateSeed: 9 };
    const fast = shuffledSurrogates(core, s);
    const rng = new SeededRandom(9);
    const [t0, t1] = settings.analysed;
    const full = Array.from({ length: 5 }, () => {
      const perm = rng.permutation(t1 - t0);
      const shuffled = data.map((d) => {
        const out = d.slice();
        perm.forEach((p, j) =>
          out.set(d.subarray((t0 + p) * 12, (t0 + p + 1) * 12), (t0 + j) * 12),
        );
        return out;
      });
      return jpcaCore(shuffled, 12, 42, settings, true).r2SkewKD;
    });
    expect(fast.r2SkewKDMean).toBeCloseTo(full.reduce((a, b) => a + b) / 5, 10);
    expect(fast.r2SkewKDP95).toBeCloseTo(Math.max(...full), 10);
    expect(fast.fractionAbove).toBe(full.filter((v) => v >= core.r2SkewKD).length / 5);
  });

  it('procrustes2 recovers a rotation, and a reflection when that matches better', () => {
    const rng = new SeededRandom(4);
    const a = Array.from({ length: 40 }, () => rng.normal());
    const apply = (q: number[][], p: number[]) =>
      p.flatMap((_, i) =>
        i % 2
          ? []
          : [q[0]![0]! * p[i]! + q[0]![1]! * p[i + 1]!, q[1]![0]! * p[i]! + q[1]![1]! * p[i + 1]!],
      );
    const rot = [
      [Math.cos(2), -Math.sin(2)],
      [Math.sin(2), Math.cos(2)],
    ];
    const ref = [
      [Math.cos(0.7), Math.sin(0.7)],
      [Math.sin(0.7), -Math.cos(0.7)],
    ];
    for (const q of [rot, ref]) {
      const found = procrustes2(a, apply(q, a));
      found.flat().forEach((v, i) => expect(v).toBeCloseTo(q.flat()[i]!, 12));
    }
  });

  it('a pure rotation (SCIENCE.md §7.6 circle, 8 phases) gives R²_skew = (1 + cos ωΔt)/2, R²_best = 1 and f = sin(ωΔt)/(2πΔt)', () => {
    // 2 Hz at 60 Hz. 16 units are rotated copies of (cos θ, sin θ): all ranges equal, so soft
    // normalisation scales every unit alike and the circle stays a circle.
    const w = (2 * Math.PI * 2) / 60;
    const rng = new SeededRandom(2);
    const alpha = Array.from({ length: 8 }, () => 2 * Math.PI * rng.next());
    const trials = Array.from({ length: 16 }, (_, i) => {
      const d = i % 8;
      return {
        direction: d,
        hidden: (k: number) =>
          alpha.flatMap((a) => [
            Math.cos(w * k + (2 * Math.PI * d) / 8 + a),
            Math.sin(w * k + (2 * Math.PI * d) / 8 + a),
          ]),
      };
    });
    const live = new LiveDynamics({ k: 2 });
    for (const b of syntheticBatches(trials)) live.ingest(b);
    const fit = live.fitJpca()!;
    expect(fit).not.toBeNull();
    expect(fit.r2Skew).toBeCloseTo((1 + Math.cos(w)) / 2, 5);
    expect(fit.r2SkewKD).toBeCloseTo((1 + Math.cos(w)) / 2, 5);
    expect(fit.r2Best).toBeCloseTo(1, 5);
    expect(fit.frequencyHz).toBeCloseTo(Math.sin(w) / (2 * Math.PI * DT), 4);
    expect(fit.varianceCaptured).toBeCloseTo(1, 6);
    expect(fit.surrogate.fractionAbove).toBe(0);
    expect(fit.surrogate.r2SkewKDP95).toBeLessThan(0.2);
    // Counter-clockwise in the plotted plane: the cross product of successive points is > 0.
    const c = fit.curves;
    for (let t = 0; t + 1 < 42; t++)
      expect(c[2 * t]! * c[2 * t + 3]! - c[2 * t + 1]! * c[2 * t + 2]!).toBeGreaterThan(0);
  });
});
