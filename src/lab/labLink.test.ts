import { afterEach, describe, expect, it } from 'vitest';
import { asLabMessage, LabBridge, type PlaygroundState, type PlaygroundToLab } from './labLink';

const NAME = `eigenplay-lab-test-${process.pid}`;

function running(knobs: Record<string, number>): PlaygroundState {
  return {
    kind: 'state',
    policyId: 'arm-lru',
    policyName: 'LRU',
    eigKind: 'parametric',
    controlHz: 60,
    knobSpecs: [
      { name: 'radius_scale', default: 1, min: 0.8, max: 1.05 },
      { name: 'phase_scale', default: 1, min: 0, max: 3 },
    ],
    knobs: { radius_scale: 1, phase_scale: 1, ...knobs },
    eig: [0.9 * (knobs.radius_scale ?? 1), 0.1],
    trainedEig: [0.9, 0.1],
  };
}

/** A lab tab: its own channel, collecting what the playground says. */
function lab() {
  const ch = new BroadcastChannel(NAME);
  const got: PlaygroundToLab[] = [];
  ch.onmessage = (e: MessageEvent) => got.push(e.data as PlaygroundToLab);
  const next = async (n = got.length + 1) => {
    for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    return got[n - 1];
  };
  return { ch, got, next };
}

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

describe('LabBridge: the lab drives surgery in a running playground over BroadcastChannel', () => {
  it('answers hello with the state, applies surgery to the named controller and reports the result', async () => {
    let knobs: Record<string, number> = {};
    let restored = 0;
    const bridge = new LabBridge(
      () => running(knobs),
      async (k) => {
        knobs = { ...knobs, ...k };
      },
      async () => {
        knobs = {};
        restored++;
      },
      () => 0,
      NAME,
    );
    const l = lab();
    closers.push(
      () => bridge.close(),
      () => l.ch.close(),
    );

    l.ch.postMessage({ kind: 'hello' });
    const hello = await l.next(1);
    expect(hello).toMatchObject({ kind: 'state', policyId: 'arm-lru', knobs: { radius_scale: 1 } });

    l.ch.postMessage({ kind: 'surgery', policyId: 'arm-lru', knobs: { radius_scale: 0.85 } });
    let s: PlaygroundToLab | undefined;
    for (let n = 2; n < 10; n++) {
      s = await l.next(n);
      if (s?.kind === 'state' && s.knobs.radius_scale === 0.85) break;
    }
    expect(s).toMatchObject({ kind: 'state', knobs: { radius_scale: 0.85, phase_scale: 1 } });
    expect((s as PlaygroundState).eig[0]).toBeCloseTo(0.765, 12);

    l.ch.postMessage({ kind: 'restore', policyId: 'arm-lru' });
    for (let i = 0; i < 100 && restored === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(restored).toBe(1);
    expect(knobs).toEqual({});
  });

  it('refuses surgery for a controller that is not running, and unknown knobs, by name', async () => {
    let applied = 0;
    const bridge = new LabBridge(
      () => running({}),
      async () => {
        applied++;
      },
      async () => {},
      () => 0,
      NAME,
    );
    const l = lab();
    closers.push(
      () => bridge.close(),
      () => l.ch.close(),
    );
    l.ch.postMessage({ kind: 'surgery', policyId: 'arm-linoss', knobs: { radius_scale: 0.9 } });
    expect(await l.next(1)).toEqual({
      kind: 'error',
      message:
        "The lab drives arm-linoss, but the playground runs arm-lru; pick arm-linoss there, or open the lab from the playground's panel.",
    });
    l.ch.postMessage({ kind: 'surgery', policyId: 'arm-lru', knobs: { decay: 0.9 } });
    expect(await l.next(2)).toEqual({
      kind: 'error',
      message: 'arm-lru has no knob decay; it has radius_scale, phase_scale.',
    });
    expect(applied).toBe(0);
  });

  it('ignores malformed messages', () => {
    expect(asLabMessage(null)).toBeUndefined();
    expect(asLabMessage({ kind: 'surgery', policyId: 3 })).toBeUndefined();
    expect(asLabMessage({ kind: 'surgery', policyId: 'a', knobs: { x: 'no', y: 2 } })).toEqual({
      kind: 'surgery',
      policyId: 'a',
      knobs: { y: 2 },
    });
  });
});
