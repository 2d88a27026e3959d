import { afterEach, describe, expect, it } from 'vitest';
import { CpgController } from '../../control/cpg/cpgController';
import { loadRapier } from '../rapier';
import { A1 } from './a1Model';
import { IDENTITY } from './quat';
import { QuadWorld } from './quadWorld';
import { createTerrain } from './terrain';

const worlds: QuadWorld[] = [];
async function make(): Promise<QuadWorld> {
  const w = new QuadWorld(
    await loadRapier(),
    createTerrain({ kind: 'flat', difficulty: 0, seed: 1 }),
  );
  worlds.push(w);
  return w;
}
afterEach(() => {
  for (const w of worlds.splice(0)) w.free();
});

const STAND_Y = 0.25 + A1.footRadius + 0.002;

describe('QuadWorld (Rapier, impulse revolute joints, our PD)', () => {
  it('reads back the joint angles it was posed at', async () => {
    const w = await make();
    const q = [0.1, 0.8, -1.5, -0.2, 1.1, -2.0, 0.05, 0.5, -1.2, 0.3, 1.3, -1.9];
    w.setPose({ x: 0, y: 1, z: 0 }, IDENTITY, q);
    q.forEach((v, i) => expect(w.q[i]).toBeCloseTo(v, 5));
  });

  it('stands on flat ground holding the CPG home posture for 3 s', async () => {
    const w = await make();
    const c = new CpgController();
    w.setPose({ x: 0, y: STAND_Y, z: 0 }, IDENTITY, c.qTarget);
    for (let k = 0; k < 1500; k++) w.step(c.qTarget);
    const t = w.trunk.translation();
    expect(t.y).toBeGreaterThan(0.24);
    expect(t.y).toBeLessThan(0.29);
    expect(Math.abs(t.x) + Math.abs(t.z)).toBeLessThan(0.02);
    for (let k = 0; k < 12; k++) expect(Math.abs(w.q[k]! - c.qTarget[k]!)).toBeLessThan(0.1);
  });

  it('keeps the knee inside its limit when the target is past it', async () => {
    const w = await make();
    const q = [...new CpgController().qTarget];
    w.setPose({ x: 0, y: 1, z: 0 }, IDENTITY, q);
    w.trunk.setBodyType(1, true); // fixed trunk, legs in the air
    const target = q.map((v, k) => (k % 3 === 2 ? -3.1 : v));
    for (let k = 0; k < 500; k++) w.step(target);
    w.readJoints();
    for (let leg = 0; leg < 4; leg++) {
      expect(w.q[leg * 3 + 2]).toBeGreaterThan(A1.limits[2][0] - 0.05);
    }
  });
});
