/**
 * Live dynamics analysis of every shipped arm controller, in Node: each drives the real arm sim
 * (Rapier, onnxruntime-web wasm) through center-out reaches back to back, as in the app, and its
 * hidden states go through the analysis worker's own implementation (AnalysisService, at its live
 * cadence). Prints Markdown tables: jPCA of the condition-averaged reaches, its shuffled control,
 * how far the plane moved between the live refits, and exact DMD of the last 4 s next to the
 * controller's own eigenvalues.
 *
 *   npm run dynamics -- [--trials 48] [--seed 1] [--only arm-lru,arm-linoss] [--sweep]
 *
 * --sweep adds the settings comparison behind the defaults (analysed range, soft normalisation,
 * the short-delay rule), on seeds seed … seed + 2.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summariseEigenvalues, type EigenSummary } from '../src/analysis/eigenSummary';
import { LiveDynamics, type LiveDynamicsOptions } from '../src/analysis/live/liveDynamics';
import { projectAll } from '../src/analysis/live/liveJpca';
import { recordReaches } from '../src/analysis/live/recordReaches';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import type { OrtPolicy } from '../src/policy/ortPolicy';
import { AnalysisService } from '../workers/analysisService';
import type { LiveJpca, TickBatch } from '../workers/contracts';

const { values: opt } = parseArgs({
  options: {
    trials: { type: 'string', default: '48' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    sweep: { type: 'boolean', default: false },
    root: { type: 'string', default: 'assets/policies' },
  },
});
const TRIALS = Number(opt.trials);
const SEED = Number(opt.seed);
if (!(Number.isInteger(TRIALS) && TRIALS >= 8) || !Number.isInteger(SEED)) {
  console.error(
    `dynamics: --trials must be an integer ≥ 8 and --seed an integer, got ${opt.trials}, ${opt.seed}`,
  );
  process.exit(2);
}
const ids = readdirSync(opt.root)
  .filter((d) => d.startsWith('arm-') && existsSync(join(opt.root, d, 'model.onnx')))
  .filter((d) => !opt.only || opt.only.split(',').includes(d))
  .sort();
const log = (m: string) => process.stderr.write(`${m}\n`);

/** Median and max of a list (NaN when empty). */
const medMax = (xs: number[]): [number, number] => {
  if (xs.length === 0) return [NaN, NaN];
  const s = [...xs].sort((a, b) => a - b);
  return [s[(s.length - 1) >> 1]!, s.at(-1)!];
};
const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

/** A policy's run: its batches and (if it reports them) every step's eigenvalues. */
async function record(policy: OrtPolicy, seed: number, trials: number) {
  const eig: number[] = [];
  const stepper = {
    reset: () => policy.reset(),
    step: async (obs: Float32Array) => {
      const out = await policy.step(obs);
      if (out.eig && policy.card.eigenvalues.length === 0) for (const v of out.eig) eig.push(v);
      return out;
    },
  };
  const batches = await recordReaches(stepper, { policyId: policy.card.id, seed, trials });
  return { batches, eig };
}

/**
 * Probe movement between consecutive jPCA fits: every window step of every reach in `probes`,
 * projected with both fits, distance as a share of the earlier fit's plotted range; the median
 * over probes for each refit.
 */
function refitMoves(fits: LiveJpca[], probes: Float32Array[]): number[] {
  return fits.slice(1).map((next, i) => {
    const prev = fits[i]!;
    const H = prev.scale.length;
    const steps = prev.window.steps;
    let range = 0;
    for (const a of [0, 1]) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = a; k < prev.curves.length; k += 2) {
        lo = Math.min(lo, prev.curves[k]!);
        hi = Math.max(hi, prev.curves[k]!);
      }
      range = Math.max(range, hi - lo);
    }
    const p = projectAll(probes, prev.axes, prev.scale, prev.offset, H, steps);
    const q = projectAll(probes, next.axes, next.scale, next.offset, H, steps);
    const d: number[] = [];
    for (let k = 0; k < p.length; k += 2)
      d.push(Math.hypot(p[k]! - q[k]!, p[k + 1]! - q[k + 1]!) / range);
    return medMax(d)[0];
  });
}

