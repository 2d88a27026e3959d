import type * as OrtNs from 'onnxruntime-web';
import { EigenplayError } from '../lib/errors';
import type { PolicyCard } from '../control/policyCard';

export type ExecutionProvider = 'wasm' | 'webgpu';

/**
 * An onnxruntime-web module: the Node build in Node, and in the browser `onnxruntime-web/wasm`
 * (15 MB of wasm) or `onnxruntime-web/webgpu`, loaded only when that EP is tried.
 */
export type OrtModule = typeof OrtNs;

export interface PolicyStepResult {
  action: Float32Array;
  hidden: Float32Array;
  /** [n, 2] (re, im) when the model reports eigenvalues. */
  eig?: Float32Array;
  /** True when the state left STATE_LIMIT (or went non-finite) and this step restarted from zero. */
  diverged?: boolean;
}

/**
 * Largest |state| a step may return. Eigenvalue surgery can push |λ| above 1, and then the state
 * grows geometrically; past this bound (far below float32 overflow) the state is zeroed and the
 * step re-run from zero, so the arm keeps getting finite actions and the panel says why.
 */
export const STATE_LIMIT = 1e6;

function withinLimit(xs: Float32Array): boolean {
  for (const v of xs) if (!(Math.abs(v) <= STATE_LIMIT)) return false;
  return true;
}

const REQUIRED_INPUTS = ['obs', 'state'] as const;
const REQUIRED_OUTPUTS = ['action', 'state_out', 'hidden'] as const;

/**
 * One ONNX policy under contract v1 on one execution provider. Holds the recurrent state
 * between steps (batch 1). `step` must not be called concurrently: callers await each step
 * (the sim is lockstep). `release()` frees the session; after it every call throws.
 */
