import type { OrtPolicy } from '../src/policy/ortPolicy';
import { ARM_OBS_DIM, ArmSim, type ArmSimOptions } from '../src/sim/armSim';
import type { TrialRecord } from '../src/sim/reachTask';

export interface ArmEvaluation {
  episodes: number;
  success_rate: number;
  median_movement_time_s: number;
  p90_movement_time_s: number;
  per_direction_success: number[];
  protocol: string;
}

/**
 * Closed-loop evaluation: `perTarget` single-trial episodes for each of the 8 center-out targets,
 * each from a random start posture with a random instructed delay, the policy state reset per
 * episode. Episode e uses seed `seed + e`, so the result is reproducible.
 */
export async function evaluateArm(
  policy: OrtPolicy,
  perTarget = 20,
  seed = 1000,
): Promise<ArmEvaluation> {
  const obs = new Float32Array(ARM_OBS_DIM);
  const trials: TrialRecord[] = [];
  for (let e = 0; e < 8 * perTarget; e++) {
    const sim = await ArmSim.create({ seed: seed + e, start: 'random', directions: [e % 8] });
    policy.reset();
    while (sim.task.trials.length === 0) {
      sim.observe(obs);
      const { action } = await policy.step(obs);
      sim.controlStep(action);
    }
    trials.push(sim.task.trials[0]!);
    sim.free();
  }
  const ok = trials.filter((t) => t.success);
  const mts = ok.map((t) => t.movementTime).sort((a, b) => a - b);
  const q = (p: number) =>
    mts.length ? mts[Math.min(mts.length - 1, Math.floor(p * mts.length))]! : NaN;
  return {
    episodes: trials.length,
    success_rate: ok.length / trials.length,
    median_movement_time_s: q(0.5),
    p90_movement_time_s: q(0.9),
    per_direction_success: Array.from({ length: 8 }, (_, k) => {
      const d = trials.filter((t) => t.direction === k);
      return d.filter((t) => t.success).length / d.length;
    }),
    protocol: `${perTarget} episodes per center-out target (8), random start posture and delay, seeds ${seed}..${seed + 8 * perTarget - 1}`,
  };
}

/** Generalisation: `n` single-trial episodes to random targets 5-12 cm from the center. */
export async function evaluateAnnulus(policy: OrtPolicy, n = 80, seed = 5000) {
  const trials: TrialRecord[] = [];
  for (let e = 0; e < n; e++)
    trials.push(await singleTrial(policy, { seed: seed + e, start: 'random', mode: 'annulus' }));
  const { q, ok } = summarise(trials);
  return {
    episodes: n,
    success_rate: ok.length / n,
    median_movement_time_s: q(0.5),
    protocol: `random targets in the 5-12 cm annulus, random start posture and delay, seeds ${seed}..${seed + n - 1}`,
  };
}

/** One episode with a fresh world and a reset policy state, until its first trial ends. */
async function singleTrial(policy: OrtPolicy, opts: ArmSimOptions): Promise<TrialRecord> {
  const obs = new Float32Array(ARM_OBS_DIM);
  const sim = await ArmSim.create(opts);
  policy.reset();
  while (sim.task.trials.length === 0) {
    sim.observe(obs);
    const { action } = await policy.step(obs);
    sim.controlStep(action);
  }
  sim.free();
  return sim.task.trials[0]!;
}

function summarise(trials: TrialRecord[]) {
  const ok = trials.filter((t) => t.success);
  const mts = ok.map((t) => t.movementTime).sort((a, b) => a - b);
  const q = (p: number) =>
    mts.length ? mts[Math.min(mts.length - 1, Math.floor(p * mts.length))]! : NaN;
  return { ok, q };
}