interface Row {
  id: string;
  name: string;
  jpca: LiveJpca | null;
  status: string;
  moves: number[];
  dmdRank: number;
  dmdSamples: number;
  dmd: EigenSummary | null;
  own: EigenSummary;
  ownKind: string;
  jpcaMs: number[];
  dmdMs: number[];
}

async function analyse(id: string): Promise<Row> {
  const policy = await loadPolicyDir(join(opt.root, id));
  try {
    log(`${id}: ${TRIALS} center-out reaches, seed ${SEED} ...`);
    const { batches, eig } = await record(policy, SEED, TRIALS);
    const service = new AnalysisService();
    // The fits the panel would have shown after each jPCA refit.
    const fits: LiveJpca[] = [];
    let seen = 0;
    service.subscribe((fit) => {
      if (service.log.jpca.length > seen && fit.jpca) fits.push(fit.jpca);
      seen = service.log.jpca.length;
    });
    for (const b of batches) service.receive(b);
    service.subscribe(() => undefined);
    const final = await service.refit();
    const probes = service.engine.reaches().map((r) => r.hidden);
    const card = policy.card;
    const ownKind =
      card.eigenvalues.length > 0
        ? `${card.eigenvalues.length} parametric`
        : eig.length > 0
          ? 'per step'
          : 'none';
    const own =
      card.eigenvalues.length > 0
        ? summariseEigenvalues(card.eigenvalues.flat(), card.control_hz, 'parametric')
        : summariseEigenvalues(eig, card.control_hz, eig.length ? 'per-step' : 'none');
    const d = final.dmd;
    return {
      id,
      name: card.name,
      jpca: final.jpca,
      status: final.status,
      moves: refitMoves(fits, probes),
      dmdRank: d?.rank ?? 0,
      dmdSamples: d?.samples ?? 0,
      dmd: d ? summariseEigenvalues(d.eig, card.control_hz, 'per-step') : null,
      own,
      ownKind,
      jpcaMs: service.log.jpca.map((x) => x.ms),
      dmdMs: service.log.dmd.map((x) => x.ms),
    };
  } finally {
    await policy.release();
  }
}

function tables(rows: Row[]): string {
  const out: string[] = [];
  out.push(
    '| Controller | Reaches per direction | jPCA R² skew / best (top plane) | R² skew / best (k-D) | Variance captured | Rotation (Hz) | Shuffled R² skew k-D: mean / p95 | Refit move (%): median / max | Fit (ms): jPCA / DMD, median |',
    '|' + ' --- |'.repeat(9),
  );
  for (const r of rows) {
    const j = r.jpca;
    const [mm, mx] = medMax(r.moves.map((x) => 100 * x));
    const t = `${f(medMax(r.jpcaMs)[0], 0)} / ${f(medMax(r.dmdMs)[0], 0)}`;
    if (!j) {
      out.push(`| ${r.name} | – | ${r.status} | – | – | – | – | – | ${t} |`);
      continue;
    }
    const per = [Math.min(...j.trialsPerCondition), Math.max(...j.trialsPerCondition)];
    out.push(
      `| ${r.name} | ${per[0] === per[1] ? per[0] : per.join('-')} | ${f(j.r2Skew)} / ${f(j.r2Best)} | ${f(j.r2SkewKD)} / ${f(j.r2BestKD)} | ${f(j.varianceCaptured)} | ${f(j.frequencyHz)} | ${f(j.surrogate.r2SkewKDMean, 3)} / ${f(j.surrogate.r2SkewKDP95, 3)} | ${f(mm, 1)} / ${f(mx, 1)} (${r.moves.length} refits) | ${t} |`,
    );
  }
  out.push('');
  out.push(
    '| Controller | DMD rank (ticks) | DMD \\|λ\\| median / max | DMD rotation (Hz): median / slowest quarter | Own eigenvalues | Own \\|λ\\| median / max | Own rotation (Hz): median / slowest quarter |',
    '|' + ' --- |'.repeat(7),
  );
  for (const r of rows) {
    const d = r.dmd;
    const o = r.own;
    const own =
      o.kind === 'none'
        ? 'none: no recurrence of its own | – | –'
        : `${r.ownKind} | ${f(o.modulus.median, 3)} / ${f(o.modulus.max, 4)} | ${f(o.freqHz.median)} / ${f(o.slowFreqHz)}`;
    out.push(
      `| ${r.name} | ${d ? `${r.dmdRank} (${r.dmdSamples})` : '–'} | ${d ? `${f(d.modulus.median, 3)} / ${f(d.modulus.max, 4)}` : '–'} | ${d ? `${f(d.freqHz.median)} / ${f(d.slowFreqHz)}` : '–'} | ${own} |`,
    );
  }
  return out.join('\n');
}

