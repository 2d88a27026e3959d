import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicyCard } from '../control/policyCard';
import { loadPolicyDir } from './loadPolicyDir';
import { configureOrt, OrtPolicy, type OrtModule } from './ortPolicy';

const DIR = 'assets/policies/arm-lru';
interface Golden {
  steps: { obs: number[]; action: number[]; state_out: number[] }[];
  eig: [number, number][];
  eig_decay_scale_0_5: [number, number][];
}
const golden = JSON.parse(readFileSync(`${DIR}/golden.json`, 'utf8')) as Golden;
const modelBytes = () => new Uint8Array(readFileSync(`${DIR}/model.onnx`));
const cardJson = () => JSON.parse(readFileSync(`${DIR}/card.json`, 'utf8'));

let policy: OrtPolicy;
beforeAll(async () => {
  policy = await loadPolicyDir(DIR);
});
afterAll(async () => {
  await policy.release();
});

describe('the shipped arm-lru policy in onnxruntime-web (wasm, Node)', () => {
  it('reproduces the PyTorch golden vectors step by step, state carried through state_out', async () => {
    policy.reset();
    let maxErr = 0;
    for (const s of golden.steps) {
      const r = await policy.step(Float32Array.from(s.obs));
      s.action.forEach((v, i) => (maxErr = Math.max(maxErr, Math.abs(v - r.action[i]!))));
      // hidden is the new state in this model
      s.state_out.forEach((v, i) => (maxErr = Math.max(maxErr, Math.abs(v - r.hidden[i]!))));
    }
    expect(maxErr).toBeLessThan(1e-5);
  });

  it('reports the eigenvalues of its card at the neutral knob, all inside the unit circle', async () => {
    const r = await policy.step(new Float32Array(14));
    const card = policy.card;
    expect(r.eig!.length).toBe(2 * card.eigenvalues.length);
    card.eigenvalues.forEach(([re, im], i) => {
      expect(r.eig![2 * i]).toBeCloseTo(re, 5);
      expect(r.eig![2 * i + 1]).toBeCloseTo(im, 5);
      expect(Math.hypot(re, im)).toBeLessThan(1);
    });
    golden.eig.forEach(([re, im], i) =>
      expect(r.eig![2 * i]! - re + (r.eig![2 * i + 1]! - im)).toBeCloseTo(0, 5),
    );
  });

  it('moves its eigenvalues when the decay_scale knob changes: |λ(s)| = |λ(1)|^s', async () => {
    policy.setKnob('decay_scale', 0.5);
    const r = await policy.step(new Float32Array(14));
    policy.setKnob('decay_scale', 1);
    golden.eig_decay_scale_0_5.forEach(([re, im], i) => {
      expect(r.eig![2 * i]).toBeCloseTo(re, 5);
      expect(r.eig![2 * i + 1]).toBeCloseTo(im, 5);
      const [re1, im1] = golden.eig[i]!;
      expect(Math.hypot(re, im)).toBeCloseTo(Math.sqrt(Math.hypot(re1, im1)), 5);
    });
  });

  it('rejects an out-of-range knob by name and range', () => {
    expect(() => policy.setKnob('decay_scale', 9)).toThrow(
      'knob decay_scale = 9 is outside [0, 3]',
    );
    expect(() => policy.setKnob('radius', 1)).toThrow('has no knob "radius"');
  });

  it('rejects an observation of the wrong size, naming both sizes', async () => {
    await expect(policy.step(new Float32Array(13))).rejects.toThrow(
      'obs has 13 values, the model expects 14',
    );
  });
});

describe('loading a model against a card that does not match it', () => {
  let ort: OrtModule;
  beforeAll(async () => {
    ort = configureOrt(await import('onnxruntime-web'));
  });

  it('names the state size when state_dim is wrong', async () => {
    const card = parsePolicyCard({ ...cardJson(), state_dim: 32 });
    await expect(OrtPolicy.create(ort, modelBytes(), card, 'wasm')).rejects.toThrow(
      'input "state" has 64 values, the card\'s state_dim is 32',
    );
  });

  it('names the missing input when the card lists a knob the model lacks', async () => {
    const c = cardJson();
    c.knobs = [...c.knobs, { name: 'phase_scale', default: 1, min: 0, max: 2, description: '' }];
    await expect(OrtPolicy.create(ort, modelBytes(), parsePolicyCard(c), 'wasm')).rejects.toThrow(
      'card lists knob "phase_scale" but the model has no such input',
    );
  });

  it('reports MODEL_LOAD_FAILED for bytes that are not an ONNX model', async () => {
    await expect(
      OrtPolicy.create(ort, new Uint8Array([1, 2, 3]), parsePolicyCard(cardJson()), 'wasm'),
    ).rejects.toMatchObject({
      code: 'MODEL_LOAD_FAILED',
    });
  });
});
