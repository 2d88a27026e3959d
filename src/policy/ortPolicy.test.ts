import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicyCard } from '../control/policyCard';
import { loadPolicyDir } from './loadPolicyDir';
import { configureOrt, OrtPolicy, STATE_LIMIT, type OrtModule } from './ortPolicy';

const DIR = 'assets/policies/arm-lru';
/** Every shipped arm controller (contract v1 directories). */
const SHIPPED = readdirSync('assets/policies')
  .filter((d) => d.startsWith('arm-'))
  .map((d) => `assets/policies/${d}`);

interface GoldenStep {
  obs: number[];
  action: number[];
  state_out: number[];
  hidden?: number[];
  eig?: [number, number][];
}
interface Golden {
  steps: GoldenStep[];
  /** Parametric families: eigenvalues at neutral knobs, and at `surgery.knobs`. */
  eig?: [number, number][];
  surgery?: { knobs: Record<string, number>; eig: [number, number][] };
}
const modelBytes = () => new Uint8Array(readFileSync(`${DIR}/model.onnx`));
const cardJson = () => JSON.parse(readFileSync(`${DIR}/card.json`, 'utf8'));

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const flat = (pairs: [number, number][]) => pairs.flat();

describe.each(SHIPPED)('the shipped policy %s in onnxruntime-web (wasm, Node)', (dir) => {
  const golden = JSON.parse(readFileSync(`${dir}/golden.json`, 'utf8')) as Golden;
  let policy: OrtPolicy;
  beforeAll(async () => {
    policy = await loadPolicyDir(dir);
  });
  afterAll(async () => {
    await policy.release();
  });

  it('reproduces the PyTorch golden vectors step by step, state carried through state_out', async () => {
    policy.reset();
    let maxErr = 0;
    for (const s of golden.steps) {
      const r = await policy.step(Float32Array.from(s.obs));
      maxErr = Math.max(
        maxErr,
        maxDiff(s.action, r.action),
        maxDiff(s.state_out, policy.getState()),
      );
      if (s.hidden) maxErr = Math.max(maxErr, maxDiff(s.hidden, r.hidden));
      if (s.eig) maxErr = Math.max(maxErr, maxDiff(flat(s.eig), r.eig!));
    }
    expect(maxErr).toBeLessThan(1e-5);
  });

  it('reports eigenvalues as its family promises', async () => {
    const card = policy.card;
    policy.reset();
    const r = await policy.step(new Float32Array(14));
    if (card.family === 'transformer') {
      expect(r.eig, 'a Transformer has no recurrence, so no eig output').toBeUndefined();
      expect(card.eigenvalues).toEqual([]);
    } else if (card.eigenvalues.length > 0) {
      // Parametric: the card's, at the neutral knobs, all inside the unit circle.
      expect(maxDiff(flat(card.eigenvalues), r.eig!)).toBeLessThan(1e-5);
      expect(maxDiff(flat(golden.eig!), r.eig!)).toBeLessThan(1e-5);
      for (const [re, im] of card.eigenvalues) expect(Math.hypot(re, im)).toBeLessThan(1);
    } else {
      // Per-step (selective SSM): real λ = exp(Δ·A) in (0, 1) that change with the input.
      const other = await policy.step(new Float32Array(14).fill(0.7));
      expect(maxDiff(r.eig!, other.eig!)).toBeGreaterThan(1e-4);
      for (let i = 0; i < r.eig!.length; i += 2) {
        expect(r.eig![i]).toBeGreaterThan(0);
        expect(r.eig![i]).toBeLessThan(1);
        expect(r.eig![i + 1]).toBe(0);
      }
    }
  });

  it('eigenvalue surgery: the knobs move the eigenvalues as PyTorch does, and reset restores them', async () => {
    if (!golden.surgery) {
      expect(policy.card.knobs).toEqual([]);
      return;
    }
    for (const [k, v] of Object.entries(golden.surgery.knobs)) policy.setKnob(k, v);
    const cut = await policy.step(new Float32Array(14));
    expect(maxDiff(flat(golden.surgery.eig), cut.eig!)).toBeLessThan(1e-5);
    const rho = golden.surgery.knobs.radius_scale!;
    const phi = golden.surgery.knobs.phase_scale!;
    golden.eig!.forEach(([re, im], i) => {
      const [cre, cim] = [cut.eig![2 * i]!, cut.eig![2 * i + 1]!];
      expect(Math.hypot(cre, cim)).toBeCloseTo(rho * Math.hypot(re, im), 5);
      expect(Math.atan2(cim, cre)).toBeCloseTo(phi * Math.atan2(im, re), 4);
    });
    policy.resetKnobs();
    const back = await policy.step(new Float32Array(14));
    expect(maxDiff(flat(golden.eig!), back.eig!)).toBeLessThan(1e-6);
  });
});

describe('knob and input checks (arm-lru)', () => {
  let policy: OrtPolicy;
  beforeAll(async () => {
    policy = await loadPolicyDir(DIR);
  });
  afterAll(async () => {
    await policy.release();
  });

  it('rejects an out-of-range knob by name and range', () => {
    expect(() => policy.setKnob('radius_scale', 9)).toThrow(
      'knob radius_scale = 9 is outside [0.8, 1.05]',
    );
    expect(() => policy.setKnob('radius', 1)).toThrow('has no knob "radius"');
  });

  it('rejects an observation of the wrong size, naming both sizes', async () => {
    await expect(policy.step(new Float32Array(13))).rejects.toThrow(
      'obs has 13 values, the model expects 14',
    );
  });

  it('keeps stepping with finite actions when surgery makes the recurrence unstable, zeroing the diverged state', async () => {
    policy.reset();
    policy.setKnob('radius_scale', 1.05);
    const countedBefore = policy.divergences;
    let diverged = 0;
    let worstAction = 0;
    let worstState = 0;
    const obs = new Float32Array(14).map((_, i) => 0.3 * Math.sin(i));
    for (let t = 0; t < 2000; t++) {
      const r = await policy.step(obs);
      if (r.diverged) diverged++;
      worstAction = Math.max(
        worstAction,
        ...r.action.map((v) => (Number.isFinite(v) ? Math.abs(v) : Infinity)),
      );
      worstState = Math.max(
        worstState,
        ...policy.getState().map((v) => (Number.isFinite(v) ? Math.abs(v) : Infinity)),
      );
    }
    expect(worstAction).toBeLessThanOrEqual(1);
    expect(worstState).toBeLessThanOrEqual(STATE_LIMIT);
    expect(
      diverged,
      'max |λ| ≈ 1.04 grows the state past the limit within 2000 ticks',
    ).toBeGreaterThan(0);
    expect(policy.divergences - countedBefore).toBe(diverged);
    policy.resetKnobs();
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
    c.knobs = [...c.knobs, { name: 'gain', default: 1, min: 0, max: 2, description: '' }];
    await expect(OrtPolicy.create(ort, modelBytes(), parsePolicyCard(c), 'wasm')).rejects.toThrow(
      'card lists knob "gain" but the model has no such input',
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
