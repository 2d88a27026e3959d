import { ARM_CONTROL_DT, ARM_OBS_DIM, ArmSim } from '../../sim/armSim';
import type { TargetMode } from '../../sim/reachTask';
import type { TickBatch } from '../../../workers/contracts';
import { TickBatcher } from '../../../workers/tickBatcher';

/** What drives the arm: any policy with the contract-v1 step (an OrtPolicy, a stepper). */
export interface ReachStepper {
  reset(): void | Promise<void>;
  step(obs: Float32Array): Promise<{ action: Float32Array; hidden: Float32Array }>;
}

export interface RecordOptions {
  /** Identifies the hidden space in the batches (card.id). */
  policyId: string;
  seed: number;
  /** Stop after this many trials have ended. */
  trials: number;
  mode?: TargetMode;
}

/**
 * Runs the arm sim in Node as the sim worker does (one world, trials back to back from the center
 * posture, the policy state carried across trials) and returns every control tick as TickBatches.
 * The batches come from the sim worker's own TickBatcher (30 ticks each, the first marked as a
 * reset), labelled as the sim worker labels them: tick, phase, trial and direction are read when
 * the tick observes, before its physics, so the first tick labelled 'move' is the first whose
 * observation shows the go cue, and its hidden state is the policy's first answer to it.
 * For tests and scripts/dynamics.ts; the live app gets the same batches from the sim worker.
 */
export async function recordReaches(
  policy: ReachStepper,
  opts: RecordOptions,
): Promise<TickBatch[]> {
  const sim = await ArmSim.create({ seed: opts.seed, mode: opts.mode, start: 'center' });
  await policy.reset();
  const obs = new Float32Array(ARM_OBS_DIM);
  const batches: TickBatch[] = [];
  const batcher = new TickBatcher(ARM_CONTROL_DT, (b) => batches.push(b));
  try {
    while (sim.task.trials.length < opts.trials) {
      // Labels as the policy saw them: read before the tick's physics, as the sim worker does.
      const { tick } = sim;
      const { phase, trialIndex, direction } = sim.task;
      sim.observe(obs);
      const out = await policy.step(obs.slice());
      sim.controlStep(out.action);
      batcher.push(tick, phase, trialIndex, direction, opts.policyId, out.hidden);
    }
    batcher.flush();
  } finally {
    sim.free();
  }
  return batches;
}
