import { afterEach, describe, expect, it } from 'vitest';
import { IDENTITY, quatAxis } from './quat';
import { QuadSim, type QuadSimOptions } from './quadSim';

const sims: QuadSim[] = [];
async function make(opts: Partial<QuadSimOptions> = {}): Promise<QuadSim> {
  const sim = await QuadSim.create({ seed: 1, autoReset: false, ...opts });
  sims.push(sim);
  return sim;
}
afterEach(() => {
  for (const s of sims.splice(0)) s.free();
});

describe('QuadSim watchdog', () => {
  it('ends the episode on a NaN velocity without stepping, then refuses to step', async () => {
    const sim = await make();
    sim.controlStep('expert');
    const steps = sim.world.stepCount;
    sim.world.links[4]!.setLinvel({ x: NaN, y: 0, z: 0 }, true);
    const r = sim.controlStep('expert');
    expect(r.fault?.reason).toBe('non-finite');
    expect(r.fault?.body).toBe(5);
    expect(sim.world.stepCount).toBe(steps);
    expect(() => sim.controlStep('expert')).toThrow(/non-finite.*reset/);
    expect(sim.world.stepCount).toBe(steps);
  });

  it('auto-resets after a fault: the next step starts a clean episode at the origin', async () => {
    const sim = await make({ autoReset: true });
    for (let k = 0; k < 10; k++) sim.controlStep('expert');
    const h0 = sim.hash();
    sim.world.trunk.setLinvel({ x: Infinity, y: 0, z: 0 }, true);
    expect(sim.controlStep('expert').fault?.reason).toBe('non-finite');
    const r = sim.controlStep('expert');
    expect(r.reset).toBe(true);
    expect(r.fault).toBeNull();
    expect(sim.tick).toBe(1);
    expect(sim.hash()).not.toBe(h0);
    const s = sim.stats();
    expect(s.episodes).toBe(2);
    expect(s.faults['non-finite']).toBe(1);
  });

  it('reports a body teleported below the terrain as below-terrain', async () => {
    const sim = await make();
    const t = sim.world.trunk.translation();
    sim.world.trunk.setTranslation({ x: t.x, y: -0.3, z: t.z }, true);
    const r = sim.controlStep('expert');
    expect(r.fault?.reason).toBe('below-terrain');
    expect(r.fault?.body).toBe(0);
  });

  it('reports a trunk rolled on its side as fell-tilt', async () => {
    const sim = await make();
    sim.world.setPose({ x: 0, y: 0.35, z: 0 }, quatAxis(1, 0, 0, 1.3), sim.world.q);
    expect(sim.controlStep('expert').fault?.reason).toBe('fell-tilt');
  });

  it('reports a trunk lying on the ground with folded legs as fell-height', async () => {
    const sim = await make();
    const folded = [0, 2.5, -2.6, 0, 2.5, -2.6, 0, 2.5, -2.6, 0, 2.5, -2.6];
    sim.world.setPose({ x: 0, y: 0.1, z: 0 }, IDENTITY, folded);
    const r = sim.controlStep([-1, -1, -1, -1, -1, -1, -1, -1]);
    expect(r.fault?.reason).toBe('fell-height');
  });
});

describe('QuadSim lifetime', () => {
  it('frees its world once and refuses to step afterwards', async () => {
    const sim = await QuadSim.create({ seed: 1 });
    sim.controlStep('expert');
    sim.free();
    sim.free();
    expect(sim.world.isFreed).toBe(true);
    expect(() => sim.controlStep('expert')).toThrow(/after free/);
  });
});

describe('QuadSim perturbations', () => {
  it('applyPush changes the trunk velocity by impulse / trunk mass at once', async () => {
    const sim = await make();
    const v0 = sim.world.trunk.linvel();
    sim.applyPush([0, 0, 4.713]);
    expect(sim.world.trunk.linvel().z - v0.z).toBeCloseTo(1, 4);
  });

  it('applies a scripted push at the first control tick whose time reaches t, deterministically', async () => {
    const push = { t: 0.5, kind: 'push' as const, impulse: [0, 0, 15] as [number, number, number] };
    const plain = await make();
    const a = await make({ perturbations: [push] });
    const b = await make({ perturbations: [push] });
    for (let k = 0; k < 25; k++) [plain, a, b].forEach((s) => s.controlStep('expert'));
    expect(a.hash()).toBe(plain.hash()); // ticks 0..24 run at t < 0.5 s
    for (let k = 0; k < 10; k++) [plain, a, b].forEach((s) => s.controlStep('expert'));
    expect(a.hash()).not.toBe(plain.hash());
    expect(b.hash()).toBe(a.hash());
    expect(a.world.trunk.translation().z - plain.world.trunk.translation().z).toBeGreaterThan(0.05);
  });

  it('sets the friction of feet and terrain, and adds payload mass to the trunk', async () => {
    const sim = await make();
    sim.setFriction(0.3);
    expect(sim.world.terrainCollider.friction()).toBeCloseTo(0.3, 6);
    for (const f of sim.world.feet) expect(f.friction()).toBeCloseTo(0.3, 6);
    sim.setPayload(5);
    sim.controlStep('expert'); // Rapier recomputes mass properties in step()
    expect(sim.world.trunk.mass()).toBeCloseTo(4.713 + 5, 4);
    expect(() => sim.world.setPayload(-1)).toThrow(/-1/);
  });

  it('keeps friction across a terrain rebuild (sculpt)', async () => {
    const sim = await make();
    sim.world.setFriction(0.45);
    sim.sculpt(2, 0, 0.5, 0.1);
    expect(sim.world.terrainCollider.friction()).toBeCloseTo(0.45, 6);
  });
});
