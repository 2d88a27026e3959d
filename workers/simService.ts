import * as Comlink from 'comlink';
import { EigenplayError } from '../src/lib/errors';
import { createDebug, logError } from '../src/lib/log';
import { ARM_BODY_COUNT } from '../src/sim/armWorld';
import { loadRapier } from '../src/sim/rapier';
import { ARM_CONTROL_DT, ARM_OBS_DIM, ArmSim } from '../src/sim/armSim';
import type { TrialRecord } from '../src/sim/reachTask';
import { TickBatcher } from './tickBatcher';
import { FRAME_MS, MAX_FRAME_S, MAX_TICKS_PER_FRAME } from './tickClock';
import {
  HASH_TICK,
  type PolicyWorkerApi,
  type SimOptions,
  type SimSnapshot,
  type SimWorkerApi,
} from './contracts';

const debug = createDebug('sim');

type PolicyStepper = Pick<PolicyWorkerApi, 'step' | 'reset'>;

/**
 * The sim worker's implementation. It owns the clock: each loop iteration turns clamped
 * wall-clock time into control ticks; each tick observes, awaits the policy's action (lockstep:
 * the world never advances past a tick without its action), then runs the physics substeps.
 * After the ticks it publishes one snapshot with transferred buffers.
 */
export class SimService implements SimWorkerApi {
  private sim: ArmSim | undefined;
  private policy: PolicyStepper | undefined;
  private opts: SimOptions = { seed: 1, mode: 'center-out' };
  private listener: ((s: SimSnapshot) => void) | undefined;
  private running = true;
  private loopHandle: ReturnType<typeof setTimeout> | undefined;
  private acc = 0;
  private last = 0;
  private generation = 0;
  private readonly obs = new Float32Array(ARM_OBS_DIM);
  private hidden: Float32Array = new Float32Array(0);
  private eig: Float32Array | null = null;
  private policyId = '';
  private action: [number, number, number] = [0, 0, 0];
  private divergences = 0;
  private ended: TrialRecord[] = [];
  private hash: SimSnapshot['hash'];
  private tickMs = 0;
  private readonly tickLog: number[] = [];
  private physicsMs = 0;
  /** The control tick in progress (resolved when none), and the chain of resets. */
  private inflight: Promise<void> = Promise.resolve();
  private resetting: Promise<void> = Promise.resolve();
  /** Every tick's hidden vector and task context, batched to the analysis worker if connected. */
  private batcher: TickBatcher | undefined;

  /** For tests and Node: drive with any stepper (the policy service itself, in-process). */
  attachPolicy(policy: PolicyStepper): void {
    this.policy = policy;
  }

  /** Loads Rapier (4 MB of inlined wasm) so it overlaps with the policy load. */
  async prepare(): Promise<void> {
    await loadRapier();
  }

  async init(policyPort: MessagePort, opts: SimOptions): Promise<void> {
    this.attachPolicy(Comlink.wrap<PolicyWorkerApi>(policyPort));
    await this.reset(opts);
  }

  /** The analysis worker's port: every control tick's hidden state goes there in batches. */
  connectAnalysis(port: MessagePort): void {
    this.batcher = new TickBatcher(ARM_CONTROL_DT, (batch, transfer) =>
      port.postMessage(batch, transfer),
    );
  }

  subscribe(cb: (s: SimSnapshot) => void): void {
    this.listener = cb;
  }

  async setRunning(running: boolean): Promise<void> {
    this.running = running;
    this.last = performance.now();
    if (running) this.schedule(0);
  }

  /**
   * Starts a new run. Resets are serialised, and each waits for a control tick already waiting
   * on the policy to finish on the old world, so a world is never stepped after it was freed.
   */
  reset(opts: SimOptions): Promise<void> {
    if (!Number.isInteger(opts.seed))
      return Promise.reject(
        new EigenplayError('BAD_INPUT', `[sim] seed must be an integer, got ${opts.seed}`),
      );
    this.generation++;
    if (this.loopHandle !== undefined) clearTimeout(this.loopHandle);
    const next = this.resetting.then(() => this.doReset(opts));
    this.resetting = next.catch(() => undefined);
    return next;
  }

  private async doReset(opts: SimOptions): Promise<void> {
    await this.inflight;
    this.sim?.free();
    this.opts = { ...opts };
    this.sim = await ArmSim.create({ seed: opts.seed, mode: opts.mode, start: 'center' });
    await this.policy?.reset();
    this.acc = 0;
    this.last = performance.now();
    this.hash = undefined;
    this.ended = [];
    this.hidden = new Float32Array(0);
    this.eig = null;
    this.divergences = 0;
    this.batcher?.markReset();
    this.publish();
    if (this.running) this.schedule(0);
  }

