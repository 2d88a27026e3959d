import type { PolicyCard } from '../control/policyCard';
import { beginFrame, CanvasView, niceStep } from './canvasFit';
import { EigenSet } from './eigenSet';
import { magnitudeColor } from './palette';

/** Plot margins, CSS px. */
const PAD = { left: 34, right: 10, top: 10, bottom: 22 };
/** The zoomed region near λ = 1, where a stable memory's eigenvalues sit. */
export const ZOOM_REGION = { re: [0.55, 1.02], im: [-0.65, 0.65] } as const;
const FULL_HALF_SPAN = 1.15;
/**
 * Continuous-time views (λ_c = log λ_d / Δt; Re in 1/s, Im in rad/s): near the imaginary axis,
 * where slow memories sit, and the whole band the control rate can represent (|Im| ≤ π/Δt).
 */
export const CONT_ZOOM_REGION = { re: [-12, 1.5], im: [-50, 50] } as const;
const CONT_FULL_REGION = { re: [-100, 10], im: [-195, 195] } as const;
/** DMD eigenvalues: hollow diamonds in this color. */
export const DMD_COLOR = '#4fd1c5';
/** Ticks of a kick's trace in the inset: 2 s at 60 Hz. */
const KICK_TRACE_TICKS = 120;
const KICK_INSET_PX = 92;
/** Hover radius, CSS px. */
const HIT_PX = 8;
const DOT_PX = 3.5;
const GRID = '#19202a';
const AXIS = '#33404f';
const TEXT = '#7d8c9e';
const FONT = '10px system-ui, sans-serif';
const RINGS = [
  { r: 0.9, label: '0.9', color: '#3a4656', dash: true },
  { r: 0.99, label: '0.99', color: '#4a5668', dash: true },
  { r: 1, label: '1', color: '#7a8798', dash: false },
] as const;
const DASH = [3, 3];
const SOLID: number[] = [];

/**
 * What the plot shows for a controller family:
 *  - 'parametric': fixed eigenvalues of the trained recurrence (LRU, LinOSS), live from the model
 *    so eigenvalue surgery moves them; the trained ones stay as grey rings;
 *  - 'per-step': the eigenvalues of this tick's input-dependent transition (selective SSM);
 *  - 'none': no recurrence of its own (Transformer): a marker says so instead of dots;
 *  - 'cpg': a quadruped's CPG oscillators, per control step, moving with the commanded frequency:
 *    each leg's phase multiplier e^{iωΔt} (on the unit circle) and amplitude multiplier
 *    ρ·e^{iωΔt} (inside), as the quad snapshots carry them.
 */
export type EigenKind = 'parametric' | 'per-step' | 'none' | 'cpg';

/** Discrete eigenvalues per control step, or continuous ones λ_c = log λ_d / Δt. */
export type EigenDomain = 'discrete' | 'continuous';

/** A plotted point: which set, its discrete value, and its index in that set's own list. */
export interface EigenPoint {
  set: 'model' | 'dmd';
  re: number;
  im: number;
  /** Index of the eigenvalue in the model's `eig`/card list, or of the DMD mode. */
  index: number;
}

export function eigenKind(card: PolicyCard | undefined): EigenKind {
  if (card?.robot === 'quadruped') return 'cpg';
  if (!card || card.family === 'transformer') return 'none';
  if (card.eigenvalues.length > 0) return 'parametric';
  return 'per-step';
}

/**
 * The complex plane of the recurrence's eigenvalues as an imperative view: unit circle, the
 * |λ| = 0.9 and 0.99 circles, and one dot per eigenvalue colored by its memory half-life. Either
 * the whole disc or the region near 1 (`zoom`); dots outside the zoomed region are pinned to its
 * edge as open circles so none disappears. Keeps the dots' screen positions for hover.
 */
