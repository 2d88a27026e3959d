import type { PlotRenderer } from '../panel/plotRegistry';
import { formatClipTime } from './clipSpec';
import { frameLayout, type Rect } from './frameLayout';

const BG = '#0e1116';
const PANEL_BG = '#12161d';
export const PLOT_BG = '#0b0e13';
const HEADING = '#9fb0c3';
const TEXT = '#d8dee9';
const MUTED = '#8899aa';
const FONT = 'system-ui, sans-serif';

export interface FrameContent {
  /** The rendered 3D view; drawn to cover the scene rectangle (cropped, never stretched). */
  scene: CanvasImageSource & { width: number; height: number };
  plots: readonly PlotRenderer[];
  /** Short lines for the readout block under the plots. */
  readouts: readonly string[];
  title: string;
  /** Clip time, s; undefined hides the overlay. */
  time: number | undefined;
}

/**
 * Draws one clip frame: the 3D view, the panel plots at the frame's own resolution (re-rendered,
 * not scaled screenshots, so text stays sharp at 4K), the readouts, title and time. `ctx` covers
 * a `width` × `height` canvas.
 */
export function drawFrame(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  content: FrameContent,
): void {
  const L = frameLayout(width, height, content.plots.length, content.title.trim() !== '');
  const s = L.scale;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, width, height);

  drawCover(ctx, content.scene, L.scene);

  ctx.fillStyle = PANEL_BG;
  ctx.fillRect(L.panel.x, L.panel.y, L.panel.w, L.panel.h);
  ctx.fillStyle = '#222a35';
  ctx.fillRect(L.panel.x, L.panel.y, Math.max(1, Math.round(s)), L.panel.h);

  content.plots.forEach((plot, i) => {
    const slot = L.plots[i]!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    text(
      ctx,
      plot.title,
      slot.heading.x,
      slot.heading.y + slot.heading.h * 0.7,
      12 * s,
      HEADING,
      600,
      slot.heading.w,
    );
    const a = slot.area;
    if (a.h <= 0) return;
    ctx.fillStyle = PLOT_BG;
    ctx.fillRect(a.x, a.y, a.w, a.h);
    // The plot draws in CSS pixels at dpr = s; translate its origin into the slot.
    ctx.save();
    ctx.beginPath();
    ctx.rect(a.x, a.y, a.w, a.h);
    ctx.clip();
    const dpr = s;
    plot.render(shiftedContext(ctx, a.x, a.y, PLOT_BG), {
      width: a.w / dpr,
      height: a.h / dpr,
      dpr,
    });
    ctx.restore();
  });

  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const lineH = 17 * s;
  content.readouts.forEach((line, i) => {
    text(
      ctx,
      line,
      L.readouts.x,
      L.readouts.y + lineH * (i + 0.8),
      12 * s,
      i === 0 ? TEXT : MUTED,
      400,
      L.readouts.w,
    );
  });

  if (L.title) {
    ctx.fillStyle = '#0b0e13';
    ctx.fillRect(L.title.x, L.title.y, L.title.w, L.title.h);
    text(
      ctx,
      content.title,
      L.title.x + 14 * s,
      L.title.y + L.title.h * 0.66,
      22 * s,
      TEXT,
      600,
      L.title.w - 28 * s,
    );
  }
  if (content.time !== undefined) {
    const r = L.time;
    ctx.fillStyle = 'rgba(11, 14, 19, 0.72)';
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.textAlign = 'center';
    text(ctx, formatClipTime(content.time), r.x + r.w / 2, r.y + r.h * 0.7, 17 * s, TEXT, 500, r.w);
    ctx.textAlign = 'left';
  }
}

function text(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  px: number,
  color: string,
  weight: number,
  maxWidth: number,
): void {
  ctx.font = `${weight} ${px.toFixed(1)}px ${FONT}`;
  ctx.fillStyle = color;
  ctx.fillText(s, x, y, Math.max(1, maxWidth));
}

/** Draws `img` to fill `r`, keeping its aspect ratio (centre crop). */
function drawCover(
  ctx: CanvasRenderingContext2D,
  img: CanvasImageSource & { width: number; height: number },
  r: Rect,
): void {
  if (img.width === 0 || img.height === 0) return;
  const k = Math.max(r.w / img.width, r.h / img.height);
  const sw = r.w / k;
  const sh = r.h / k;
  ctx.drawImage(img, (img.width - sw) / 2, (img.height - sh) / 2, sw, sh, r.x, r.y, r.w, r.h);
}

/**
 * A view of `ctx` whose setTransform is offset by (x, y) device pixels and whose clearRect paints
 * `background`, so a plot that starts each frame with setTransform(dpr, 0, 0, dpr, 0, 0) and
 * clearRect draws inside its slot on an opaque ground (clips and stills have no page behind them).
 */
export function shiftedContext(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  background: string,
): CanvasRenderingContext2D {
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === 'setTransform')
        return (a: number, b: number, c: number, d: number, e: number, f: number) =>
          target.setTransform(a, b, c, d, e + x, f + y);
      if (prop === 'clearRect')
        return (rx: number, ry: number, rw: number, rh: number) => {
          // Clearing would punch through to transparent: paint the plot background instead.
          const fill = target.fillStyle;
          target.fillStyle = background;
          target.fillRect(rx, ry, rw, rh);
          target.fillStyle = fill;
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value, target);
    },
  });
}