  /**
   * Export mode: with the loop paused, steps whole control ticks in lockstep with the policy until
   * the sim time reaches `time` (s), publishing a snapshot after every tick, and returns the tick
   * reached. A clip frame at time i/fps thus shows exactly the world at tick ⌊i/fps · 60⌋, however
   * long the rendering takes. A reset during the call ends it with an error.
   */
  async advanceTo(time: number): Promise<number> {
    if (this.running)
      throw new EigenplayError('BAD_INPUT', '[sim] advanceTo steps a paused sim; pause it first');
    if (!Number.isFinite(time) || time < 0)
      throw new EigenplayError(
        'BAD_INPUT',
        `[sim] advanceTo needs a time ≥ 0 in seconds, got ${time}`,
      );
    await this.resetting;
    const gen = this.generation;
    const sim = this.sim;
    if (!sim) throw new EigenplayError('BAD_INPUT', '[sim] advanceTo before init');
    const target = Math.floor(time / ARM_CONTROL_DT + 1e-9);
    while (sim.tick < target) {
      await this.controlTick();
      if (gen !== this.generation)
        throw new EigenplayError('BAD_INPUT', '[sim] a reset interrupted advanceTo');
      this.publish();
    }
    return sim.tick;
  }

  /** The published world hash, once HASH_TICK is reached. */
  async snapshotHash(): Promise<string | undefined> {
    return this.hash?.value;
  }

  async stats(): Promise<{ ticks: number; tickMs: number[]; physicsMs: number }> {
    return { ticks: this.sim?.tick ?? 0, tickMs: [...this.tickLog], physicsMs: this.physicsMs };
  }

  /** One control tick: observe, await the action, step physics. Exposed for Node tests. */
  controlTick(): Promise<void> {
    const tick = this.doTick();
    this.inflight = tick.catch(() => undefined);
    return tick;
  }

  private async doTick(): Promise<void> {
    const sim = this.sim!;
    const t0 = performance.now();
    sim.observe(this.obs);
    const { tick } = sim;
    const { phase, trialIndex, direction } = sim.task;
    const out = await this.policy!.step(this.obs.slice());
    this.tickMs = performance.now() - t0;
    if (this.tickLog.length < 100_000) this.tickLog.push(this.tickMs);
    const p0 = performance.now();
    this.ended.push(...sim.controlStep(out.action));
    this.physicsMs += performance.now() - p0;
    this.hidden = out.hidden;
    this.eig = out.eig ?? null;
    this.policyId = out.policyId;
    this.action = [out.action[0]!, out.action[1]!, out.action[2]!];
    if (out.diverged) this.divergences++;
    this.batcher?.push(tick, phase, trialIndex, direction, out.policyId, out.hidden);
    if (sim.tick === HASH_TICK) this.hash = { tick: HASH_TICK, value: sim.hash() };
  }

  private schedule(delay: number): void {
    const gen = this.generation;
    this.loopHandle = setTimeout(() => void this.loop(gen), delay);
  }

  private async loop(gen: number): Promise<void> {
    if (!this.running || !this.sim || gen !== this.generation) return;
    const start = performance.now();
    this.acc += Math.min((start - this.last) / 1000, MAX_FRAME_S) * (this.opts.speed ?? 1);
    this.last = start;
    try {
      let n = 0;
      while (this.acc >= ARM_CONTROL_DT && n < MAX_TICKS_PER_FRAME) {
        await this.controlTick();
        if (gen !== this.generation) return;
        this.acc -= ARM_CONTROL_DT;
        n++;
      }
      // Never carry more than one frame of debt: slow inference slows the sim, it never bursts.
      this.acc = Math.min(this.acc, ARM_CONTROL_DT);
      if (n > 0) this.publish();
    } catch (e) {
      if (gen !== this.generation) return; // a reset superseded this run; its error is moot
      this.running = false;
      logError('sim', 'control tick failed; the sim is paused. Reset to continue.', e);
      this.publish();
      return;
    }
    this.schedule(Math.max(0, FRAME_MS - (performance.now() - start)));
  }

  private publish(): void {
    const sim = this.sim;
    if (!sim || !this.listener) return;
    const poses = new Float32Array(ARM_BODY_COUNT * 7);
    sim.arm.writePoses(poses);
    const t = sim.task;
    const hidden = this.hidden.slice();
    const eig = this.eig ? this.eig.slice() : null;
    const snap: SimSnapshot = {
      tick: sim.tick,
      time: sim.tick * ARM_CONTROL_DT,
      poses,
      hand: [sim.hand.x, sim.hand.y, sim.hand.z],
      target: [t.target.x, t.target.y, t.target.z],
      phase: t.phase,
      trialIndex: t.trialIndex,
      direction: t.direction,
      hidden,
      eig,
      policyId: this.policyId,
      action: this.action,
      divergences: this.divergences,
      trials: t.trials.length,
      successes: t.successes,
      ended: this.ended,
      hash: this.hash,
      tickMs: this.tickMs,
      running: this.running,
    };
    this.ended = [];
    const transfer = [poses.buffer, hidden.buffer, ...(eig ? [eig.buffer] : [])] as ArrayBuffer[];
    this.listener(Comlink.transfer(snap, transfer));
    debug?.('tick', sim.tick);
  }
}
