/**
 * Collects imitation data for the arm in the same sim core the browser runs.
 *
 *   node --import tsx training/collect.ts --out DIR --episodes N --seed S
 *        [--policy model.onnx --card card.json --beta B] [--noise SIGMA] [--trials K]
 *
 * Without --policy: the expert drives, with correlated action noise (SIGMA rad, default 0.02,
 * scaled per episode by U[0, 2]) on what is executed; labels are the clean expert action. With --policy (DAgger): each tick the learner's
 * action is executed with probability 1 - BETA (default 0.3 expert), labels are still the expert's
 * action at the learner's own states. Output: meta.json, obs.f32 [E,T,14], act.f32 [E,T,3],
 * mask.u8 [E,T] (see training/README.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ACTION_SCALE, ReachExpert } from '../src/control/reachExpert';
import { SeededRandom } from '../src/lib/random';
import {
  ARM_ACT_DIM,
  ARM_CONTROL_HZ,
  ARM_OBS_DIM,
  ARM_OBS_LAYOUT,
  ArmSim,
} from '../src/sim/armSim';
import { loadLearner } from './learner';

const { values: a } = parseArgs({
  options: {
    out: { type: 'string' },
    episodes: { type: 'string', default: '400' },
    seed: { type: 'string', default: '1' },
    policy: { type: 'string' },
    card: { type: 'string' },
    beta: { type: 'string', default: '0.3' },
    noise: { type: 'string', default: '0.02' },
    trials: { type: 'string', default: '3' },
  },
});
if (!a.out) throw new Error('collect: --out DIR is required');
const episodes = Number(a.episodes);
const seed = Number(a.seed);
const trialsPer = Number(a.trials);
const beta = Number(a.beta);
const noise = Number(a.noise);
/** Longest episode: K trials of hold 0.6 + delay ≤ 1 + move ≤ 1.5 s, at 60 Hz. */
const T = Math.ceil(trialsPer * 3.1 * ARM_CONTROL_HZ);

const learner = await loadLearner(a.policy, a.card);

const obsAll = new Float32Array(episodes * T * ARM_OBS_DIM);
const actAll = new Float32Array(episodes * T * ARM_ACT_DIM);
const mask = new Uint8Array(episodes * T);
const rng = new SeededRandom(seed * 7919 + 17);
const expert = new ReachExpert();
const obs = new Float32Array(ARM_OBS_DIM);
const label = new Float32Array(ARM_ACT_DIM);
const exec = new Float32Array(ARM_ACT_DIM);
const ou = new Float64Array(ARM_ACT_DIM);
let successes = 0;
let trialsDone = 0;
const t0 = performance.now();

for (let e = 0; e < episodes; e++) {
  const sim = await ArmSim.create({
    seed: seed * 100003 + e,
    start: 'random',
    mode: e % 4 === 3 ? 'annulus' : 'center-out',
  });
  expert.reset();
  learner?.reset();
  // Per-episode noise level so the data covers clean and perturbed behaviour.
  const sigma = noise * rng.uniform(0, 2);
  ou.fill(0);
  let t = 0;
  while (t < T && sim.task.trials.length < trialsPer) {
    sim.observe(obs);
    expert.act(sim.task, sim.hand, label);
    if (learner) {
      const { action } = await learner.step(obs);
      const useExpert = rng.next() < beta;
      for (let i = 0; i < ARM_ACT_DIM; i++) exec[i] = useExpert ? label[i]! : action[i]!;
    } else {
      // Ornstein-Uhlenbeck noise (correlation time ~0.1 s) on the executed joint targets.
      for (let i = 0; i < ARM_ACT_DIM; i++) {
        ou[i] = 0.85 * ou[i]! + 0.53 * sigma * rng.normal();
        exec[i] = label[i]! + ou[i]! / ACTION_SCALE[i]!;
      }
    }
    obsAll.set(obs, (e * T + t) * ARM_OBS_DIM);
    actAll.set(label, (e * T + t) * ARM_ACT_DIM);
    mask[e * T + t] = 1;
    sim.controlStep(exec);
    t++;
  }
  successes += sim.task.successes;
  trialsDone += sim.task.trials.length;
  sim.free();
}

mkdirSync(a.out, { recursive: true });
writeFileSync(join(a.out, 'obs.f32'), obsAll);
writeFileSync(join(a.out, 'act.f32'), actAll);
writeFileSync(join(a.out, 'mask.u8'), mask);
const meta = {
  episodes,
  steps: T,
  obs_dim: ARM_OBS_DIM,
  act_dim: ARM_ACT_DIM,
  control_hz: ARM_CONTROL_HZ,
  source: learner
    ? `dagger (beta ${beta}) on ${a.policy}`
    : `expert with action noise sigma ≤ ${2 * noise} rad`,
  seed,
  trials_per_episode: trialsPer,
  rollout_success: `${successes}/${trialsDone}`,
  obs_layout: ARM_OBS_LAYOUT,
  action_layout: ['yaw', 'shoulder', 'elbow'].map((j, i) => ({
    name: `q_${j}_target`,
    unit: 'rad',
    offset: 'center posture',
    scale: ACTION_SCALE[i],
  })),
};
writeFileSync(join(a.out, 'meta.json'), JSON.stringify(meta, null, 1));
await learner?.release();
process.stdout.write(
  `collect: ${episodes} episodes × ≤${T} ticks → ${a.out} (rollout success ${meta.rollout_success}, ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
);
