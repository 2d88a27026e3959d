import { eig } from '../index';
import type { LiveDmdFit } from './liveDmd';
import type { ConditionAverages, LiveJpcaFit } from './liveJpca';
import type { ReachWindow } from './tickStore';

/** One downloadable file. */
export interface ExportFile {
  name: string;
  mime: string;
  text: string;
}

/** What LiveDynamics hands the exporters. */
export interface ExportState {
  policyId: string;
  hiddenDim: number;
  /** Control period, s. */
  dt: number;
  options: {
    window: { startTick: number; steps: number };
    analysed: [number, number];
    [key: string]: unknown;
  };
  analysedSteps: [number, number];
  reaches: ReachWindow[];
  averages: ConditionAverages;
  jpca: LiveJpcaFit | null;
  dmd: LiveDmdFit | null;
}

export const EXPORT_FORMAT = 'eigenplay-live-dynamics/v1';

const rows = (flat: ArrayLike<number>, width: number): number[][] =>
  Array.from({ length: flat.length / width }, (_, i) =>
    Array.from({ length: width }, (_, j) => flat[i * width + j]!),
  );

/** Discrete per-step eigenvalue rows: source, index, re, im, |λ|, arg λ (rad), arg λ / (2π dt) Hz. */
function eigenRows(st: ExportState): (string | number)[][] {
  const out: (string | number)[][] = [];
  const add = (source: string, re: number, im: number, i: number) =>
    out.push([
      source,
      i,
      re,
      im,
      Math.hypot(re, im),
      Math.atan2(im, re),
      Math.atan2(im, re) / (2 * Math.PI * st.dt),
    ]);
  if (st.dmd) {
    const e = st.dmd.live.eig;
    for (let i = 0; i + 1 < e.length; i += 2) add('dmd', e[i]!, e[i + 1]!, i / 2);
  }
  if (st.jpca) {
    // The per-bin fits dx = M x as one-step maps: exp(M_skew) (on the unit circle) and I + M_best.
    // M_skew's eigenvalues ±iω per plane (its planes, not eig(): see rotationPlanes).
    st.jpca.core.planes.forEach((p, i) => {
      add('jpca-mskew', Math.cos(p.omega), Math.sin(p.omega), 2 * i);
      add('jpca-mskew', Math.cos(p.omega), -Math.sin(p.omega), 2 * i + 1);
    });
    const mb = st.jpca.core.mBest.map((row, i) => row.map((v, j) => v + (i === j ? 1 : 0)));
    const eb = eig(mb);
    eb.re.forEach((re, i) => add('jpca-mbest', re, eb.im[i]!, i));
  }
  return out;
}

/** Times of the window steps relative to the go cue, s. */
function windowTimes(st: ExportState): number[] {
  const { startTick, steps } = st.options.window;
  return Array.from({ length: steps }, (_, t) => (startTick + t) * st.dt);
}

/**
 * The JSON export: hidden trajectories of every kept reach (ticks, times from go, direction), the
 * condition averages, the jPCA fit (matrices in PC coordinates per bin, the live plane and its
 * projection map, R², surrogates) and the DMD fit (discrete and continuous eigenvalues, reduced
 * operator, singular values).
 */
