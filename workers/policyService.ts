import * as Comlink from 'comlink';
import { parsePolicyCard, type PolicyCard } from '../src/control/policyCard';
import { EigenplayError } from '../src/lib/errors';
import { createDebug } from '../src/lib/log';
import {
  configureOrt,
  OrtPolicy,
  type ExecutionProvider,
  type OrtModule,
} from '../src/policy/ortPolicy';
import { ACTION_SCALE } from '../src/control/reachExpert';
import { ARM_ACT_DIM, ARM_CONTROL_HZ, ARM_OBS_DIM, ARM_OBS_LAYOUT } from '../src/sim/armSim';
import type {
  EpPreference,
  EpReport,
  KickResult,
  LoadedPolicy,
  PolicyStepOut,
  PolicyWorkerApi,
} from './contracts';

const debug = createDebug('policy');

const WARMUP = 5;
const TIMED = 30;
/** EP outputs must agree within this before a non-reference EP is trusted. */
const PARITY_TOL = 1e-3;
/** How long WebGPU may take to start and be measured before auto mode gives up on it, ms. */
const WEBGPU_BUDGET_MS = 45_000;
/**
 * Warm start on a controller switch: the new controller's state is rebuilt by replaying the last
 * WARM_TICKS observations (1 s at 60 Hz) from the zero state before its first action. The replay
 * runs while the previous controller keeps driving; the few ticks it took are replayed at the swap. That is the
 * Transformer's whole window (16 ticks) exactly, and for the SSMs their memory up to 1 s, so the
 * first commanded action after a switch continues the movement instead of jumping.
 */
export const WARM_TICKS = 60;

/** Loads the onnxruntime-web build for an EP on first use (the WebGPU build is large). */
export type OrtLoader = (ep: ExecutionProvider) => Promise<OrtModule>;

const browserLoader: OrtLoader = async (ep) =>
  configureOrt(
    ep === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm'),
  );

/** The arm scene's side of the contract: a policy must match it to drive the arm. */
function checkFitsArm(card: PolicyCard): void {
  const fail = (msg: string): never => {
    throw new EigenplayError('MODEL_MISMATCH', `[policy] ${card.id}: ${msg}`);
  };
  if (card.robot !== 'arm') fail(`card.robot is "${card.robot}", this scene runs the arm`);
  if (card.obs.dim !== ARM_OBS_DIM)
    fail(
      `card.obs.dim is ${card.obs.dim}, the arm observes ${ARM_OBS_DIM} values (README, policy contract)`,
    );
  if (card.action.dim !== ARM_ACT_DIM)
    fail(`card.action.dim is ${card.action.dim}, the arm takes ${ARM_ACT_DIM} joint targets`);
  // The arm applies fixed scales (ARM_OBS_LAYOUT, ACTION_SCALE): a card that declares others
  // describes a policy trained for different units, so it is refused rather than run wrongly.
  card.obs.layout.forEach((e, i) => {
    const want = ARM_OBS_LAYOUT[i]!.scale;
    if (e.scale !== want)
      fail(
        `card.obs.layout[${i}] (${e.name}) has scale ${e.scale}; the arm's observation ${ARM_OBS_LAYOUT[i]!.name} uses ${want}`,
      );
  });
  card.action.layout.forEach((e, i) => {
    if (e.scale !== ACTION_SCALE[i])
      fail(
        `card.action.layout[${i}] (${e.name}) has scale ${e.scale} rad; the arm maps action ${i} with ${ACTION_SCALE[i]} rad`,
      );
  });
  if (Math.abs(card.control_hz - ARM_CONTROL_HZ) > 1e-6)
    fail(`card.control_hz is ${card.control_hz}, the arm's control rate is ${ARM_CONTROL_HZ} Hz`);
}

/** Where a switched-in controller's warm start stopped, for the catch-up at the swap. */
interface CatchUp {
  /** resetGen when the warm start began: a reset since then voids it. */
  gen: number;
  /** Observations seen when the warm start began; the ones after it are replayed at the swap. */
  seenAt: number;
  /** Zero the state before the catch-up (the controller was already running: no warm start ran). */
  resetFirst: boolean;
}

interface Measured {
  ms: number;
  out: Float32Array;
}

/** Parses card.json text and checks it fits the arm; errors name the field and the fix. */
function parseCard(cardJson: string): PolicyCard {
  let json: unknown;
  try {
    json = JSON.parse(cardJson);
  } catch (e) {
    throw new EigenplayError(
      'CARD_INVALID',
      `[policy] card.json is not valid JSON: ${(e as Error).message}`,
    );
  }
  const card = parsePolicyCard(json);
  checkFitsArm(card);
  return card;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function webgpuAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!(navigator as { gpu?: unknown }).gpu;
}

