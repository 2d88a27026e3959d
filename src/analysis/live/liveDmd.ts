import { dmd, type DmdResult } from '../index';
import type { LiveDmd } from '../../../workers/contracts';
import type { TickSegment } from './tickStore';

export interface LiveDmdSettings {
  /** Control period, s. */
  dt: number;
  /** Keep the smallest rank whose singular values carry this share of Σσ². */
  energy: number;
  /** …but at most this rank. */
  maxRank: number;
}

export interface LiveDmdFit {
  live: LiveDmd;
  result: DmdResult;
  /** Ticks per segment (trial) that went in. */
  segmentLengths: number[];
}

/**
 * Exact DMD of recent hidden-state segments (one per trial; snapshot pairs never cross a trial
 * boundary), mean-subtracted so the operating point does not show up as λ ≈ 1 (SCIENCE.md §8).
 * Rank: the energy cut, capped at `maxRank` (then refitted at exactly that rank). Eigenvalues and
 * modes come out sorted by |λ| descending, then by angle (positive imaginary part first).
 */
export function fitLiveDmd(segments: TickSegment[], H: number, s: LiveDmdSettings): LiveDmdFit {
  const trials = segments.map((seg) =>
    Array.from({ length: seg.ticks.length }, (_, t) => seg.hidden.subarray(t * H, (t + 1) * H)),
  );
  let result = dmd(trials, { dt: s.dt, energy: s.energy, subtractMean: true });
  if (result.rank > s.maxRank)
    result = dmd(trials, { dt: s.dt, rank: s.maxRank, subtractMean: true });
  const n = result.rank;
  const { re, im } = result.eigenvalues;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      Math.hypot(re[b]!, im[b]!) - Math.hypot(re[a]!, im[a]!) ||
      Math.atan2(im[b]!, re[b]!) - Math.atan2(im[a]!, re[a]!),
  );
  const eig = new Float32Array(2 * n);
  const modesRe = new Float32Array(n * H);
  const modesIm = new Float32Array(n * H);
  order.forEach((j, i) => {
    eig[2 * i] = re[j]!;
    eig[2 * i + 1] = im[j]!;
    modesRe.set(result.modes[j]!.re, i * H);
    modesIm.set(result.modes[j]!.im, i * H);
  });
  const samples = segments.reduce((acc, seg) => acc + seg.ticks.length, 0);
  return {
    live: { eig, rank: n, samples, modesRe, modesIm },
    result,
    segmentLengths: segments.map((seg) => seg.ticks.length),
  };
}
