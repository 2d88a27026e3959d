import * as Comlink from 'comlink';
import type { CpgEigenvalues } from '../src/control/cpg/cpgEigen';
import {
  CPG_EIG_COUNT,
  CPG_EXPERT_ID,
  CPG_HIDDEN_DIM,
  writeCpgEig,
  writeCpgHidden,
} from '../src/control/cpg/cpgExpertCard';
import type { QuadCommand } from '../src/control/cpg/cpgExpert';
import { GAIT_NAMES, type GaitName } from '../src/control/cpg/gaits';
import { EigenplayError } from '../src/lib/errors';
import { createDebug, logError } from '../src/lib/log';
import { loadRapier } from '../src/sim/rapier';
import { A1 } from '../src/sim/quadruped/a1Model';
import { faultLabel } from '../src/sim/quadruped/faultLabel';
import { MAX_PUSH_IMPULSE } from '../src/sim/quadruped/perturbations';
import { checkQuadRun } from '../src/sim/quadruped/quadRun';
import { QUAD_OBS_DIM } from '../src/sim/quadruped/quadObs';
import {
  QUAD_CONTROL_DT,
  QUAD_POSE_FLOATS,
  QuadSim,
  type PushEvent,
} from '../src/sim/quadruped/quadSim';
import type { Vec3 } from '../src/sim/quadruped/quat';
import type { TerrainSpec } from '../src/sim/quadruped/terrain';
import type { PolicyWorkerApi } from './contracts';
import {
  DEFAULT_QUAD_RUN,
  QUAD_HASH_TICK,
  type QuadFaultInfo,
  type QuadRunOptions,
  type QuadSnapshot,
  type QuadStatsReport,
  type QuadWorkerApi,
  type TerrainData,
  type TerrainPatch,
} from './quadContracts';
import { TickBatcher } from './tickBatcher';
import { FRAME_MS, TickClock } from './tickClock';

const debug = createDebug('sim');

/** Wall time a fallen robot stays on screen before its episode restarts, ms (no sim time passes). */
export const FAULT_HOLD_MS = 700;
/**
 * An episode ends (without a fall) when the trunk comes this close to the terrain's edge, m:
 * past the edge there is no ground, and the sim core would count the drop as a fault.
 */
export const EDGE_MARGIN = 0.6;
/** Ticks of hidden state one snapshot carries at most (a paused Node test may run many). */
export const HIDDEN_TICKS_MAX = 64;
/** Sculpt brush limits: radius (m) and height change per call (m). */
export const BRUSH_RADIUS = [0.05, 2] as const;
export const BRUSH_MAX_AMOUNT = 0.5;

type PolicyStepper = Pick<PolicyWorkerApi, 'step' | 'reset'>;

const bad = (msg: string) => new EigenplayError('BAD_INPUT', `[quad] ${msg}`);
const foot: Vec3 = { x: 0, y: 0, z: 0 };

/**
 * The quadruped worker's implementation, testable in Node like SimService. It owns the clock
 * (TickClock: clamped wall time, at most 4 control ticks per iteration, never a burst) and steps
 * QuadSim in lockstep with its controller: the CPG expert by default; a learned policy attached
 * with `attachPolicy` answers each tick's observation before the world advances. After the ticks
 * of an iteration it publishes one snapshot with transferred buffers.
 *
 * A fault (fall) holds the fallen world on screen for FAULT_HOLD_MS of wall time; the next tick
 * starts a new episode (same terrain, settings and timeline, from the origin). Terrain edits
 * answer with the changed heights, so the main thread never re-reads the whole grid for a brush
 * stroke.
 */
