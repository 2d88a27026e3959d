import { Context as SvgContext } from 'svgcanvas';
import type { PlotRenderer } from '../panel/plotRegistry';
import { PLOT_BG, shiftedContext } from './compositor';

/** Publication size of a plot: CSS-pixel width of the drawing, and the PNG's pixel density. */
export const STILL_PLOT_WIDTH = 600;
export const STILL_PNG_DPR = 4;

function plotBox(plot: PlotRenderer, dpr: number) {
  const width = STILL_PLOT_WIDTH;
  const height = Math.round(width / (plot.aspect ?? 1));
  return { width, height, dpr };
}

/** The plot as it is now, as a standalone SVG document (vector: lines, dots and text). */
export function plotToSvg(plot: PlotRenderer): string {
  const box = plotBox(plot, 1);
  const svg = new SvgContext(box.width, box.height);
  const ctx = svg as unknown as CanvasRenderingContext2D;
  ctx.fillStyle = PLOT_BG;
  ctx.fillRect(0, 0, box.width, box.height);
  plot.render(shiftedContext(ctx, 0, 0, PLOT_BG), box);
  return svg.getSerializedSvg(true);
}

/** The plot as it is now, as a PNG at STILL_PNG_DPR × its CSS size (2400 px wide). */
export async function plotToPng(plot: PlotRenderer): Promise<Blob> {
  const box = plotBox(plot, STILL_PNG_DPR);
  const canvas = document.createElement('canvas');
  canvas.width = box.width * box.dpr;
  canvas.height = box.height * box.dpr;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('[record] no 2D canvas context for the PNG');
  plot.render(shiftedContext(ctx, 0, 0, PLOT_BG), box);
  return canvasToPng(canvas);
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('[record] PNG encoding failed'))),
      'image/png',
    ),
  );
}

/** Saves a blob under `name` through a temporary download link. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the download has had time to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
