/**
 * The link between the Eigenvalue Lab and a running playground: same-origin tabs talk over a
 * BroadcastChannel, so the lab can sit in its own window beside the playground (on a projector,
 * say) and drive the eigenvalue surgery of the controller that is running there.
 *
 *   lab → playground: hello (asks for the state), surgery (knob values), restore (trained values)
 *   playground → lab: state (running controller, its knobs and current eigenvalues), on every
 *                     change and about 4 times a second while a lab has said hello recently
 */

export const LAB_CHANNEL = 'eigenplay-lab';

export interface KnobSpecLite {
  name: string;
  default: number;
  min: number;
  max: number;
}

export type LabToPlayground =
  | { kind: 'hello' }
  | { kind: 'surgery'; policyId: string; knobs: Record<string, number> }
  | { kind: 'restore'; policyId: string };

export interface PlaygroundState {
  kind: 'state';
  policyId: string;
  policyName: string;
  /** 'parametric' (fixed eigenvalues), 'per-step' (input-dependent) or 'none' (no recurrence). */
  eigKind: 'parametric' | 'per-step' | 'none';
  controlHz: number;
  knobSpecs: KnobSpecLite[];
  /** Every knob's current value (defaults included). */
  knobs: Record<string, number>;
  /** The eigenvalues the running model reports now, flat (re, im); [] when it has none. */
  eig: number[];
  /** The trained (card) eigenvalues, flat (re, im). */
  trainedEig: number[];
}

export type PlaygroundToLab = PlaygroundState | { kind: 'error'; message: string };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Narrows a message from the channel (another tab may be an older build: check, never trust). */
export function asLabMessage(x: unknown): LabToPlayground | undefined {
  if (!isRecord(x)) return undefined;
  if (x.kind === 'hello') return { kind: 'hello' };
  if (x.kind === 'restore' && typeof x.policyId === 'string')
    return { kind: 'restore', policyId: x.policyId };
  if (x.kind === 'surgery' && typeof x.policyId === 'string' && isRecord(x.knobs)) {
    const knobs: Record<string, number> = {};
    for (const [k, v] of Object.entries(x.knobs)) if (typeof v === 'number') knobs[k] = v;
    return { kind: 'surgery', policyId: x.policyId, knobs };
  }
  return undefined;
}

export function asPlaygroundMessage(x: unknown): PlaygroundToLab | undefined {
  if (!isRecord(x)) return undefined;
  if (x.kind === 'error' && typeof x.message === 'string')
    return { kind: 'error', message: x.message };
  if (
    x.kind === 'state' &&
    typeof x.policyId === 'string' &&
    Array.isArray(x.eig) &&
    Array.isArray(x.trainedEig) &&
    isRecord(x.knobs)
  )
    return x as unknown as PlaygroundState;
  return undefined;
}

/**
 * The playground's side: answers labs, applies their surgery to the running controller when the
 * lab names that controller, and reports errors back (a lab naming another controller is told
 * which one runs). `source` gives the current state; `apply` and `restore` go through the
 * runtime's own setKnob / restoreKnobs, so the panel's sliders and the lab stay in step.
 */
export class LabBridge {
  private readonly channel: BroadcastChannel;
  private lastHello = -Infinity;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly source: () => PlaygroundState | undefined,
    private readonly apply: (knobs: Record<string, number>) => Promise<void>,
    private readonly restore: () => Promise<void>,
    private readonly now: () => number = () => performance.now(),
    channelName = LAB_CHANNEL,
  ) {
    this.channel = new BroadcastChannel(channelName);
    this.channel.onmessage = (e: MessageEvent) => void this.onMessage(e.data);
  }

  private async onMessage(data: unknown): Promise<void> {
    const m = asLabMessage(data);
    if (!m) return;
    if (m.kind === 'hello') {
      this.lastHello = this.now();
      this.startStreaming();
      this.publish();
      return;
    }
    const s = this.source();
    if (!s) return this.post({ kind: 'error', message: 'The playground is still loading.' });
    if (m.policyId !== s.policyId)
      return this.post({
        kind: 'error',
        message: `The lab drives ${m.policyId}, but the playground runs ${s.policyId}; pick ${m.policyId} there, or open the lab from the playground's panel.`,
      });
    if (m.kind === 'restore') await this.restore();
    else {
      const known = new Set(s.knobSpecs.map((k) => k.name));
      const unknown = Object.keys(m.knobs).filter((k) => !known.has(k));
      if (unknown.length)
        return this.post({
          kind: 'error',
          message: `${s.policyId} has no knob ${unknown.join(', ')}; it has ${[...known].join(', ') || 'none'}.`,
        });
      await this.apply(m.knobs);
    }
    this.publish();
  }

  /** Sends the current state to every lab (call after any change the lab should see). */
  publish(): void {
    const s = this.source();
    if (s) this.post(s);
  }

  private post(m: PlaygroundToLab): void {
    this.channel.postMessage(m);
  }

  /** While a lab said hello in the last 5 s, the state (with moving eigenvalues) goes out at 4 Hz. */
  private startStreaming(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.now() - this.lastHello > 5000) {
        clearInterval(this.timer);
        this.timer = undefined;
        return;
      }
      this.publish();
    }, 250);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.channel.close();
  }
}