export class EigenPlotView extends CanvasView {
  readonly eig = new EigenSet();
  /** DMD eigenvalues of the recent hidden trajectory (any controller), from the analysis worker. */
  readonly dmd = new EigenSet();
  zoom = true;
  domain: EigenDomain = 'discrete';
  /** Index of the hovered dot, -1 for none. */
  hover = -1;
  source: 'live' | 'card' | 'none' = 'none';
  readonly controlHz: number;
  readonly kind: EigenKind;
  /** The trained (card) eigenvalues, drawn as rings under the live ones once surgery moved them. */
  private readonly trained = new EigenSet();
  /** Surgery moved the live eigenvalues away from the trained ones. */
  moved = false;
  private sx = new Float32Array(64);
  private sy = new Float32Array(64);
  // Plane → screen: x = ox + re·kx, y = oy − im·ky.
  private ox = 0;
  private oy = 0;
  private kx = 1;
  private ky = 1;

  constructor(ctx: CanvasRenderingContext2D, card: PolicyCard | undefined) {
    super(ctx);
    this.controlHz = card?.control_hz ?? 60;
    this.kind = eigenKind(card);
    if (card && card.eigenvalues.length > 0) {
      this.eig.setPairs(card.eigenvalues);
      this.trained.setPairs(card.eigenvalues);
      this.source = 'card';
    }
  }

  /**
   * The last kick (a click on an eigenvalue): which point, and, where the hidden output is the
   * state, the kicked plane's coordinates tick by tick since, drawn as an inset.
   */
  kick:
    | {
        label: string;
        point: EigenPoint;
        plane: [number, number] | null;
        xy: Float32Array;
        n: number;
      }
    | undefined;

  /** Starts tracing a kick; `plane` names the two hidden coordinates to follow (or null). */
  startKick(label: string, point: EigenPoint, plane: [number, number] | null): void {
    this.kick = { label, point, plane, xy: new Float32Array(2 * KICK_TRACE_TICKS), n: 0 };
  }

  /** Adds a tick's hidden vector to the kick trace; returns whether it changed. */
  traceKick(hidden: Float32Array): boolean {
    const k = this.kick;
    if (!k || !k.plane || k.n >= KICK_TRACE_TICKS) return false;
    const [a, b] = k.plane;
    if (a >= hidden.length || b >= hidden.length) return false;
    k.xy[2 * k.n] = hidden[a]!;
    k.xy[2 * k.n + 1] = hidden[b]!;
    k.n++;
    return true;
  }

  /** Takes the DMD eigenvalues of the latest fit (null: none yet); returns whether they changed. */
  setDmd(eig: Float32Array | null): boolean {
    if (!eig) {
      const had = this.dmd.n > 0;
      this.dmd.clear();
      return had;
    }
    return this.dmd.setFlat(eig);
  }

  /** Plotted point i (model dots first, then DMD diamonds), or undefined. */
  point(i: number): EigenPoint | undefined {
    if (i < 0) return undefined;
    if (i < this.eig.n)
      return { set: 'model', re: this.eig.re[i]!, im: this.eig.im[i]!, index: this.eig.src[i]! };
    const j = i - this.eig.n;
    if (j >= this.dmd.n) return undefined;
    return { set: 'dmd', re: this.dmd.re[j]!, im: this.dmd.im[j]!, index: this.dmd.src[j]! };
  }

  // Plot coordinates written by toPlane (no allocation per point: the selective SSM has 1024).
  private pRe = 0;
  private pIm = 0;

  /** Plot coordinates of a discrete eigenvalue in the current domain, into (pRe, pIm). */
  private toPlane(re: number, im: number): void {
    if (this.domain === 'discrete') {
      this.pRe = re;
      this.pIm = im;
      return;
    }
    const hz = this.controlHz;
    this.pRe = Math.log(Math.max(Math.hypot(re, im), 1e-12)) * hz;
    this.pIm = Math.atan2(im, re) * hz;
  }

  /** Largest |λ| on the plot (0 when none): what surgery moves. */
  maxModulus(): number {
    let m = 0;
    for (let i = 0; i < this.eig.n; i++)
      m = Math.max(m, Math.hypot(this.eig.re[i]!, this.eig.im[i]!));
    return m;
  }

