import type { PolicyCard } from '../policyCard';
import { QUAD_OBS_LAYOUT } from '../../sim/quadruped/quadObs';
import { LEG_NAMES } from '../../sim/quadruped/a1Model';
import { CPG_ACTION_RANGES } from './cpgController';
import type { CpgEigenvalues } from './cpgEigen';
import type { CpgNetwork } from './cpgNetwork';

/** The id the CPG expert's snapshots and tick batches carry, like a policy card's. */
export const CPG_EXPERT_ID = 'quad-cpg-expert';
/** The expert's hidden vector: the oscillators' (x, y) per leg. */
export const CPG_HIDDEN_DIM = 8;
/** Eigenvalues the expert reports per tick: a phase and an amplitude multiplier per leg. */
export const CPG_EIG_COUNT = 8;

/**
 * The CPG expert as the panel and the scenario see a controller: a built-in card (no model file)
 * so the quadruped's panel works the same way a learned quad policy's card will make it work.
 * The projection is leg FR's oscillator plane (x₀, y₀).
 */
export const CPG_EXPERT_CARD: PolicyCard = {
  contract: 'eigenplay-policy/v1',
  id: CPG_EXPERT_ID,
  name: 'CPG expert',
  robot: 'quadruped',
  family: 'expert',
  variant: 'cpg',
  obs: { dim: QUAD_OBS_LAYOUT.length, layout: [...QUAD_OBS_LAYOUT] },
  action: {
    dim: 8,
    layout: [
      ...LEG_NAMES.map((l) => ({ name: `mu_${l}`, unit: '1', offset: '1.5', scale: 2 })),
      ...LEG_NAMES.map((l) => ({
        name: `freq_${l}`,
        unit: 'Hz',
        offset: String((CPG_ACTION_RANGES.freqHz[0] + CPG_ACTION_RANGES.freqHz[1]) / 2),
        scale: 2 / (CPG_ACTION_RANGES.freqHz[1] - CPG_ACTION_RANGES.freqHz[0]),
      })),
    ],
  },
  control_hz: 50,
  state_dim: CPG_HIDDEN_DIM,
  hidden_dim: CPG_HIDDEN_DIM,
  // They move with the commanded frequency every tick: the snapshots carry them.
  eigenvalues: [],
  knobs: [],
  projection: {
    method: 'CPG oscillator plane',
    mean: new Array<number>(CPG_HIDDEN_DIM).fill(0),
    basis: [
      [1, 0, 0, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0, 0, 0],
    ],
  },
  training: {
    data: 'none: hand-designed (CPG + foot map + leg IK, speed and heading feedback)',
    command: 'none',
    seed: 0,
  },
};

/** The oscillators as Cartesian points, x_i = r_i cos θ_i, y_i = r_i sin θ_i, legs interleaved. */
export function writeCpgHidden(cpg: CpgNetwork, out: Float32Array): void {
  for (let i = 0; i < 4; i++) {
    const r = cpg.r[i]!;
    const th = cpg.theta[i]!;
    out[2 * i] = r * Math.cos(th);
    out[2 * i + 1] = r * Math.sin(th);
  }
}

/**
 * The expert's eigenvalues per control step as [re, im] pairs (CPG_EIG_COUNT of them; the
 * conjugates are implied). A perturbation of leg i's oscillator point z = r e^{iθ}, seen in the
 * fixed (x, y) plane, turns with the cycle by ω_iΔt per step: along the cycle (a phase shift) it
 * keeps its size, λ = e^{iω_iΔt} on the unit circle (a limit cycle is neutral along itself);
 * across it (an amplitude error) it also shrinks by ρ_i per step, λ = ρ_i e^{iω_iΔt}, with ρ_i
 * from `cpgEigenvalues` (e^{−aΔt/2} = 0.22 at a = 150, Δt = 20 ms). Legs 0-3 phase, then 0-3
 * amplitude.
 */
export function writeCpgEig(e: CpgEigenvalues, out: Float32Array): void {
  for (let i = 0; i < 4; i++) {
    const a = e.angle[i]!;
    out[2 * i] = Math.cos(a);
    out[2 * i + 1] = Math.sin(a);
    out[8 + 2 * i] = e.re[i]!;
    out[8 + 2 * i + 1] = e.im[i]!;
  }
}
