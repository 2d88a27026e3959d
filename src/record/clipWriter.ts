import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
} from 'mediabunny';
import { EigenplayError } from '../lib/errors';
import { CLIP_CODEC, CLIP_CONTAINER_LABEL, type ClipContainer } from './clipSpec';

/** Seconds between key frames: every clip can be seeked to within this. */
export const KEY_FRAME_INTERVAL_S = 1;

export interface FinishedClip {
  blob: Blob;
  /** The container that was written, its MIME type and file extension (from the muxer itself). */
  container: ClipContainer;
  mimeType: string;
  extension: string;
  /** Frames in the file. */
  frames: number;
  /** Duration, s: (last frame index + 1) / fps. */
  durationS: number;
}

/** Whether WebCodecs exists here at all (it does not outside secure contexts, or in old browsers). */
export function hasWebCodecs(): boolean {
  return typeof (globalThis as { VideoEncoder?: unknown }).VideoEncoder === 'function';
}

/** Which containers this browser can encode at width × height (WebCodecs probing, cached). */
export async function encodableContainers(width: number, height: number): Promise<ClipContainer[]> {
  if (!hasWebCodecs()) return [];
  const out: ClipContainer[] = [];
  for (const c of ['mp4', 'webm'] as const)
    if (await canEncodeVideo(CLIP_CODEC[c], { width, height, quality: QUALITY_HIGH })) out.push(c);
  return out;
}

/**
 * Encodes frames drawn on one canvas into an MP4 (H.264) or WebM (VP9) file through WebCodecs and
 * mediabunny. Frame i is stamped exactly i / fps with duration 1 / fps, so the file's frame count
 * and duration are exact whatever the machine's speed; `add` resolves once the encoder has room
 * (backpressure), so raw frames never pile up in memory.
 */
export class ClipWriter {
  /** Frame slots up to the last added frame (last index + 1), and frames actually added. */
  private slots = 0;
  private added = 0;

  private constructor(
    private readonly output: Output<Mp4OutputFormat | WebMOutputFormat, BufferTarget>,
    private readonly source: CanvasSource,
    readonly container: ClipContainer,
    readonly fps: number,
  ) {}

  static async create(
    canvas: HTMLCanvasElement | OffscreenCanvas,
    container: ClipContainer,
    fps: number,
  ): Promise<ClipWriter> {
    const { width, height } = canvas;
    if (!hasWebCodecs())
      throw new EigenplayError(
        'UNSUPPORTED',
        '[record] WebCodecs (VideoEncoder) is not available in this browser; real-time recording falls back to MediaRecorder, export needs WebCodecs',
      );
    const codec = CLIP_CODEC[container];
    if (!(await canEncodeVideo(codec, { width, height, quality: QUALITY_HIGH })))
      throw new EigenplayError(
        'UNSUPPORTED',
        `[record] ${CLIP_CONTAINER_LABEL[container]} at ${width}×${height} is not supported by this browser's encoder; choose ${container === 'mp4' ? 'WebM (VP9)' : 'MP4 (H.264)'} or a smaller size`,
      );
    const format =
      container === 'mp4'
        ? new Mp4OutputFormat({ fastStart: 'in-memory' })
        : new WebMOutputFormat();
    const output = new Output({ format, target: new BufferTarget() });
    const source = new CanvasSource(canvas, {
      codec,
      quality: QUALITY_HIGH,
      keyFrameInterval: KEY_FRAME_INTERVAL_S,
    });
    output.addVideoTrack(source, { frameRate: fps });
    await output.start();
    return new ClipWriter(output, source, container, fps);
  }

  /** Frames added so far. */
  get count(): number {
    return this.added;
  }

  /** Encodes the canvas as it is now as frame `index` (timestamp index / fps). */
  async add(index: number): Promise<void> {
    if (!(Number.isInteger(index) && index >= this.slots))
      throw new Error(
        `[record] frame ${index} after frame ${this.slots - 1}: frames must increase`,
      );
    this.slots = index + 1;
    this.added++;
    await this.source.add(index / this.fps, 1 / this.fps);
  }

  async finish(): Promise<FinishedClip> {
    this.source.close();
    await this.output.finalize();
    const buffer = this.output.target.buffer;
    if (!buffer) throw new Error('[record] the muxer produced no file');
    const mimeType = this.output.format.mimeType;
    return {
      blob: new Blob([buffer], { type: mimeType }),
      container: this.container,
      mimeType,
      extension: this.output.format.fileExtension.replace(/^\./, ''),
      frames: this.added,
      durationS: this.slots / this.fps,
    };
  }

  async cancel(): Promise<void> {
    if (this.output.state === 'started' || this.output.state === 'pending')
      await this.output.cancel();
  }
}