  /** Largest |arg λ| on the plot, rad. */
  maxAngle(): number {
    let m = 0;
    for (let i = 0; i < this.eig.n; i++)
      m = Math.max(m, Math.abs(Math.atan2(this.eig.im[i]!, this.eig.re[i]!)));
    return m;
  }

  /** Takes the live eigenvalues of a snapshot; returns whether the plot changed. */
  setLive(eig: Float32Array): boolean {
    const changed = this.eig.setFlat(eig) || this.source !== 'live';
    this.source = 'live';
    if (changed && this.kind === 'parametric') this.moved = !this.sameAsTrained();
    return changed;
  }

  /** Whether the live eigenvalues are the trained ones (no surgery), within float32 rounding. */
  private sameAsTrained(): boolean {
    const { eig, trained } = this;
    if (eig.n !== trained.n) return false;
    for (let i = 0; i < eig.n; i++)
      if (
        Math.abs(eig.re[i]! - trained.re[i]!) > 1e-5 ||
        Math.abs(eig.im[i]! - trained.im[i]!) > 1e-5
      )
        return false;
    return true;
  }

  /** Index of the dot within HIT_PX of (x, y) CSS px, nearest first; -1 for none. */
  hit(x: number, y: number): number {
    let best = -1;
    let bestD2 = HIT_PX * HIT_PX;
    const total = this.eig.n + this.dmd.n;
    for (let i = this.kind === 'none' ? this.eig.n : 0; i < total; i++) {
      const d2 = (this.sx[i]! - x) ** 2 + (this.sy[i]! - y) ** 2;
      if (d2 <= bestD2) {
        bestD2 = d2;
        best = i;
      }
    }
    return best;
  }

  /**
   * Plotted index of the set's eigenvalue with the largest |λ| (the slowest mode), -1 if empty:
   * for tests and the "slowest" readouts.
   */
  slowest(set: 'model' | 'dmd'): number {
    const e = set === 'model' ? this.eig : this.dmd;
    if (set === 'model' && this.kind === 'none') return -1;
    let best = -1;
    let bi = -1;
    for (let i = 0; i < e.n; i++) {
      const m = Math.hypot(e.re[i]!, e.im[i]!);
      if (m > best) [best, bi] = [m, i];
    }
    return bi < 0 ? -1 : set === 'model' ? bi : this.eig.n + bi;
  }

  /** Screen position (CSS px) of dot i on the last drawn frame. */
  screenX(i: number): number {
    return this.sx[i] ?? 0;
  }

  screenY(i: number): number {
    return this.sy[i] ?? 0;
  }

  /** Draws the plot; returns the number of eigenvalue dots drawn (conjugates included). */
  draw(): number {
    const { ctx, box } = this;
    beginFrame(ctx, box);
    const w = box.width - PAD.left - PAD.right;
    const h = box.height - PAD.top - PAD.bottom;
    if (w <= 0 || h <= 0) return 0;
    const [re0, re1, im0, im1] = this.layout(w, h);
    this.drawGrid(w, h, re0, re1, im0, im1);

    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD.left, PAD.top, w, h);
    ctx.clip();
    this.drawRings();
    ctx.restore();
    this.drawRingLabels(re0, re1, im1);

