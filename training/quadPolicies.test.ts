import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPG_ACTION_DIM } from '../src/control/cpg/cpgController';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import type { OrtPolicy } from '../src/policy/ortPolicy';
import { QUAD_OBS_DIM, QUAD_OBS_LAYOUT } from '../src/sim/quadruped/quadObs';
import { QuadSim } from '../src/sim/quadruped/quadSim';

/** Every shipped quadruped controller (contract v1 directories). */
const SHIPPED = existsSync('assets/policies')
  ? readdirSync('assets/policies')
      .filter((d) => d.startsWith('quad-'))
      .map((d) => `assets/policies/${d}`)
  : [];

interface GoldenStep {
  obs: number[];
  action: number[];
  state_out: number[];
  hidden?: number[];
  eig?: [number, number][];
}
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe.skipIf(SHIPPED.length === 0).each(SHIPPED)(
  'the shipped quadruped policy %s in onnxruntime-web (wasm, Node)',
  (dir) => {
    const golden = JSON.parse(readFileSync(`${dir}/golden.json`, 'utf8')) as {
      steps: GoldenStep[];
      eig?: [number, number][];
    };
    let policy: OrtPolicy;
    beforeAll(async () => {
      policy = await loadPolicyDir(dir);
    });
    afterAll(async () => {
      await policy.release();
    });

    it('has a quadruped card: 47 obs in QUAD_OBS_LAYOUT, 8 CPG actions, 50 Hz, eigenvalues from the sim', () => {
      const c = policy.card;
      expect(c.robot).toBe('quadruped');
      expect(c.obs.dim).toBe(QUAD_OBS_DIM);
      expect(c.obs.layout.map((e) => e.name)).toEqual(QUAD_OBS_LAYOUT.map((e) => e.name));
      expect(c.obs.layout.map((e) => e.scale)).toEqual(QUAD_OBS_LAYOUT.map((e) => e.scale));
      expect(c.action.dim).toBe(CPG_ACTION_DIM);
      expect(c.control_hz).toBe(50);
      expect(c.cpg?.eigenvalues).toBe('sim');
      expect(c.training.command).toBe(`npm run train:quad -- ${c.id}`);
    });

    it('reproduces the PyTorch golden vectors step by step, state carried through state_out', async () => {
      policy.reset();
      let maxErr = 0;
      for (const s of golden.steps) {
        const r = await policy.step(Float32Array.from(s.obs));
        maxErr = Math.max(
          maxErr,
          maxDiff(s.action, r.action),
          maxDiff(s.state_out, policy.getState()),
        );
        if (s.hidden) maxErr = Math.max(maxErr, maxDiff(s.hidden, r.hidden));
        if (s.eig) maxErr = Math.max(maxErr, maxDiff(s.eig.flat(), r.eig!));
      }
      expect(golden.steps.length).toBe(12);
      expect(maxErr).toBeLessThan(1e-5);
    });

    it('reports eigenvalues as its family promises', async () => {
      policy.reset();
      const r = await policy.step(new Float32Array(QUAD_OBS_DIM));
      if (policy.card.eigenvalues.length > 0) {
        expect(maxDiff(policy.card.eigenvalues.flat(), r.eig!)).toBeLessThan(1e-5);
        for (const [re, im] of policy.card.eigenvalues) expect(Math.hypot(re, im)).toBeLessThan(1);
      } else {
        expect(
          r.eig,
          'MLP and Transformer: the CPG in the sim carries the eigenvalues',
        ).toBeUndefined();
      }
    });

    it('walks: 4 s closed loop on flat ground at 0.6 m/s without a fall', async () => {
      const sim = await QuadSim.create({ seed: 5, autoReset: false });
      const obs = new Float32Array(QUAD_OBS_DIM);
      policy.reset();
      for (let t = 0; t < 200; t++) {
        sim.observe(obs);
        const { action } = await policy.step(obs);
        expect(sim.controlStep(action).fault).toBeNull();
      }
      expect(sim.stats().distanceX).toBeGreaterThan(1.2);
      sim.free();
    }, 60_000);
  },
);
