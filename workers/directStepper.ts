import type { OrtPolicy } from '../src/policy/ortPolicy';
import type { PolicyStepOut, PolicyWorkerApi } from './contracts';

/**
 * One OrtPolicy as the sim's policy side, in-process and without the policy worker's EP logic:
 * what Node (training, world hashes, tests) drives the SimService with. `delayMs` simulates slow
 * inference in tests.
 */
export function directStepper(
  policy: OrtPolicy,
  opts: { delayMs?: number; onStep?: () => void } = {},
): Pick<PolicyWorkerApi, 'step' | 'reset'> {
  let steps = 0;
  return {
    reset: async () => policy.reset(),
    step: async (obs: Float32Array): Promise<PolicyStepOut> => {
      opts.onStep?.();
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const r = await policy.step(obs);
      return { ...r, runMs: opts.delayMs ?? 0, policyId: policy.card.id, step: ++steps };
    },
  };
}