/** Settings compared by --sweep. */
const SWEEP: [string, LiveDynamicsOptions][] = [
  ['defaults: −50…+400 ms, s = ½ median range, delay ≥ 200 ms', {}],
  ['−50…+150 ms (Churchland)', { analysed: [-3, 9] }],
  ['−50…+300 ms', { analysed: [-3, 18] }],
  ['−50…+500 ms', { analysed: [-3, 30] }],
  ['s = 0.1 (absolute)', { softNorm: 0.1 }],
  ['s = 1 × median range', { softNorm: { medianRange: 1 } }],
  ['all delays', { minDelayTicks: 0 }],
];

/** Fits after 2, 3, 4, 5 reaches per direction; R² at the last, probe movement between them. */
function sweepOne(batches: TickBatch[], o: LiveDynamicsOptions) {
  const live = new LiveDynamics({ ...o, surrogates: 0 });
  const fits: LiveJpca[] = [];
  let i = 0;
  for (let n = 2; n <= 5; n++) {
    while (Math.min(...live.trialCounts()) < n && i < batches.length) live.ingest(batches[i++]!);
    if (Math.min(...live.trialCounts()) < n) break;
    fits.push(live.fitJpca()!);
  }
  return { fits, probes: live.reaches().map((r) => r.hidden) };
}

async function sweep(): Promise<string> {
  const data: Record<string, TickBatch[][]> = {};
  for (const id of ids) {
    const policy = await loadPolicyDir(join(opt.root, id));
    data[id] = [];
    for (const s of [SEED, SEED + 1, SEED + 2]) {
      log(`sweep: ${id} seed ${s} ...`);
      data[id].push((await record(policy, s, 64)).batches);
    }
    await policy.release();
  }
  const out = [
    `| Setting | ${ids.map((id) => `${id}: R² skew, Hz, move % median / max`).join(' | ')} |`,
    '|' + ' --- |'.repeat(ids.length + 1),
  ];
  for (const [name, o] of SWEEP) {
    const cells = ids.map((id) => {
      const r2: number[] = [];
      const hz: number[] = [];
      const moves: number[] = [];
      for (const batches of data[id]!) {
        const { fits, probes } = sweepOne(batches, o);
        if (fits.length === 0) continue;
        r2.push(fits.at(-1)!.r2Skew);
        hz.push(fits.at(-1)!.frequencyHz);
        moves.push(...refitMoves(fits, probes).map((x) => 100 * x));
      }
      const [mm, mx] = medMax(moves);
      return `${f(medMax(r2)[0])}, ${f(medMax(hz)[0], 1)}, ${f(mm, 1)} / ${f(mx, 1)}`;
    });
    out.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

const rows: Row[] = [];
for (const id of ids) rows.push(await analyse(id));
console.log(tables(rows));
if (opt.sweep) {
  console.log('');
  console.log(await sweep());
}
