import { afterEach, describe, expect, it } from 'vitest';
import { A1 } from '../src/sim/quadruped/a1Model';
import { QUAD_OBS_DIM } from '../src/sim/quadruped/quadObs';
import { QUAD_POSE_FLOATS, QuadSim } from '../src/sim/quadruped/quadSim';
import type { PolicyStepOut } from './contracts';
import {
  DEFAULT_QUAD_RUN,
  type QuadRunOptions,
  type QuadSnapshot,
  type TerrainData,
} from './quadContracts';
import { EDGE_MARGIN, QuadService } from './quadService';
import type { TickBatch } from './contracts';
import { MAX_TICKS_PER_FRAME, TickClock } from './tickClock';

/** A small rough patch keeps the tests fast; the robot walks about 3 m in the ticks used here. */
const RUN: QuadRunOptions = {
  ...DEFAULT_QUAD_RUN,
  terrain: { kind: 'rough', difficulty: 0.1, seed: 2, sizeX: 8, sizeZ: 4, originX: -2 },
};

const services: QuadService[] = [];
async function paused(opts: QuadRunOptions = RUN): Promise<QuadService> {
  const s = new QuadService();
  services.push(s);
  await s.setRunning(false);
  await s.reset(opts);
  return s;
}
afterEach(async () => {
  for (const s of services.splice(0)) await s.setRunning(false);
});

async function ticks(s: QuadService, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await s.controlTick();
}

