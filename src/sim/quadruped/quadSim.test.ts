import { afterEach, describe, expect, it } from 'vitest';
import { A1 } from './a1Model';
import { QUAD_OBS_DIM, QUAD_OBS_LAYOUT } from './quadObs';
import { yawOf } from './quat';
import { QUAD_CONTROL_DT, QUAD_POSE_FLOATS, QuadSim, type QuadSimOptions } from './quadSim';

const sims: QuadSim[] = [];
async function make(opts: Partial<QuadSimOptions> = {}): Promise<QuadSim> {
  const sim = await QuadSim.create({ seed: 1, autoReset: false, ...opts });
  sims.push(sim);
  return sim;
}
afterEach(() => {
  for (const s of sims.splice(0)) s.free();
});

/** A long flat strip so a minute of walking stays on the terrain. */
const STRIP = { kind: 'flat', difficulty: 0, seed: 1, sizeX: 60, sizeZ: 6, cell: 0.1 } as const;

function run(sim: QuadSim, seconds: number): void {
  for (let k = 0; k < Math.round(seconds / QUAD_CONTROL_DT); k++) {
    const r = sim.controlStep('expert');
    if (r.fault) throw new Error(`${r.fault.message} at t = ${k * QUAD_CONTROL_DT} s`);
  }
}

describe('QuadSim with the CPG expert', () => {
  it('trots forward at >= 0.5 m/s on flat ground for 60 s of sim time without falling', async () => {
    const sim = await make({ terrain: STRIP, command: { vx: 0.6, yawRate: 0 } });
    run(sim, 60);
    const s = sim.stats();
    expect(s.time).toBeCloseTo(60, 9);
    expect(s.physicsSteps).toBe(30000);
    expect(s.meanSpeedX).toBeGreaterThanOrEqual(0.5);
    expect(s.lastFault).toBeNull();
    expect(Math.abs(sim.world.trunk.translation().z)).toBeLessThan(1.5);
  }, 120_000);

  it.each([
    [0.5, 1],
    [-0.5, -1],
  ])(
    'turns the way the yaw-rate command %f rad/s says',
    async (yawRate, sign) => {
      const sim = await make({ terrain: STRIP, command: { vx: 0.5, yawRate } });
      run(sim, 5);
      expect(sign * yawOf(sim.world.trunk.rotation())).toBeGreaterThan(1);
    },
    60_000,
  );

  it.each(['walk', 'pace'] as const)(
    'also walks forward with the %s gait for 10 s',
    async (gait) => {
      const sim = await make({ terrain: STRIP, gait, command: { vx: 0.5, yawRate: 0 } });
      run(sim, 10);
      expect(sim.stats().meanSpeedX).toBeGreaterThan(0.2);
    },
    60_000,
  );

  it('switches trot → walk → trot while walking without falling', async () => {
    const sim = await make({ terrain: STRIP, command: { vx: 0.5, yawRate: 0 } });
    run(sim, 3.03);
    sim.setGait('walk');
    run(sim, 4);
    sim.setGait('trot');
    run(sim, 4);
    expect(sim.stats().meanSpeedX).toBeGreaterThan(0.3);
  }, 60_000);

  it('follows a speed command: 0.8 m/s walks farther than 0.3 m/s', async () => {
    const slow = await make({ terrain: STRIP, command: { vx: 0.3, yawRate: 0 } });
    const fast = await make({ terrain: STRIP, command: { vx: 0.8, yawRate: 0 } });
    run(slow, 8);
    run(fast, 8);
    expect(fast.stats().meanSpeedX).toBeGreaterThan(slow.stats().meanSpeedX + 0.25);
  }, 60_000);
});

