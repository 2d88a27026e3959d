import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import type { OrtPolicy } from '../src/policy/ortPolicy';
import type { TickBatch } from './contracts';
import { directStepper } from './directStepper';
import { SimService } from './simService';
import { BATCH_TICKS, TickBatcher } from './tickBatcher';

describe('TickBatcher', () => {
  it('batches ticks, never mixes controllers, and flags the batch after a reset', () => {
    const got: TickBatch[] = [];
    const b = new TickBatcher(1 / 60, (batch) => got.push(batch));
    const h = (v: number, n = 4) => new Float32Array(n).fill(v);
    for (let t = 0; t < BATCH_TICKS + 5; t++) b.push(t, 'hold', 0, 3, 'a', h(t));
    expect(got).toHaveLength(1);
    expect(got[0]!.count).toBe(BATCH_TICKS);
    expect(got[0]!.reset).toBe(true);
    expect(got[0]!.hidden[4 * 7]).toBe(7);
    expect(got[0]!.direction[0]).toBe(3);
    // A switch to another controller (other hidden size) flushes the 5 pending ticks first.
    b.push(100, 'move', 1, 2, 'b', h(9, 6));
    expect(got).toHaveLength(2);
    expect(got[1]!.count).toBe(5);
    expect(got[1]!.reset).toBe(false);
    expect(got[1]!.policyId).toBe('a');
    b.markReset();
    expect(got).toHaveLength(3);
    expect(got[2]!.policyId).toBe('b');
    expect(got[2]!.phase[0]).toBe(2);
    expect(got[2]!.hiddenDim).toBe(6);
    b.push(0, 'hold', 0, 0, 'b', h(1, 6));
    b.flush();
    expect(got[3]!.reset).toBe(true);
  });
});

describe('SimService → analysis port', () => {
  let policy: OrtPolicy;
  beforeAll(async () => {
    policy = await loadPolicyDir('assets/policies/arm-lru');
  });
  afterAll(async () => {
    await policy.release();
  });

  it('sends every control tick once, in order, with the task context the policy saw', async () => {
    const s = new SimService();
    s.attachPolicy(directStepper(policy));
    const { port1, port2 } = new MessageChannel();
    const batches: TickBatch[] = [];
    port2.onmessage = (e: MessageEvent<TickBatch>) => batches.push(e.data);
    s.connectAnalysis(port1);
    await s.setRunning(false);
    await s.reset({ seed: 2, mode: 'center-out' });
    for (let i = 0; i < 3 * BATCH_TICKS; i++) await s.controlTick();
    await new Promise((r) => setTimeout(r, 50));
    port1.close();
    port2.close();
    expect(batches.map((b) => b.count)).toEqual([BATCH_TICKS, BATCH_TICKS, BATCH_TICKS]);
    expect(batches[0]!.reset).toBe(true);
    const ticks = batches.flatMap((b) => [...b.tick]);
    expect(ticks).toEqual(Array.from({ length: 3 * BATCH_TICKS }, (_, k) => k));
    expect(batches[0]!.policyId).toBe('arm-lru');
    expect(batches[0]!.hiddenDim).toBe(64);
    expect(batches.every((b) => b.hidden.every(Number.isFinite))).toBe(true);
    // The run starts holding at the center.
    expect(batches[0]!.phase[0]).toBe(0);
  });
});