describe('QuadService (the quadruped worker, in-process)', () => {
  it('steps the CPG expert and publishes poses, CPG state, its orbit as hidden and 8 eigenvalues', async () => {
    const s = await paused();
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    await ticks(s, 50);
    await s.setCommand({ vx: 0.6, yawRate: 0 }); // an edit publishes
    const last = snaps.at(-1)!;
    expect(last.tick).toBe(50);
    expect(last.time).toBeCloseTo(1, 9);
    expect(last.poses.length).toBe(QUAD_POSE_FLOATS);
    expect(last.policyId).toBe('quad-cpg-expert');
    expect(last.gait).toBe('trot');
    // hidden = (r cos θ, r sin θ) per leg, from the published CPG state.
    for (let i = 0; i < 4; i++) {
      const r = last.cpg[i]!;
      const th = last.cpg[4 + i]!;
      expect(last.hidden[2 * i]).toBeCloseTo(r * Math.cos(th), 5);
      expect(last.hidden[2 * i + 1]).toBeCloseTo(r * Math.sin(th), 5);
    }
    // Phase multipliers on the unit circle at ω·Δt, amplitude ones inside at ρ = e^{−aΔt/2}.
    const eig = last.eig!;
    expect(eig.length).toBe(16);
    const angle = Math.atan2(eig[1]!, eig[0]!);
    expect(Math.hypot(eig[0]!, eig[1]!)).toBeCloseTo(1, 6);
    expect(angle).toBeGreaterThan(2 * Math.PI * 2.5 * 0.02 - 1e-6); // trot at ≥ 2.5 Hz
    expect(Math.hypot(eig[8]!, eig[9]!)).toBeCloseTo(Math.exp(-0.5 * 150 * 0.02), 5);
    expect(Math.atan2(eig[9]!, eig[8]!)).toBeCloseTo(angle, 5);
    expect(last.trunk[0]).toBeGreaterThan(0.1);
  }, 60_000);

  it('asks an attached policy exactly once per control tick, before the world advances (lockstep)', async () => {
    const s = await paused();
    const seen: number[] = [];
    let resets = 0;
    s.attachPolicy({
      reset: async () => void resets++,
      step: async (obs: Float32Array): Promise<PolicyStepOut> => {
        expect(obs.length).toBe(QUAD_OBS_DIM);
        seen.push((await s.stats()).ticks);
        return {
          action: new Float32Array([0, 0, 0, 0, 0.1, 0.1, 0.1, 0.1]),
          hidden: new Float32Array([1, 2, 3]),
          policyId: 'quad-test',
          runMs: 0,
          step: seen.length,
        };
      },
    });
    await s.reset(RUN);
    await ticks(s, 20);
    expect(resets).toBe(1);
    // Each step saw the tick count before its own tick: one call per tick, in order.
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // The policy's hidden vector, the CPG's eigenvalues (it acts through the CPG).
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    await s.setGait('trot');
    expect([...snaps[0]!.hidden]).toEqual([1, 2, 3]);
    expect(snaps[0]!.policyId).toBe('quad-test');
    expect(snaps[0]!.eig!.length).toBe(16);
  }, 60_000);

  it('answers a sculpt with exactly the changed heights, and the grid it patches matches the worker', async () => {
    const s = await paused();
    const full: TerrainData = await s.terrain();
    const patch = (await s.sculpt(1.5, 0.5, 0.3, 0.1))!;
    expect(patch.rev).toBe(full.rev + 1);
    expect(patch.ix1 - patch.ix0 + 1).toBeLessThanOrEqual(Math.ceil(0.6 / 0.05) + 1);
    // The main thread's copy: the old heights with the patch written in.
    const mine = full.heights.slice();
    const w = patch.ix1 - patch.ix0 + 1;
    for (let iz = patch.iz0; iz <= patch.iz1; iz++)
      mine.set(
        patch.heights.subarray((iz - patch.iz0) * w, (iz - patch.iz0 + 1) * w),
        iz * full.nx + patch.ix0,
      );
    const after = await s.terrain();
    expect(after.rev).toBe(patch.rev);
    expect(mine).toEqual(after.heights);
    // The brush centre rose by the full amount; a sample outside the radius did not move.
    const k = (iz: number, ix: number) => iz * full.nx + ix;
    const cx = Math.round((1.5 - full.x0) / 0.05);
    const cz = Math.round((0.5 - full.z0) / 0.05);
    expect(after.heights[k(cz, cx)]! - full.heights[k(cz, cx)]!).toBeCloseTo(0.1, 5);
    expect(after.heights[k(cz, cx + 8)]).toBe(full.heights[k(cz, cx + 8)]);
    // A brush off the grid changes nothing.
    expect(await s.sculpt(50, 50, 0.3, 0.1)).toBeNull();
    await expect(s.sculpt(0, 0, 5, 0.1)).rejects.toThrow(/brush radius must be 0.05-2 m, got 5/);
  }, 60_000);

  it('lifts the robot when a raise under its feet would bury them, so the sculpt is not a fall', async () => {
    const s = await paused();
    await ticks(s, 5);
    await s.sculpt(0, 0, 0.8, 0.08);
    await ticks(s, 25);
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    await s.setRunning(false);
    await s.push([0, 0, 0]);
    expect(snaps.at(-1)!.faults).toBe(0);
  }, 60_000);

  it('a push changes the trunk velocity by impulse / trunk mass at once and is reported', async () => {
    const s = await paused();
    await ticks(s, 10);
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    await s.setGait('trot');
    const before = snaps.at(-1)!.trunkVel;
    await s.push([0, 0, 4]);
    const after = snaps.at(-1)!;
    expect(after.trunkVel[2] - before[2]).toBeCloseTo(4 / A1.trunkMass, 5);
    expect(after.push).toEqual({ tick: 10, impulse: [0, 0, 4] });
    await expect(s.push([0, 0, 100])).rejects.toThrow(/push of 100.0 N s; 60 N s at most/);
  }, 60_000);

  it('same seed and timeline give the same world hash at tick 150, run twice; another timeline does not', async () => {
    const timeline = [
      { t: 1, kind: 'push' as const, impulse: [0, 0, 8] as [number, number, number] },
      { t: 2, kind: 'push' as const, impulse: [-8, 0, 0] as [number, number, number] },
    ];
    const hashAt = async (events: typeof timeline) => {
      const s = await paused({ ...RUN, perturbations: events });
      await ticks(s, 150);
      return s.worldHash();
    };
    const a = await hashAt(timeline);
    const b = await hashAt(timeline);
    expect(a).toBe(b);
    expect(await hashAt(timeline.slice(0, 1))).not.toBe(a);
    // …and equal to QuadSim driven directly with the same options (the Node eval's path).
    const sim = await QuadSim.create({
      seed: RUN.seed,
      terrain: RUN.terrain,
      gait: RUN.gait,
      command: RUN.command,
      autoReset: false,
      perturbations: timeline,
    });
    sim.setFriction(RUN.friction);
    sim.setPayload(RUN.payload);
    for (let i = 0; i < 150; i++) sim.controlStep('expert');
    expect(sim.hash()).toBe(a);
    sim.free();
  }, 120_000);

  it('reports scripted pushes on the tick they land', async () => {
    const s = await paused({
      ...RUN,
      perturbations: [{ t: 0.5, kind: 'push', impulse: [0, 0, 5] }],
    });
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    await ticks(s, 30);
    await s.setGait('trot');
    expect(snaps.at(-1)!.push).toEqual({ tick: 25, impulse: [0, 0, 5] });
  }, 60_000);

  it('a fall is labelled, counted, and the next tick starts a new episode on the same terrain', async () => {
    const s = await paused();
    await ticks(s, 10);
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    await s.push([0, 0, 40]);
    for (let i = 0; i < 200 && !snaps.at(-1)!.fault; i++) {
      await s.controlTick();
      await s.setGait('trot');
    }
    const fell = snaps.at(-1)!;
    expect(fell.faults).toBe(1);
    expect(fell.fault!.label).toMatch(
      /^(Fell: trunk (tilt \d+° > 60°|\d+ cm above the ground < 12 cm)|Fell through the terrain: .+)$/,
    );
    await s.controlTick();
    await s.setGait('trot');
    const next = snaps.at(-1)!;
    expect(next.episode).toBe(2);
    expect(next.episodeTime).toBeCloseTo(0.02, 9);
    expect(next.tick).toBe(fell.tick + 1);
    expect(next.terrainRev).toBe(fell.terrainRev);
  }, 60_000);

  it('ends an episode just before the terrain edge without counting a fall', async () => {
    const s = await paused({
      ...RUN,
      terrain: { kind: 'flat', difficulty: 0, seed: 1, sizeX: 3.5, sizeZ: 3, originX: -1 },
    });
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    for (let i = 0; i < 400 && snaps.at(-1)?.fault?.reason !== 'edge'; i++) {
      await s.controlTick();
      await s.setGait('trot');
    }
    const end = snaps.at(-1)!;
    expect(end.fault!.label).toBe('Reached the edge of the terrain');
    expect(end.trunk[0]).toBeGreaterThan(2.5 - EDGE_MARGIN - 0.05);
    expect(end.faults).toBe(0);
    await s.controlTick();
    await s.setGait('trot');
    expect(snaps.at(-1)!.episode).toBe(2);
    expect(snaps.at(-1)!.trunk[0]).toBeLessThan(0.1);
  }, 60_000);

  it('batches every tick to the analysis port with the episode as trial and the gait as direction', async () => {
    const s = await paused();
    const batches: TickBatch[] = [];
    const { port1, port2 } = new MessageChannel();
    port2.onmessage = (e: MessageEvent<TickBatch>) => batches.push(e.data);
    s.connectAnalysis(port1);
    await ticks(s, 60);
    await expect.poll(() => batches.length).toBe(2);
    expect(batches[0]!.policyId).toBe('quad-cpg-expert');
    expect(batches[0]!.hiddenDim).toBe(8);
    expect(batches[0]!.dt).toBeCloseTo(0.02, 12);
    expect([...batches[0]!.tick.slice(0, 3)]).toEqual([1, 2, 3]);
    expect(batches[0]!.trialIndex[0]).toBe(1);
    expect(batches[0]!.direction[0]).toBe(0);
    port2.close();
  }, 60_000);

  it('refuses bad options by name and keeps the current run', async () => {
    const s = await paused();
    await ticks(s, 3);
    await expect(s.reset({ ...RUN, seed: 0.5 })).rejects.toThrow(
      'seed must be an integer in [0, 2³¹ − 1], got 0.5',
    );
    await expect(s.reset({ ...RUN, gait: 'gallop' as 'trot' })).rejects.toThrow(
      /gait must be one of trot, pace, bound, walk, pronk, got "gallop"/,
    );
    await expect(
      s.reset({ ...RUN, perturbations: [{ t: -1, kind: 'push', impulse: [0, 0, 1] }] }),
    ).rejects.toThrow(/perturbations\[0\].t must be a time ≥ 0 in seconds, got -1/);
    await expect(s.setCommand({ vx: 3, yawRate: 0 })).rejects.toThrow(
      /command vx must be 0-1.2 m\/s, got 3/,
    );
    await ticks(s, 2);
    expect((await s.stats()).ticks).toBe(5);
  }, 60_000);

  it('runs from its own clock and publishes snapshots with transferred buffers', async () => {
    const s = new QuadService();
    services.push(s);
    const snaps: QuadSnapshot[] = [];
    s.subscribe((x) => snaps.push(x));
    await s.reset(RUN);
    await expect.poll(() => snaps.at(-1)?.tick ?? 0, { timeout: 10_000 }).toBeGreaterThan(20);
    await s.setRunning(false);
    expect(snaps.at(-1)!.running).toBe(false);
  }, 60_000);
});

describe('TickClock', () => {
  it('clamps a long stall to 100 ms and never hands out more than 4 ticks at once', () => {
    const c = new TickClock(0.02);
    c.restart(0);
    expect(c.due(5000)).toBe(MAX_TICKS_PER_FRAME); // 5 s stall: 100 ms → 5 ticks due, 4 allowed
    for (let i = 0; i < 4; i++) c.consume();
    c.settle();
    expect(c.due(5000)).toBe(1); // one tick of debt carried, not a burst
    c.consume();
    c.settle();
    expect(c.due(5010)).toBe(0);
    expect(c.due(5020)).toBe(1);
  });
});
