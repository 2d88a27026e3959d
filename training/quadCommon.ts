import {
  CPG_ACTION_DIM,
  CPG_ACTION_RANGES,
  type CpgController,
} from '../src/control/cpg/cpgController';
import type { LayoutEntry } from '../src/control/policyCard';
import { LEG_NAMES } from '../src/sim/quadruped/a1Model';
import { QUAD_OBS_LAYOUT } from '../src/sim/quadruped/quadObs';
import { QUAD_CONTROL_DT, type QuadSim } from '../src/sim/quadruped/quadSim';

/** The card's obs layout: QUAD_OBS_LAYOUT as plain objects. */
export const QUAD_CARD_OBS_LAYOUT: LayoutEntry[] = QUAD_OBS_LAYOUT.map((e) => ({ ...e }));

/**
 * The card's action layout (CpgController.setAction), in the observation convention, as the CPG
 * expert's built-in card (src/control/cpg/cpgExpertCard.ts) writes it: a = (raw − offset) · scale,
 * i.e. μ = 1.5 + a / 2 in [1, 2] and f = 2.25 + 2.25 a Hz in [0, 4.5] (clipped).
 */
const mid = (r: readonly [number, number]) => 0.5 * (r[0] + r[1]);
const gain = (r: readonly [number, number]) => 2 / (r[1] - r[0]);
export const QUAD_ACTION_LAYOUT: LayoutEntry[] = [
  ...LEG_NAMES.map((l) => ({
    name: `mu_${l}`,
    unit: '1',
    offset: String(mid(CPG_ACTION_RANGES.mu)),
    scale: gain(CPG_ACTION_RANGES.mu),
  })),
  ...LEG_NAMES.map((l) => ({
    name: `freq_${l}`,
    unit: 'Hz',
    offset: String(mid(CPG_ACTION_RANGES.freqHz)),
    scale: gain(CPG_ACTION_RANGES.freqHz),
  })),
];

const norm = (v: number, [lo, hi]: readonly [number, number]): number =>
  Math.max(-1, Math.min(1, (2 * (v - lo)) / (hi - lo) - 1));

/** The action in [−1, 1]^8 that makes setAction reproduce the controller's current μ and ω. */
export function cpgAction<A extends Float32Array | Float64Array>(ctrl: CpgController, out: A): A {
  for (let i = 0; i < 4; i++) {
    out[i] = norm(ctrl.cpg.mu[i]!, CPG_ACTION_RANGES.mu);
    out[4 + i] = norm(ctrl.cpg.omega[i]! / (2 * Math.PI), CPG_ACTION_RANGES.freqHz);
  }
  return out;
}

/**
 * The CPG expert's label in the 8-D action interface at the sim's current state: runs one
 * CpgExpert.update (which advances the expert's own references and integrals, as when it drives)
 * and reads back μ and f. The expert's height offsets are 0 with its default gains (attitude
 * feedback is off) and it never sets forward offsets, so the 8 values reproduce it exactly; the
 * caller then executes any action through sim.controlStep(action), which overwrites μ and ω.
 */
export function expertAction<A extends Float32Array | Float64Array>(sim: QuadSim, out: A): A {
  sim.expert.update(sim.ctrl, sim.command, sim.feedback(), QUAD_CONTROL_DT);
  for (let i = 0; i < 4; i++)
    if (sim.ctrl.heightOffset[i] !== 0 || sim.ctrl.forwardOffset[i] !== 0)
      throw new Error('expertAction: the expert set foot offsets the 8-D action cannot express');
  return cpgAction(sim.ctrl, out);
}

export { CPG_ACTION_DIM };
