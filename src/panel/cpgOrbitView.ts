import type { QuadSnapshot } from '../../workers/quadContracts';
import { LEG_NAMES } from '../sim/quadruped/a1Model';
import { beginFrame, CanvasView } from './canvasFit';
import { drawPlaneAxes } from './planeAxes';

/** Leg colours, FR, FL, RR, RL: diagonal pairs (which trot together) in related hues. */
export const LEG_COLORS = ['#f0645a', '#4b9be6', '#3fbfa8', '#f3b23c'] as const;
/** Ticks kept per leg: 1.2 s at 50 Hz, three to four gait cycles. */
const TRAIL = 60;
/** The bright head of each leg's trail, ticks (0.24 s, under a gait cycle). */
const COMET = 12;
const PAD = { left: 30, right: 8, top: 8, bottom: 22 };
/** Fixed half-extent of the plane: r stays within μ ∈ [1, 2]. */
const HALF = 2.25;

/**
 * The CPG expert's hidden state as what it is: four oscillators, each a point (x_i, y_i) =
 * (r_i cos θ_i, r_i sin θ_i) going round a closed orbit of radius r_i ≈ μ_i. The last 1.2 s of
 * each leg is drawn as a fading trail with the leg's current point on top, so the gait shows as
 * the phase offsets between the heads (trot: diagonal pairs together, opposite each other).
 * Dashed circles at r = 1 and 2 (the range of μ). Imperative, no React.
 */
export class CpgOrbitView extends CanvasView {
  private readonly xy = new Float32Array(4 * 2 * TRAIL);
  private head = 0;
  private count = 0;
  private episode = -1;
  /** Scratch: the point `at` last computed, and the legs' heads (x, y per leg), CSS px. */
  private px = 0;
  private py = 0;
  private readonly heads = new Float32Array(8);

  constructor(ctx: CanvasRenderingContext2D) {
    super(ctx);
  }

  /** Takes a snapshot's hidden states (every tick since the last one); returns whether it changed. */
  ingest(s: QuadSnapshot): boolean {
    if (s.hidden.length < 8) return false;
    if (s.episode !== this.episode || s.tick === 0) {
      this.count = 0;
      this.episode = s.episode;
    }
    const ticks = s.hiddenTicks.length >= 8 ? s.hiddenTicks : s.hidden;
    const dim = s.hidden.length;
    for (let k = 0; k + 8 <= ticks.length; k += dim) {
      this.head = (this.head + 1) % TRAIL;
      for (let leg = 0; leg < 4; leg++) {
        const j = 2 * (leg * TRAIL + this.head);
        this.xy[j] = ticks[k + 2 * leg]!;
        this.xy[j + 1] = ticks[k + 2 * leg + 1]!;
      }
      this.count = Math.min(TRAIL, this.count + 1);
    }
    return true;
  }

  /** Points drawn per leg on the last frame. */
  get points(): number {
    return this.count;
  }

  /** The legs' current points, labelled; legs in phase (a trot's diagonal pairs) share a label. */
  private drawHeads(at: (leg: number, age: number) => void, ox: number, oy: number) {
    const { ctx, heads } = this;
    for (let leg = 0; leg < 4; leg++) {
      at(leg, 0);
      heads[2 * leg] = this.px;
      heads[2 * leg + 1] = this.py;
    }
    ctx.font = 'bold 10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const labelled = new Set<number>();
    for (let leg = 0; leg < 4; leg++) {
      const x = heads[2 * leg]!;
      const y = heads[2 * leg + 1]!;
      ctx.fillStyle = LEG_COLORS[leg]!;
      ctx.strokeStyle = '#0b0e13';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(x, y, 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      if (labelled.has(leg)) continue;
      const group = [0, 1, 2, 3].filter(
        (j) => !labelled.has(j) && Math.hypot(heads[2 * j]! - x, heads[2 * j + 1]! - y) < 16,
      );
      for (const j of group) labelled.add(j);
      // Outward from the centre, so labels sit off the orbit.
      const dx = x - ox;
      const dy = y - oy;
      const d = Math.max(1, Math.hypot(dx, dy));
      ctx.textAlign = dx >= 0 ? 'left' : 'right';
      ctx.fillText(
        group.map((j) => LEG_NAMES[j]).join('+'),
        x + (dx / d) * 11 + (dx >= 0 ? 2 : -2),
        y + (dy / d) * 11,
      );
    }
  }

  draw(): number {
    const { ctx, box } = this;
    beginFrame(ctx, box);
    const w = box.width - PAD.left - PAD.right;
    const h = box.height - PAD.top - PAD.bottom;
    if (w <= 0 || h <= 0) return 0;
    const scale = Math.min(w, h) / (2 * HALF);
    const ox = PAD.left + w / 2;
    const oy = PAD.top + h / 2;
    drawPlaneAxes(ctx, { left: PAD.left, top: PAD.top, w, h }, scale, ox, oy, [
      'x = r cos θ',
      'y = r sin θ',
    ]);
    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD.left, PAD.top, w, h);
    ctx.clip();
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = '#3a4656';
    for (const r of [1, 2]) {
      ctx.beginPath();
      ctx.arc(ox, oy, r * scale, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    const n = this.count;
    // Screen position of a leg's point `age` ticks back, into (this.px, this.py).
    const at = (leg: number, age: number) => {
      const k = 2 * (leg * TRAIL + ((this.head - age + TRAIL) % TRAIL));
      this.px = ox + this.xy[k]! * scale;
      this.py = oy - this.xy[k + 1]! * scale;
    };
    ctx.lineCap = 'round';
    for (let leg = 0; leg < 4; leg++) {
      ctx.strokeStyle = LEG_COLORS[leg]!;
      // The orbit faint, the last COMET ticks bright: each leg a comet on its circle.
      for (let age = n - 1; age > 0; age--) {
        at(leg, age);
        const x0 = this.px;
        const y0 = this.py;
        at(leg, age - 1);
        const comet = age < COMET;
        ctx.globalAlpha = comet ? 0.95 - (0.6 * age) / COMET : 0.16;
        ctx.lineWidth = comet ? 3 : 1.5;
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(this.px, this.py);
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    if (n > 0) this.drawHeads(at, ox, oy);
    ctx.restore();
    return n;
  }
}
