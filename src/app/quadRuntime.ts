import * as Comlink from 'comlink';
import type { AnalysisWorkerApi } from '../../workers/contracts';
import type {
  QuadSnapshot,
  QuadWorkerApi,
  TerrainData,
  TerrainPatch,
} from '../../workers/quadContracts';
import type { QuadCommand } from '../control/cpg/cpgExpert';
import type { GaitName } from '../control/cpg/gaits';
import type { QuadRunOptions } from '../sim/quadruped/quadRun';
import type { PushEvent } from '../sim/quadruped/quadSim';
import type { TerrainSpec } from '../sim/quadruped/terrain';
import { SnapshotBuffer } from '../state/snapshotBuffer';
import { TerrainModel } from '../state/terrainModel';
import { setQuad, setQuadRun, uiStore } from '../state/uiStore';
import { clearQuadParams, writeQuadParams } from './quadUrl';

/** Runs an action, showing its error in the UI instead of losing it (Runtime.guard). */
export type Guard = (what: string, fn: () => Promise<void>) => Promise<void>;

/** What one brush dab cost, ms: in the worker (heights + collider) and here (mesh patch). */
export interface SculptCost {
  workerMs: number;
  mainMs: number;
  samples: number;
}

/**
 * The quadruped's side of the composition root: its worker (started on first use, kept alive
 * and paused while the arm is shown, so switching back is instant), its snapshot stream and the
 * main thread's copy of the terrain. Every action goes through the app's guard, so a refused
 * value is shown and the robot keeps running.
 */
export class QuadRuntime {
  readonly snapshots = new SnapshotBuffer<QuadSnapshot>();
  readonly terrain = new TerrainModel();
  readonly worker: Worker;
  readonly api: Comlink.Remote<QuadWorkerApi>;
  /** Brush dabs measured (for the benchmark and the browser test). */
  readonly sculptCosts: SculptCost[] = [];
  /** Whole-terrain updates here (copy, normals, colours), ms: what a sculpt would cost without patches. */
  readonly fullTerrainMs: number[] = [];
  private booted: Promise<void> | undefined;
  private active = false;
  /** Calls that replace the whole terrain in flight; snapshots of a newer revision wait for them. */
  private terrainCalls = 0;
  private sculpting = false;
  private pendingDab: { x: number; z: number; amount: number } | undefined;
  private resyncing = false;

  constructor(private readonly guard: Guard) {
    this.worker = new Worker(new URL('../../workers/quad.worker.ts', import.meta.url), {
      type: 'module',
      name: `quad${window.location.search}`,
    });
    this.api = Comlink.wrap<QuadWorkerApi>(this.worker);
  }

  /** Loads physics and starts the run in the store, once. */
  boot(): Promise<void> {
    this.booted ??= (async () => {
      setQuad({ status: 'booting' });
      await this.api.prepare();
      await this.api.subscribe(Comlink.proxy((s) => this.receive(s)));
      await this.api.setRunning(false);
      await this.terrainCall(() => this.api.reset(uiStore.getState().quad.run));
      setQuad({ status: 'ready' });
    })();
    return this.booted;
  }

  /**
   * Puts the quadruped on stage: boots it if needed, takes over the analysis worker's tick feed
   * (a new MessageChannel; the arm's port goes quiet) and resumes the run if the user had it
   * running.
   */
  async activate(analysis: Comlink.Remote<AnalysisWorkerApi>): Promise<void> {
    await this.boot();
    const { port1, port2 } = new MessageChannel();
    await analysis.connect(Comlink.transfer(port2, [port2]));
    await this.api.connectAnalysis(Comlink.transfer(port1, [port1]));
    this.active = true;
    await this.api.setRunning(uiStore.getState().quad.running);
  }

  /** Takes it off stage: paused, the user's run/pause choice kept for next time. */
  async deactivate(): Promise<void> {
    this.active = false;
    if (this.booted) await this.api.setRunning(false);
  }

  private receive(s: QuadSnapshot): void {
    this.snapshots.push(s);
    // The worker pauses itself after a failed tick: show it.
    if (this.active && !s.running && uiStore.getState().quad.running) setQuad({ running: false });
    // A terrain change this copy has not seen (and no call of ours will bring): fetch it.
    if (s.terrainRev > this.terrain.rev && this.terrainCalls === 0 && !this.sculpting)
      void this.resync();
  }

