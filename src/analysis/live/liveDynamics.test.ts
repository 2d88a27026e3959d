import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../lib/random';
import { loadPolicyDir } from '../../policy/loadPolicyDir';
import type { OrtPolicy } from '../../policy/ortPolicy';
import type { LiveJpca, TickBatch } from '../../../workers/contracts';
import { LiveDynamics } from './liveDynamics';
import { fitLiveJpca, projectAll, type ConditionAverages } from './liveJpca';
import { recordReaches } from './recordReaches';
import { permuteHidden } from './syntheticReaches';

/**
 * The live analysis on real hidden states: the shipped arm-lru and arm-transformer driving the
 * real arm sim (Rapier) in Node, trials back to back as in the app.
 */
let lru: TickBatch[];
let transformer: TickBatch[];
const policies: OrtPolicy[] = [];
beforeAll(async () => {
  const load = async (id: string) => {
    const p = await loadPolicyDir(`assets/policies/${id}`);
    policies.push(p);
    return p;
  };
  lru = await recordReaches(await load('arm-lru'), { policyId: 'arm-lru', seed: 1, trials: 64 });
  transformer = await recordReaches(await load('arm-transformer'), {
    policyId: 'arm-transformer',
    seed: 2,
    trials: 24,
  });
});
afterAll(async () => {
  for (const p of policies) await p.release();
});

/** Feeds batches until every direction has `n` complete reaches; returns the batches used. */
function feedUntil(live: LiveDynamics, batches: TickBatch[], n: number, from = 0): number {
  let i = from;
  while (i < batches.length && Math.min(...live.trialCounts()) < n) live.ingest(batches[i++]!);
  if (Math.min(...live.trialCounts()) < n)
    throw new Error(`ran out of ticks before ${n} reaches per direction`);
  return i;
}

/** Largest extent of the curves along either axis: the plotted range. */
function plottedRange(j: LiveJpca): number {
  const ext = (a: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = a; i < j.curves.length; i += 2) {
      lo = Math.min(lo, j.curves[i]!);
      hi = Math.max(hi, j.curves[i]!);
    }
    return hi - lo;
  };
  return Math.max(ext(0), ext(1));
}

/** p = axes · (h / scale − offset[t]) for one hidden vector. */
function project(j: LiveJpca, h: ArrayLike<number>, t: number): [number, number] {
  const H = j.scale.length;
  const p = projectAll(
    [Float64Array.from(h)],
    j.axes,
    j.scale,
    j.offset.subarray(t * H, (t + 1) * H),
    H,
    1,
  );
  return [p[0]!, p[1]!];
}

