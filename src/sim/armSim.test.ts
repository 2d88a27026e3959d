import { describe, expect, it } from 'vitest';
import { ReachExpert } from '../control/reachExpert';
import { ARM_OBS_DIM, ArmSim } from './armSim';

async function runExpert(seed: number, trials: number) {
  const sim = await ArmSim.create({ seed, start: 'random' });
  const expert = new ReachExpert();
  const obs = new Float32Array(ARM_OBS_DIM);
  const act = new Float32Array(3);
  while (sim.task.trials.length < trials) {
    sim.observe(obs);
    expert.act(sim.task, sim.hand, act);
    sim.controlStep(act);
  }
  const hash = sim.hash();
  sim.free();
  return { trials: sim.task.trials, hash };
}

describe('ArmSim with the analytic expert', () => {
  it('reaches all 16 center-out targets with movement times under 0.6 s', async () => {
    const { trials } = await runExpert(5, 16);
    expect(trials.every((t) => t.success)).toBe(true);
    for (const t of trials) expect(t.movementTime).toBeLessThan(0.6);
  });

  it('is a pure function of the seed: same seed, same world hash; new seed, new hash', async () => {
    const a = await runExpert(11, 3);
    const b = await runExpert(11, 3);
    const c = await runExpert(12, 3);
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
  });

  it('observes 14 finite values with the target hidden during hold', async () => {
    const sim = await ArmSim.create({ seed: 1 });
    const obs = new Float32Array(ARM_OBS_DIM);
    sim.observe(obs);
    expect(sim.task.phase).toBe('hold');
    expect(obs.every(Number.isFinite)).toBe(true);
    expect([...obs.slice(9, 14)]).toEqual([0, 0, 0, 0, 0]);
    sim.free();
  });
});
