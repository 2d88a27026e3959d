import { HASH_TICK } from '../workers/contracts';
import { directStepper } from '../workers/directStepper';
import { SimService } from '../workers/simService';
import type { OrtPolicy } from '../src/policy/ortPolicy';

/** The run the browser starts with: seed 1, center-out, from the center posture. */
export const DEFAULT_RUN = { seed: 1, mode: 'center-out' as const };

/**
 * World hash at HASH_TICK of the default browser run, computed with the sim worker's own
 * implementation driven in-process, so Node and the browser share every line but the transport.
 */
export async function browserRunHash(
  policy: OrtPolicy,
): Promise<{ seed: number; mode: string; tick: number; value: string }> {
  const service = new SimService();
  service.attachPolicy(directStepper(policy));
  await service.setRunning(false);
  await service.reset(DEFAULT_RUN);
  for (let t = 0; t < HASH_TICK; t++) await service.controlTick();
  const hash = await service.snapshotHash();
  if (!hash) throw new Error(`no world hash at tick ${HASH_TICK}`);
  return { ...DEFAULT_RUN, tick: HASH_TICK, value: hash };
}