export class QuadService implements QuadWorkerApi {
  private sim: QuadSim | undefined;
  private policy: PolicyStepper | undefined;
  private opts: QuadRunOptions = DEFAULT_QUAD_RUN;
  private listener: ((s: QuadSnapshot) => void) | undefined;
  private running = true;
  private loopHandle: ReturnType<typeof setTimeout> | undefined;
  private readonly clock = new TickClock(QUAD_CONTROL_DT);
  private generation = 0;
  private tick = 0;
  private episode = 1;
  private faults = 0;
  private fault: QuadFaultInfo | null = null;
  private holdUntil = 0;
  /** The trunk came within EDGE_MARGIN of the grid's edge: the next tick starts a new episode. */
  private atEdge = false;
  private terrainRev = 0;
  private lastPush: QuadSnapshot['push'] = null;
  private timeline: PushEvent[] = [];
  private nextPush = 0;
  private hash: QuadSnapshot['hash'];
  private tickMs = 0;
  private readonly tickLog: number[] = [];
  private readonly sculptLog: number[] = [];
  private readonly obs = new Float32Array(QUAD_OBS_DIM);
  private hidden: Float32Array = new Float32Array(CPG_HIDDEN_DIM);
  /** Every tick's hidden vector since the last snapshot (the newest HIDDEN_TICKS_MAX kept). */
  private hiddenTicks = new Float32Array(HIDDEN_TICKS_MAX * CPG_HIDDEN_DIM);
  private hiddenCount = 0;
  private eig = new Float32Array(2 * CPG_EIG_COUNT);
  private readonly eigScratch: CpgEigenvalues = {
    re: new Float64Array(4),
    im: new Float64Array(4),
    modulus: new Float64Array(4),
    angle: new Float64Array(4),
  };
  private policyId = CPG_EXPERT_ID;
  private inflight: Promise<void> = Promise.resolve();
  private resetting: Promise<unknown> = Promise.resolve();
  private batcher: TickBatcher | undefined;

  /**
   * Drives the robot with a policy (CPG action, 8 values in [−1, 1], from the 47-value
   * observation) instead of the CPG expert; undefined returns to the expert. The snapshots then
   * carry the policy's hidden vector; the eigenvalues stay the CPG's.
   * TODO(issue 4): the policy worker connects here once learned quad-* policies ship.
   */
  attachPolicy(policy: PolicyStepper | undefined): void {
    this.policy = policy;
    if (!policy) this.policyId = CPG_EXPERT_ID;
  }

  async prepare(): Promise<void> {
    await loadRapier();
  }

  subscribe(cb: (s: QuadSnapshot) => void): void {
    this.listener = cb;
  }

  connectAnalysis(port: MessagePort): void {
    this.batcher?.flush();
    this.batcher = new TickBatcher(QUAD_CONTROL_DT, (batch, transfer) =>
      port.postMessage(batch, transfer),
    );
  }

  async setRunning(running: boolean): Promise<void> {
    this.running = running;
    this.clock.restart(performance.now());
    this.publish();
    if (running) this.schedule(0);
  }

