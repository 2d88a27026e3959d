import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configureOrt } from '../src/policy/ortPolicy';
import { PolicyService } from './policyService';

const DIR = 'assets/policies/arm-lru';
const model = () => new Uint8Array(readFileSync(`${DIR}/model.onnx`));
const card = () => JSON.parse(readFileSync(`${DIR}/card.json`, 'utf8'));
const nodeOrt = async () => configureOrt(await import('onnxruntime-web'));

describe('PolicyService (the policy worker, in-process)', () => {
  it('loads on wasm when forced and says so', async () => {
    const s = new PolicyService(nodeOrt);
    const loaded = await s.loadBytes(model(), JSON.stringify(card()), 'wasm');
    expect(loaded.ep.ep).toBe('wasm');
    expect(loaded.ep.reason).toBe('forced by the user');
    expect(loaded.ep.measured.wasm).toBeGreaterThan(0);
  });

  it('falls back to wasm with the reason when WebGPU is requested where there is none', async () => {
    const s = new PolicyService(nodeOrt);
    const loaded = await s.loadBytes(model(), JSON.stringify(card()), 'webgpu');
    expect(loaded.ep.ep).toBe('wasm');
    expect(loaded.ep.reason).toMatch(/no navigator.gpu; fell back to wasm/);
  });

  it('keeps the previous policy running when a new one is rejected', async () => {
    const s = new PolicyService(nodeOrt);
    await s.loadBytes(model(), JSON.stringify(card()), 'wasm');
    const before = await s.step(new Float32Array(14));

    await expect(s.loadBytes(model(), '{ not json', 'wasm')).rejects.toMatchObject({
      code: 'CARD_INVALID',
    });
    await expect(
      s.loadBytes(model(), JSON.stringify({ ...card(), control_hz: 50 }), 'wasm'),
    ).rejects.toThrow("card.control_hz is 50, the arm's control rate is 60 Hz");
    await expect(
      s.loadBytes(model(), JSON.stringify({ ...card(), robot: 'quadruped' }), 'wasm'),
    ).rejects.toThrow('this scene runs the arm');

    expect((await s.current())?.card.id).toBe('arm-lru');
    const after = await s.step(new Float32Array(14));
    expect(after.action.length).toBe(before.action.length);
  });

  it('refuses a card whose action scale differs from what the arm applies, naming both', async () => {
    const s = new PolicyService(nodeOrt);
    const c = card();
    c.action.layout[0].scale = 0;
    await expect(s.loadBytes(model(), JSON.stringify(c), 'wasm')).rejects.toThrow(
      'card.action.layout[0] (q_yaw_target) has scale 0 rad; the arm maps action 0 with 0.6 rad',
    );
  });

  it('switches EP on the policy that is running, not on the shipped one', async () => {
    const s = new PolicyService(nodeOrt);
    await s.loadBytes(model(), JSON.stringify({ ...card(), name: 'MY CUSTOM POLICY' }), 'wasm');
    const again = await s.setEp('auto');
    expect(again.card.name).toBe('MY CUSTOM POLICY');
  });
});

describe('PolicyService.kick (click an eigenvalue to perturb)', () => {
  it('adds the kick along one LRU mode before the next step; the mode then decays and rotates at its eigenvalue', async () => {
    const s = new PolicyService(nodeOrt);
    const c = card();
    await s.loadBytes(model(), JSON.stringify(c), 'wasm');
    const obs = new Float32Array(14);
    // Two identical runs from the zero state; the second gets a kick on mode j at step 11.
    const N = c.state_dim / 2;
    const j = c.eigenvalues.findIndex((e: [number, number]) => Math.hypot(e[0], e[1]) > 0.99);
    const dir = new Float32Array(c.state_dim);
    dir[j] = 1;
    const plain: Float32Array[] = [];
    for (let t = 0; t < 20; t++) plain.push((await s.step(obs)).hidden);
    await s.reset();
    const kicked: Float32Array[] = [];
    let applied: Promise<{ amplitude: number; step: number }> | undefined;
    for (let t = 0; t < 20; t++) {
      if (t === 10) applied = s.kick(dir, 0.5);
      kicked.push((await s.step(obs)).hidden);
    }
    const k = await applied!;
    expect(k.amplitude).toBeGreaterThan(0.5 - 1e-9);
    // Before the kick nothing differs; after it, only mode j (Re and Im) differs, by λ_j^t · a.
    for (let t = 0; t < 10; t++) expect(kicked[t]).toEqual(plain[t]);
    const [lr, li] = c.eigenvalues[j] as [number, number];
    for (let t = 10; t < 20; t++) {
      const p = t - 10 + 1; // steps of λ applied to the kick since it was added
      const mag = Math.hypot(lr, li) ** p * k.amplitude;
      const dRe = kicked[t]![j]! - plain[t]![j]!;
      const dIm = kicked[t]![N + j]! - plain[t]![N + j]!;
      expect(Math.hypot(dRe, dIm)).toBeCloseTo(mag, 4);
      for (let i = 0; i < c.state_dim; i++)
        if (i !== j && i !== N + j)
          expect(Math.abs(kicked[t]![i]! - plain[t]![i]!)).toBeLessThan(1e-6);
    }
  });

  it('refuses a direction of the wrong size, by value', async () => {
    const s = new PolicyService(nodeOrt);
    await s.loadBytes(model(), JSON.stringify(card()), 'wasm');
    await expect(s.kick(new Float32Array(3), 1)).rejects.toThrow(
      'a kick needs a finite direction of state_dim 64 values, got 3',
    );
  });
});
