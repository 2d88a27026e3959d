import type { LiveJpca, SimSnapshot } from '../../workers/contracts';
import { AutoRange } from './autoRange';
import { beginFrame, CanvasView } from './canvasFit';
import { dot, drawPlaneAxes, strokeRange } from './planeAxes';

const PAD = { left: 30, right: 8, top: 8, bottom: 22 };
const TEXT = '#a9b6c6';
const FONT = '10px system-ui, sans-serif';
/** Points of the live reach kept (a reach is ≤ 3.1 s at 60 snapshots/s). */
const LIVE_CAPACITY = 400;

/**
 * Churchland's colouring: conditions ranked by their preparatory state's jPC1, from red (largest)
 * through yellow to green (smallest), so neighbouring preparatory states get neighbouring colors.
 */
export function preparatoryColors(preparatory: readonly number[]): string[] {
  const order = preparatory.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const colors = new Array<string>(preparatory.length);
  const n = Math.max(1, preparatory.length - 1);
  order.forEach(([, i], rank) => {
    const f = rank / n; // 0 red … 0.5 yellow … 1 green
    const r = f < 0.5 ? 226 : Math.round(226 - (f - 0.5) * 2 * (226 - 63));
    const g = f < 0.5 ? Math.round(70 + f * 2 * (200 - 70)) : Math.round(200 - (f - 0.5) * 2 * 26);
    const b = f < 0.5 ? 58 : Math.round(58 + (f - 0.5) * 2 * 32);
    colors[i] = `rgb(${r}, ${g}, ${b})`;
  });
  return colors;
}

/**
 * Projects a hidden vector on a live jPCA plane at window step t (clamped to the window):
 * p_i = Σ_u axes[i·H + u] · (h_u / scale_u − offset[t·H + u]).
 */
export function projectJpca(j: LiveJpca, hidden: ArrayLike<number>, t: number): [number, number] {
  const H = j.scale.length;
  const tt = Math.max(0, Math.min(j.window.steps - 1, Math.round(t)));
  let x = 0;
  let y = 0;
  for (let u = 0; u < H; u++) {
    const v = hidden[u]! / j.scale[u]! - j.offset[tt * H + u]!;
    x += j.axes[u]! * v;
    y += j.axes[H + u]! * v;
  }
  return [x, y];
}

/**
 * The hidden state on the top jPCA plane of the recent condition-averaged reaches (Churchland
 * 2012, Fig. 3): one trajectory per center-out direction colored by its preparatory state, a dot
 * at its start and an arrowhead at its end; the live reach on top in white. Before its go cue
 * the live reach is projected at the window's first (preparatory) step; after it, at the step
 * that matches its time since go. A refit re-projects the live reach; the fits arrive aligned to
 * the previous plane, so the picture does not jump.
 */
export class JpcaPlotView extends CanvasView {
  fit: LiveJpca | undefined;
  private colors: string[] = [];
  private readonly rangeX = new AutoRange();
  private readonly rangeY = new AutoRange();
  private raw = new Float32Array(0);
  private readonly rawT = new Float32Array(LIVE_CAPACITY);
  private readonly xy = new Float32Array(2 * LIVE_CAPACITY);
  private n = 0;
  private dim = 0;
  private trialIndex = -1;
  private goTick = -1;
  private goAt = -1;

  constructor(ctx: CanvasRenderingContext2D) {
    super(ctx);
  }

  /** Takes a new fit; re-projects the live reach on it. */
  setFit(j: LiveJpca | undefined): void {
    this.fit = j;
    this.colors = j ? preparatoryColors(j.preparatory) : [];
    if (!j) return;
    for (let i = 0; i < this.n; i++) this.projectPoint(i);
  }

  /** Takes one snapshot; returns whether the plot changed. */
  ingest(s: SimSnapshot): boolean {
    if (s.tick === 0 || s.trialIndex !== this.trialIndex) {
      this.n = 0;
      this.trialIndex = s.trialIndex;
      this.goTick = -1;
      this.goAt = -1;
    }
    if (s.hidden.length === 0) return s.tick === 0;
    if (s.hidden.length !== this.dim) {
      this.dim = s.hidden.length;
      this.raw = new Float32Array(LIVE_CAPACITY * this.dim);
      this.n = 0;
    }
    if (s.phase === 'move' && this.goTick < 0) {
      this.goTick = s.tick;
      this.goAt = this.n;
    }
    if (this.n >= LIVE_CAPACITY) return false;
    const i = this.n++;
    this.raw.set(s.hidden, i * this.dim);
    // Window step: before go, the window's start (preparatory); after it, time since go.
    this.rawT[i] = this.goTick < 0 ? -Infinity : s.tick - this.goTick;
    this.projectPoint(i);
    return this.fit !== undefined;
  }

