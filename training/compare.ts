/**
 * Compares the shipped arm controllers: every `assets/policies/arm-<x>/` holding model.onnx and
 * card.json, evaluated closed-loop in Node through onnxruntime-web (wasm, one thread: the runtime
 * the browser uses), printed as one Markdown table with a legend.
 *
 *   npm run compare -- [--per-target 20] [--json FILE] [--only arm-lru,arm-linoss] [--root DIR]
 *                      [--surgery]   (also the eigenvalue-surgery sweep, SURGERY_SETTINGS)
 *
 * Per controller:
 * - the center-out evaluation of `evaluateArm` (8 targets × per-target episodes, seeds 1000..,
 *   random start posture and delay, state reset per episode): successes, median movement time,
 *   endpoint error (hand to target when the trial ends, median and p90 over all trials) and
 *   smoothness (log dimensionless jerk and mean squared jerk of the hand path from the go cue to entering the target zone, medians
 *   over successful trials; definitions in training/smoothness.ts);
 * - parameters: `card.training.params`;
 * - latency: p50 / p95 wall time of one `policy.step` (batch 1) over 2000 steps on fixed
 *   pseudo-random observations after 100 warm-up steps (`measureStepLatency`).
 *
 * Rows are ordered by family: transformer, lru, selective, linoss, then any others by id.
 * `--json FILE` also writes the rows with every per-episode measurement.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import {
  evaluateArmDetailed,
  measureStepLatency,
  type ArmEvaluation,
  type ArmTrialMetrics,
} from './evaluateArm';
import { jerkMetrics } from './smoothness';
import { summariseEigenvalues, type EigenSummary } from '../src/analysis/eigenSummary';
import type { OrtPolicy } from '../src/policy/ortPolicy';
import { ARM_CONTROL_DT, ARM_OBS_DIM, ArmSim } from '../src/sim/armSim';
import type { ReachPhase } from '../src/sim/reachTask';

/** Row order: the first of these found in the directory suffix, card variant or card family. */
export const FAMILY_ORDER = ['transformer', 'lru', 'selective', 'linoss'] as const;

export interface ControllerRow {
  id: string;
  name: string;
  family: string;
  variant: string;
  dir: string;
  /** `card.training.params`; NaN when the card does not say. */
  params: number;
  episodes: number;
  successes: number;
  evaluation: ArmEvaluation;
  latency: Awaited<ReturnType<typeof measureStepLatency>>;
  /** Wall time of this controller's evaluation and latency run, s. */
  wall_s: number;
  /** Per-episode measurements (in the JSON output). */
  trials: ArmTrialMetrics[];
  /** Where the eigenvalues sit after training (src/analysis/eigenSummary.ts). */
  eig: EigenSummary;
  /** Per-step eigenvalues only: the same summary split by task phase (hold, delay, move). */
  eigByPhase?: Partial<Record<ReachPhase, EigenSummary>>;
}

interface CardHead {
  id: string;
  name: string;
  family: string;
  variant: string;
  training?: { params?: unknown };
}

function readCard(dir: string): CardHead {
  return JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as CardHead;
}

/** Position in FAMILY_ORDER of a controller directory (FAMILY_ORDER.length if none matches). */
export function familyRank(dir: string, card: Pick<CardHead, 'family' | 'variant'>): number {
  const keys = [basename(dir).replace(/^arm-/, ''), card.variant, card.family];
  for (const k of keys) {
    const i = (FAMILY_ORDER as readonly string[]).indexOf(k);
    if (i >= 0) return i;
  }
  return FAMILY_ORDER.length;
}

/**
 * The controller directories under `root` (`arm-*` with model.onnx and card.json), sorted by
 * FAMILY_ORDER then id. `only` keeps those whose directory name or card id is listed, and throws
 * naming any listed id that is not there.
 */
