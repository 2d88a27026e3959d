import { afterEach, describe, expect, it } from 'vitest';
import { CENTER_POSTURE } from '../control/reachExpert';
import { forwardKinematics } from './armModel';
import { ArmWorld } from './armWorld';
import { loadRapier } from './rapier';

const worlds: ArmWorld[] = [];
async function makeArm(q0: readonly number[]): Promise<ArmWorld> {
  const w = new ArmWorld(await loadRapier(), q0);
  worlds.push(w);
  return w;
}
afterEach(() => {
  for (const w of worlds.splice(0)) w.free();
});

describe('ArmWorld (Rapier, PD torques + gravity compensation)', () => {
  it('reads back the joint angles it was posed at', async () => {
    const q = [0.3, 0.5, -1.4];
    const arm = await makeArm(q);
    arm.readJoints();
    q.forEach((v, i) => expect(arm.q[i]).toBeCloseTo(v, 5));
  });

  it('holds the center posture against gravity within 0.5 mm over 2 s', async () => {
    const arm = await makeArm(CENTER_POSTURE);
    const p0 = forwardKinematics(CENTER_POSTURE);
    for (let i = 0; i < 480; i++) arm.step(CENTER_POSTURE);
    arm.readJoints();
    const p = forwardKinematics(arm.q);
    expect(Math.hypot(p.x - p0.x, p.y - p0.y, p.z - p0.z)).toBeLessThan(5e-4);
  });

  it('tracks a step in joint targets to within 1 mm of the hand in 1 s', async () => {
    const arm = await makeArm(CENTER_POSTURE);
    const goal = [CENTER_POSTURE[0]! + 0.2, CENTER_POSTURE[1]! + 0.1, CENTER_POSTURE[2]! - 0.15];
    for (let i = 0; i < 240; i++) arm.step(goal);
    arm.readJoints();
    const p = forwardKinematics(arm.q);
    const g = forwardKinematics(goal);
    expect(Math.hypot(p.x - g.x, p.y - g.y, p.z - g.z)).toBeLessThan(1e-3);
  });

  it('gives identical hashes for identical runs and different ones otherwise', async () => {
    const run = async (dq: number) => {
      const arm = await makeArm(CENTER_POSTURE);
      const goal = CENTER_POSTURE.map((v) => v + dq);
      for (let i = 0; i < 120; i++) arm.step(goal);
      return arm.hash();
    };
    const a = await run(0.1);
    expect(await run(0.1)).toBe(a);
    expect(await run(0.1000001)).not.toBe(a);
  });

  it('refuses to step after free()', async () => {
    const arm = await makeArm(CENTER_POSTURE);
    arm.free();
    expect(arm.isFreed).toBe(true);
    expect(() => arm.step(CENTER_POSTURE)).toThrow(/freed/);
    arm.free(); // freeing twice is a no-op
  });
});
