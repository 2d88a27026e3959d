import { DIRECTION_COUNT, directionColor } from './palette';

/**
 * The key of the direction colors: a small circle with one arrow per center-out direction,
 * pointing as the target lies seen from above (direction 0 to the right, counter-clockwise).
 * Drawn centered at (cx, cy) in CSS px; `size` scales the 26 px default radius.
 */
export function drawDirectionLegend(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  size: number,
): void {
  const r0 = 5 * size;
  const r1 = 19 * size;
  const head = 4 * size;
  ctx.save();
  ctx.globalAlpha = 0.85;
  ctx.fillStyle = '#0b0e13';
  ctx.beginPath();
  ctx.arc(cx, cy, 25 * size, 0, 2 * Math.PI);
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.lineWidth = 1.5;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#4a5566';
  ctx.beginPath();
  ctx.arc(cx, cy, r0 - 1.5, 0, 2 * Math.PI);
  ctx.stroke();
  for (let k = 0; k < DIRECTION_COUNT; k++) {
    const a = (k * 2 * Math.PI) / DIRECTION_COUNT;
    const ux = Math.cos(a);
    const uy = -Math.sin(a); // screen y grows downward
    const color = directionColor(k);
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.moveTo(cx + ux * r0, cy + uy * r0);
    ctx.lineTo(cx + ux * (r1 - head), cy + uy * (r1 - head));
    ctx.stroke();
    // Arrow head: a triangle at the tip.
    ctx.beginPath();
    ctx.moveTo(cx + ux * r1, cy + uy * r1);
    ctx.lineTo(cx + ux * (r1 - head) - uy * head * 0.7, cy + uy * (r1 - head) + ux * head * 0.7);
    ctx.lineTo(cx + ux * (r1 - head) + uy * head * 0.7, cy + uy * (r1 - head) - ux * head * 0.7);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