export function findControllers(root = 'assets/policies', only?: readonly string[]): string[] {
  const found = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('arm-'))
    .map((d) => join(root, d.name))
    .filter((d) => existsSync(join(d, 'model.onnx')) && existsSync(join(d, 'card.json')))
    .map((dir) => ({ dir, card: readCard(dir) }));
  let keep = found;
  if (only && only.length) {
    const missing = only.filter(
      (id) => !found.some((f) => [basename(f.dir), f.card.id].includes(id)),
    );
    if (missing.length)
      throw new Error(
        `--only: no controller ${missing.join(', ')} under ${root} ` +
          `(found: ${found.map((f) => f.card.id).join(', ') || 'none'})`,
      );
    keep = found.filter((f) => only.includes(basename(f.dir)) || only.includes(f.card.id));
  }
  return keep
    .sort(
      (a, b) =>
        familyRank(a.dir, a.card) - familyRank(b.dir, b.card) || a.card.id.localeCompare(b.card.id),
    )
    .map((f) => f.dir);
}

/** Evaluates each controller directory in turn (one session at a time), in the given order. */
export async function compareControllers(
  dirs: readonly string[],
  perTarget = 20,
  log: (msg: string) => void = () => {},
): Promise<ControllerRow[]> {
  const rows: ControllerRow[] = [];
  for (const dir of dirs) {
    const t0 = performance.now();
    const policy = await loadPolicyDir(dir);
    try {
      const card = policy.card;
      log(`${card.id}: ${8 * perTarget} episodes ...`);
      const { summary, trials } = await evaluateArmDetailed(policy, perTarget);
      log(`${card.id}: step latency ...`);
      const latency = await measureStepLatency(policy);
      const { eig, eigByPhase } = await eigenvaluesOf(policy);
      const params = card.training.params;
      rows.push({
        id: card.id,
        name: card.name,
        family: card.family,
        variant: card.variant,
        dir,
        params: typeof params === 'number' ? params : NaN,
        episodes: summary.episodes,
        successes: trials.filter((t) => t.success).length,
        evaluation: summary,
        latency,
        wall_s: (performance.now() - t0) / 1000,
        trials,
        eig,
        ...(eigByPhase ? { eigByPhase } : {}),
      });
    } finally {
      await policy.release();
    }
  }
  return rows;
}

export const TABLE_HEADER =
  '| Controller | Family/variant | Success (of N) | Median movement time (ms) | ' +
  'Endpoint error (mm, median / p90) | Jerk: LDLJ / mean sq. (m²/s⁶) | Parameters | ' +
  'wasm latency / step (µs, p50 / p95) |';

/**
 * A yardstick for the jerk column: a 10 cm minimum-jerk reach in 1/3 s (the expert's duration),
 * sampled at the control rate like the evaluated paths (coarse sampling moves LDLJ away from the
 * −ln 720 ≈ −6.58 of the continuous reach).
 */
export function minJerkReference(reachS = 1 / 3, L = 0.1) {
  // Sampled like evaluateArm's window: the go tick to one tick past entering the zone.
  const n = Math.ceil(reachS / ARM_CONTROL_DT - 1e-9) + 1;
  const path = Array.from({ length: n + 1 }, (_, i) => {
    const s = Math.min(1, (i * ARM_CONTROL_DT) / reachS);
    return [L * (10 * s ** 3 - 15 * s ** 4 + 6 * s ** 5)];
  });
  return jerkMetrics(path, ARM_CONTROL_DT);
}

const REF = minJerkReference();

