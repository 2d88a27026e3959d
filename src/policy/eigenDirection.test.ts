import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicyCard } from '../control/policyCard';
import { kickDirection, kickPlane } from './eigenDirection';

const card = (id: string) =>
  parsePolicyCard(JSON.parse(readFileSync(`assets/policies/${id}/card.json`, 'utf8')));

const nonzero = (d: Float32Array) => [...d.keys()].filter((i) => d[i] !== 0);

describe('kickDirection: the state plane of a clicked eigenvalue', () => {
  it('LRU: eigenvalue j kicks Re x_j (state index j of [Re x; Im x])', () => {
    const k = kickDirection(card('arm-lru'), { kind: 'model', index: 5, count: 32 });
    expect(k.ok && nonzero(k.direction)).toEqual([5]);
    // The plot's added conjugate of mode 5 is index 32 + 5: the same mode.
    const c = kickDirection(card('arm-lru'), { kind: 'model', index: 37, count: 32 });
    expect(c.ok && nonzero(c.direction)).toEqual([5]);
  });

  it('LinOSS: eigenvalue j and its conjugate j + P kick oscillator j’s position y_j', () => {
    const a = kickDirection(card('arm-linoss'), { kind: 'model', index: 3, count: 64 });
    const b = kickDirection(card('arm-linoss'), { kind: 'model', index: 35, count: 64 });
    expect(a.ok && nonzero(a.direction)).toEqual([32 + 3]);
    expect(b.ok && nonzero(b.direction)).toEqual([32 + 3]);
  });

  it('selective SSM: eigenvalue k kicks h_k; its DMD modes are not state directions', () => {
    const s = card('arm-selective');
    const k = kickDirection(s, { kind: 'model', index: 100, count: 1024 });
    expect(k.ok && nonzero(k.direction)).toEqual([100]);
    expect(k.ok && k.label).toBe('channel 6, mode 4');
    const d = kickDirection(s, { kind: 'dmd', modeRe: new Float32Array(64).fill(1) });
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toMatch(/64-D hidden output.*1216-D state/);
  });

  it('DMD mode of the LRU: its real part, normalised', () => {
    const m = new Float32Array(64);
    m[0] = 3;
    m[1] = 4;
    const k = kickDirection(card('arm-lru'), { kind: 'dmd', modeRe: m });
    expect(k.ok && [k.direction[0], k.direction[1]]).toEqual([
      expect.closeTo(0.6, 6),
      expect.closeTo(0.8, 6),
    ]);
  });

  it('Transformer: nothing to kick, and says why', () => {
    const k = kickDirection(card('arm-transformer'), { kind: 'dmd', modeRe: new Float32Array(32) });
    expect(!k.ok && k.reason).toMatch(/no recurrence/);
  });
});

describe('kickPlane', () => {
  it('names the state pair a kick on eigenvalue j moves, where hidden = state', () => {
    expect(kickPlane(card('arm-lru'), 37)).toEqual([5, 37]);
    expect(kickPlane(card('arm-linoss'), 35)).toEqual([35, 3]);
    expect(kickPlane(card('arm-selective'), 3)).toBeNull();
  });
});
