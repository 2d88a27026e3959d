import { afterEach, describe, expect, it } from 'vitest';
import { bodyName, faultLabel } from './faultLabel';
import { quatAxis } from './quat';
import { QuadSim } from './quadSim';
import { checkFall, checkPhysical } from './watchdog';

const sims: QuadSim[] = [];
afterEach(() => {
  for (const s of sims.splice(0)) s.free();
});
async function make(): Promise<QuadSim> {
  const sim = await QuadSim.create({ seed: 1, autoReset: false });
  sims.push(sim);
  return sim;
}

describe('fault labels', () => {
  it('name bodies the way the watchdog numbers them', () => {
    expect(bodyName(0)).toBe('trunk');
    expect(bodyName(1)).toBe('FR hip');
    expect(bodyName(6)).toBe('FL calf');
    expect(bodyName(-3)).toBe('RR foot');
  });

  it('say how far the trunk tilted against the limit', async () => {
    const sim = await make();
    sim.world.trunk.setRotation(quatAxis(1, 0, 0, (64 * Math.PI) / 180), true);
    const f = checkFall(sim.world)!;
    expect(f.reason).toBe('fell-tilt');
    expect(faultLabel(f, sim.world)).toBe('Fell: trunk tilt 64° > 60°');
  });

  it('say how low the trunk is against the limit', async () => {
    const sim = await make();
    const t = sim.world.trunk.translation();
    sim.world.trunk.setTranslation({ x: t.x, y: 0.09, z: t.z }, true);
    const f = checkFall(sim.world)!;
    expect(faultLabel(f, sim.world)).toBe('Fell: trunk 9 cm above the ground < 12 cm');
  });

  it('tell walking off the grid from sinking through it', async () => {
    const sim = await make();
    for (const b of sim.world.bodies) {
      const p = b.translation();
      b.setTranslation({ x: p.x + 30, y: p.y - 1, z: p.z }, true);
    }
    const f = checkPhysical(sim.world)!;
    expect(f.reason).toBe('below-terrain');
    expect(faultLabel(f, sim.world)).toBe('Walked off the edge of the terrain');
    for (const b of sim.world.bodies) {
      const p = b.translation();
      b.setTranslation({ x: p.x - 30, y: p.y, z: p.z }, true);
    }
    expect(faultLabel(checkPhysical(sim.world)!, sim.world)).toBe(
      'Fell through the terrain: trunk',
    );
  });
});