/** One line per column, printed under the table. */
export const LEGEND = [
  '- **Controller**: `card.name`; **Family/variant**: `card.family`/`card.variant`.',
  '- **Success**: trials in which the hand held within 1 cm of the target for 200 ms, completed within 1.5 s of the go cue (8 center-out targets × per-target episodes, seeds 1000.., random start posture and delay, state reset per episode).',
  '- **Median movement time**: go cue to entering the 1 cm zone of the successful hold, median over successful trials.',
  '- **Endpoint error**: hand-to-target distance at the instant the trial ends (after the 200 ms hold on success, at the 1.5 s timeout on failure), median / p90 over all trials.',
  `- **Jerk**: hand path at the 60 Hz control ticks from the go cue to entering the 1 cm zone (successful trials), jerk by third differences; LDLJ = −ln((T⁵/L²)∫|jerk|²dt), T that duration, L the path length (unitless, higher = smoother) / mean squared jerk (m²/s⁶); medians over successful trials. Yardstick: a 10 cm minimum-jerk reach in 333 ms, sampled alike, gives ${REF.ldlj.toFixed(2)} / ${REF.mean_squared_jerk.toPrecision(3)}.`,
  '- **Parameters**: `card.training.params`.',
  '- **wasm latency / step**: wall time of one `policy.step` (onnxruntime-web wasm, 1 thread, batch 1, in Node) over 2000 steps of fixed pseudo-random observations after 100 warm-up steps, p50 / p95.',
].join('\n');

const fix = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : '–');
const sci = (v: number): string => (Number.isFinite(v) ? v.toPrecision(3) : '–');
const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The Markdown table: TABLE_HEADER (with N = the episode count), the rule and one row each. */
export function formatTable(rows: readonly ControllerRow[]): string {
  const n = rows[0]?.episodes ?? 0;
  const same = rows.every((r) => r.episodes === n);
  const header = TABLE_HEADER.replace('(of N)', same ? `(of ${n})` : '(of episodes)');
  const rule = '|' + ' --- |'.repeat(header.split('|').length - 2);
  const lines = rows.map((r) => {
    const e = r.evaluation;
    const succ = `${r.successes}${same ? '' : `/${r.episodes}`} (${fix(100 * e.success_rate, 1)}%)`;
    return (
      '| ' +
      [
        cell(r.name),
        cell(`${r.family}/${r.variant}`),
        succ,
        fix(1000 * e.median_movement_time_s, 0),
        `${fix(e.endpoint_error_mm_median, 1)} / ${fix(e.endpoint_error_mm_p90, 1)}`,
        `${fix(e.ldlj_median, 2)} / ${sci(e.mean_squared_jerk_median)}`,
        Number.isFinite(r.params) ? r.params.toLocaleString('en-US') : '–',
        `${fix(r.latency.p50_us, 0)} / ${fix(r.latency.p95_us, 0)}`,
      ].join(' | ') +
      ' |'
    );
  });
  return [header, rule, ...lines].join('\n');
}

/**
 * Parametric eigenvalues from the card; for a model whose `eig` output changes every step (the
 * selective SSM), every eigenvalue of every tick of one center-out reach per direction (seeds
 * 1000..1007); none for a model without `eig` (the Transformer).
 */
async function eigenvaluesOf(
  policy: OrtPolicy,
): Promise<{ eig: EigenSummary; eigByPhase?: Partial<Record<ReachPhase, EigenSummary>> }> {
  const card = policy.card;
  if (card.eigenvalues.length > 0)
    return { eig: summariseEigenvalues(card.eigenvalues.flat(), card.control_hz, 'parametric') };
  const all: number[] = [];
  const byPhase: Record<ReachPhase, number[]> = { hold: [], delay: [], move: [] };
  const obs = new Float32Array(ARM_OBS_DIM);
  for (let e = 0; e < 8; e++) {
    const sim = await ArmSim.create({ seed: 1000 + e, start: 'random', directions: [e] });
    policy.reset();
    while (sim.task.trials.length === 0) {
      sim.observe(obs);
      const phase = sim.task.phase;
      const r = await policy.step(obs);
      if (!r.eig) break;
      for (const v of r.eig) {
        all.push(v);
        byPhase[phase].push(v);
      }
      sim.controlStep(r.action);
    }
    sim.free();
  }
  if (!all.length) return { eig: summariseEigenvalues(all, card.control_hz, 'none') };
  const eigByPhase: Partial<Record<ReachPhase, EigenSummary>> = {};
  for (const ph of ['hold', 'delay', 'move'] as const)
    if (byPhase[ph].length)
      eigByPhase[ph] = summariseEigenvalues(byPhase[ph], card.control_hz, 'per-step');
  return { eig: summariseEigenvalues(all, card.control_hz, 'per-step'), eigByPhase };
}

