/**
 * Collects imitation data for the quadruped (CPG interface, 8-D action) in the sim core the
 * browser runs.
 *
 *   node --import tsx training/collectQuad.ts --out DIR --episodes N --seed S [--seconds 10]
 *        [--policy model.onnx --card card.json --beta B] [--noise SIGMA] [--max-difficulty D]
 *
 * Every episode draws a terrain (flat, rough, hills, slope, stairs; difficulty U[0, D], D = 0.25
 * by default, stairs at most 0.2), a command (vx U[0.3, 0.9] m/s, yaw rate U[−0.5, 0.5] rad/s,
 * redrawn once at a random time) and random pushes (every 2–5 s, 0–10 N s, horizontal, any
 * direction). Labels are always the CPG expert's action in the policy's 8-D interface
 * (expertAction). Without --policy the expert drives with Ornstein-Uhlenbeck noise on the executed
 * action (SIGMA per episode × U[0, 2], default 0.1 in normalised units); with --policy (DAgger)
 * the learner's action is executed, each tick with probability 1 − BETA (default 0.3 expert).
 * An episode ends at its first fall (its steps so far are kept). Output as training/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CPG_ACTION_DIM } from '../src/control/cpg/cpgController';
import { SeededRandom } from '../src/lib/random';
import { QUAD_OBS_DIM } from '../src/sim/quadruped/quadObs';
import { QUAD_CONTROL_DT, QuadSim, type PushEvent } from '../src/sim/quadruped/quadSim';
import type { TerrainKind } from '../src/sim/quadruped/terrain';
import { expertAction, QUAD_ACTION_LAYOUT, QUAD_CARD_OBS_LAYOUT } from './quadCommon';
import { loadLearner } from './learner';

const { values: a } = parseArgs({
  options: {
    out: { type: 'string' },
    episodes: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    policy: { type: 'string' },
    card: { type: 'string' },
    beta: { type: 'string', default: '0.3' },
    noise: { type: 'string', default: '0.1' },
    'max-difficulty': { type: 'string', default: '0.25' },
  },
});
if (!a.out) throw new Error('collectQuad: --out DIR is required');
const episodes = Number(a.episodes);
const seed = Number(a.seed);
const beta = Number(a.beta);
const noise = Number(a.noise);
const maxD = Number(a['max-difficulty']);
const T = Math.round(Number(a.seconds) / QUAD_CONTROL_DT);
const KINDS: TerrainKind[] = ['flat', 'rough', 'rough', 'hills', 'slope', 'stairs'];

const learner = await loadLearner(a.policy, a.card);

const obsAll = new Float32Array(episodes * T * QUAD_OBS_DIM);
const actAll = new Float32Array(episodes * T * CPG_ACTION_DIM);
const mask = new Uint8Array(episodes * T);
const rng = new SeededRandom(seed * 7919 + 23);
const obs = new Float32Array(QUAD_OBS_DIM);
const label = new Float32Array(CPG_ACTION_DIM);
const exec = new Float32Array(CPG_ACTION_DIM);
const ou = new Float64Array(CPG_ACTION_DIM);
let falls = 0;
let steps = 0;
const t0 = performance.now();

for (let e = 0; e < episodes; e++) {
  const kind = KINDS[rng.int(KINDS.length)]!;
  const difficulty = rng.uniform(0, kind === 'stairs' ? Math.min(maxD, 0.2) : maxD);
  const pushes: PushEvent[] = [];
  for (let t = rng.uniform(1, 4); t < T * QUAD_CONTROL_DT; t += rng.uniform(2, 5)) {
    const m = rng.uniform(0, 10);
    const dir = rng.uniform(0, 2 * Math.PI);
    pushes.push({ t, kind: 'push', impulse: [m * Math.cos(dir), 0, m * Math.sin(dir)] });
  }
  const command = () => ({ vx: rng.uniform(0.3, 0.9), yawRate: rng.uniform(-0.5, 0.5) });
  const sim = await QuadSim.create({
    seed: seed * 100003 + e,
    terrain: { kind, difficulty, seed: seed * 100003 + e },
    command: command(),
    autoReset: false,
    perturbations: pushes,
  });
  const switchAt = rng.int(T);
  const next = command();
  learner?.reset();
  const sigma = noise * rng.uniform(0, 2);
  ou.fill(0);
  for (let t = 0; t < T; t++) {
    if (t === switchAt) sim.command = next;
    sim.observe(obs);
    expertAction(sim, label);
    if (learner) {
      const { action } = await learner.step(obs);
      const useExpert = rng.next() < beta;
      for (let i = 0; i < CPG_ACTION_DIM; i++) exec[i] = useExpert ? label[i]! : action[i]!;
    } else {
      // Ornstein-Uhlenbeck noise (correlation time ~0.3 s) on the executed action.
      for (let i = 0; i < CPG_ACTION_DIM; i++) {
        ou[i] = 0.94 * ou[i]! + 0.34 * sigma * rng.normal();
        exec[i] = Math.max(-1, Math.min(1, label[i]! + ou[i]!));
      }
    }
    obsAll.set(obs, (e * T + t) * QUAD_OBS_DIM);
    actAll.set(label, (e * T + t) * CPG_ACTION_DIM);
    mask[e * T + t] = 1;
    steps++;
    if (sim.controlStep(exec).fault) {
      falls++;
      break;
    }
  }
  sim.free();
}

mkdirSync(a.out, { recursive: true });
writeFileSync(join(a.out, 'obs.f32'), obsAll);
writeFileSync(join(a.out, 'act.f32'), actAll);
writeFileSync(join(a.out, 'mask.u8'), mask);
const meta = {
  robot: 'quadruped',
  episodes,
  steps: T,
  obs_dim: QUAD_OBS_DIM,
  act_dim: CPG_ACTION_DIM,
  control_hz: Math.round(1 / QUAD_CONTROL_DT),
  source: learner
    ? `dagger (beta ${beta}) on ${a.policy}`
    : `CPG expert with OU action noise sigma ≤ ${2 * noise}`,
  seed,
  terrain: `flat/rough/hills/slope/stairs, difficulty ≤ ${maxD}`,
  falls: `${falls}/${episodes}`,
  obs_layout: QUAD_CARD_OBS_LAYOUT,
  action_layout: QUAD_ACTION_LAYOUT,
};
writeFileSync(join(a.out, 'meta.json'), JSON.stringify(meta, null, 1));
await learner?.release();
process.stdout.write(
  `collectQuad: ${episodes} episodes × ≤${T} ticks → ${a.out} (${steps} steps, falls ${meta.falls}, ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
);
