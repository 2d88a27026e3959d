import * as Comlink from 'comlink';
import type {
  AnalysisWorkerApi,
  EpPreference,
  PolicyWorkerApi,
  SimOptions,
  SimWorkerApi,
} from '../../workers/contracts';
import { installErrorTransfer } from '../../workers/errorTransfer';
import { logError } from '../lib/log';
import { SnapshotBuffer } from '../state/snapshotBuffer';
import { DynamicsFeed } from '../state/dynamicsFeed';
import { kickDirection, type KickSource } from '../policy/eigenDirection';
import type { EigenPoint } from '../panel/eigenPlotView';
import { uiStore } from '../state/uiStore';
import { SHIPPED_CONTROLLERS } from './controllers';
import { LabBridge, type PlaygroundState } from '../lab/labLink';
import { eigenKind } from '../panel/eigenPlotView';
import { ClipStudio } from '../record/clipStudio';
import { saveBlob } from '../record/stills';
import { cameraToParam, quadRunOf, type AnyScenario, type Robot } from '../record/scenario';
import { QuadRuntime } from './quadRuntime';
import { clearQuadParams } from './quadUrl';

/** A click on an eigenvalue adds this times max(‖state‖, 1) along its mode. */
export const KICK_SIZE = 0.5;

/**
 * The composition root of the main thread: starts both workers, connects them by a
 * MessageChannel, loads the default policy and streams snapshots into `snapshots`.
 * Owns the workers; `dispose()` terminates them.
 */
export class Runtime {
  readonly snapshots = new SnapshotBuffer();
  /** Live jPCA and DMD fits of the hidden state, from the analysis worker. */
  readonly dynamics = new DynamicsFeed();
  readonly simWorker: Worker;
  readonly policyWorker: Worker;
  readonly analysisWorker: Worker;
  readonly sim: Comlink.Remote<SimWorkerApi>;
  readonly policy: Comlink.Remote<PolicyWorkerApi>;
  readonly analysis: Comlink.Remote<AnalysisWorkerApi>;
  private readonly t0 = performance.now();
  /** Answers Eigenvalue Lab tabs (src/lab/labLink.ts); created once the run is ready. */
  private lab: LabBridge | undefined;
  /** Recording, export, stills and scenarios (the record panel's engine). */
  readonly studio = new ClipStudio(this);
  /** The quadruped's worker and streams, created the first time it is shown. */
  private quadSide: QuadRuntime | undefined;
  /** Whether the arm was running when the quadruped took the stage (restored on return). */
  private armWasRunning = true;