/**
 * Eigenvalue surgery, measured: the center-out evaluation with one knob moved away from its
 * trained value (the other at its default). The rows show what the sliders on the panel do to
 * the reach.
 */
export interface SurgeryRow {
  id: string;
  name: string;
  knob: string;
  value: number;
  episodes: number;
  successes: number;
  median_movement_time_s: number;
  endpoint_error_mm_median: number;
  /** State resets by the divergence guard (|state| > 10⁶) over all episodes. */
  divergences: number;
}

export const SURGERY_SETTINGS: readonly { knob: string; value: number }[] = [
  { knob: 'radius_scale', value: 0.8 },
  { knob: 'radius_scale', value: 0.9 },
  { knob: 'radius_scale', value: 1 },
  { knob: 'radius_scale', value: 1.02 },
  { knob: 'radius_scale', value: 1.05 },
  { knob: 'phase_scale', value: 0 },
  { knob: 'phase_scale', value: 0.5 },
  { knob: 'phase_scale', value: 2 },
  { knob: 'phase_scale', value: 3 },
];

/** Runs SURGERY_SETTINGS on every controller with those knobs; others are skipped. */
export async function surgerySweep(
  dirs: readonly string[],
  perTarget = 5,
  log: (msg: string) => void = () => {},
): Promise<SurgeryRow[]> {
  const rows: SurgeryRow[] = [];
  for (const dir of dirs) {
    const policy = await loadPolicyDir(dir);
    try {
      const card = policy.card;
      for (const { knob, value } of SURGERY_SETTINGS) {
        if (!card.knobs.some((k) => k.name === knob)) continue;
        log(`${card.id}: ${knob} = ${value} ...`);
        policy.resetKnobs();
        policy.setKnob(knob, value);
        const before = policy.divergences;
        const { summary, trials } = await evaluateArmDetailed(policy, perTarget);
        rows.push({
          id: card.id,
          name: card.name,
          knob,
          value,
          episodes: summary.episodes,
          successes: trials.filter((t) => t.success).length,
          median_movement_time_s: summary.median_movement_time_s,
          endpoint_error_mm_median: summary.endpoint_error_mm_median,
          divergences: policy.divergences - before,
        });
      }
      policy.resetKnobs();
    } finally {
      await policy.release();
    }
  }
  return rows;
}

/** The surgery table: one row per controller and setting. */
export function formatSurgeryTable(rows: readonly SurgeryRow[]): string {
  const header =
    '| Controller | Knob = value | Success | Median movement time (ms) | Endpoint error (mm, median) | State resets |';
  const rule = '|' + ' --- |'.repeat(6);
  const lines = rows.map(
    (r) =>
      '| ' +
      [
        cell(r.name),
        `${r.knob === 'radius_scale' ? '\\|λ\\| ×' : 'arg λ ×'} ${r.value}${r.value === 1 ? ' (trained)' : ''}`,
        `${r.successes}/${r.episodes}`,
        fix(1000 * r.median_movement_time_s, 0),
        fix(r.endpoint_error_mm_median, 1),
        String(r.divergences),
      ].join(' | ') +
      ' |',
  );
  return [header, rule, ...lines].join('\n');
}

export const EIG_TABLE_HEADER =
  '| Controller | Eigenvalues | \\|λ\\| min / median / max | share with \\|λ\\| ≥ 0.99 | ' +
  'median half-life (ms) | rotation (Hz): median / max / slowest quarter |';

