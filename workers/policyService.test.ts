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
