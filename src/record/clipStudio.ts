import type { Runtime } from '../app/runtime';
import { SHIPPED_CONTROLLERS } from '../app/controllers';
import { panelPlots } from '../panel/plotRegistry';
import { currentCameraPose, SceneCapture, sceneCanvas } from '../scene/sceneCapture';
import { uiStore, type RecordedClip } from '../state/uiStore';
import { clipFileName, checkClipSpec, CLIP_SIZES } from './clipSpec';
import type { FinishedClip } from './clipWriter';
import { drawFrame } from './compositor';
import { frameLayout } from './frameLayout';
import { exportClip, type ExportHost, type ExportProgress } from './exportClip';
import { RealtimeRecorder } from './realtimeRecorder';
import { CPG_EXPERT_ID } from '../control/cpg/cpgExpertCard';
import { cameraAt, checkCamera, parseScenario, scenarioJson, type Scenario } from './scenario';
import { canvasToPng, plotToPng, plotToSvg, saveBlob } from './stills';

const PHASE = { hold: 'hold', delay: 'delay', move: 'GO' } as const;
/** Store updates from a running recorder, per second (never per frame). */
const STATUS_HZ = 4;

/**
 * The record panel's engine: real-time recording, deterministic export, stills and scenarios,
 * over the running app. Owns no workers; drives the sim worker through the runtime.
 */
export class ClipStudio {
  private realtime: RealtimeRecorder | undefined;
  private statusTimer = 0;
  private exportAbort: AbortController | undefined;

  constructor(private readonly runtime: Runtime) {}

  /** The lines under the plots in a clip frame. */
  readouts(): string[] {
    const { card, seed } = uiStore.getState();
    const s = this.runtime.snapshots.latest;
    const lines = [card?.name ?? 'no controller'];
    if (s) {
      lines.push(`sim ${s.time.toFixed(2)} s · ${PHASE[s.phase]} · trial ${s.trialIndex + 1}`);
      lines.push(`successes ${s.successes}/${s.trials} · seed ${seed}`);
      if (s.hash) lines.push(`world hash ${s.hash.value} @ tick ${s.hash.tick}`);
    }
    return lines;
  }

  private frame(canvas: HTMLCanvasElement, scene: HTMLCanvasElement, t: number): void {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('[record] no 2D canvas context for the clip frame');
    const { title, showTime } = uiStore.getState().clip;
    drawFrame(ctx, canvas.width, canvas.height, {
      scene,
      plots: panelPlots.list(),
      readouts: this.readouts(),
      title,
      time: showTime ? t : undefined,
    });
  }

  // ---- real-time ----

  /** Starts recording what is on screen. `forceMediaRecorder` takes the fallback path. */
  startRealtime(forceMediaRecorder = false): Promise<void> {
    return this.runtime.guard('starting the recording', async () => {
      if (uiStore.getState().recording.kind !== 'idle')
        throw new Error('[record] a recording or export is already running');
      const spec = checkClipSpec(uiStore.getState().clip);
      const [w, h] = CLIP_SIZES[spec.size];
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const compose = (t: number) => {
        const scene = sceneCanvas();
        if (scene) this.frame(canvas, scene, t);
      };
      this.realtime = await RealtimeRecorder.start(
        canvas,
        compose,
        spec.container,
        spec.fps,
        forceMediaRecorder,
      );
      const publish = () => {
        const r = this.realtime;
        if (!r) return;
        uiStore.setState({ recording: { kind: 'realtime', ...r.status } });
      };
      publish();
      this.statusTimer = window.setInterval(publish, 1000 / STATUS_HZ);
    });
  }

  /** Stops the real-time recording and saves the file. */
  stopRealtime(): Promise<void> {
    return this.runtime.guard('finishing the recording', async () => {
      const r = this.realtime;
      if (!r) return;
      window.clearInterval(this.statusTimer);
      this.realtime = undefined;
      uiStore.setState({ recording: { kind: 'saving' } });
      try {
        const clip = await r.stop();
        this.save(clip, 'realtime', r.status.dropped);
      } finally {
        if (uiStore.getState().recording.kind === 'saving')
          uiStore.setState({ recording: { kind: 'idle' } });
      }
    });
  }

  // ---- export ----

  /**
   * Renders the scenario from its start for the clip's duration, frame by frame, and saves the
   * file; the live run resumes afterwards. Cancel with `cancelExport`.
   */
  export(): Promise<void> {
    return this.runtime.guard('exporting the clip', async () => {
      if (uiStore.getState().recording.kind !== 'idle')
        throw new Error('[record] a recording or export is already running');
      const spec = checkClipSpec(uiStore.getState().clip);
      const abort = new AbortController();
      this.exportAbort = abort;
      let lastStatus = 0;
      try {
        const clip = await exportClip(
          this.exportHost(),
          spec,
          (p) => {
            const now = performance.now();
            if (now - lastStatus < 1000 / STATUS_HZ && p.frame < p.frames) return;
            lastStatus = now;
            uiStore.setState({ recording: { kind: 'export', ...p } });
          },
          abort.signal,
        );
        const rec = uiStore.getState().recording;
        this.save(clip, 'export', 0, rec.kind === 'export' ? rec : undefined);
      } catch (e) {
        if ((e as { code?: string }).code === 'CANCELED') {
          uiStore.setState({ recording: { kind: 'idle' } });
          return;
        }
        throw e;
      } finally {
        this.exportAbort = undefined;
        if (uiStore.getState().recording.kind === 'export')
          uiStore.setState({ recording: { kind: 'idle' } });
      }
    });
  }

  cancelExport(): void {
    this.exportAbort?.abort();
  }