/** Times `TIMED` steps on the same fixed inputs; returns the median and the last outputs. */
async function measure(p: OrtPolicy): Promise<Measured> {
  const obs = new Float32Array(p.card.obs.dim).map((_, i) => 0.1 * Math.sin(i + 1));
  const times: number[] = [];
  let last = new Float32Array();
  p.reset();
  for (let i = 0; i < WARMUP + TIMED; i++) {
    const t0 = performance.now();
    const r = await p.step(obs);
    if (i >= WARMUP) times.push(performance.now() - t0);
    last = Float32Array.from([...r.action, ...r.hidden]);
  }
  p.reset();
  return { ms: median(times), out: last };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms),
    ),
  ]);
}

/**
 * The policy worker's implementation. Loading always starts on wasm, the reference EP, so the arm
 * moves as soon as possible. WebGPU (unless wasm is forced) is then started and measured in the
 * background; it takes over, state and knobs handed across between two steps, if its outputs
 * agree with wasm and it is faster (`auto`) or was asked for (`webgpu`). Any failure leaves wasm
 * running and the report says why. A failed load leaves the previous policy running.
 */
export class PolicyService implements PolicyWorkerApi {
  private policy: OrtPolicy | undefined;
  private pending: OrtPolicy | undefined;
  private loaded: LoadedPolicy | undefined;
  private generation = 0;
  private epListener: ((r: EpReport) => void) | undefined;
  private loadQueue: Promise<void> = Promise.resolve();
  /** WebGPU starts, one after the other. */
  private gpuQueue: Promise<void> = Promise.resolve();
  /** The bytes of the loaded policy, so an EP switch reloads the same model. */
  private source: { model: Uint8Array; cardJson: string } | undefined;
  /** The step in progress, if any: sessions are released only after it. */
  private stepping: Promise<unknown> = Promise.resolve();
  /** Shipped controllers already loaded on wasm, by id: switching back is instant. */
  private readonly shipped = new Map<
    string,
    { policy: OrtPolicy; run: Measured; model: Uint8Array; cardJson: string }
  >();
  /** The last WARM_TICKS observations since the last reset, oldest first. */
  private history: Float32Array[] = [];
  /** Observations seen since the last reset, and resets so far (to tell a stale warm start). */
  private seen = 0;
  private resetGen = 0;
  /** Set by a load: the next step first catches the new controller up on what it missed. */
  private catchUp: CatchUp | undefined;
  /** Steps taken since the service started, so callers can tell when a switch took effect. */
  private steps = 0;
  /** A kick waiting for the next step: added to the state just before it runs. */
  private kickPending:
    { direction: Float32Array; relative: number; done: (r: KickResult) => void } | undefined;

  /**
   * @param loadOrt the onnxruntime-web build per EP (Node tests pass the Node build)
   * @param fetchFn how shipped policy files are fetched (Node tests read them from disk)
   */
  constructor(
    private readonly loadOrt: OrtLoader = browserLoader,
    private readonly fetchFn: (url: string) => Promise<Response> = (url) => fetch(url),
  ) {}

  async loadShipped(id: string, baseUrl: string, ep: EpPreference): Promise<LoadedPolicy> {
    const cached = this.shipped.get(id);
    const { model, cardJson } = cached ?? (await this.fetchShipped(id, baseUrl));
    return this.enqueue(() => this.load(model, cardJson, ep, id));
  }

  /**
   * Loads shipped controllers on wasm in the background without running them, so a later switch
   * to any of them is immediate. Failures are left for the switch itself to report.
   */
  async preload(ids: string[], baseUrl: string): Promise<void> {
    for (const id of ids) {
      if (this.shipped.has(id)) continue;
      try {
        const { model, cardJson } = await this.fetchShipped(id, baseUrl);
        await this.enqueue(async () => {
          if (!this.shipped.has(id)) await this.createShipped(id, model, cardJson);
          return this.loaded!;
        });
      } catch (e) {
        debug?.('preload failed', id, e);
      }
    }
  }

