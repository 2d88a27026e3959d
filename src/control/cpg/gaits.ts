import { EigenplayError } from '../../lib/errors';

/**
 * Gaits as phase offsets of the four legs (SCIENCE.md §1.2), leg order FR, FL, RR, RL.
 * With the coupling term sin(θ_j − θ_i − φ_ij) the locked state is θ_j − θ_i = φ_ij, so the bias
 * matrix is φ_ij = p_j − p_i: antisymmetric, defined up to 2π per entry.
 */
export const GAIT_NAMES = ['trot', 'pace', 'bound', 'walk', 'pronk'] as const;
export type GaitName = (typeof GAIT_NAMES)[number];

const PI = Math.PI;

/** Phase offset p_k (rad) of each leg. `walk` is the lateral-sequence walk (LH→LF→RH→RF). */
export const GAIT_OFFSETS: Readonly<Record<GaitName, readonly [number, number, number, number]>> = {
  trot: [0, PI, PI, 0],
  pace: [0, PI, 0, PI],
  bound: [0, 0, PI, PI],
  walk: [0, PI, PI / 2, (3 * PI) / 2],
  pronk: [0, 0, 0, 0],
};

/**
 * Default duty factor (fraction of the period in stance) per gait, applied by the foot map's
 * phase warp (footMap.ts). 0.5 is the unwarped CPG-RL trajectory. The others were tuned on the A1 model with the CPG expert on flat ground: the 4-beat
 * walk needs three feet down at a time, and pace, bound and pronk (no flight phase in this foot
 * map) need overlapping stances, or the robot rolls or pitches over within a second.
 */
export const GAIT_DUTY: Readonly<Record<GaitName, number>> = {
  trot: 0.5,
  pace: 0.6,
  bound: 0.7,
  walk: 0.7,
  pronk: 0.8,
};

/** Phase-bias matrix φ (4×4, row-major, φ[i*4+j] = p_j − p_i, rad) of a gait. */
export function phaseBias(gait: GaitName, out = new Float64Array(16)): Float64Array {
  const p = GAIT_OFFSETS[gait];
  if (!p)
    throw new EigenplayError(
      'BAD_INPUT',
      `[cpg] unknown gait '${String(gait)}'; expected one of ${GAIT_NAMES}`,
    );
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) out[i * 4 + j] = p[j]! - p[i]!;
  return out;
}

/** θ wrapped to [0, 2π). */
export function wrapPhase(theta: number): number {
  const t = theta % (2 * PI);
  return t < 0 ? t + 2 * PI : t;
}

/** Signed difference a − b on the circle, in (−π, π]. */
export function phaseDiff(a: number, b: number): number {
  const d = wrapPhase(a - b);
  return d > PI ? d - 2 * PI : d;
}
