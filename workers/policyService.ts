import * as Comlink from 'comlink';
import { parsePolicyCard, type PolicyCard } from '../src/control/policyCard';
import { EigenplayError } from '../src/lib/errors';
import { createDebug } from '../src/lib/log';
import { configureOrt, OrtPolicy, type ExecutionProvider } from '../src/policy/ortPolicy';
import { ARM_ACT_DIM, ARM_CONTROL_HZ, ARM_OBS_DIM } from '../src/sim/armSim';
import type { EpPreference, EpReport, LoadedPolicy, PolicyStepOut, PolicyWorkerApi } from './contracts';

const debug = createDebug('policy');

const WARMUP = 5;
const TIMED = 30;
/** EP outputs must agree within this before a non-reference EP is trusted. */
const PARITY_TOL = 1e-3;

/** The arm scene's side of the contract: a policy must match it to drive the arm. */
function checkFitsArm(card: PolicyCard): void {
  const fail = (msg: string): never => {
    throw new EigenplayError('MODEL_MISMATCH', `[policy] ${card.id}: ${msg}`);
  };
  if (card.robot !== 'arm') fail(`card.robot is "${card.robot}", this scene runs the arm`);
  if (card.obs.dim !== ARM_OBS_DIM) fail(`card.obs.dim is ${card.obs.dim}, the arm observes ${ARM_OBS_DIM} values (README, policy contract)`);
  if (card.action.dim !== ARM_ACT_DIM) fail(`card.action.dim is ${card.action.dim}, the arm takes ${ARM_ACT_DIM} joint targets`);
  if (Math.abs(card.control_hz - ARM_CONTROL_HZ) > 1e-6)
    fail(`card.control_hz is ${card.control_hz}, the arm's control rate is ${ARM_CONTROL_HZ} Hz`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function webgpuAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator && !!(navigator as { gpu?: unknown }).gpu;
}

/** Times `TIMED` steps on the same fixed inputs; returns the median and the last outputs. */
async function measure(p: OrtPolicy): Promise<{ ms: number; out: Float32Array }> {
  const obs = new Float32Array(p.card.obs.dim).map((_, i) => 0.1 * Math.sin(i + 1));
  const times: number[] = [];
  let last: Float32Array = new Float32Array();
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

/**
 * The policy worker's implementation: loads policies, picks the execution provider by measuring
 * (or as forced), and steps the current policy. A failed load leaves the previous policy running.
 */
export class PolicyService implements PolicyWorkerApi {
  private policy: OrtPolicy | undefined;
  private loaded: LoadedPolicy | undefined;

  constructor() {
    configureOrt();
  }

  async loadShipped(id: string, baseUrl: string, ep: EpPreference): Promise<LoadedPolicy> {
    const dir = `${baseUrl}policies/${id}/`;
    const [modelRes, cardRes] = await Promise.all([fetch(`${dir}model.onnx`), fetch(`${dir}card.json`)]);
    if (!modelRes.ok || !cardRes.ok)
      throw new EigenplayError('MODEL_LOAD_FAILED', `[policy] could not fetch ${dir} (HTTP ${modelRes.status}/${cardRes.status})`);
    return this.loadBytes(new Uint8Array(await modelRes.arrayBuffer()), await cardRes.text(), ep);
  }

  async loadBytes(model: Uint8Array, cardJson: string, pref: EpPreference): Promise<LoadedPolicy> {
    let json: unknown;
    try {
      json = JSON.parse(cardJson);
    } catch (e) {
      throw new EigenplayError('CARD_INVALID', `[policy] card.json is not valid JSON: ${(e as Error).message}`);
    }
    const card = parsePolicyCard(json);
    checkFitsArm(card);
    const { policy, report } = await this.choose(model, card, pref);
    const previous = this.policy;
    this.policy = policy;
    this.loaded = { card, ep: report };
    await previous?.release();
    debug?.('loaded', card.id, report);
    return this.loaded;
  }

  private async choose(model: Uint8Array, card: PolicyCard, pref: EpPreference): Promise<{ policy: OrtPolicy; report: EpReport }> {
    const measured: EpReport['measured'] = {};
    const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
    const wasm = await OrtPolicy.create(model, card, 'wasm'); // the reference: throws on a bad model
    const wasmRun = await measure(wasm);
    measured.wasm = wasmRun.ms;
    const report = (ep: ExecutionProvider, reason: string, parity?: number): EpReport => ({
      ep,
      requested: pref,
      reason,
      measured,
      parity,
      crossOriginIsolated: isolated,
    });
    if (pref === 'wasm') return { policy: wasm, report: report('wasm', 'forced by the user') };
    if (!webgpuAvailable()) {
      measured.webgpu = 'navigator.gpu is not available';
      const why = pref === 'webgpu' ? 'WebGPU was requested but this browser has no navigator.gpu; fell back to wasm' : 'WebGPU is not available here';
      return { policy: wasm, report: report('wasm', why) };
    }
    let gpu: OrtPolicy | undefined;
    try {
      gpu = await OrtPolicy.create(model, card, 'webgpu');
      const gpuRun = await measure(gpu);
      measured.webgpu = gpuRun.ms;
      let parity = 0;
      for (let i = 0; i < gpuRun.out.length; i++) parity = Math.max(parity, Math.abs(gpuRun.out[i]! - wasmRun.out[i]!));
      if (!(parity <= PARITY_TOL)) {
        await gpu.release();
        return { policy: wasm, report: report('wasm', `WebGPU outputs differ from wasm by ${parity.toExponential(1)} (> ${PARITY_TOL}); fell back to wasm`, parity) };
      }
      if (pref === 'webgpu' || gpuRun.ms < wasmRun.ms) {
        await wasm.release();
        const why = pref === 'webgpu' ? 'forced by the user' : `measured faster (${gpuRun.ms.toFixed(2)} vs ${wasmRun.ms.toFixed(2)} ms)`;
        return { policy: gpu, report: report('webgpu', why, parity) };
      }
      await gpu.release();
      return {
        policy: wasm,
        report: report('wasm', `measured faster (${wasmRun.ms.toFixed(2)} vs ${gpuRun.ms.toFixed(2)} ms on WebGPU)`, parity),
      };
    } catch (e) {
      await gpu?.release();
      measured.webgpu = (e as Error).message;
      return { policy: wasm, report: report('wasm', `WebGPU failed (${(e as Error).message}); fell back to wasm`) };
    }
  }

  async current(): Promise<LoadedPolicy | undefined> {
    return this.loaded;
  }

  async reset(): Promise<void> {
    this.policy?.reset();
  }

  async step(obs: Float32Array): Promise<PolicyStepOut> {
    if (!this.policy) throw new EigenplayError('MODEL_LOAD_FAILED', '[policy] no policy is loaded yet');
    const t0 = performance.now();
    const r = await this.policy.step(obs);
    const runMs = performance.now() - t0;
    const transfer = [r.action.buffer, r.hidden.buffer, ...(r.eig ? [r.eig.buffer] : [])] as ArrayBuffer[];
    return Comlink.transfer({ ...r, runMs }, transfer);
  }

  async setKnob(name: string, value: number): Promise<void> {
    this.policy?.setKnob(name, value);
  }

  connect(port: MessagePort): void {
    Comlink.expose(this, port);
  }
}