  private async fetchShipped(
    id: string,
    baseUrl: string,
  ): Promise<{ model: Uint8Array; cardJson: string }> {
    if (!/^[a-z0-9-]+$/.test(id))
      throw new EigenplayError(
        'BAD_INPUT',
        `[policy] controller id ${JSON.stringify(id)} is not a shipped policy name (lower-case letters, digits, dashes)`,
      );
    const dir = `${baseUrl}policies/${id}/`;
    const [modelRes, cardRes] = await Promise.all([
      this.fetchFn(`${dir}model.onnx`),
      this.fetchFn(`${dir}card.json`),
    ]);
    if (!modelRes.ok || !cardRes.ok)
      throw new EigenplayError(
        'MODEL_LOAD_FAILED',
        `[policy] could not fetch ${dir} (HTTP ${modelRes.status}/${cardRes.status})`,
      );
    return { model: new Uint8Array(await modelRes.arrayBuffer()), cardJson: await cardRes.text() };
  }

  /** Parses and checks the card, creates the wasm session, measures it, caches it by id. */
  private async createShipped(id: string, model: Uint8Array, cardJson: string) {
    const card = parseCard(cardJson);
    const policy = await OrtPolicy.create(await this.loadOrt('wasm'), model, card, 'wasm');
    const entry = { policy, run: await measure(policy), model, cardJson };
    this.shipped.set(id, entry);
    return entry;
  }

  /** Loads are serialised: a rapid second request waits for the first instead of racing it. */
  loadBytes(model: Uint8Array, cardJson: string, pref: EpPreference): Promise<LoadedPolicy> {
    return this.enqueue(() => this.load(model, cardJson, pref));
  }