  constructor() {
    installErrorTransfer();
    this.simWorker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), {
      type: 'module',
      name: `sim${window.location.search}`,
    });
    this.policyWorker = new Worker(new URL('../../workers/policy.worker.ts', import.meta.url), {
      type: 'module',
      name: `policy${window.location.search}`,
    });
    this.analysisWorker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: `analysis${window.location.search}`,
    });
    this.sim = Comlink.wrap<SimWorkerApi>(this.simWorker);
    this.analysis = Comlink.wrap<AnalysisWorkerApi>(this.analysisWorker);
    this.policy = Comlink.wrap<PolicyWorkerApi>(this.policyWorker);
  }

  async start(): Promise<void> {
    const s = uiStore.getState();
    // A link to the quadruped shows it at once; the arm boots behind it, paused.
    if (s.robot === 'quadruped') {
      await this.sim.setRunning(false);
      void this.guard('starting the quadruped', () => this.quad.activate(this.analysis));
    }
    // Physics loads in its worker while the policy loads in the other.
    const simReady = this.sim.prepare().then(() => performance.now() - this.t0);
    const loaded = await this.policy.loadShipped(
      s.controller,
      import.meta.env.BASE_URL,
      s.epPreference,
    );
    const policyMs = performance.now() - this.t0;
    uiStore.setState({ card: loaded.card, ep: loaded.ep, knobs: {} });
    const physicsMs = await simReady;
    await this.policy.onEpReport(Comlink.proxy((ep) => uiStore.setState({ ep })));
    const { port1, port2 } = new MessageChannel();
    await this.policy.connect(Comlink.transfer(port2, [port2]));
    await this.sim.subscribe(
      Comlink.proxy((snap) => {
        this.snapshots.push(snap);
        if (uiStore.getState().firstMoveMs === undefined && snap.tick > 0)
          uiStore.setState({ firstMoveMs: performance.now() - this.t0 });
        if (snap.running !== uiStore.getState().running)
          uiStore.setState({ running: snap.running });
      }),
    );
    // Every tick's hidden state goes from the sim worker straight to the analysis worker; fits
    // come back here about once a second.
    await this.analysis.subscribe(Comlink.proxy((fit) => this.dynamics.push(fit)));
    if (uiStore.getState().robot === 'arm') await this.feedAnalysisFromArm();
    await this.sim.init(Comlink.transfer(port1, [port1]), this.simOptions());
    uiStore.setState({
      status: 'ready',
      startup: { policyMs, physicsMs, readyMs: performance.now() - this.t0 },
    });
    this.lab = new LabBridge(
      () => this.labState(),
      async (knobs) => {
        for (const [name, value] of Object.entries(knobs)) await this.setKnob(name, value);
      },
      () => this.restoreKnobs(),
    );
    uiStore.subscribe((now, before) => {
      if (now.card !== before.card || now.knobs !== before.knobs) this.lab?.publish();
    });
    // The other controllers load in the background, so every switch is immediate.
    void this.policy.preload(
      SHIPPED_CONTROLLERS.map((c) => c.id).filter((id) => id !== s.controller),
      import.meta.env.BASE_URL,
    );
  }

  /** The quadruped's side (its worker starts on first use). */
  get quad(): QuadRuntime {
    this.quadSide ??= new QuadRuntime((what, fn) => this.guard(what, fn));
    return this.quadSide;
  }

  /** The analysis worker's tick feed from the arm's sim worker (a new channel each time). */
  private async feedAnalysisFromArm(): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    await this.analysis.connect(Comlink.transfer(port2, [port2]));
    await this.sim.connectAnalysis(Comlink.transfer(port1, [port1]));
  }

  /**
   * Puts the other robot on stage without a reload. The one leaving is paused (the arm resumes
   * where it was if it was running); the analysis worker follows the robot on stage, so its DMD
   * fits are of that robot's controller.
   */
  setRobot(robot: Robot): Promise<void> {
    return this.guard(`switching to the ${robot}`, () => this.switchRobot(robot));
  }

  private async switchRobot(robot: Robot): Promise<void> {
    const s = uiStore.getState();
    if (s.robot === robot) return;
    this.notExporting('switching robots');
    if (robot === 'quadruped') {
      this.armWasRunning = s.running;
      await this.sim.setRunning(false);
      uiStore.setState({ robot, running: false });
      this.quad.writeUrl();
      await this.quad.activate(this.analysis);
    } else {
      await this.quadSide?.deactivate();
      uiStore.setState({ robot });
      await this.feedAnalysisFromArm();
      await this.sim.setRunning(this.armWasRunning);
      uiStore.setState({ running: this.armWasRunning });
      this.writeUrl();
    }
  }

  /** What an Eigenvalue Lab tab sees: the running controller, its knobs and current eigenvalues. */
  labState(): PlaygroundState | undefined {
    const { card, knobs } = uiStore.getState();
    const kind = eigenKind(card);
    // The lab explains a recurrence's eigenvalues; a quadruped card's are the CPG's.
    if (!card || kind === 'cpg') return undefined;
    const snap = this.snapshots.latest;
    const eig = snap && snap.policyId === card.id && snap.eig ? Array.from(snap.eig) : [];
    return {
      kind: 'state',
      policyId: card.id,
      policyName: card.name,
      eigKind: kind,
      controlHz: card.control_hz,
      knobSpecs: card.knobs.map((k) => ({
        name: k.name,
        default: k.default,
        min: k.min,
        max: k.max,
      })),
      knobs: Object.fromEntries(card.knobs.map((k) => [k.name, knobs[k.name] ?? k.default])),
      eig,
      trainedEig: card.eigenvalues.flat(),
    };
  }

  simOptions(): SimOptions {
    const s = uiStore.getState();
    return { seed: s.seed, mode: s.mode };
  }

  /** Runs an action, showing its error in the UI instead of losing it; the sim keeps running. */
  async guard(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      uiStore.setState({ error: undefined });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      logError('app', `${what} failed`, e);
      uiStore.setState({ error: { code: err.code, message: err.message ?? String(e) } });
    }
  }

  /** Refuses run changes while an export steps the sim frame by frame. */
  private notExporting(what: string): void {
    if (uiStore.getState().recording.kind === 'export')
      throw new Error(
        `[record] ${what} is not possible while a clip exports; cancel the export first`,
      );
  }

  /** Restarts the run with the current seed and mode, and puts both in the URL so a link replays it. */
  reset(): Promise<void> {
    return this.guard('reset', async () => {
      this.notExporting('reset');
      await this.sim.reset(this.simOptions());
      this.writeUrl();
    });
  }

  /**
   * The scenario (seed, mode, shipped controller, camera path) into the address bar, so a copied
   * link replays the run.
   */
  writeUrl(): void {
    const { seed, mode, controller, camera } = uiStore.getState();
    const url = new URL(window.location.href);
    clearQuadParams(url);
    url.searchParams.set('seed', String(seed));
    url.searchParams.set('mode', mode);
    if (camera.length) url.searchParams.set('cam', cameraToParam(camera));
    else url.searchParams.delete('cam');
    if (controller === 'custom') url.searchParams.delete('controller');
    else url.searchParams.set('controller', controller);
    window.history.replaceState(null, '', url);
  }

  /**
   * Replays a scenario from its start: its robot (switched to if the other is on stage), its
   * controller (loaded if another is running), seed, mode or terrain and timeline, and camera
   * path; the URL becomes the scenario's link.
   */
  async applyScenario(s: AnyScenario): Promise<void> {
    this.notExporting('loading a scenario');
    if (s.robot === 'quadruped') {
      await this.switchRobot('quadruped');
      uiStore.setState({ camera: s.camera });
      await this.quad.restart(quadRunOf(s));
      return;
    }
    await this.switchRobot('arm');
    if (s.controller !== uiStore.getState().controller) {
      const loaded = await this.policy.loadShipped(
        s.controller,
        import.meta.env.BASE_URL,
        uiStore.getState().epPreference,
      );
      uiStore.setState({ card: loaded.card, ep: loaded.ep, controller: s.controller, knobs: {} });
    } else if (Object.keys(uiStore.getState().knobs).length > 0) {
      // A scenario runs the trained recurrence: surgery does not carry into a replay.
      await this.policy.restoreTrained();
      uiStore.setState({ knobs: {} });
    }
    uiStore.setState({ seed: s.seed, mode: s.mode, camera: s.camera });
    await this.sim.reset(this.simOptions());
    this.writeUrl();
  }

  /**
   * Switches to a shipped controller while the arm runs: no reset, no reload. The policy worker
   * swaps it in at the next control tick, warm-started on the last second of observations; the
   * trained eigenvalues (neutral knobs) come back with it.
   */
  selectController(id: string): Promise<void> {
    return this.guard(`switching to ${id}`, async () => {
      this.notExporting('switching controller');
      uiStore.setState({ switching: id });
      try {
        const loaded = await this.policy.loadShipped(
          id,
          import.meta.env.BASE_URL,
          uiStore.getState().epPreference,
        );
        uiStore.setState({ card: loaded.card, ep: loaded.ep, controller: id, knobs: {} });
        this.writeUrl();
      } finally {
        uiStore.setState({ switching: undefined });
      }
    });
  }

  /** Eigenvalue surgery: sets a knob input of the running model (it acts on the recurrence). */
  setKnob(name: string, value: number): Promise<void> {
    return this.guard(`setting ${name}`, async () => {
      await this.policy.setKnob(name, value);
      // Reaches under other eigenvalues must not be averaged into the new dynamics' fits.
      await this.analysis.clear();
      uiStore.setState((s) => ({ knobs: { ...s.knobs, [name]: value } }));
    });
  }

  /**
   * Every knob back to the card's default (the trained recurrence), with the state rebuilt from
   * the last second of observations so an unstable setting's blow-up does not linger.
   */
  restoreKnobs(): Promise<void> {
    return this.guard('restoring the trained eigenvalues', async () => {
      await this.policy.restoreTrained();
      await this.analysis.clear();
      uiStore.setState({ knobs: {} });
    });
  }

  setRunning(running: boolean): Promise<void> {
    return this.guard('pause', async () => {
      this.notExporting('pause or run');
      await this.sim.setRunning(running);
      uiStore.setState({ running });
    });
  }

  /** Reloads the running policy (shipped or the user's) on another EP preference, then restarts the run. */
  setEp(pref: EpPreference): Promise<void> {
    return this.guard('switching execution provider', async () => {
      this.notExporting('switching the execution provider');
      uiStore.setState({ epPreference: pref });
      const loaded = await this.policy.setEp(pref);
      uiStore.setState({ card: loaded.card, ep: loaded.ep, knobs: {} });
      await this.sim.reset(this.simOptions());
    });
  }

  /** Loads a user's model.onnx + card.json; on failure the previous policy keeps running. */
  loadUserPolicy(model: Uint8Array, cardJson: string): Promise<void> {
    return this.guard('loading your policy', async () => {
      this.notExporting('loading a policy');
      const loaded = await this.policy.loadBytes(
        Comlink.transfer(model, [model.buffer as ArrayBuffer]),
        cardJson,
        uiStore.getState().epPreference,
      );
      uiStore.setState({ card: loaded.card, ep: loaded.ep, controller: 'custom', knobs: {} });
      this.writeUrl();
      await this.sim.reset(this.simOptions());
    });
  }

  /**
   * Clicking an eigenvalue: kicks the running recurrence along that eigenvalue's mode (its real
   * plane in state space) at the next tick. Where there is no such direction (the Transformer, a
   * DMD mode of a model whose hidden output is not its state), says why; nothing else changes.
   */
  kickEigen(p: EigenPoint, eigCount: number): Promise<void> {
    return this.guard('kicking the hidden state', async () => {
      const { card } = uiStore.getState();
      if (!card) return;
      let src: KickSource;
      if (p.set === 'model') src = { kind: 'model', index: p.index, count: eigCount };
      else {
        const dmd = this.dynamics.latest?.dmd;
        const H = this.dynamics.latest?.hiddenDim ?? 0;
        if (!dmd || this.dynamics.latest?.policyId !== card.id)
          throw new Error('[panel] no DMD fit of this controller yet; wait a second and retry');
        src = { kind: 'dmd', modeRe: dmd.modesRe.subarray(p.index * H, (p.index + 1) * H) };
      }
      const dir = kickDirection(card, src);
      if (!dir.ok) throw new Error(`[panel] nothing to kick: ${dir.reason}`);
      const r = await this.policy.kick(
        Comlink.transfer(dir.direction, [dir.direction.buffer]),
        KICK_SIZE,
      );
      uiStore.setState({
        kick: {
          label: dir.label,
          amplitude: r.amplitude,
          step: r.step,
          point: p,
          policyId: r.policyId,
        },
      });
    });
  }

  /**
   * Downloads what is behind the dynamics plots: hidden trajectories with times and conditions,
   * fitted matrices and eigenvalues (one JSON file, or several CSV files).
   */
  exportDynamics(format: 'json' | 'csv'): Promise<void> {
    return this.guard(`exporting the fits as ${format}`, async () => {
      const files = await this.analysis.exportData(format);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      // eigenplay-<controller>-dynamics-<UTC stamp>.json, …-trajectories-<stamp>.csv, …
      for (const f of files)
        saveBlob(
          new Blob([f.text], { type: f.mime }),
          `eigenplay-${f.name.replace(/\.(\w+)$/, `-${stamp}.$1`)}`,
        );
    });
  }

  /** Refits the live jPCA plane now (aligned to the current one, so the picture does not jump). */
  refitDynamics(): Promise<void> {
    return this.guard('refitting jPCA', async () => {
      this.dynamics.push(await this.analysis.refit());
    });
  }

  dispose(): void {
    this.quadSide?.dispose();
    this.studio.dispose();
    this.lab?.close();
    this.simWorker.terminate();
    this.policyWorker.terminate();
    this.analysisWorker.terminate();
  }
}