  private exportHost(): ExportHost {
    const rt = this.runtime;
    let capture: SceneCapture | undefined;
    const keys = uiStore.getState().camera;
    let wasRunning = true;
    return {
      begin: async (width, height) => {
        wasRunning = uiStore.getState().running;
        await rt.sim.setRunning(false);
        await rt.sim.reset(rt.simOptions());
        await rt.snapshots.waitFor((s) => s.tick === 0);
        rt.snapshots.pinLatest = true;
        // The scene gets the frame's left part (see frameLayout): render exactly that size.
        const title = uiStore.getState().clip.title.trim() !== '';
        const { scene } = frameLayout(width, height, panelPlots.list().length, title);
        capture = new SceneCapture(scene.w, scene.h);
      },
      advanceTo: async (t) => {
        const tick = await rt.sim.advanceTo(t);
        await rt.snapshots.waitFor((s) => s.tick >= tick);
      },
      draw: (canvas, t) => {
        const scene = capture!.render(t * 1000, cameraAt(keys, t));
        this.frame(canvas, scene, t);
      },
      end: async () => {
        capture?.end();
        rt.snapshots.pinLatest = false;
        await rt.sim.setRunning(wasRunning);
        uiStore.setState({ running: wasRunning });
      },
    };
  }

  private save(
    clip: FinishedClip,
    mode: 'realtime' | 'export',
    dropped: number,
    progress?: ExportProgress,
  ) {
    const { controller, seed } = uiStore.getState();
    const name = clipFileName(controller, seed, clip.extension);
    saveBlob(clip.blob, name);
    const last: RecordedClip = {
      name,
      bytes: clip.blob.size,
      frames: clip.frames,
      durationS: clip.durationS,
      dropped,
      mode,
      speed: progress?.speed,
      timing: progress && {
        simMs: progress.simMs,
        drawMs: progress.drawMs,
        encodeMs: progress.encodeMs,
      },
    };
    uiStore.setState({ recording: { kind: 'idle', last } });
  }

  // ---- stills ----

  /** PNG of the 3D view at twice its on-screen device size (at least 1920 px wide). */
  stillView(): Promise<void> {
    return this.runtime.guard('saving the view as PNG', async () => {
      const screen = sceneCanvas();
      if (!screen) throw new Error('[record] the 3D view is not mounted');
      const k = Math.max(2, 1920 / screen.clientWidth);
      const capture = new SceneCapture(
        Math.round(screen.clientWidth * k),
        Math.round(screen.clientHeight * k),
      );
      try {
        const canvas = capture.render(performance.now());
        const png = await canvasToPng(canvas);
        const { controller, seed } = uiStore.getState();
        saveBlob(png, clipFileName(controller, seed, 'png').replace('.png', '-view.png'));
      } finally {
        capture.end();
      }
    });
  }

  /** One panel plot as SVG or as a publication-resolution PNG. */
  stillPlot(id: string, kind: 'svg' | 'png'): Promise<void> {
    return this.runtime.guard(`saving the ${id} plot`, async () => {
      const plot = panelPlots.get(id);
      if (!plot) throw new Error(`[record] no plot "${id}" is on the panel`);
      const blob =
        kind === 'svg'
          ? new Blob([plotToSvg(plot)], { type: 'image/svg+xml' })
          : await plotToPng(plot);
      const { controller, seed } = uiStore.getState();
      saveBlob(blob, clipFileName(controller, seed, kind).replace(`.${kind}`, `-${id}.${kind}`));
    });
  }

  // ---- scenarios ----

  scenario(): Scenario {
    const { controller, seed, mode, camera } = uiStore.getState();
    return { format: 'eigenplay-scenario/v1', robot: 'arm', controller, seed, mode, camera };
  }

  downloadScenario(): void {
    const s = this.scenario();
    if (s.controller === 'custom') {
      uiStore.setState({
        error: {
          code: 'BAD_INPUT',
          message:
            'A scenario names a shipped controller; your own policy cannot be linked. Pick a shipped controller first.',
        },
      });
      return;
    }
    saveBlob(
      new Blob([scenarioJson(s)], { type: 'application/json' }),
      clipFileName(s.controller, s.seed, 'json').replace('.json', '-scenario.json'),
    );
  }

  /**
   * Loads a scenario file and replays it from its start: controller, seed, mode and camera path.
   * A bad file is named and nothing changes; the run keeps going.
   */
  loadScenario(text: string): Promise<void> {
    return this.runtime.guard('loading the scenario', async () => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new Error(
          `[scenario] the file is not JSON (${(e as Error).message}); pick a scenario .json`,
        );
      }
      const s = parseScenario(json, [...SHIPPED_CONTROLLERS.map((c) => c.id), CPG_EXPERT_ID]);
      await this.runtime.applyScenario(s);
    });
  }

  /** Adds the current camera pose as a keyframe at clip time t (s), replacing one at the same t. */
  addCameraKey(t: number): void {
    const pose = currentCameraPose();
    if (!pose) return;
    const keys = uiStore.getState().camera.filter((k) => Math.abs(k.t - t) > 1e-6);
    keys.push({ t, ...pose });
    keys.sort((a, b) => a.t - b.t);
    try {
      uiStore.setState({ camera: checkCamera(keys), error: undefined });
      this.runtime.writeUrl();
    } catch (e) {
      uiStore.setState({ error: { code: 'BAD_INPUT', message: (e as Error).message } });
    }
  }

  clearCamera(): void {
    uiStore.setState({ camera: [] });
    this.runtime.writeUrl();
  }

  dispose(): void {
    window.clearInterval(this.statusTimer);
    void this.realtime?.cancel();
    this.exportAbort?.abort();
  }
}
