import type { SimSnapshot } from '../../workers/contracts';
import type { PolicyCard } from '../control/policyCard';
import { warnOnce } from '../lib/log';
import { AutoRange } from './autoRange';
import { beginFrame, CanvasView } from './canvasFit';
import { dot, drawPlaneAxes, strokeRange } from './planeAxes';
import { drawDirectionLegend } from './directionLegend';
import { axisLabels, HiddenProjection } from './hiddenProjection';
import { directionColor } from './palette';
import { TRAIL_HISTORY, TrailHistory, type Trail } from './trailHistory';

/** Plot margins, CSS px: room for tick labels on the left and bottom. */
const PAD = { left: 30, right: 8, top: 8, bottom: 22 };
/** Alpha of the trail segment before the go cue, relative to the rest of the trail. */
const PRE_GO_ALPHA = 0.45;

/**
 * The hidden-state plane as an imperative view: takes snapshots, keeps the current reach and the
 * previous ones as projected trails, and draws them on a 2D canvas in CSS pixels. No React.
 */
export class HiddenPlotView extends CanvasView {
  private readonly history = new TrailHistory();
  private readonly rangeX = new AutoRange();
  private readonly rangeY = new AutoRange();
  private readonly projection: HiddenProjection | undefined;
  private readonly labels: [string, string];

  constructor(ctx: CanvasRenderingContext2D, card: PolicyCard | undefined) {
    super(ctx);
    this.projection = card ? new HiddenProjection(card.projection) : undefined;
    this.labels = axisLabels(card?.projection.method);
  }

  /** Takes one snapshot; returns whether the plot changed and needs a redraw. */
  ingest(s: SimSnapshot): boolean {
    if (s.tick === 0) {
      this.history.clear();
      this.rangeX.reset();
      this.rangeY.reset();
      return true;
    }
    if (s.hidden.length === 0 || !this.projection) return false;
    if (!this.projection.project(s.hidden)) {
      warnOnce(
        'panel',
        `hidden state has ${s.hidden.length} values, the card's projection expects ${this.projection.dim}`,
      );
      return false;
    }
    // A trial index that went backwards means a reset whose tick-0 snapshot we never saw.
    const cur = this.history.at(0);
    if (cur && s.trialIndex < cur.trialIndex) this.history.clear();
    return this.history.push(
      this.projection.x,
      this.projection.y,
      s.trialIndex,
      s.direction,
      s.phase === 'move',
    );
  }

  /** Draws the plot; returns the number of trail points drawn. */
  draw(): number {
    const { ctx, box } = this;
    beginFrame(ctx, box);
    const w = box.width - PAD.left - PAD.right;
    const h = box.height - PAD.top - PAD.bottom;
    if (w <= 0 || h <= 0) return 0;
    this.fitRanges();

    // Equal scale on both axes, so rotations in the plane look like rotations.
    const spanX = this.rangeX.hi - this.rangeX.lo;
    const spanY = this.rangeY.hi - this.rangeY.lo;
    const scale = Math.min(w / spanX, h / spanY);
    const cx = (this.rangeX.lo + this.rangeX.hi) / 2;
    const cy = (this.rangeY.lo + this.rangeY.hi) / 2;
    const ox = PAD.left + w / 2 - cx * scale;
    const oy = PAD.top + h / 2 + cy * scale;
    drawPlaneAxes(this.ctx, { left: PAD.left, top: PAD.top, w, h }, scale, ox, oy, this.labels);

    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD.left, PAD.top, w, h);
    ctx.clip();
    let drawn = 0;
    for (let age = this.history.count - 1; age >= 0; age--) {
      const trail = this.history.at(age)!;
      // Current reach opaque; older ones fade out with age.
      const alpha = age === 0 ? 1 : 0.62 * (1 - (age - 1) / TRAIL_HISTORY) + 0.1;
      drawn += this.drawTrail(trail, alpha, age === 0, scale, ox, oy);
    }
    ctx.restore();
    ctx.globalAlpha = 1;
    drawDirectionLegend(ctx, box.width - PAD.right - 27, PAD.top + 27, 1);
    return drawn;
  }

  private fitRanges(): void {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let age = 0; age < this.history.count; age++) {
      const t = this.history.at(age)!;
      for (let i = 0; i < t.n; i++) {
        const x = t.xy[2 * i]!;
        const y = t.xy[2 * i + 1]!;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
    if (x0 > x1) return;
    this.rangeX.fit(x0, x1);
    this.rangeY.fit(y0, y1);
  }

  private drawTrail(
    t: Trail,
    alpha: number,
    current: boolean,
    scale: number,
    ox: number,
    oy: number,
  ): number {
    if (t.n === 0) return 0;
    const { ctx } = this;
    const color = directionColor(t.direction);
    const xy = t.xy;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.lineWidth = current ? 2 : 1.25;

    // Before the go cue faint (planning), after it full (movement).
    const go = t.goAt < 0 ? t.n - 1 : t.goAt;
    ctx.globalAlpha = alpha * PRE_GO_ALPHA;
    strokeRange(ctx, xy, 0, go, scale, ox, oy);
    ctx.globalAlpha = alpha;
    if (t.goAt >= 0) strokeRange(ctx, xy, t.goAt, t.n - 1, scale, ox, oy);

    // Start: a small open circle; go cue: a filled dot; the current head: a larger dot.
    ctx.lineWidth = 1;
    dot(ctx, xy, 0, 3, scale, ox, oy);
    ctx.stroke();
    if (t.goAt >= 0) {
      dot(ctx, xy, t.goAt, current ? 3.5 : 2.5, scale, ox, oy);
      ctx.fill();
    }
    if (current) {
      dot(ctx, xy, t.n - 1, 4, scale, ox, oy);
      ctx.fill();
      ctx.strokeStyle = '#0b0e13';
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    return t.n;
  }
}