    if (this.hover >= this.eig.n + this.dmd.n) this.hover = -1;
    if (this.kind === 'none') {
      this.drawNoRecurrence(w, h);
      this.drawDots(re0, re1, im0, im1);
      this.drawKey(0);
      return 0;
    }
    if (this.moved) this.drawTrained(re0, re1, im0, im1);
    const n = this.drawDots(re0, re1, im0, im1);
    this.drawKey(n);
    this.drawKick(w, h);
    return n;
  }

  /** The kicked eigenvalue ringed, and the inset with its plane's trajectory since the kick. */
  private drawKick(w: number, h: number): void {
    const k = this.kick;
    if (!k) return;
    const { ctx } = this;
    const offset = k.point.set === 'model' ? 0 : this.eig.n;
    const set = k.point.set === 'model' ? this.eig : this.dmd;
    ctx.strokeStyle = '#ffd166';
    ctx.lineWidth = 1.5;
    ctx.setLineDash(DASH);
    for (let i = 0; i < set.n; i++) {
      if (set.src[i] !== k.point.index) continue;
      ctx.beginPath();
      ctx.arc(this.sx[offset + i]!, this.sy[offset + i]!, DOT_PX + 5, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.setLineDash(SOLID);
    if (!k.plane || k.n < 2) return;
    // Inset, bottom right: the kicked plane's path since the kick, equal axes, head dot.
    const S = KICK_INSET_PX;
    const x0 = PAD.left + w - S - 6;
    const y0 = PAD.top + h - S - 6;
    ctx.fillStyle = 'rgba(11, 14, 19, 0.88)';
    ctx.fillRect(x0, y0, S, S);
    ctx.strokeStyle = '#3d4a5c';
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, y0 + 0.5, S - 1, S - 1);
    let lo = Infinity;
    let hi = -Infinity;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < k.n; i++) {
      cx += k.xy[2 * i]! / k.n;
      cy += k.xy[2 * i + 1]! / k.n;
    }
    for (let i = 0; i < 2 * k.n; i++) {
      const v = k.xy[i]! - (i % 2 === 0 ? cx : cy);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const half = Math.max(Math.abs(lo), Math.abs(hi), 1e-9);
    const sc = (S / 2 - 10) / half;
    const px = (i: number) => x0 + S / 2 + (k.xy[2 * i]! - cx) * sc;
    const py = (i: number) => y0 + S / 2 + 6 - (k.xy[2 * i + 1]! - cy) * sc;
    ctx.strokeStyle = '#ffd166';
    ctx.beginPath();
    ctx.moveTo(px(0), py(0));
    for (let i = 1; i < k.n; i++) ctx.lineTo(px(i), py(i));
    ctx.stroke();
    ctx.fillStyle = '#ffd166';
    ctx.beginPath();
    ctx.arc(px(k.n - 1), py(k.n - 1), 2.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.font = FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#c9d3df';
    ctx.fillText(`kick · ${(k.n / this.controlHz).toFixed(1)} s`, x0 + 4, y0 + 3);
  }

  /** The Transformer's marker: an explicit statement in place of dots. */
  private drawNoRecurrence(w: number, h: number): void {
    const { ctx } = this;
    const cx = PAD.left + w / 2;
    // Low in the plot, so the DMD eigenvalues of its hidden trajectory stay visible above.
    const cy = PAD.top + h - 84; // above the plot's buttons
    ctx.fillStyle = 'rgba(11, 14, 19, 0.82)';
    ctx.fillRect(cx - 150, cy - 34, 300, 68);
    ctx.strokeStyle = '#c98a3a';
    ctx.setLineDash(SOLID);
    ctx.strokeRect(cx - 150 + 0.5, cy - 34 + 0.5, 299, 67);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#f0b35a';
    ctx.font = 'bold 12px system-ui, sans-serif';
    ctx.fillText('No recurrence of its own', cx, cy - 16);
    ctx.fillStyle = '#a9b6c6';
    ctx.font = FONT;
    ctx.fillText('attention over the last 16 ticks; the state is that window,', cx, cy + 2);
    ctx.fillText('so there is no transition matrix and no eigenvalue to plot', cx, cy + 16);
  }

  /** The trained eigenvalues as grey rings, visible where surgery moved the live ones away. */
  private drawTrained(re0: number, re1: number, im0: number, im1: number): void {
    const { ctx, trained } = this;
    ctx.strokeStyle = '#5d6a7a';
    ctx.lineWidth = 1;
    ctx.setLineDash(SOLID);
    for (let i = 0; i < trained.n; i++) {
      this.toPlane(trained.re[i]!, trained.im[i]!);
      const re = this.pRe;
      const im = this.pIm;
      if (re < re0 || re > re1 || im < im0 || im > im1) continue;
      ctx.beginPath();
      ctx.arc(this.ox + re * this.kx, this.oy - im * this.ky, DOT_PX + 1.5, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  /** Sets the plane → screen map for the current mode; returns the visible [re0, re1, im0, im1]. */
  private layout(w: number, h: number): [number, number, number, number] {
    let re0: number, re1: number, im0: number, im1: number;
    if (this.domain === 'continuous' || this.zoom) {
      // The region fills the plot: |λ| near 1 spreads over the width.
      const region =
        this.domain === 'discrete' ? ZOOM_REGION : this.zoom ? CONT_ZOOM_REGION : CONT_FULL_REGION;
      [re0, re1] = region.re;
      [im0, im1] = region.im;
      this.kx = w / (re1 - re0);
      this.ky = h / (im1 - im0);
    } else {
      // Equal scale, so circles stay circles.
      const k = Math.min(w, h) / (2 * FULL_HALF_SPAN);
      this.kx = this.ky = k;
      re0 = -w / 2 / k;
      re1 = w / 2 / k;
      im0 = -h / 2 / k;
      im1 = h / 2 / k;
    }
    this.ox = PAD.left - re0 * this.kx;
    this.oy = PAD.top + im1 * this.ky;
    return [re0, re1, im0, im1];
  }

  private drawGrid(w: number, h: number, re0: number, re1: number, im0: number, im1: number): void {
    const { ctx } = this;
    const left = PAD.left;
    const top = PAD.top;
    const bottom = top + h;
    ctx.lineWidth = 1;
    ctx.font = FONT;
    ctx.fillStyle = TEXT;
    ctx.setLineDash(SOLID);

    const stepRe = niceStep(re1 - re0, 4);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let v = Math.ceil(re0 / stepRe - 1e-9) * stepRe; v <= re1 + 1e-9; v += stepRe) {
      const x = Math.round(this.ox + v * this.kx) + 0.5;
      ctx.strokeStyle = Math.abs(v) < stepRe / 2 ? AXIS : GRID;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText(tick(v, stepRe), x, bottom + 4);
    }
    const stepIm = niceStep(im1 - im0, 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let v = Math.ceil(im0 / stepIm - 1e-9) * stepIm; v <= im1 + 1e-9; v += stepIm) {
      const y = Math.round(this.oy - v * this.ky) + 0.5;
      ctx.strokeStyle = Math.abs(v) < stepIm / 2 ? AXIS : GRID;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + w, y);
      ctx.stroke();
      ctx.fillText(tick(v, stepIm), left - 4, y);
    }
    ctx.strokeStyle = AXIS;
    ctx.strokeRect(left + 0.5, top + 0.5, w - 1, h - 1);

    ctx.fillStyle = '#a9b6c6';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    const cont = this.domain === 'continuous';
    ctx.fillText(cont ? 'Re λc (1/s)' : 'Re λ', left + w - 4, bottom - 3);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(cont ? 'Im λc (rad/s)' : 'Im λ', left + 4, top + 3);

    // In the full view, outline the zoomed region so the two views connect.
    if (!this.zoom) {
      const z = cont ? CONT_ZOOM_REGION : ZOOM_REGION;
      ctx.strokeStyle = '#3d4a5c';
      ctx.setLineDash(DASH);
      const x0 = this.ox + z.re[0] * this.kx;
      const x1 = this.ox + z.re[1] * this.kx;
      const y0 = this.oy - z.im[1] * this.ky;
      const y1 = this.oy - z.im[0] * this.ky;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.setLineDash(SOLID);
    }
  }

  private drawRings(): void {
    const { ctx } = this;
    if (this.domain === 'continuous') {
      // |λ_d| = r is the vertical line Re λ_c = ln r / Δt; |λ_d| = 1 is the imaginary axis.
      for (const ring of RINGS) {
        const x = this.ox + Math.log(ring.r) * this.controlHz * this.kx;
        ctx.strokeStyle = ring.color;
        ctx.lineWidth = ring.dash ? 1 : 1.25;
        ctx.setLineDash(ring.dash ? DASH : SOLID);
        ctx.beginPath();
        ctx.moveTo(x, 0);
        ctx.lineTo(x, this.box.height);
        ctx.stroke();
      }
      ctx.setLineDash(SOLID);
      return;
    }
    for (const ring of RINGS) {
      // Skip the 0.99 circle in the full view: it would lie on the unit circle.
      if (!this.zoom && ring.r === 0.99) continue;
      ctx.strokeStyle = ring.color;
      ctx.lineWidth = ring.dash ? 1 : 1.25;
      ctx.setLineDash(ring.dash ? DASH : SOLID);
      ctx.beginPath();
      ctx.ellipse(this.ox, this.oy, ring.r * this.kx, ring.r * this.ky, 0, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.setLineDash(SOLID);
  }

  /** Each circle's |λ| where it leaves the top of the view (zoom) or at 215° (full view). */
  private drawRingLabels(re0: number, re1: number, im1: number): void {
    const { ctx } = this;
    ctx.font = FONT;
    ctx.textBaseline = 'top';
    for (const ring of RINGS) {
      if (this.domain === 'continuous') {
        const re = Math.log(ring.r) * this.controlHz;
        if (re < re0 || re > re1) continue;
        ctx.textAlign = 'right';
        ctx.fillStyle = ring.color === '#7a8798' ? '#9aa7b8' : '#6b7888';
        const y = this.oy - im1 * this.ky + (ring.r === 0.99 ? 28 : 16);
        ctx.fillText(ring.r === 1 ? '|λ| = 1' : ring.label, this.ox + re * this.kx - 3, y);
        continue;
      }
      if (!this.zoom && ring.r === 0.99) continue;
      let x: number;
      let y: number;
      if (this.zoom) {
        const imTop = im1 * 0.97;
        if (ring.r < imTop) continue;
        const re = Math.sqrt(ring.r * ring.r - imTop * imTop);
        if (re < re0 || re > re1) continue;
        x = this.ox + re * this.kx;
        y = this.oy - imTop * this.ky;
        // "1" right of its circle, the inner circles' labels left of theirs.
        ctx.textAlign = ring.r === 1 ? 'left' : 'right';
        x += ring.r === 1 ? 3 : -3;
      } else {
        // Lower left, away from the key (top left) and from eigenvalues near 1 (right).
        const a = (215 * Math.PI) / 180;
        x = this.ox + ring.r * Math.cos(a) * this.kx + (ring.r === 1 ? -3 : 4);
        y = this.oy - ring.r * Math.sin(a) * this.ky;
        ctx.textAlign = ring.r === 1 ? 'right' : 'left';
      }
      ctx.fillStyle = ring.color === '#7a8798' ? '#9aa7b8' : '#6b7888';
      ctx.fillText(ring.r === 1 ? '|λ| = 1' : ring.label, x, y);
    }
  }

  private drawDots(re0: number, re1: number, im0: number, im1: number): number {
    const { ctx, eig, dmd } = this;
    if (this.sx.length < eig.n + dmd.n) {
      this.sx = new Float32Array(eig.re.length + dmd.re.length);
      this.sy = new Float32Array(eig.re.length + dmd.re.length);
    }
    ctx.lineWidth = 1;
    const draw = this.kind !== 'none';
    for (let i = 0; i < eig.n && draw; i++) {
      this.toPlane(eig.re[i]!, eig.im[i]!);
      const re = this.pRe;
      const im = this.pIm;
      const inside = re >= re0 && re <= re1 && im >= im0 && im <= im1;
      const cr = Math.min(re1, Math.max(re0, re));
      const ci = Math.min(im1, Math.max(im0, im));
      const x = this.ox + cr * this.kx;
      const y = this.oy - ci * this.ky;
      this.sx[i] = x;
      this.sy[i] = y;
      const color = magnitudeColor(Math.hypot(eig.re[i]!, eig.im[i]!));
      ctx.globalAlpha = i < eig.given ? 1 : 0.8;
      ctx.beginPath();
      ctx.arc(x, y, inside ? DOT_PX : DOT_PX - 1, 0, 2 * Math.PI);
      if (inside) {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.strokeStyle = '#0b0e13';
      } else {
        ctx.strokeStyle = color;
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    // DMD eigenvalues: hollow diamonds, over the model's dots.
    ctx.strokeStyle = DMD_COLOR;
    ctx.lineWidth = 1.5;
    for (let j = 0; j < dmd.n; j++) {
      this.toPlane(dmd.re[j]!, dmd.im[j]!);
      const re = this.pRe;
      const im = this.pIm;
      const inside = re >= re0 && re <= re1 && im >= im0 && im <= im1;
      const x = this.ox + Math.min(re1, Math.max(re0, re)) * this.kx;
      const y = this.oy - Math.min(im1, Math.max(im0, im)) * this.ky;
      this.sx[eig.n + j] = x;
      this.sy[eig.n + j] = y;
      const r = inside ? DOT_PX + 1.5 : DOT_PX;
      ctx.beginPath();
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      ctx.stroke();
    }
    if (this.hover >= 0 && this.hover < eig.n + dmd.n) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(this.sx[this.hover]!, this.sy[this.hover]!, DOT_PX + 3, 0, 2 * Math.PI);
      ctx.stroke();
    }
    return eig.n;
  }

  /** Top left, under the axis name: where the eigenvalues come from, how many, the color key. */
  private drawKey(n: number): void {
    const { ctx } = this;
    const left = PAD.left + 6;
    const top = PAD.top + 18;
    ctx.font = FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = TEXT;
    const what =
      this.kind === 'cpg'
        ? 'CPG phase e^±iωΔt, amplitude ρe^±iωΔt'
        : this.kind === 'per-step'
          ? 'exp(Δ_t·A), this tick'
          : this.source === 'live'
            ? this.moved
              ? 'parametric, rescaled · ○ trained'
              : 'parametric'
            : this.source === 'card'
              ? 'from card'
              : 'no policy';
    if (this.kind !== 'none') ctx.fillText(`● ${n} λ · ${what}`, left, top);
    let y = this.kind !== 'none' ? top + 13 : top;
    if (this.dmd.n > 0) {
      ctx.fillStyle = DMD_COLOR;
      ctx.fillText(`◇ ${this.dmd.n} λ · DMD of the recent hidden trajectory`, left, y);
      y += 13;
    }
    if (this.kind === 'none') return;

    // Half-life ramp, 1 → 1000 steps on a log scale.
    const barW = 64;
    const barY = y + 2;
    for (let i = 0; i < barW; i++) {
      const steps = Math.pow(10, (3 * i) / (barW - 1));
      ctx.fillStyle = magnitudeColor(Math.pow(0.5, 1 / steps));
      ctx.fillRect(left + i, barY, 1, 5);
    }
    ctx.fillStyle = TEXT;
    ctx.fillText('half-life 1 → 1000 steps', left, barY + 8);
  }
}

function tick(v: number, step: number): string {
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return (Math.abs(v) < step / 1e6 ? 0 : v).toFixed(digits);
}

/** The eigenvalue plot's heading for a card's family. */
export function eigenPlotTitle(card: PolicyCard | undefined): string {
  switch (eigenKind(card)) {
    case 'cpg':
      return 'CPG eigenvalues per control step (angle ω·Δt)';
    case 'parametric':
      return 'Eigenvalues of the recurrence (parametric)';
    case 'per-step':
      return 'Eigenvalues of this tick’s transition (input-dependent)';
    default:
      return card ? 'Eigenvalues: none (no recurrence)' : 'Eigenvalues';
  }
}
