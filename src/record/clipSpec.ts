/**
 * What a clip is: container and codec, frame size, frame rate, length, overlays. Pure: no DOM.
 */
import { EigenplayError } from '../lib/errors';

/** MP4 carries H.264 (avc), WebM carries VP9: the two formats the record panel offers. */
export type ClipContainer = 'mp4' | 'webm';
export const CLIP_CODEC = { mp4: 'avc', webm: 'vp9' } as const;
export const CLIP_CONTAINER_LABEL = { mp4: 'MP4 (H.264)', webm: 'WebM (VP9)' } as const;

/** Frame sizes in pixels, width × height. */
export const CLIP_SIZES = {
  '720p': [1280, 720],
  '1080p': [1920, 1080],
  '4k': [3840, 2160],
} as const;
export type ClipSize = keyof typeof CLIP_SIZES;
export const CLIP_FPS = [30, 60] as const;
export type ClipFps = (typeof CLIP_FPS)[number];
/** Longest export, s: the encoded file is held in memory until it is saved. */
export const MAX_EXPORT_SECONDS = 120;

export interface ClipSpec {
  container: ClipContainer;
  size: ClipSize;
  fps: ClipFps;
  /** Export length, s (real-time recordings run until stopped). */
  durationS: number;
  /** Drawn across the top of every frame when not empty. */
  title: string;
  /** Draws the clip time (mm:ss.cc) in the corner. */
  showTime: boolean;
}

export const DEFAULT_CLIP: ClipSpec = {
  container: 'mp4',
  size: '1080p',
  fps: 30,
  durationS: 10,
  title: '',
  showTime: true,
};

/** Checks a spec; the message names the field, the value and what is allowed. */
export function checkClipSpec(spec: ClipSpec): ClipSpec {
  const bad = (m: string) => new EigenplayError('BAD_INPUT', `[record] ${m}`);
  if (!(spec.container in CLIP_CODEC))
    throw bad(`container ${JSON.stringify(spec.container)} is not one of mp4, webm`);
  if (!(spec.size in CLIP_SIZES))
    throw bad(
      `size ${JSON.stringify(spec.size)} is not one of ${Object.keys(CLIP_SIZES).join(', ')}`,
    );
  if (!CLIP_FPS.includes(spec.fps)) throw bad(`fps ${spec.fps} is not 30 or 60`);
  if (!(
    Number.isFinite(spec.durationS) &&
    spec.durationS > 0 &&
    spec.durationS <= MAX_EXPORT_SECONDS
  ))
    throw bad(`duration ${spec.durationS} s must be in (0, ${MAX_EXPORT_SECONDS}] s`);
  return spec;
}

/** Frames in an export: the clip holds frames 0 … n−1 at times i / fps. */
export function exportFrameCount(durationS: number, fps: number): number {
  return Math.round(durationS * fps);
}

/** Clip time as mm:ss.cc. */
export function formatClipTime(t: number): string {
  const cs = Math.floor(t * 100 + 1e-6);
  const m = Math.floor(cs / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(c).padStart(2, '0')}`;
}

/** File name for a clip or still: eigenplay-<controller>-seed<seed>-<stamp>.<ext>. */
export function clipFileName(
  controller: string,
  seed: number,
  ext: string,
  date = new Date(),
): string {
  const stamp = date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `eigenplay-${controller}-seed${seed}-${stamp}.${ext}`;
}