  private async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      this.terrain.setFull(await this.api.terrain());
    } finally {
      this.resyncing = false;
    }
  }

  /** A worker call that answers with a whole new terrain. */
  private async terrainCall(fn: () => Promise<TerrainData>): Promise<void> {
    this.terrainCalls++;
    try {
      const data = await fn();
      const t0 = performance.now();
      this.terrain.setFull(data);
      this.fullTerrainMs.push(performance.now() - t0);
    } finally {
      this.terrainCalls--;
    }
  }

  setRunning(running: boolean): Promise<void> {
    return this.guard(running ? 'running the quadruped' : 'pausing the quadruped', async () => {
      setQuad({ running });
      await this.api.setRunning(running);
    });
  }

  /** Restarts from the run options in the store (the scenario) and writes them into the URL. */
  reset(): Promise<void> {
    return this.guard('resetting the quadruped', () => this.restart());
  }

  /**
   * Starts `run` (a scenario's; its options become the store's), or the store's, from its
   * beginning; throws what the worker refuses (callers guard).
   */
  async restart(run?: QuadRunOptions): Promise<void> {
    if (run) setQuadRun(run);
    await this.terrainCall(() => this.api.reset(uiStore.getState().quad.run));
    this.writeUrl();
  }

  /** The store first, so quick key repeats build on each other; the worker checks the value. */
  setCommand(cmd: QuadCommand): Promise<void> {
    setQuadRun({ command: { ...cmd } });
    return this.guard('changing the command', () => this.api.setCommand(cmd));
  }

  setGait(gait: GaitName): Promise<void> {
    return this.guard(`switching to ${gait}`, async () => {
      await this.api.setGait(gait);
      setQuadRun({ gait });
    });
  }

  setFriction(mu: number): Promise<void> {
    return this.guard('setting friction', async () => {
      await this.api.setFriction(mu);
      setQuadRun({ friction: mu });
    });
  }

  setPayload(kg: number): Promise<void> {
    return this.guard('setting the payload', async () => {
      await this.api.setPayload(kg);
      setQuadRun({ payload: kg });
    });
  }

  /** New terrain under the running robot; the spec becomes the scenario's. */
  regenerate(spec: TerrainSpec): Promise<void> {
    return this.guard('regenerating the terrain', async () => {
      await this.terrainCall(() => this.api.regenerate(spec));
      setQuadRun({ terrain: { ...spec } });
    });
  }

  /** Restarts the run with a new push timeline (it belongs to the scenario). */
  setTimeline(events: PushEvent[]): Promise<void> {
    return this.guard('setting the push timeline', async () => {
      await this.terrainCall(() => this.api.setTimeline(events));
      setQuadRun({ perturbations: events.map((e) => ({ ...e, impulse: [...e.impulse] })) });
      this.writeUrl();
    });
  }

  push(impulse: [number, number, number]): Promise<void> {
    return this.guard('pushing the robot', () => this.api.push(impulse));
  }

  /**
   * One brush dab at world (x, z): up by the brush step, or down. While a dab is in flight the
   * next ones merge into one (their heights add up, at the latest position), so a fast drag never
   * queues work in the worker.
   */
  sculptAt(x: number, z: number, lower: boolean): void {
    const { step } = uiStore.getState().quad.brush;
    const amount = lower ? -step : step;
    if (this.sculpting) {
      const sum = (this.pendingDab?.amount ?? 0) + amount;
      this.pendingDab = { x, z, amount: Math.max(-0.5, Math.min(0.5, sum)) };
      return;
    }
    void this.dab(x, z, amount);
  }

  private async dab(x: number, z: number, amount: number): Promise<void> {
    this.sculpting = true;
    await this.guard('sculpting', async () => {
      const patch: TerrainPatch | null = await this.api.sculpt(
        x,
        z,
        uiStore.getState().quad.brush.radius,
        amount,
      );
      if (!patch) return;
      const t0 = performance.now();
      const ok = this.terrain.applyPatch(patch);
      const mainMs = performance.now() - t0;
      const rows = patch.iz1 - patch.iz0 + 1;
      const cols = patch.ix1 - patch.ix0 + 1;
      if (this.sculptCosts.length < 10_000)
        this.sculptCosts.push({ workerMs: patch.workerMs, mainMs, samples: rows * cols });
      if (!ok) this.terrain.setFull(await this.api.terrain());
    });
    this.sculpting = false;
    const next = this.pendingDab;
    this.pendingDab = undefined;
    if (next) void this.dab(next.x, next.z, next.amount);
  }

  /** The quadruped's scenario into the address bar (robot, seed, terrain, command, pushes…). */
  writeUrl(): void {
    const url = new URL(window.location.href);
    writeQuadParams(url, uiStore.getState().quad.run);
    window.history.replaceState(null, '', url);
  }

  /** The arm's link: the quadruped's parameters removed. */
  static clearUrl(): void {
    const url = new URL(window.location.href);
    clearQuadParams(url);
    window.history.replaceState(null, '', url);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