export class OrtPolicy {
  private state: Float32Array;
  private readonly knobs = new Map<string, Float32Array>();
  private released = false;
  private busy = false;
  /** Steps at which the divergence guard zeroed the state, since creation. */
  divergences = 0;

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: OrtNs.InferenceSession,
    readonly card: PolicyCard,
    readonly ep: ExecutionProvider,
  ) {
    this.state = new Float32Array(card.state_dim);
    for (const k of card.knobs) this.knobs.set(k.name, Float32Array.of(k.default));
  }

  /** Loads, checks names and shapes against the card, and runs one zero step to check sizes. */
  static async create(
    ort: OrtModule,
    model: Uint8Array,
    card: PolicyCard,
    ep: ExecutionProvider,
  ): Promise<OrtPolicy> {
    let session: OrtNs.InferenceSession;
    try {
      session = await ort.InferenceSession.create(model, {
        executionProviders: [ep],
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
      });
    } catch (e) {
      throw new EigenplayError(
        'MODEL_LOAD_FAILED',
        `[policy] onnxruntime could not load "${card.id}" on ${ep}: ${(e as Error).message}. ` +
          'Choose the model.onnx exported with this card (an ONNX file, opset 17 works); the previous policy keeps running.',
      );
    }
    const policy = new OrtPolicy(ort, session, card, ep);
    try {
      policy.checkSignature();
      await policy.step(new Float32Array(card.obs.dim));
      policy.reset();
    } catch (e) {
      await session.release();
      throw e;
    }
    return policy;
  }

  private checkSignature(): void {
    const s = this.session;
    const c = this.card;
    const mismatch = (msg: string): never => {
      throw new EigenplayError('MODEL_MISMATCH', `[policy] ${c.id}: ${msg}`);
    };
    for (const n of REQUIRED_INPUTS)
      if (!s.inputNames.includes(n))
        mismatch(`model has no input "${n}" (inputs: ${s.inputNames.join(', ')})`);
    for (const n of REQUIRED_OUTPUTS)
      if (!s.outputNames.includes(n))
        mismatch(`model has no output "${n}" (outputs: ${s.outputNames.join(', ')})`);
    const knobNames = new Set(c.knobs.map((k) => k.name));
    for (const n of s.inputNames)
      if (!REQUIRED_INPUTS.includes(n as 'obs') && !knobNames.has(n))
        mismatch(`model input "${n}" is neither obs, state nor a knob listed in the card`);
    for (const k of c.knobs)
      if (!s.inputNames.includes(k.name))
        mismatch(`card lists knob "${k.name}" but the model has no such input`);
    const lastDim = (name: string, expect: number, what: string): void => {
      const meta = s.inputMetadata.find((m) => m.name === name);
      if (!meta || !meta.isTensor) return;
      const d = meta.shape[meta.shape.length - 1];
      if (typeof d === 'number' && d !== expect)
        mismatch(`input "${name}" has ${d} values, the card's ${what} is ${expect}`);
    };
    lastDim('obs', c.obs.dim, 'obs.dim');
    lastDim('state', c.state_dim, 'state_dim');
  }

  get stateDim(): number {
    return this.card.state_dim;
  }

  reset(): void {
    this.state.fill(0);
  }

  /** A copy of the recurrent state, to hand over to the same model on another EP. */
  getState(): Float32Array {
    return this.state.slice();
  }

  setState(state: Float32Array): void {
    if (state.length !== this.card.state_dim)
      throw new EigenplayError(
        'BAD_INPUT',
        `[policy] state has ${state.length} values, state_dim is ${this.card.state_dim}`,
      );
    this.state = state.slice();
  }

  /** Knob values, to hand over with the state. */
  getKnobs(): Map<string, number> {
    return new Map([...this.knobs].map(([k, v]) => [k, v[0]!]));
  }

  /** Every knob back to the card's default (the trained recurrence). */
  resetKnobs(): void {
    for (const k of this.card.knobs) this.knobs.set(k.name, Float32Array.of(k.default));
  }

  setKnob(name: string, value: number): void {
    const spec = this.card.knobs.find((k) => k.name === name);
    if (!spec)
      throw new EigenplayError('BAD_INPUT', `[policy] ${this.card.id} has no knob "${name}"`);
    if (!(value >= spec.min && value <= spec.max))
      throw new EigenplayError(
        'BAD_INPUT',
        `[policy] knob ${name} = ${value} is outside [${spec.min}, ${spec.max}]`,
      );
    this.knobs.set(name, Float32Array.of(value));
  }

  /** One control step from obs (length obs.dim); advances the internal state. */
  async step(obs: Float32Array): Promise<PolicyStepResult> {
    if (this.released)
      throw new EigenplayError('MODEL_LOAD_FAILED', `[policy] ${this.card.id} was released`);
    if (this.busy)
      throw new EigenplayError('BAD_INPUT', '[policy] step() called while a step is running');
    const c = this.card;
    if (obs.length !== c.obs.dim)
      throw new EigenplayError(
        'MODEL_MISMATCH',
        `[policy] obs has ${obs.length} values, the model expects ${c.obs.dim}`,
      );
    this.busy = true;
    try {
      const r = await this.run(obs);
      if (withinLimit(r.action) && withinLimit(this.state)) return r;
      this.state.fill(0);
      const again = await this.run(obs);
      if (!withinLimit(again.action) || !withinLimit(this.state))
        throw new EigenplayError(
          'MODEL_MISMATCH',
          `[policy] ${c.id}: non-finite output from the zero state; the model itself is broken, load another`,
        );
      this.divergences++;
      return { ...again, diverged: true };
    } finally {
      this.busy = false;
    }
  }

  private async run(obs: Float32Array): Promise<PolicyStepResult> {
    const c = this.card;
    {
      const T = this.ort.Tensor;
      const feeds: Record<string, OrtNs.Tensor> = {
        obs: new T('float32', obs, [1, c.obs.dim]),
        state: new T('float32', this.state, [1, c.state_dim]),
      };
      for (const [name, v] of this.knobs) feeds[name] = new T('float32', v, [1]);
      const out = await this.session.run(feeds);
      const take = (name: string, n: number): Float32Array => {
        const t = out[name];
        if (!t)
          throw new EigenplayError('MODEL_MISMATCH', `[policy] ${c.id}: output "${name}" missing`);
        const data = t.data as Float32Array;
        if (data.length !== n)
          throw new EigenplayError(
            'MODEL_MISMATCH',
            `[policy] ${c.id}: output "${name}" has ${data.length} values, the card says ${n}`,
          );
        return data.slice();
      };
      const action = take('action', c.action.dim);
      this.state = take('state_out', c.state_dim);
      const hidden = take('hidden', c.hidden_dim);
      const eigT = out.eig;
      const eig = eigT ? (eigT.data as Float32Array).slice() : undefined;
      for (const t of Object.values(out)) t.dispose();
      return { action, hidden, eig };
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.session.release();
  }
}

/** Single-threaded wasm: threads need cross-origin isolation and do not help tiny models. */
export function configureOrt(ort: OrtModule): OrtModule {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  return ort;
}