  private projectPoint(i: number): void {
    const j = this.fit;
    if (!j || this.dim !== j.scale.length) return;
    const t = this.rawT[i]! === -Infinity ? 0 : this.rawT[i]! - j.window.startTick;
    const [x, y] = projectJpca(j, this.raw.subarray(i * this.dim, (i + 1) * this.dim), t);
    this.xy[2 * i] = x;
    this.xy[2 * i + 1] = y;
  }

  /** Draws the plot; returns the number of points drawn (condition curves and live reach). */
  draw(): number {
    const { ctx, box } = this;
    beginFrame(ctx, box);
    const w = box.width - PAD.left - PAD.right;
    const h = box.height - PAD.top - PAD.bottom;
    const j = this.fit;
    if (w <= 0 || h <= 0 || !j) return 0;
    const live = this.dim === j.scale.length ? this.n : 0;
    this.fitRanges(j, live);
    const spanX = this.rangeX.hi - this.rangeX.lo;
    const spanY = this.rangeY.hi - this.rangeY.lo;
    const scale = Math.min(w / spanX, h / spanY);
    const ox = PAD.left + w / 2 - ((this.rangeX.lo + this.rangeX.hi) / 2) * scale;
    const oy = PAD.top + h / 2 + ((this.rangeY.lo + this.rangeY.hi) / 2) * scale;
    drawPlaneAxes(ctx, { left: PAD.left, top: PAD.top, w, h }, scale, ox, oy, ['jPC1', 'jPC2']);

    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD.left, PAD.top, w, h);
    ctx.clip();
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    const T = j.window.steps;
    let drawn = 0;
    for (let c = 0; c < j.directions.length; c++) {
      const xy = j.curves.subarray(c * T * 2, (c + 1) * T * 2);
      const color = this.colors[c]!;
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.globalAlpha = 0.9;
      ctx.lineWidth = 1.75;
      strokeRange(ctx, xy, 0, T - 1, scale, ox, oy);
      arrowHead(ctx, xy, T - 1, scale, ox, oy);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1;
      dot(ctx, xy, 0, 3, scale, ox, oy);
      ctx.fill();
      ctx.strokeStyle = '#0b0e13';
      ctx.stroke();
      drawn += T;
    }
    if (live > 0) {
      ctx.strokeStyle = '#f4f7fb';
      ctx.fillStyle = '#f4f7fb';
      ctx.lineWidth = 1.5;
      ctx.globalAlpha = 0.45;
      strokeRange(ctx, this.xy, 0, this.goAt < 0 ? live - 1 : this.goAt, scale, ox, oy);
      ctx.globalAlpha = 0.95;
      if (this.goAt >= 0) strokeRange(ctx, this.xy, this.goAt, live - 1, scale, ox, oy);
      dot(ctx, this.xy, live - 1, 4, scale, ox, oy);
      ctx.fill();
      ctx.strokeStyle = '#0b0e13';
      ctx.stroke();
      drawn += live;
    }
    ctx.restore();
    ctx.globalAlpha = 1;
    ctx.font = FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = TEXT;
    ctx.fillText(
      `R²skew ${j.r2Skew.toFixed(2)} / best ${j.r2Best.toFixed(2)} · ${j.frequencyHz.toFixed(1)} Hz`,
      PAD.left + 18, // right of the rotated jPC2 name
      PAD.top + 4,
    );
    return drawn;
  }

  private fitRanges(j: LiveJpca, live: number): void {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    const take = (xy: Float32Array, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = xy[2 * i]!;
        const y = xy[2 * i + 1]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    };
    take(j.curves, j.curves.length / 2);
    take(this.xy, live);
    if (x0 > x1) return;
    this.rangeX.fit(x0, x1);
    this.rangeY.fit(y0, y1);
  }
}

/** A filled arrowhead at point i, pointing along the segment from i − 1. */
function arrowHead(
  ctx: CanvasRenderingContext2D,
  xy: Float32Array,
  i: number,
  scale: number,
  ox: number,
  oy: number,
): void {
  if (i < 1) return;
  const x = ox + xy[2 * i]! * scale;
  const y = oy - xy[2 * i + 1]! * scale;
  const a = Math.atan2(y - (oy - xy[2 * i - 1]! * scale), x - (ox + xy[2 * i - 2]! * scale));
  const L = 7;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - L * Math.cos(a - 0.45), y - L * Math.sin(a - 0.45));
  ctx.lineTo(x - L * Math.cos(a + 0.45), y - L * Math.sin(a + 0.45));
  ctx.closePath();
  ctx.fill();
}