describe('LiveDynamics on arm-lru driving the real arm', () => {
  it('fits jPCA once every direction has a reach: finite, well above the shuffled control', () => {
    const live = new LiveDynamics();
    let i = 0;
    while (live.trialCounts().some((n) => n === 0)) {
      expect(live.fitJpca()).toBeNull();
      live.ingest(lru[i++]!);
    }
    expect(live.jpcaStatus).toMatch(
      /^jPCA is waiting for 1 more direction \(\d+ complete reaches so far\)$/,
    );
    const fit = live.fitJpca()!;
    expect(fit).not.toBeNull();
    for (const v of [...fit.axes, ...fit.scale, ...fit.offset, ...fit.curves])
      expect(Number.isFinite(v)).toBe(true);
    expect(fit.curves.length).toBe(8 * 42 * 2);
    expect(fit.preparatory).toHaveLength(8);
    expect(fit.r2Skew).toBeGreaterThan(0.3);
    expect(fit.r2Best).toBeGreaterThanOrEqual(fit.r2Skew);
    expect(fit.r2SkewKD).toBeGreaterThan(fit.surrogate.r2SkewKDP95);
    expect(fit.surrogate.r2SkewKDMean).toBeLessThan(0.1);
    expect(fit.surrogate.fractionAbove).toBe(0);
    expect(fit.frequencyHz).toBeGreaterThan(0.3);
    expect(fit.frequencyHz).toBeLessThan(6);
  });

  it('the curves are the live projection of the condition averages at each window step', () => {
    const live = new LiveDynamics();
    feedUntil(live, lru, 2);
    const fit = live.fitJpca()!;
    const avg = live.conditionAverages();
    const H = avg.H;
    for (const [c, t] of [
      [0, 0],
      [3, 20],
      [7, 41],
    ] as const) {
      const [x, y] = project(fit, avg.data[c]!.subarray(t * H, (t + 1) * H), t);
      expect(fit.curves[(c * 42 + t) * 2]).toBeCloseTo(x, 5);
      expect(fit.curves[(c * 42 + t) * 2 + 1]).toBeCloseTo(y, 5);
    }
  });

  it('a refit after one more reach per direction moves a probe state < 5% of the plotted range', () => {
    // Every complete reach, then averages of the first 3 and the first 4 of each direction, fitted
    // as LiveDynamics fits them (the second aligned to the first).
    const all = new LiveDynamics({ trialsPerCondition: 8 });
    for (const b of lru) all.ingest(b);
    const byDir = Array.from({ length: 8 }, (_, d) =>
      all.reaches().filter((r) => r.direction === d),
    );
    expect(Math.min(...byDir.map((l) => l.length))).toBeGreaterThanOrEqual(4);
    const averages = (n: number): ConditionAverages => ({
      directions: [0, 1, 2, 3, 4, 5, 6, 7],
      trialsPerCondition: new Array(8).fill(n),
      window: { startTick: -12, steps: 42 },
      H: 64,
      data: byDir.map((l) => {
        const avg = new Float64Array(42 * 64);
        for (const r of l.slice(0, n)) r.hidden.forEach((v, i) => (avg[i]! += v / n));
        return avg;
      }),
    });
    const settings = {
      dt: 1 / 60,
      k: 6,
      softNorm: { medianRange: 0.5 },
      analysed: all.analysedSteps,
      surrogates: 0,
      surrogateSeed: 1,
    };
    const first = fitLiveJpca(averages(3), settings, null).live;
    const second = fitLiveJpca(averages(4), settings, first).live;
    const range = plottedRange(first);
    // The probe: a real state, an added reach's hidden vector at its go cue (window step 12).
    const h = byDir[0]![3]!.hidden.subarray(12 * 64, 13 * 64);
    const [a, b] = [project(first, h, 12), project(second, h, 12)];
    expect(Math.hypot(a[0] - b[0], a[1] - b[1]) / range).toBeLessThan(0.05);
    // And typically, over every window step of the 32 reaches in the second fit.
    const moves: number[] = [];
    for (const r of byDir.flatMap((l) => l.slice(0, 4))) {
      for (let t = 0; t < 42; t++) {
        const x = r.hidden.subarray(t * 64, (t + 1) * 64);
        const [p, q] = [project(first, x, t), project(second, x, t)];
        moves.push(Math.hypot(p[0] - q[0], p[1] - q[1]) / range);
      }
    }
    moves.sort((x, y) => x - y);
    expect(moves[moves.length >> 1]).toBeLessThan(0.05);
  });

  it('does not depend on the order of the hidden units', () => {
    const perm = new SeededRandom(11).permutation(64);
    const a = new LiveDynamics();
    const b = new LiveDynamics();
    for (const x of lru.slice(0, 120)) a.ingest(x);
    for (const x of permuteHidden(lru.slice(0, 120), perm)) b.ingest(x);
    const fa = a.fitJpca()!;
    const fb = b.fitJpca()!;
    for (const key of [
      'r2Skew',
      'r2Best',
      'r2SkewKD',
      'r2BestKD',
      'varianceCaptured',
      'frequencyHz',
    ] as const)
      expect(fb[key]).toBeCloseTo(fa[key], 9);
    fa.curves.forEach((v, i) => expect(fb.curves[i]).toBeCloseTo(v, 5));
    // The axes are the same vectors with their entries permuted.
    perm.forEach((p, u) => expect(fb.axes[u]).toBeCloseTo(fa.axes[p]!, 9));
    const da = a.fitDmd()!;
    const db = b.fitDmd()!;
    expect(db.rank).toBe(da.rank);
    da.eig.forEach((v, i) => expect(db.eig[i]).toBeCloseTo(v, 5));
  });

  it('fits DMD on the last 4 s within trials: a stable spectrum inside the unit circle', () => {
    const live = new LiveDynamics();
    for (const b of lru.slice(0, 40)) live.ingest(b);
    const fit = live.fitDmd()!;
    expect(fit.samples).toBeGreaterThan(200);
    expect(fit.samples).toBeLessThanOrEqual(240);
    expect(fit.rank).toBeGreaterThan(2);
    expect(fit.rank).toBeLessThanOrEqual(24);
    const mod = Array.from({ length: fit.rank }, (_, i) =>
      Math.hypot(fit.eig[2 * i]!, fit.eig[2 * i + 1]!),
    );
    expect(mod).toEqual([...mod].sort((x, y) => y - x));
    expect(mod[0]).toBeLessThan(1.05);
  });

  it('keeps its reaches across a reset of the same controller and forgets them on a switch', () => {
    const live = new LiveDynamics();
    feedUntil(live, lru, 1);
    const kept = live.completeTrials;
    live.ingest({ ...lru[0]!, reset: true });
    expect(live.completeTrials).toBe(kept);
    expect(live.fitJpca()).not.toBeNull();
    live.ingest(transformer[0]!);
    expect(live.hiddenDim).toBe(32);
    expect(live.completeTrials).toBe(0);
    expect(live.fitJpca()).toBeNull();
    expect(live.lastJpca).toBeNull();
  });
});