export function exportJson(st: ExportState): ExportFile {
  const H = st.hiddenDim;
  const times = windowTimes(st);
  const { startTick, steps } = st.options.window;
  const j = st.jpca;
  const d = st.dmd;
  const body = {
    format: EXPORT_FORMAT,
    policyId: st.policyId,
    hiddenDim: H,
    dt: st.dt,
    options: st.options,
    analysedSteps: st.analysedSteps,
    windowTimesS: times,
    trials: st.reaches.map((r) => ({
      trial: r.trialIndex,
      run: r.generation,
      direction: r.direction,
      goTick: r.goTick,
      ticks: Array.from({ length: steps }, (_, t) => r.goTick + startTick + t),
      timesS: times,
      hidden: rows(r.hidden, H),
    })),
    conditionAverages: st.averages.directions.map((dir, c) => ({
      direction: dir,
      trials: st.averages.trialsPerCondition[c],
      hidden: rows(st.averages.data[c]!, H),
    })),
    jpca: j && {
      directions: j.live.directions,
      trialsPerCondition: j.live.trialsPerCondition,
      axes: rows(j.live.axes, H),
      scale: Array.from(j.live.scale),
      offset: rows(j.live.offset, H),
      curves: j.live.directions.map((_, c) =>
        rows(j.live.curves.subarray(c * steps * 2, (c + 1) * steps * 2), 2),
      ),
      preparatory: j.live.preparatory,
      r2Skew: j.live.r2Skew,
      r2Best: j.live.r2Best,
      r2SkewKD: j.live.r2SkewKD,
      r2BestKD: j.live.r2BestKD,
      varianceCaptured: j.live.varianceCaptured,
      frequencyHz: j.live.frequencyHz,
      surrogate: j.live.surrogate,
      alignment: j.turn,
      softNorm: j.core.softNorm,
      mSkew: j.core.mSkew,
      mBest: j.core.mBest,
      pcaMean: j.core.pca.mean,
      pcaComponents: j.core.pca.components,
      planes: j.core.planes.map((p) => ({
        omegaPerStep: p.omega,
        frequencyHz: p.frequencyHz,
        r2Skew: p.r2Skew,
        r2Best: p.r2Best,
        varianceCaptured: p.varianceCaptured,
      })),
      warnings: j.core.warnings,
    },
    dmd: d && {
      samples: d.live.samples,
      rank: d.live.rank,
      segmentLengths: d.segmentLengths,
      eigenvalues: rows(d.live.eig, 2),
      continuousEigenvalues: d.result.continuousEigenvalues.re.map((re, i) => [
        re,
        d.result.continuousEigenvalues.im[i],
      ]),
      reducedOperator: d.result.reducedOperator,
      singularValues: d.result.singularValues,
      mean: d.result.mean,
      modesRe: rows(d.live.modesRe, H),
      modesIm: rows(d.live.modesIm, H),
    },
    eigenvalueTable: eigenRows(st),
  };
  return {
    name: `${st.policyId || 'dynamics'}-dynamics.json`,
    mime: 'application/json',
    text: JSON.stringify(body),
  };
}

const csvNumber = (v: number | string): string =>
  typeof v === 'string' ? v : Number.isFinite(v) ? String(v) : '';

/**
 * CSV exports: trajectories in long format (trial,direction,tick,time_s,h0..h{H−1}, one row per
 * tick of every kept reach), eigenvalues (source,index,re,im,abs,angle_rad,hz; all discrete per
 * control step), and the jPCA summary (one row per plane plus a k-D row).
 */
export function exportCsv(st: ExportState): ExportFile[] {
  const H = st.hiddenDim;
  const base = st.policyId || 'dynamics';
  const { startTick, steps } = st.options.window;
  const head = [
    'trial',
    'direction',
    'tick',
    'time_s',
    ...Array.from({ length: H }, (_, u) => `h${u}`),
  ];
  const traj = [head.join(',')];
  for (const r of st.reaches) {
    for (let t = 0; t < steps; t++) {
      const h = Array.from(r.hidden.subarray(t * H, (t + 1) * H), (v) => String(v));
      traj.push(
        [r.trialIndex, r.direction, r.goTick + startTick + t, (startTick + t) * st.dt, ...h].join(
          ',',
        ),
      );
    }
  }
  const eigs = [
    'source,index,re,im,abs,angle_rad,hz',
    ...eigenRows(st).map((r) => r.map(csvNumber).join(',')),
  ];
  const summary = [
    'plane,frequency_hz,r2_skew,r2_best,variance_captured,surrogate_r2_skew_kd_mean,surrogate_r2_skew_kd_p95,surrogate_fraction_above,trials_per_condition',
  ];
  const j = st.jpca;
  if (j) {
    const s = j.live.surrogate;
    const tail = [s.r2SkewKDMean, s.r2SkewKDP95, s.fractionAbove].map(csvNumber);
    const counts = j.live.trialsPerCondition.join(' ');
    j.core.planes.forEach((p, i) => {
      // The live plane is the top one, turned within itself; R² and variance do not change.
      summary.push(
        [i + 1, p.frequencyHz, p.r2Skew, p.r2Best, p.varianceCaptured, ...tail, counts]
          .map(csvNumber)
          .join(','),
      );
    });
    const sumVar = j.core.planes.reduce((acc, p) => acc + p.varianceCaptured, 0);
    summary.push(
      ['kD', '', j.core.r2SkewKD, j.core.r2BestKD, sumVar, ...tail, counts]
        .map(csvNumber)
        .join(','),
    );
  }
  return [
    { name: `${base}-trajectories.csv`, mime: 'text/csv', text: traj.join('\n') + '\n' },
    { name: `${base}-eigenvalues.csv`, mime: 'text/csv', text: eigs.join('\n') + '\n' },
    { name: `${base}-jpca-summary.csv`, mime: 'text/csv', text: summary.join('\n') + '\n' },
  ];
}
