import { describe, expect, it } from 'vitest';
import {
  checkClipSpec,
  clipFileName,
  DEFAULT_CLIP,
  exportFrameCount,
  formatClipTime,
  MAX_EXPORT_SECONDS,
} from './clipSpec';

describe('clip specs', () => {
  it('an export of d seconds at f fps holds round(d·f) frames', () => {
    expect(exportFrameCount(3, 30)).toBe(90);
    expect(exportFrameCount(3, 60)).toBe(180);
    expect(exportFrameCount(0.5, 30)).toBe(15);
    expect(exportFrameCount(10, 60)).toBe(600);
  });

  it('formats clip time as mm:ss.cc without rounding a frame into the next second', () => {
    expect(formatClipTime(0)).toBe('00:00.00');
    expect(formatClipTime(2.5)).toBe('00:02.50');
    expect(formatClipTime(89 / 30)).toBe('00:02.96');
    expect(formatClipTime(61.257)).toBe('01:01.25');
  });

  it('names the field, the value and what is allowed when a spec is wrong', () => {
    expect(checkClipSpec(DEFAULT_CLIP)).toEqual(DEFAULT_CLIP);
    expect(() => checkClipSpec({ ...DEFAULT_CLIP, fps: 24 as 30 })).toThrow(
      /fps 24 is not 30 or 60/,
    );
    expect(() => checkClipSpec({ ...DEFAULT_CLIP, durationS: 0 })).toThrow(
      new RegExp(`duration 0 s must be in \\(0, ${MAX_EXPORT_SECONDS}\\] s`),
    );
    expect(() => checkClipSpec({ ...DEFAULT_CLIP, durationS: NaN })).toThrow(/duration NaN s/);
    expect(() => checkClipSpec({ ...DEFAULT_CLIP, size: '8k' as '4k' })).toThrow(
      /size "8k" is not one of 720p, 1080p, 4k/,
    );
    expect(() => checkClipSpec({ ...DEFAULT_CLIP, container: 'avi' as 'mp4' })).toThrow(
      /container "avi" is not one of mp4, webm/,
    );
  });

  it('file names carry the controller, the seed and a UTC stamp', () => {
    const d = new Date(Date.UTC(2026, 11, 4, 5, 6, 7));
    expect(clipFileName('arm-lru', 7, 'mp4', d)).toBe(
      'eigenplay-arm-lru-seed7-20261204-050607.mp4',
    );
  });
});
