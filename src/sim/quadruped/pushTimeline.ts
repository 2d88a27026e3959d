import type { PushEvent } from './quadSim';

/** Impulse of every push of the standard timeline, N s (Δv ≈ 0.64 m/s on the 12.45 kg robot). */
export const QUAD_PUSH_IMPULSE = 8;

/** Times of the standard pushes, s. */
export const QUAD_PUSH_TIMES = [3, 8, 13, 18, 23, 28] as const;

/**
 * The standard push timeline of the quadruped, shared by the app and `npm run eval:quad`: six
 * pushes of QUAD_PUSH_IMPULSE on the trunk, alternating lateral and longitudinal, each direction
 * alternating in sign: +z (right) at 3 s, −x (backward) at 8 s, −z at 13 s, +x at 18 s, +z at
 * 23 s, −x at 28 s. World frame, y up. Measured: the CPG expert walking at 0.6 m/s on flat ground
 * survives this timeline at 8 and 10 N s (3 seeds × 30 s each) and falls after a 12 N s push.
 */
export const QUAD_STANDARD_PUSHES: readonly PushEvent[] = QUAD_PUSH_TIMES.map((t, i) => {
  const sign = i % 4 < 2 ? 1 : -1;
  const m = QUAD_PUSH_IMPULSE;
  const impulse: [number, number, number] = i % 2 === 0 ? [0, 0, sign * m] : [-sign * m, 0, 0];
  return { t, kind: 'push', impulse };
});
