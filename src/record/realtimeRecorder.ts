import {
  ALL_FORMATS,
  BlobSource,
  BufferTarget,
  Conversion,
  EncodedPacketSink,
  Input,
  Output,
  WebMOutputFormat,
} from 'mediabunny';
import { EigenplayError } from '../lib/errors';
import type { ClipContainer } from './clipSpec';
import { ClipWriter, type FinishedClip } from './clipWriter';

/** Draws the frame for clip time `t` (s) onto the recorder's canvas. */
export type ComposeFn = (t: number) => void;

/** Live counters for the record panel. */
export interface RealtimeStatus {
  frames: number;
  dropped: number;
  elapsedS: number;
  backend: 'webcodecs' | 'mediarecorder';
}

/**
 * Real-time recording: what you see, as it happens. On every animation frame the clock says
 * which frame slot (index = ⌊elapsed · fps⌋) is due; a slot missed because the page was slow,
 * the encoder was still busy or the tab was hidden is counted as dropped (the clip holds the
 * previous picture there), never caught up in a burst.
 *
 * Backends: WebCodecs through mediabunny where it exists (exact timestamps); otherwise the
 * canvas's MediaStream into MediaRecorder, whose WebM has no duration and no seek index, so the
 * file is remuxed by mediabunny on stop into a WebM with both.
 */
export class RealtimeRecorder {
  private writer: ClipWriter | undefined;
  private media: { recorder: MediaRecorder; chunks: Blob[]; stopped: Promise<void> } | undefined;
  private t0 = 0;
  private lastIndex = -1;
  private busy = false;
  private raf = 0;
  private error: unknown;
  readonly status: RealtimeStatus;

  private constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly compose: ComposeFn,
    readonly fps: number,
    backend: RealtimeStatus['backend'],
  ) {
    this.status = { frames: 0, dropped: 0, elapsedS: 0, backend };
  }

  /**
   * Starts recording `canvas` (already sized to the clip). `forceMediaRecorder` takes the
   * fallback path even where WebCodecs exists (for tests and for browsers whose encoder fails).
   */
  static async start(
    canvas: HTMLCanvasElement,
    compose: ComposeFn,
    container: ClipContainer,
    fps: number,
    forceMediaRecorder = false,
  ): Promise<RealtimeRecorder> {
    let writer: ClipWriter | undefined;
    if (!forceMediaRecorder) {
      try {
        compose(0);
        writer = await ClipWriter.create(canvas, container, fps);
      } catch (e) {
        if ((e as { code?: string }).code !== 'UNSUPPORTED') throw e;
      }
    }
    const rec = new RealtimeRecorder(canvas, compose, fps, writer ? 'webcodecs' : 'mediarecorder');
    if (writer) rec.writer = writer;
    else rec.media = rec.startMediaRecorder();
    rec.t0 = performance.now();
    rec.raf = requestAnimationFrame(rec.tick);
    return rec;
  }

  private startMediaRecorder(): NonNullable<RealtimeRecorder['media']> {
    if (typeof MediaRecorder === 'undefined' || typeof this.canvas.captureStream !== 'function')
      throw new EigenplayError(
        'UNSUPPORTED',
        '[record] neither WebCodecs nor MediaRecorder is available in this browser; recording is not supported here',
      );
    const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) =>
      MediaRecorder.isTypeSupported(t),
    );
    if (!type)
      throw new EigenplayError('UNSUPPORTED', '[record] MediaRecorder here cannot write WebM');
    const stream = this.canvas.captureStream(this.fps);
    const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 8e6 });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    this.compose(0);
    recorder.start(1000);
    return { recorder, chunks, stopped };
  }

  private readonly tick = (now: number): void => {
    this.raf = requestAnimationFrame(this.tick);
    const elapsed = Math.max(0, (now - this.t0) / 1000);
    this.status.elapsedS = elapsed;
    const index = Math.floor(elapsed * this.fps);
    if (index <= this.lastIndex || this.busy) return;
    this.status.dropped += index - this.lastIndex - 1;
    this.lastIndex = index;
    this.compose(index / this.fps);
    this.status.frames++;
    if (!this.writer) return;
    this.busy = true;
    this.writer
      .add(index)
      .catch((e: unknown) => (this.error = e))
      .finally(() => (this.busy = false));
  };

  /** Stops and returns the finished, seekable file. */
  async stop(): Promise<FinishedClip> {
    cancelAnimationFrame(this.raf);
    if (this.error) throw this.error;
    if (this.writer) {
      while (this.busy) await new Promise((r) => setTimeout(r, 5));
      return this.writer.finish();
    }
    const media = this.media!;
    media.recorder.stop();
    await media.stopped;
    for (const t of media.recorder.stream.getTracks()) t.stop();
    const raw = new Blob(media.chunks, { type: 'video/webm' });
    return remuxWebm(raw, this.status.frames, this.fps);
  }

  /** Stops without producing a file. */
  async cancel(): Promise<void> {
    cancelAnimationFrame(this.raf);
    if (this.writer) await this.writer.cancel();
    if (this.media && this.media.recorder.state !== 'inactive') {
      this.media.recorder.stop();
      for (const t of this.media.recorder.stream.getTracks()) t.stop();
    }
  }
}

/**
 * Rewrites a MediaRecorder WebM (no duration, no cues) into a WebM with its duration and a seek
 * index, copying the encoded frames as they are (no re-encode).
 */
export async function remuxWebm(raw: Blob, frames: number, fps: number): Promise<FinishedClip> {
  const input = new Input({ source: new BlobSource(raw), formats: ALL_FORMATS });
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const conversion = await Conversion.init({ input, output });
  if (!conversion.isValid)
    throw new Error(
      `[record] the MediaRecorder file could not be remuxed: ${conversion.discardedTracks.map((d) => d.reason).join(', ')}`,
    );
  await conversion.execute();
  const buffer = output.target.buffer!;
  const check = new Input({ source: new BlobSource(new Blob([buffer])), formats: ALL_FORMATS });
  const durationS = await check.computeDuration();
  const track = await check.getPrimaryVideoTrack();
  let packets = 0;
  if (track) for await (const _ of new EncodedPacketSink(track).packets()) packets++;
  input.dispose();
  check.dispose();
  return {
    blob: new Blob([buffer], { type: 'video/webm' }),
    container: 'webm',
    mimeType: 'video/webm',
    extension: 'webm',
    frames: packets,
    durationS: Number.isFinite(durationS) ? durationS : frames / fps,
  };
}
