import { niceStep } from './canvasFit';

const GRID = '#19202a';
const AXIS = '#33404f';
const TEXT = '#7d8c9e';
const FONT = '10px system-ui, sans-serif';

/**
 * Grid, tick values and axis names of a 2-D plane plot with equal scale on both axes (the
 * hidden-state planes): plane → screen by x = ox + scale·px, y = oy − scale·py, inside `area`.
 */
export function drawPlaneAxes(
  ctx: CanvasRenderingContext2D,
  area: { left: number; top: number; w: number; h: number },
  scale: number,
  ox: number,
  oy: number,
  labels: readonly [string, string],
): void {
  const { left, top, w, h } = area;
  const right = left + w;
  const bottom = top + h;
  const step = niceStep(Math.max(w, h) / scale, 5);
  // Tick values in units of 10^exp when they are very small or large, the factor by the x name.
  const exp = Math.abs(Math.log10(step)) > 2.5 ? Math.floor(Math.log10(step)) : 0;
  const unit = Math.pow(10, exp);
  const digits = Math.max(0, -Math.floor(Math.log10(step / unit) + 1e-9));
  ctx.lineWidth = 1;
  ctx.font = FONT;
  ctx.fillStyle = TEXT;

  // Grid lines at multiples of the step, with their values in the margins.
  ctx.strokeStyle = GRID;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let v = Math.ceil((left - ox) / scale / step) * step; ox + v * scale <= right; v += step) {
    const x = Math.round(ox + v * scale) + 0.5;
    ctx.strokeStyle = Math.abs(v) < step / 2 ? AXIS : GRID;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.fillText(formatTick(v / unit, digits), x, bottom + 3);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let v = Math.ceil((oy - bottom) / scale / step) * step; oy - v * scale >= top; v += step) {
    const y = Math.round(oy - v * scale) + 0.5;
    ctx.strokeStyle = Math.abs(v) < step / 2 ? AXIS : GRID;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillText(formatTick(v / unit, digits), left - 4, y);
  }
  ctx.strokeStyle = AXIS;
  ctx.strokeRect(left + 0.5, top + 0.5, w - 1, h - 1);

  // Axis names: x at the bottom right, y rotated at the top left.
  ctx.fillStyle = '#a9b6c6';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(exp === 0 ? labels[0] : `${labels[0]}  (×1e${exp})`, right - 4, bottom - 3);
  ctx.save();
  ctx.translate(left + 4, top + 4);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText(labels[1], 0, 0);
  ctx.restore();
}

/** Strokes points from..to of a trail, plane → screen by x = ox + scale·px, y = oy − scale·py. */
export function strokeRange(
  ctx: CanvasRenderingContext2D,
  xy: Float32Array,
  from: number,
  to: number,
  scale: number,
  ox: number,
  oy: number,
): void {
  if (to <= from) return;
  ctx.beginPath();
  ctx.moveTo(ox + xy[2 * from]! * scale, oy - xy[2 * from + 1]! * scale);
  for (let i = from + 1; i <= to; i++)
    ctx.lineTo(ox + xy[2 * i]! * scale, oy - xy[2 * i + 1]! * scale);
  ctx.stroke();
}

/** Starts a path with a circle of radius r px around point i. */
export function dot(
  ctx: CanvasRenderingContext2D,
  xy: Float32Array,
  i: number,
  r: number,
  scale: number,
  ox: number,
  oy: number,
) {
  ctx.beginPath();
  ctx.arc(ox + xy[2 * i]! * scale, oy - xy[2 * i + 1]! * scale, r, 0, 2 * Math.PI);
}

function formatTick(v: number, digits: number): string {
  return (Math.abs(v) < 1e-12 ? 0 : v).toFixed(Math.min(digits, 4));
}