describe('LiveDynamics on the Transformer (hidden 32) and in annulus mode', () => {
  it('fits jPCA and DMD on the Transformer', () => {
    const live = new LiveDynamics();
    for (const b of transformer) live.ingest(b);
    const j = live.fitJpca()!;
    const d = live.fitDmd()!;
    expect(j.axes.length).toBe(2 * 32);
    expect(j.r2SkewKD).toBeGreaterThan(j.surrogate.r2SkewKDP95);
    expect(d.modesRe.length).toBe(d.rank * 32);
  });

  it('fits only DMD on annulus targets, and says why jPCA does not fit', async () => {
    const p = await loadPolicyDir('assets/policies/arm-lru');
    const batches = await recordReaches(p, {
      policyId: 'arm-lru',
      seed: 3,
      trials: 4,
      mode: 'annulus',
    });
    await p.release();
    const live = new LiveDynamics();
    for (const b of batches) live.ingest(b);
    expect(live.fitJpca()).toBeNull();
    expect(live.jpcaStatus).toMatch(/annulus/);
    expect(live.fitDmd()!.rank).toBeGreaterThan(0);
    expect(live.reaches().every((r) => r.direction === -1)).toBe(true);
  });
});

describe('LiveDynamics export', () => {
  it('exports trajectories, averages, the jPCA matrices and the DMD eigenvalues as JSON and CSV', () => {
    const live = new LiveDynamics();
    feedUntil(live, lru, 2);
    live.fitJpca();
    live.fitDmd();
    const [json] = live.exportJson();
    expect(json!.name).toBe('arm-lru-dynamics.json');
    const body = JSON.parse(json!.text);
    const n = live.reaches().length;
    expect(body.trials).toHaveLength(n);
    expect(body.trials[0].hidden).toHaveLength(42);
    expect(body.trials[0].hidden[0]).toHaveLength(64);
    expect(body.trials[0].timesS[12]).toBe(0);
    expect(body.trials[0].ticks[12]).toBe(body.trials[0].goTick);
    expect(body.conditionAverages).toHaveLength(8);
    expect(body.jpca.mSkew).toHaveLength(6);
    expect(body.jpca.axes).toHaveLength(2);
    expect(body.jpca.offset).toHaveLength(42);
    expect(body.dmd.eigenvalues).toHaveLength(body.dmd.rank);
    expect(body.dmd.continuousEigenvalues).toHaveLength(body.dmd.rank);
    expect(body.dmd.reducedOperator).toHaveLength(body.dmd.rank);

    const csv = live.exportCsv();
    expect(csv.map((f) => f.name)).toEqual([
      'arm-lru-trajectories.csv',
      'arm-lru-eigenvalues.csv',
      'arm-lru-jpca-summary.csv',
    ]);
    const traj = csv[0]!.text.trim().split('\n');
    expect(traj[0]).toBe(
      ['trial,direction,tick,time_s', ...Array.from({ length: 64 }, (_, u) => `h${u}`)].join(','),
    );
    expect(traj).toHaveLength(1 + n * 42);
    expect(traj[1]!.split(',')).toHaveLength(4 + 64);
    const eig = csv[1]!.text.trim().split('\n');
    expect(eig[0]).toBe('source,index,re,im,abs,angle_rad,hz');
    expect(eig.filter((l) => l.startsWith('dmd,'))).toHaveLength(body.dmd.rank);
    expect(eig.filter((l) => l.startsWith('jpca-mskew,'))).toHaveLength(6);
    const summary = csv[2]!.text.trim().split('\n');
    expect(summary).toHaveLength(1 + 3 + 1);
  });
});
