import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import type { OrtPolicy } from '../src/policy/ortPolicy';
import { browserRunHash } from '../training/worldHash';
import { HASH_TICK, type SimSnapshot } from './contracts';
import { directStepper } from './directStepper';
import { SimService } from './simService';

let policy: OrtPolicy;
beforeAll(async () => {
  policy = await loadPolicyDir('assets/policies/arm-lru');
});
afterAll(async () => {
  await policy.release();
});

function serviceWith(p: OrtPolicy, onStep?: () => void): SimService {
  const s = new SimService();
  s.attachPolicy(directStepper(p, { onStep }));
  return s;
}

describe('SimService (the sim worker, in-process)', () => {
  it.each(readdirSync('assets/policies').filter((d) => d.startsWith('arm-')))(
    'reproduces the golden world hash of the browser run (seed 1, tick 600) under %s',
    async (id) => {
      const dir = `assets/policies/${id}`;
      const own = await loadPolicyDir(dir);
      const h = await browserRunHash(own);
      await own.release();
      expect(h.tick).toBe(HASH_TICK);
      expect(h.value).toBe(JSON.parse(readFileSync(`${dir}/golden.json`, 'utf8')).world_hash.value);
    },
  );

  it('asks the policy exactly once per control tick before advancing (lockstep)', async () => {
    let steps = 0;
    const s = serviceWith(policy, () => steps++);
    await s.setRunning(false);
    await s.reset({ seed: 3, mode: 'center-out' });
    for (let i = 0; i < 50; i++) await s.controlTick();
    expect(steps).toBe(50);
    expect((await s.stats()).ticks).toBe(50);
  });

  it('export mode: advanceTo steps the paused sim to each frame time, one snapshot per tick, same world as the live run', async () => {
    const s = serviceWith(policy);
    const snaps: SimSnapshot[] = [];
    s.subscribe((snap) => snaps.push(snap));
    await s.setRunning(false);
    await s.reset({ seed: 1, mode: 'center-out' });
    snaps.length = 0;
    // 30 fps: frame i shows tick 2i; 10 s reaches the hash tick.
    for (let i = 1; i <= 300; i++) expect(await s.advanceTo(i / 30)).toBe(2 * i);
    expect(snaps.map((x) => x.tick)).toEqual(Array.from({ length: 600 }, (_, k) => k + 1));
    const golden = JSON.parse(readFileSync('assets/policies/arm-lru/golden.json', 'utf8'));
    expect(await s.snapshotHash()).toBe(golden.world_hash.value);
    // Asking for a time already reached steps nothing.
    expect(await s.advanceTo(5)).toBe(600);
  });

  it('advanceTo refuses a running sim and a bad time, by name', async () => {
    const s = serviceWith(policy);
    await s.setRunning(false);
    await s.reset({ seed: 1, mode: 'center-out' });
    await expect(s.advanceTo(-1)).rejects.toThrow(/advanceTo needs a time ≥ 0 in seconds, got -1/);
    await s.setRunning(true);
    await expect(s.advanceTo(1)).rejects.toThrow(/steps a paused sim; pause it first/);
    await s.setRunning(false);
  });

  it('runs in real time from its own loop and publishes snapshots with transferred poses', async () => {
    const s = serviceWith(policy);
    const snaps: SimSnapshot[] = [];
    s.subscribe((snap) => snaps.push(snap));
    await s.reset({ seed: 1, mode: 'center-out' });
    await expect.poll(() => snaps.at(-1)?.tick ?? 0, { timeout: 10_000 }).toBeGreaterThan(30);
    await s.setRunning(false);
    const last = snaps.at(-1)!;
    expect(last.poses.length).toBe(21);
    expect(last.hidden.length).toBe(64);
    expect(last.eig!.length).toBe(64);
    expect(last.time).toBeCloseTo(last.tick / 60, 9);
  });

  it('rejects a non-integer seed by value and keeps the current run', async () => {
    const s = serviceWith(policy);
    await s.setRunning(false);
    await s.reset({ seed: 2, mode: 'center-out' });
    await s.controlTick();
    await expect(s.reset({ seed: 1.5, mode: 'center-out' })).rejects.toThrow(
      'seed must be an integer, got 1.5',
    );
    await s.controlTick();
    expect((await s.stats()).ticks).toBe(2);
  });

  it('survives rapid resets while a control tick is waiting on the policy, and keeps running', async () => {
    const slow = serviceWith(policy);
    slow.attachPolicy(directStepper(policy, { delayMs: 15 }));
    const snaps: SimSnapshot[] = [];
    slow.subscribe((snap) => snaps.push(snap));
    await slow.reset({ seed: 1, mode: 'center-out' });
    await new Promise((r) => setTimeout(r, 100));
    const resets = Array.from({ length: 8 }, (_, i) =>
      slow.reset({ seed: 10 + i, mode: 'center-out' }),
    );
    await Promise.all(resets);
    await expect.poll(() => snaps.at(-1)?.tick ?? 0, { timeout: 10_000 }).toBeGreaterThan(10);
    expect(snaps.at(-1)!.running).toBe(true);
    await slow.setRunning(false);
  });
});
