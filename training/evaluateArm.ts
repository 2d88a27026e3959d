import type { OrtPolicy } from '../src/policy/ortPolicy';
import { SeededRandom } from '../src/lib/random';
import { ARM_CONTROL_DT, ARM_OBS_DIM, ArmSim, type ArmSimOptions } from '../src/sim/armSim';
import type { TrialRecord } from '../src/sim/reachTask';
import { jerkMetrics, type Point } from './smoothness';

/**
 * Result of the center-out evaluation. The first six fields are the original ones (also written
 * into card.json `evaluation` by `npm run eval -- --write`); the rest were added for
 * `npm run compare`.
 *
 * Quantiles here are the value at index floor(p · n) of the sorted list (so the median of an even
 * count is the upper middle value); they are NaN when the list is empty.
 */
export interface ArmEvaluation {
  episodes: number;
  success_rate: number;
  median_movement_time_s: number;
  p90_movement_time_s: number;
  per_direction_success: number[];
  protocol: string;
  /**
   * Endpoint error: distance from the hand to the target at the instant the trial ends (on
   * success after the 200 ms hold inside 1 cm, so ≤ 10 mm; on failure at the 1.5 s timeout),
   * mm, over all trials.
   */
  endpoint_error_mm_median: number;
  endpoint_error_mm_p90: number;
  /**
   * Smoothness over successful trials (medians), from the hand path sampled at the 60 Hz control
   * ticks from the first tick that shows the go cue to one tick past entering the zone (see
   * training/smoothness.ts): mean squared jerk, m²/s⁶; integrated squared jerk, m²/s⁵; and the
   * log dimensionless jerk −ln((T⁵/L²) ∫|jerk|² dt) with T that window's duration and L the
   * hand's path length in it (higher = smoother; a minimum-jerk reach sampled finely gives −6.58).
   */
  mean_squared_jerk_median: number;
  integrated_squared_jerk_median: number;
  ldlj_median: number;
}

/** What one evaluation episode measured (the raw numbers behind ArmEvaluation). */
export interface ArmTrialMetrics {
  seed: number;
  direction: number;
  success: boolean;
  /** Go cue to entering the zone of the successful hold, s; NaN on failure. */
  movement_time_s: number;
  /** Hand to target when the trial ended, mm. */
  endpoint_error_mm: number;
  /** Samples, duration (s), path length (m) and jerk measures of the hand path from the go cue
   * to entering the zone (to the trial end on failure). */
  jerk: ReturnType<typeof jerkMetrics>;
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
  return (await evaluateArmDetailed(policy, perTarget, seed)).summary;
}

/** evaluateArm plus the per-episode measurements (for reports that want the raw numbers). */
export async function evaluateArmDetailed(
  policy: OrtPolicy,
  perTarget = 20,
  seed = 1000,
): Promise<{ summary: ArmEvaluation; trials: ArmTrialMetrics[] }> {
  const obs = new Float32Array(ARM_OBS_DIM);
  const trials: TrialRecord[] = [];
  const metrics: ArmTrialMetrics[] = [];
  for (let e = 0; e < 8 * perTarget; e++) {
    const sim = await ArmSim.create({ seed: seed + e, start: 'random', directions: [e % 8] });
    const path: Point[] = [];
    policy.reset();
    while (sim.task.trials.length === 0) {
      sim.observe(obs);
      if (sim.task.go) path.push([sim.hand.x, sim.hand.y, sim.hand.z]);
      const { action } = await policy.step(obs);
      sim.controlStep(action);
    }
    // The hand at the end of the tick in which the trial ended (within 12.5 ms of the physics
    // substep the task judged) closes the sampled path and gives the endpoint.
    path.push([sim.hand.x, sim.hand.y, sim.hand.z]);
    const rec = sim.task.trials[0]!;
    const h = sim.hand;
    // Smoothness over the movement itself: go cue to entering the target zone (successful
    // trials), so the still 200 ms hold does not inflate the dimensionless jerk's T⁵.
    const moving = rec.success
      ? path.slice(0, Math.min(path.length, Math.ceil(rec.movementTime / ARM_CONTROL_DT) + 2))
      : path;
    trials.push(rec);
    metrics.push({
      seed: seed + e,
      direction: rec.direction,
      success: rec.success,
      movement_time_s: rec.movementTime,
      endpoint_error_mm:
        1000 * Math.hypot(h.x - rec.target.x, h.y - rec.target.y, h.z - rec.target.z),
      jerk: jerkMetrics(moving, ARM_CONTROL_DT),
    });
    sim.free();
  }
  const ok = trials.filter((t) => t.success);
  const okMetrics = metrics.filter((m) => m.success);
  const mt = quantiles(ok.map((t) => t.movementTime));
  const ee = quantiles(metrics.map((m) => m.endpoint_error_mm));
  const summary: ArmEvaluation = {
    episodes: trials.length,
    success_rate: ok.length / trials.length,
    median_movement_time_s: mt(0.5),
    p90_movement_time_s: mt(0.9),
    per_direction_success: Array.from({ length: 8 }, (_, k) => {
      const d = trials.filter((t) => t.direction === k);
      return d.filter((t) => t.success).length / d.length;
    }),
    protocol: `${perTarget} episodes per center-out target (8), random start posture and delay, seeds ${seed}..${seed + 8 * perTarget - 1}`,
    endpoint_error_mm_median: ee(0.5),
    endpoint_error_mm_p90: ee(0.9),
    mean_squared_jerk_median: quantiles(okMetrics.map((m) => m.jerk.mean_squared_jerk))(0.5),
    integrated_squared_jerk_median: quantiles(okMetrics.map((m) => m.jerk.integrated_squared_jerk))(
      0.5,
    ),
    ldlj_median: quantiles(okMetrics.map((m) => m.jerk.ldlj))(0.5),
  };
  return { summary, trials: metrics };
}

/** p ↦ the value at index floor(p · n) of the sorted finite values (NaN if there are none). */
export function quantiles(values: readonly number[]): (p: number) => number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return (p) => (v.length ? v[Math.min(v.length - 1, Math.floor(p * v.length))]! : NaN);
}

/**
 * Wall time of `policy.step` alone, µs: `warmup` untimed steps, then `steps` timed ones, batch 1,
 * on fixed pseudo-random observations (standard normal × 0.5, seeded) with the recurrent state
 * carried between steps as in a rollout. The state is reset before and after.
 */
export async function measureStepLatency(
  policy: OrtPolicy,
  steps = 2000,
  warmup = 100,
  seed = 7,
): Promise<{ p50_us: number; p95_us: number; mean_us: number; steps: number }> {
  const rng = new SeededRandom(seed);
  const dim = policy.card.obs.dim;
  const inputs = Array.from({ length: warmup + steps }, () =>
    Float32Array.from({ length: dim }, () => 0.5 * rng.normal()),
  );
  const us: number[] = [];
  policy.reset();
  for (let i = 0; i < inputs.length; i++) {
    const t0 = performance.now();
    await policy.step(inputs[i]!);
    const t1 = performance.now();
    if (i >= warmup) us.push(1000 * (t1 - t0));
  }
  policy.reset();
  const q = quantiles(us);
  return {
    p50_us: q(0.5),
    p95_us: q(0.95),
    mean_us: us.reduce((s, v) => s + v, 0) / us.length,
    steps,
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
