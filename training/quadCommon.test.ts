import { describe, expect, it } from 'vitest';
import { CPG_ACTION_DIM } from '../src/control/cpg/cpgController';
import { QUAD_STANDARD_PUSHES } from '../src/sim/quadruped/pushTimeline';
import { QuadSim } from '../src/sim/quadruped/quadSim';
import { expertAction } from './quadCommon';

describe('the quadruped expert label (8-D CPG action)', () => {
  it('executing expertAction reproduces the expert driving itself, bit for bit (rough, turning)', async () => {
    const opts = {
      seed: 3,
      terrain: { kind: 'rough' as const, difficulty: 0.1, seed: 3 },
      command: { vx: 0.7, yawRate: 0.3 },
    };
    // No pushes here: on a push tick 'expert' sees the velocity after the impulse, while a label
    // (like the observation) is taken before the tick, so the two differ there by design.
    const a = await QuadSim.create(opts);
    const b = await QuadSim.create(opts);
    // Float64 labels: the same run bit for bit. (The float32 labels of the data sets round μ and f
    // by ~1e-7; contacts amplify that to centimetres within seconds, so those are not compared.)
    const label = new Float64Array(CPG_ACTION_DIM);
    for (let t = 0; t < 200; t++) {
      a.controlStep('expert');
      expertAction(b, label);
      expect([...label].every((v) => v >= -1 && v <= 1)).toBe(true);
      b.controlStep(label);
    }
    expect(b.hash()).toBe(a.hash());
    expect(a.stats().distanceX).toBeGreaterThan(1);
    a.free();
    b.free();
  }, 60_000);

  it('the standard push timeline alternates lateral and longitudinal pushes of one size', () => {
    expect(QUAD_STANDARD_PUSHES.map((p) => p.t)).toEqual([3, 8, 13, 18, 23, 28]);
    for (const [i, p] of QUAD_STANDARD_PUSHES.entries()) {
      expect(Math.hypot(...p.impulse)).toBeCloseTo(8);
      expect(p.impulse[i % 2 === 0 ? 2 : 0]).not.toBe(0);
    }
  });
});
