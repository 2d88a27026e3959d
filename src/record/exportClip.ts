import { exportFrameCount, type ClipSpec, CLIP_SIZES } from './clipSpec';
import { ClipWriter, type FinishedClip } from './clipWriter';

/** What the export loop needs from the app: a paused, steppable run and a way to draw a frame. */
export interface ExportHost {
  /** Pauses the live run and puts the world at the scenario's start (tick 0, its snapshot shown). */
  begin(width: number, height: number): Promise<void>;
  /** Steps the paused run to sim time `t` (s) and resolves once that tick's snapshot is shown. */
  advanceTo(t: number): Promise<void>;
  /** Draws the frame for clip time `t` onto `canvas`. */
  draw(canvas: HTMLCanvasElement, t: number): void;
  /** Ends the export and resumes the live run; called on success, error and cancel alike. */
  end(): Promise<void>;
}

export interface ExportProgress {
  frame: number;
  frames: number;
  /** Clip seconds rendered per wall-clock second so far. */
  speed: number;
  /** Wall time so far, ms: stepping the sim, drawing frames (3D + panel), and encoding. */
  simMs: number;
  drawMs: number;
  encodeMs: number;
}

export class ExportCanceled extends Error {
  readonly code = 'CANCELED';
  constructor() {
    super('[record] export canceled');
  }
}

/**
 * The deterministic offline render: frame i shows the world at sim time i / fps (the control tick
 * ⌊i / fps · control rate⌋), drawn at exactly the chosen size and stamped i / fps. Nothing waits
 * on requestAnimationFrame or the wall clock, so every frame appears once whatever the machine's
 * speed and whether or not the tab is visible. Frames go straight into the encoder (awaiting its
 * backpressure), so memory stays bounded by the encoded file.
 */
export async function exportClip(
  host: ExportHost,
  spec: ClipSpec,
  onProgress: (p: ExportProgress) => void,
  signal: AbortSignal,
): Promise<FinishedClip> {
  const [width, height] = CLIP_SIZES[spec.size];
  const frames = exportFrameCount(spec.durationS, spec.fps);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  await host.begin(width, height);
  let writer: ClipWriter | undefined;
  const started = performance.now();
  try {
    host.draw(canvas, 0);
    writer = await ClipWriter.create(canvas, spec.container, spec.fps);
    let simMs = 0;
    let drawMs = 0;
    let encodeMs = 0;
    for (let i = 0; i < frames; i++) {
      if (signal.aborted) throw new ExportCanceled();
      const t = i / spec.fps;
      const t0 = performance.now();
      if (i > 0) await host.advanceTo(t);
      const t1 = performance.now();
      if (i > 0) host.draw(canvas, t);
      const t2 = performance.now();
      await writer.add(i);
      const t3 = performance.now();
      simMs += t1 - t0;
      drawMs += t2 - t1;
      encodeMs += t3 - t2;
      const wall = (t3 - started) / 1000;
      const speed = wall > 0 ? (i + 1) / spec.fps / wall : 0;
      onProgress({ frame: i + 1, frames, speed, simMs, drawMs, encodeMs });
    }
    return await writer.finish();
  } catch (e) {
    await writer?.cancel();
    throw e;
  } finally {
    await host.end();
  }
}