/** The second table: where each controller's eigenvalues sit after training. */
export function formatEigenTable(rows: readonly ControllerRow[]): string {
  const rule = '|' + ' --- |'.repeat(6);
  const lines = rows.map((r) => {
    const e = r.eig;
    if (e.kind === 'none')
      return `| ${cell(r.name)} | none: no recurrence of its own | – | – | – | – |`;
    const phases = r.eigByPhase
      ? (['hold', 'delay', 'move'] as const)
          .filter((ph) => r.eigByPhase![ph])
          .map((ph) => {
            const q = r.eigByPhase![ph]!;
            return `${ph} ${fix(q.modulus.median, 3)} (${fix(100 * q.nearUnit, 0)}% ≥ 0.99)`;
          })
          .join(', ')
      : '';
    const what =
      e.kind === 'parametric'
        ? `${e.n} parametric`
        : `exp(Δ_t·A), ${e.n.toLocaleString('en-US')} over 8 reaches (median \\|λ\\| by phase: ${phases})`;
    return (
      '| ' +
      [
        cell(r.name),
        what,
        `${fix(e.modulus.min, 3)} / ${fix(e.modulus.median, 3)} / ${fix(e.modulus.max, 4)}`,
        `${fix(100 * e.nearUnit, 0)}%`,
        fix(e.medianHalfLifeMs, 0),
        `${fix(e.freqHz.median, 2)} / ${fix(e.freqHz.max, 2)} / ${fix(e.slowFreqHz, 2)}`,
      ].join(' | ') +
      ' |'
    );
  });
  return [EIG_TABLE_HEADER, rule, ...lines].join('\n');
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      'per-target': { type: 'string', default: '20' },
      json: { type: 'string' },
      only: { type: 'string' },
      root: { type: 'string', default: 'assets/policies' },
      surgery: { type: 'boolean', default: false },
    },
  });
  const perTarget = Number(a['per-target']);
  if (!Number.isInteger(perTarget) || perTarget < 1)
    throw new Error(`--per-target must be a positive integer, got ${a['per-target']}`);
  const only = a.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const dirs = findControllers(a.root, only);
  if (!dirs.length)
    throw new Error(`no arm-*/ controller with model.onnx + card.json in ${a.root}`);
  const rows = await compareControllers(dirs, perTarget, (m) => console.error(m));
  console.log(formatTable(rows));
  console.log('');
  console.log(LEGEND);
  console.log('');
  console.log(formatEigenTable(rows));
  console.log('');
  console.log(
    '- **Eigenvalues**: discrete, per 60 Hz control step; half-life −ln 2 / ln|λ| steps; rotation |arg λ|·60/2π Hz over complex eigenvalues; "slowest quarter": median rotation of the quarter of complex eigenvalues with the largest |λ|.',
  );
  let surgery: SurgeryRow[] | undefined;
  if (a.surgery) {
    surgery = await surgerySweep(dirs, Math.max(1, Math.round(perTarget / 4)), (m) =>
      console.error(m),
    );
    console.log('');
    console.log(formatSurgeryTable(surgery));
    console.log('');
    console.log(
      `- **Surgery**: the center-out evaluation (${8 * Math.max(1, Math.round(perTarget / 4))} episodes, seeds 1000..) with one knob set as the panel's sliders set it, the other at its trained value; "state resets": ticks at which the state passed 10⁶ and was zeroed.`,
    );
  }
  if (a.json) {
    writeFileSync(
      a.json,
      JSON.stringify(
        { per_target: perTarget, runtime: 'onnxruntime-web wasm in Node', rows, surgery },
        null,
        1,
      ) + '\n',
    );
    console.error(`wrote ${a.json}`);
  }
}

const entry = process.argv[1];
if (entry && realpathSync(resolve(entry)) === realpathSync(fileURLToPath(import.meta.url))) {
  await main().catch((e: unknown) => {
    console.error(`compare: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