describe('QuadSim API', () => {
  it('is a pure function of the seed: same seed, same world hash twice; new seed, new hash', async () => {
    const hashOf = async (seed: number) => {
      const sim = await make({ seed, terrain: { kind: 'rough', difficulty: 0.3, seed: 5 } });
      run(sim, 1.5);
      return sim.hash();
    };
    const a = await hashOf(3);
    expect(await hashOf(3)).toBe(a);
    expect(await hashOf(4)).not.toBe(a);
  }, 60_000);

  it('observes QUAD_OBS_DIM finite values, level gravity (0, −1, 0) and the command at rest', async () => {
    const sim = await make({ command: { vx: 0.4, yawRate: 0.2 } });
    const obs = new Float32Array(QUAD_OBS_DIM);
    sim.observe(obs);
    expect(QUAD_OBS_DIM).toBe(47);
    expect(QUAD_OBS_LAYOUT[QUAD_OBS_DIM - 1]!.name).toBe('cmd_yaw_rate');
    expect(obs.every(Number.isFinite)).toBe(true);
    expect(obs[0]).toBeCloseTo(0, 1);
    expect(obs[1]).toBeCloseTo(-1, 3);
    expect(obs[45]).toBeCloseTo(0.4, 6);
    expect(obs[46]).toBeCloseTo(0.2, 6);
  });

  it('writes 13 poses (trunk + 12 links) with unit quaternions, legs below the trunk', async () => {
    const sim = await make();
    const poses = new Float32Array(QUAD_POSE_FLOATS);
    sim.writePoses(poses);
    expect(QUAD_POSE_FLOATS).toBe(91);
    const trunkY = poses[1]!;
    for (let b = 0; b < 13; b++) {
      const q = poses.subarray(b * 7 + 3, b * 7 + 7);
      expect(Math.hypot(...q)).toBeCloseTo(1, 5);
      if (b > 0) expect(poses[b * 7 + 1]).toBeLessThanOrEqual(trunkY + 1e-6);
    }
  });

  it('takes a CPG action of 8 values and rejects any other length', async () => {
    const sim = await make();
    expect(sim.controlStep([0, 0, 0, 0, 0, 0, 0, 0]).fault).toBeNull();
    expect([...sim.ctrl.cpg.mu]).toEqual([1.5, 1.5, 1.5, 1.5]);
    expect(() => sim.controlStep([0, 0, 0])).toThrow(/3 values/);
  });

  it('exposes the CPG eigenvalues per control step: angle ω·Δt, radius exp(−aΔt/2)', async () => {
    const sim = await make();
    sim.controlStep('expert');
    const e = sim.eigenvalues();
    expect(e.angle[0]).toBeCloseTo(sim.ctrl.cpg.omega[0]! * QUAD_CONTROL_DT, 12);
    expect(e.modulus[0]).toBeCloseTo(Math.exp(-0.5 * 150 * QUAD_CONTROL_DT), 12);
  });

  it('regenerates the terrain under the robot and lifts every foot above the new surface', async () => {
    const sim = await make();
    run(sim, 0.5);
    const q = sim.world.trunk.rotation();
    sim.world.setPose({ x: 3, y: 0.3, z: 0 }, q, sim.world.q);
    sim.regenerate({ kind: 'slope', difficulty: 1, seed: 2 });
    const f = { x: 0, y: 0, z: 0 };
    expect(sim.world.terrain.heightAt(3, 0)).toBeGreaterThan(0.9);
    for (let leg = 0; leg < 4; leg++) {
      sim.world.footPosition(leg, f);
      expect(f.y - A1.footRadius).toBeGreaterThan(sim.world.terrain.heightAt(f.x, f.z));
    }
    expect(sim.world.trunk.translation().x).toBeCloseTo(3, 6);
  });

  it('sculpts a bump under the robot: the rebuilt collider holds it up on the new surface', async () => {
    const sim = await make({ command: { vx: 0, yawRate: 0 } });
    sim.sculpt(0, 0, 1.5, 0.2);
    sim.liftAboveTerrain();
    run(sim, 1);
    const t = sim.world.trunk.translation();
    expect(t.y - sim.world.terrain.heightAt(t.x, t.z)).toBeGreaterThan(0.2);
    expect(t.y).toBeGreaterThan(0.4);
  });
});