  /**
   * Starts a new run from `opts`. Resets are serialised, and each waits for a control tick
   * already in flight, so a world is never stepped after it was freed.
   */
  reset(opts: QuadRunOptions): Promise<TerrainData> {
    let checked: QuadRunOptions;
    try {
      checked = checkQuadRun(opts);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    this.generation++;
    if (this.loopHandle !== undefined) clearTimeout(this.loopHandle);
    const next = this.resetting.then(() => this.doReset(checked));
    this.resetting = next.catch(() => undefined);
    return next;
  }

  private async doReset(opts: QuadRunOptions): Promise<TerrainData> {
    const timeline = opts.perturbations;
    await this.inflight;
    const sim = await QuadSim.create({
      seed: opts.seed,
      terrain: opts.terrain,
      gait: opts.gait,
      command: { ...opts.command },
      // Episodes restart here (tick()), so QuadSim never has to.
      autoReset: false,
      perturbations: timeline,
    });
    sim.setFriction(opts.friction);
    sim.setPayload(opts.payload);
    this.sim?.free();
    this.sim = sim;
    this.opts = opts;
    this.timeline = timeline;
    this.nextPush = 0;
    this.tick = 0;
    this.episode = 1;
    this.faults = 0;
    this.fault = null;
    this.holdUntil = 0;
    this.atEdge = false;
    this.lastPush = null;
    this.hash = undefined;
    this.terrainRev++;
    this.clock.restart(performance.now());
    await this.policy?.reset();
    this.writeCpgState();
    this.batcher?.markReset();
    this.publish();
    if (this.running) this.schedule(0);
    return this.terrainData();
  }

  async setCommand(cmd: QuadCommand): Promise<void> {
    checkQuadRun({ ...this.opts, command: cmd });
    return this.edit((sim) => {
      sim.command = { vx: cmd.vx, yawRate: cmd.yawRate };
      this.opts.command = { ...sim.command };
    });
  }

  async setGait(gait: GaitName): Promise<void> {
    checkQuadRun({ ...this.opts, gait });
    return this.edit((sim) => {
      sim.setGait(gait);
      this.opts.gait = gait;
    });
  }

  setFriction(mu: number): Promise<void> {
    return this.edit((sim) => {
      sim.setFriction(mu);
      this.opts.friction = mu;
    });
  }

  setPayload(kg: number): Promise<void> {
    return this.edit((sim) => {
      sim.setPayload(kg);
      this.opts.payload = kg;
    });
  }

  async push(impulse: [number, number, number]): Promise<void> {
    if (!impulse.every((v) => Number.isFinite(v)))
      throw bad(`push impulse must be finite, got ${JSON.stringify(impulse)}`);
    const size = Math.hypot(...impulse);
    if (size > MAX_PUSH_IMPULSE)
      throw bad(`push of ${size.toFixed(1)} N s; ${MAX_PUSH_IMPULSE} N s at most`);
    return this.edit((sim) => {
      sim.applyPush(impulse);
      this.lastPush = { tick: this.tick, impulse: [...impulse] };
    });
  }

  regenerate(spec: TerrainSpec): Promise<TerrainData> {
    return this.edit((sim) => {
      sim.regenerate(spec);
      this.opts.terrain = { ...spec };
      this.terrainRev++;
      return this.terrainData();
    });
  }

  async sculpt(x: number, z: number, radius: number, amount: number): Promise<TerrainPatch | null> {
    if (!(radius >= BRUSH_RADIUS[0] && radius <= BRUSH_RADIUS[1]))
      throw bad(`brush radius must be ${BRUSH_RADIUS[0]}-${BRUSH_RADIUS[1]} m, got ${radius}`);
    if (!(Math.abs(amount) <= BRUSH_MAX_AMOUNT))
      throw bad(`brush height change must be within ±${BRUSH_MAX_AMOUNT} m, got ${amount}`);
    return this.edit((sim) => {
      const t0 = performance.now();
      const d = sim.sculpt(x, z, radius, amount);
      if (!d) return null;
      // A foot now inside a raised surface would read as a fall through the terrain: lift it.
      if (amount > 0 && this.buried(sim)) sim.liftAboveTerrain();
      this.terrainRev++;
      const g = sim.terrain;
      const w = d.ix1 - d.ix0 + 1;
      const heights = new Float32Array(w * (d.iz1 - d.iz0 + 1));
      for (let iz = d.iz0; iz <= d.iz1; iz++) {
        const k = iz * g.nx;
        heights.set(g.heights.subarray(k + d.ix0, k + d.ix1 + 1), (iz - d.iz0) * w);
      }
      const workerMs = performance.now() - t0;
      if (this.sculptLog.length < 100_000) this.sculptLog.push(workerMs);
      const patch: TerrainPatch = { rev: this.terrainRev, ...d, heights, workerMs };
      return Comlink.transfer(patch, [heights.buffer]);
    });
  }

  setTimeline(events: PushEvent[]): Promise<TerrainData> {
    return this.reset({ ...this.opts, perturbations: events });
  }

  terrain(): Promise<TerrainData> {
    return this.edit(() => this.terrainData(), false);
  }

  async stats(): Promise<QuadStatsReport> {
    return { ticks: this.tick, tickMs: [...this.tickLog], sculptMs: [...this.sculptLog] };
  }

  /** The run options as edited live (what a reset with them would start). */
  get options(): QuadRunOptions {
    return this.opts;
  }

  /** The world hash now (Node tests). */
  worldHash(): string {
    return this.sim?.hash() ?? '';
  }

  /** One control tick: a new episode after a fault, the controller's action, 10 physics steps. */
  controlTick(): Promise<void> {
    const t = this.doTick();
    this.inflight = t.catch(() => undefined);
    return t;
  }

  private async doTick(): Promise<void> {
    const sim = this.sim;
    if (!sim) throw bad('controlTick before reset');
    const t0 = performance.now();
    if (sim.fault || this.atEdge) {
      this.atEdge = false;
      sim.reset();
      this.episode++;
      this.nextPush = 0;
      await this.policy?.reset();
    }
    let action: ArrayLike<number> | 'expert' = 'expert';
    if (this.policy) {
      sim.observe(this.obs);
      const out = await this.policy.step(this.obs.slice());
      action = out.action;
      this.hidden = out.hidden;
      this.policyId = out.policyId;
    }
    // The scripted pushes QuadSim applies this tick (same rule: first tick with time ≥ t).
    const time = sim.tick * QUAD_CONTROL_DT;
    while (this.nextPush < this.timeline.length && this.timeline[this.nextPush]!.t <= time + 1e-9) {
      this.lastPush = { tick: this.tick, impulse: [...this.timeline[this.nextPush++]!.impulse] };
    }
    const r = sim.controlStep(action);
    this.tickMs = performance.now() - t0;
    if (this.tickLog.length < 100_000) this.tickLog.push(this.tickMs);
    this.tick++;
    this.writeCpgState();
    if (r.fault) {
      this.faults++;
      this.fault = {
        reason: r.fault.reason,
        label: faultLabel(r.fault, sim.world),
        message: r.fault.message,
        tick: this.tick,
      };
    } else if (nearEdge(sim)) {
      // Walking off the grid is no fall: end the episode just before it and start again.
      this.atEdge = true;
      this.fault = {
        reason: 'edge',
        label: 'Reached the edge of the terrain',
        message: `[quad] edge: trunk within ${EDGE_MARGIN} m of the terrain's edge at tick ${this.tick}`,
        tick: this.tick,
      };
    }
    const gait = GAIT_NAMES.indexOf(sim.ctrl.cpg.gait);
    this.batcher?.push(this.tick, 'hold', this.episode, gait, this.policyId, this.hidden);
    this.logHidden();
    if (this.tick === QUAD_HASH_TICK) this.hash = { tick: QUAD_HASH_TICK, value: sim.hash() };
  }

  /** Appends this tick's hidden vector to the ones the next snapshot carries. */
  private logHidden(): void {
    const h = this.hidden;
    if (this.hiddenTicks.length !== HIDDEN_TICKS_MAX * h.length) {
      this.hiddenTicks = new Float32Array(HIDDEN_TICKS_MAX * h.length);
      this.hiddenCount = 0;
    }
    if (this.hiddenCount === HIDDEN_TICKS_MAX) {
      this.hiddenTicks.copyWithin(0, h.length);
      this.hiddenCount--;
    }
    this.hiddenTicks.set(h, this.hiddenCount++ * h.length);
  }

  /**
   * The CPG's eigenvalues from the oscillators' current state, whoever drives them (a learned
   * quad policy acts through the CPG: its card says `cpg.eigenvalues: "sim"`), and under the
   * expert the oscillators' points as the hidden vector (a policy brings its own).
   */
  private writeCpgState(): void {
    const sim = this.sim;
    if (!sim) return;
    writeCpgEig(sim.eigenvalues(this.eigScratch), this.eig);
    if (this.policy) return;
    if (this.hidden.length !== CPG_HIDDEN_DIM) this.hidden = new Float32Array(CPG_HIDDEN_DIM);
    writeCpgHidden(sim.ctrl.cpg, this.hidden);
  }

  /** Whether a foot centre sits less than its radius above the surface (after a raise). */
  private buried(sim: QuadSim): boolean {
    for (let leg = 0; leg < 4; leg++) {
      sim.world.footPosition(leg, foot);
      if (foot.y < sim.terrain.heightAt(foot.x, foot.z) + A1.footRadius - 0.002) return true;
    }
    return false;
  }

  /**
   * Runs a live edit between control ticks (never while a tick waits on its controller, never
   * during a reset), then publishes (unless it only reads), so a paused view shows it too.
   */
  private async edit<T>(fn: (sim: QuadSim) => T, publish = true): Promise<T> {
    await this.resetting;
    await this.inflight;
    const sim = this.sim;
    if (!sim) throw bad('the quadruped is not running yet; reset first');
    const out = fn(sim);
    if (publish) this.publish();
    return out;
  }

  private terrainData(): TerrainData {
    const g = this.sim!.terrain;
    const heights = g.heights.slice();
    const data: TerrainData = {
      rev: this.terrainRev,
      spec: { ...this.opts.terrain },
      nx: g.nx,
      nz: g.nz,
      x0: g.x0,
      z0: g.z0,
      sizeX: g.sizeX,
      sizeZ: g.sizeZ,
      heights,
    };
    return Comlink.transfer(data, [heights.buffer]);
  }

  private schedule(delay: number): void {
    const gen = this.generation;
    this.loopHandle = setTimeout(() => void this.loop(gen), delay);
  }

  private async loop(gen: number): Promise<void> {
    if (!this.running || !this.sim || gen !== this.generation) return;
    const start = performance.now();
    let due = this.clock.due(start, this.opts.speed ?? 1);
    // A fallen robot stays on screen a moment; the sim does not run meanwhile.
    if (start < this.holdUntil) {
      due = 0;
      this.clock.restart(start);
    }
    try {
      let n = 0;
      for (; n < due; n++) {
        await this.controlTick();
        if (gen !== this.generation) return;
        this.clock.consume();
        if (this.sim.fault || this.atEdge) {
          this.holdUntil = performance.now() + FAULT_HOLD_MS;
          n++;
          break;
        }
      }
      this.clock.settle();
      if (n > 0) this.publish();
    } catch (e) {
      if (gen !== this.generation) return;
      this.running = false;
      logError('sim', 'quadruped control tick failed; the sim is paused. Reset to continue.', e);
      this.publish();
      return;
    }
    this.schedule(Math.max(0, FRAME_MS - (performance.now() - start)));
  }

  private publish(): void {
    const sim = this.sim;
    if (!sim || !this.listener) return;
    const poses = new Float32Array(QUAD_POSE_FLOATS);
    sim.writePoses(poses);
    const cpg = new Float32Array(8);
    const c = sim.ctrl.cpg;
    for (let i = 0; i < 4; i++) {
      cpg[i] = c.r[i]!;
      cpg[4 + i] = c.theta[i]!;
    }
    const hidden = this.hidden.slice();
    const hiddenTicks = this.hiddenTicks.slice(0, this.hiddenCount * hidden.length);
    this.hiddenCount = 0;
    const eig = this.eig.slice();
    const t = sim.world.trunk.translation();
    const v = sim.world.trunk.linvel();
    const st = sim.stats();
    const snap: QuadSnapshot = {
      tick: this.tick,
      time: this.tick * QUAD_CONTROL_DT,
      episodeTime: st.time,
      episode: this.episode,
      poses,
      trunk: [t.x, t.y, t.z],
      trunkVel: [v.x, v.y, v.z],
      command: { ...sim.command },
      gait: c.gait,
      cpg,
      hidden,
      hiddenTicks,
      eig,
      policyId: this.policyId,
      distance: st.distanceX,
      meanSpeed: st.meanSpeedX,
      faults: this.faults,
      fault: this.fault,
      terrainRev: this.terrainRev,
      push: this.lastPush,
      hash: this.hash,
      tickMs: this.tickMs,
      running: this.running,
    };
    const transfer = [poses.buffer, cpg.buffer, hidden.buffer, hiddenTicks.buffer, eig.buffer];
    this.listener(Comlink.transfer(snap, transfer as ArrayBuffer[]));
    debug?.('quad tick', this.tick);
  }
}

/** Whether the trunk is within EDGE_MARGIN of the grid's edge. */
function nearEdge(sim: QuadSim): boolean {
  const t = sim.world.trunk.translation();
  const g = sim.terrain;
  const m = EDGE_MARGIN;
  return t.x < g.x0 + m || t.x > g.x0 + g.sizeX - m || t.z < g.z0 + m || t.z > g.z0 + g.sizeZ - m;
}