  private enqueue(job: () => Promise<LoadedPolicy>): Promise<LoadedPolicy> {
    const next = this.loadQueue.then(job);
    this.loadQueue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /** Loads (or takes from the shipped cache) and makes it the running controller. */
  private async load(
    model: Uint8Array,
    cardJson: string,
    pref: EpPreference,
    shippedId?: string,
  ): Promise<LoadedPolicy> {
    const card = parseCard(cardJson);
    const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
    let wasm: OrtPolicy;
    let wasmRun: Measured;
    if (shippedId) {
      const entry =
        this.shipped.get(shippedId) ?? (await this.createShipped(shippedId, model, cardJson));
      ({ policy: wasm, run: wasmRun } = entry);
    } else {
      wasm = await OrtPolicy.create(await this.loadOrt('wasm'), model, card, 'wasm'); // throws on a bad model
      wasmRun = await measure(wasm);
    }
    wasm.resetKnobs();
    // Warm start in the background while the previous controller keeps stepping; the ticks it
    // takes are caught up at the swap (usually none or one).
    const same = wasm === this.policy;
    const catchUp: CatchUp = same
      ? { gen: this.resetGen, seenAt: this.seen - this.history.length, resetFirst: true }
      : await this.warmUp(wasm);
    const report: EpReport = {
      ep: 'wasm',
      requested: pref,
      reason: '',
      measured: { wasm: wasmRun.ms },
      crossOriginIsolated: isolated,
    };
    const gen = ++this.generation;
    if (pref === 'wasm') report.reason = 'forced by the user';
    else if (!webgpuAvailable()) {
      report.measured.webgpu = 'navigator.gpu is not available';
      report.reason =
        pref === 'webgpu'
          ? 'WebGPU was requested but this browser has no navigator.gpu; fell back to wasm'
          : 'WebGPU is not available in this browser';
    } else {
      // The arm starts on wasm at once; WebGPU is started and measured meanwhile (it can take
      // many seconds to compile its shaders) and takes over between two steps if it qualifies.
      report.reason =
        pref === 'webgpu'
          ? 'WebGPU requested: wasm runs until WebGPU has started'
          : 'wasm while WebGPU is being measured';
      void this.measureWebgpuInBackground(gen, model, card, wasmRun, report, pref === 'webgpu');
    }
    await this.pending?.release();
    this.pending = undefined;
    const previous = this.policy;
    this.policy = wasm; // the next step runs it, after catching up
    this.catchUp = catchUp;
    this.loaded = { card, ep: report };
    this.source = { model, cardJson };
    await this.stepping; // a step already running on the previous session finishes first
    if (previous !== wasm) await this.releaseUnlessCached(previous);
    debug?.('loaded', card.id, report);
    return { card, ep: { ...report } };
  }

  /** Releases a session unless it is a cached shipped controller (kept for switching back). */
  private async releaseUnlessCached(p: OrtPolicy | undefined): Promise<void> {
    if (p && ![...this.shipped.values()].some((c) => c.policy === p)) await p.release();
  }

  /** Creates and measures the WebGPU session; returns it if its outputs agree with wasm. */
  private async tryWebgpu(
    model: Uint8Array,
    card: PolicyCard,
    reference: Float32Array,
    report: EpReport,
  ): Promise<OrtPolicy | undefined> {
    let gpu: OrtPolicy | undefined;
    let gaveUp = false;
    try {
      const inner = (async () =>
        OrtPolicy.create(await this.loadOrt('webgpu'), model, card, 'webgpu'))();
      // A session that starts after the budget ran out is released as soon as it exists.
      inner.then((late) => (gaveUp ? late.release() : undefined)).catch(() => undefined);
      gpu = await withTimeout(inner, WEBGPU_BUDGET_MS, 'starting WebGPU').catch((e: unknown) => {
        gaveUp = true;
        throw e;
      });
      const run = await withTimeout(measure(gpu), WEBGPU_BUDGET_MS, 'measuring WebGPU');
      report.measured.webgpu = run.ms;
      let parity = 0;
      for (let i = 0; i < run.out.length; i++)
        parity = Math.max(parity, Math.abs(run.out[i]! - reference[i]!));
      report.parity = parity;
      if (!(parity <= PARITY_TOL)) {
        report.measured.webgpu = `outputs differ from wasm by ${parity.toExponential(1)} (> ${PARITY_TOL})`;
        await gpu.release();
        return undefined;
      }
      return gpu;
    } catch (e) {
      report.measured.webgpu = (e as Error).message;
      await gpu?.release();
      return undefined;
    }
  }

  private async measureWebgpuInBackground(
    gen: number,
    model: Uint8Array,
    card: PolicyCard,
    wasmRun: Measured,
    report: EpReport,
    forced: boolean,
  ): Promise<void> {
    // One WebGPU start at a time: concurrent session creation crashes the WebGPU runtime.
    const attempt = this.gpuQueue.then(() =>
      gen === this.generation ? this.tryWebgpu(model, card, wasmRun.out, report) : undefined,
    );
    this.gpuQueue = attempt.then(() => undefined);
    const gpu = await attempt;
    if (gen !== this.generation || !this.loaded) {
      await gpu?.release();
      return;
    }
    const gpuMs = report.measured.webgpu;
    if (gpu && typeof gpuMs === 'number' && (forced || gpuMs < wasmRun.ms)) {
      this.pending = gpu; // swapped in between two steps, see step()
      report.ep = 'webgpu';
      report.reason = forced
        ? `forced by the user (${gpuMs.toFixed(2)} ms a step vs ${wasmRun.ms.toFixed(2)} ms on wasm)`
        : `measured faster (${gpuMs.toFixed(2)} vs ${wasmRun.ms.toFixed(2)} ms on wasm)`;
    } else {
      await gpu?.release();
      report.reason =
        typeof gpuMs === 'number' && !forced
          ? `measured faster (${wasmRun.ms.toFixed(2)} vs ${gpuMs.toFixed(2)} ms on WebGPU)`
          : `WebGPU failed (${String(gpuMs)}); fell back to wasm`;
    }
    this.loaded = { card, ep: report };
    this.epListener?.({ ...report });
  }

  /** Called whenever the EP report changes after a load (auto mode finishing its measurement). */
  onEpReport(cb: (r: EpReport) => void): void {
    this.epListener = cb;
  }

  /** Reloads the policy that is running now (shipped or the user's) on another EP preference. */
  async setEp(pref: EpPreference): Promise<LoadedPolicy> {
    const source = this.source;
    if (!source) throw new EigenplayError('MODEL_LOAD_FAILED', '[policy] no policy is loaded yet');
    const id = this.loaded?.card.id;
    const shippedId = id && this.shipped.has(id) ? id : undefined;
    return this.enqueue(() => this.load(source.model, source.cardJson, pref, shippedId));
  }

  async current(): Promise<LoadedPolicy | undefined> {
    return this.loaded;
  }

  /** A new episode: zero state, and no history to warm a switched-in controller with. */
  async reset(): Promise<void> {
    this.policy?.reset();
    this.history = [];
    this.seen = 0;
    this.resetGen++;
    this.catchUp = undefined;
  }

  /** Replays the recent observations through `p` from the zero state (see WARM_TICKS). */
  private async warmUp(p: OrtPolicy): Promise<CatchUp> {
    const at: CatchUp = { gen: this.resetGen, seenAt: this.seen, resetFirst: false };
    const recent = this.history.slice();
    p.reset();
    for (const past of recent) await p.step(past);
    return at;
  }

  async step(obs: Float32Array): Promise<PolicyStepOut> {
    if (this.pending && this.policy) {
      this.pending.setState(this.policy.getState());
      for (const [k, v] of this.policy.getKnobs()) this.pending.setKnob(k, v);
      const old = this.policy;
      this.policy = this.pending;
      this.pending = undefined;
      await this.stepping;
      await this.releaseUnlessCached(old);
    }
    const policy = this.policy;
    if (!policy) throw new EigenplayError('MODEL_LOAD_FAILED', '[policy] no policy is loaded yet');
    const t0 = performance.now();
    const running = (async () => {
      const c = this.catchUp;
      if (c) {
        this.catchUp = undefined;
        if (c.gen !== this.resetGen)
          policy.reset(); // the episode restarted meanwhile
        else {
          if (c.resetFirst) policy.reset();
          const missed = Math.min(this.seen - c.seenAt, this.history.length);
          for (const past of this.history.slice(this.history.length - missed))
            await policy.step(past);
        }
      }
      this.applyKick(policy);
      return policy.step(obs);
    })();
    this.stepping = running.catch(() => undefined);
    const r = await running;
    const runMs = performance.now() - t0;
    this.history.push(obs.slice());
    if (this.history.length > WARM_TICKS) this.history.shift();
    this.seen++;
    this.steps++;
    const transfer = [
      r.action.buffer,
      r.hidden.buffer,
      ...(r.eig ? [r.eig.buffer] : []),
    ] as ArrayBuffer[];
    return Comlink.transfer({ ...r, runMs, policyId: policy.card.id, step: this.steps }, transfer);
  }

  /**
   * Eigenvalue surgery undone: every knob back to the card's value, and the state rebuilt by
   * replaying the last WARM_TICKS observations through the trained recurrence at the next step
   * (an unstable setting can leave a state far outside anything the readout was trained on, and
   * with |λ| near 1 it would take minutes to decay).
   */
  async restoreTrained(): Promise<void> {
    const p = this.policy;
    if (!p) return;
    p.resetKnobs();
    this.pending?.resetKnobs();
    this.catchUp = {
      gen: this.resetGen,
      seenAt: this.seen - this.history.length,
      resetFirst: true,
    };
  }

  async setKnob(name: string, value: number): Promise<void> {
    this.policy?.setKnob(name, value);
    this.pending?.setKnob(name, value);
  }

  /**
   * Kicks the running recurrence: at the next step, state += relative · max(‖state‖, 1) · direction
   * (a unit vector in state space, e.g. the real plane of one eigenvalue's mode). Resolves once the
   * kick was applied, with its amplitude. A direction of the wrong length or not finite is refused.
   */
  kick(direction: Float32Array, relative: number): Promise<KickResult> {
    const p = this.policy;
    if (!p) return Promise.reject(new EigenplayError('BAD_INPUT', '[policy] no policy to kick'));
    if (direction.length !== p.card.state_dim || !direction.every(Number.isFinite))
      return Promise.reject(
        new EigenplayError(
          'BAD_INPUT',
          `[policy] a kick needs a finite direction of state_dim ${p.card.state_dim} values, got ${direction.length}`,
        ),
      );
    if (!Number.isFinite(relative) || Math.abs(relative) > 10)
      return Promise.reject(
        new EigenplayError('BAD_INPUT', `[policy] kick size must be in [-10, 10], got ${relative}`),
      );
    this.kickPending?.done({ amplitude: 0, policyId: p.card.id, step: this.steps });
    return new Promise((done) => {
      this.kickPending = { direction: direction.slice(), relative, done };
    });
  }

  private applyKick(policy: OrtPolicy): void {
    const k = this.kickPending;
    if (!k) return;
    this.kickPending = undefined;
    if (k.direction.length !== policy.card.state_dim) {
      // The controller changed since the click: the direction belongs to another state space.
      k.done({ amplitude: 0, policyId: policy.card.id, step: this.steps });
      return;
    }
    const s = policy.getState();
    let norm = 0;
    for (let i = 0; i < s.length; i++) norm += s[i]! * s[i]!;
    const amplitude = k.relative * Math.max(Math.sqrt(norm), 1);
    for (let i = 0; i < s.length; i++) s[i] = s[i]! + amplitude * k.direction[i]!;
    policy.setState(s);
    k.done({ amplitude, policyId: policy.card.id, step: this.steps + 1 });
  }

  connect(port: MessagePort): void {
    Comlink.expose(this, port);
  }
}
