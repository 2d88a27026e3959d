/** A canvas's drawing size: CSS pixels and the device pixel ratio of its backing store. */
export interface CanvasBox {
  width: number;
  height: number;
  dpr: number;
}

/**
 * Keeps `canvas`'s backing store at its CSS size × devicePixelRatio, so 2D drawing in CSS pixels
 * stays sharp. Calls `onResize` now and after every change; returns the disconnect.
 */
export function fitCanvas(
  canvas: HTMLCanvasElement,
  box: CanvasBox,
  onResize: () => void,
): () => void {
  const apply = () => {
    const dpr = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    if (width === box.width && height === box.height && dpr === box.dpr) return;
    box.width = width;
    box.height = height;
    box.dpr = dpr;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    onResize();
  };
  apply();
  const ro = new ResizeObserver(apply);
  ro.observe(canvas);
  return () => ro.disconnect();
}

/** Starts a frame for drawing in CSS pixels: resets the transform to the box's DPR and clears. */
export function beginFrame(ctx: CanvasRenderingContext2D, box: CanvasBox): void {
  ctx.setTransform(box.dpr, 0, 0, box.dpr, 0, 0);
  ctx.clearRect(0, 0, box.width, box.height);
}

/**
 * Schedules `draw` on the next animation frame when marked dirty, at most once per frame: a
 * plot redraws only when new data arrived. `cancel()` drops a pending frame.
 */
export class DirtyFrame {
  private handle = 0;

  constructor(private readonly draw: () => void) {}

  mark = (): void => {
    if (this.handle) return;
    this.handle = requestAnimationFrame(() => {
      this.handle = 0;
      this.draw();
    });
  };

  cancel(): void {
    if (this.handle) cancelAnimationFrame(this.handle);
    this.handle = 0;
  }
}

/** A "nice" grid step (1, 2 or 5 × 10^k) giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const k = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / k;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * k;
}

/**
 * A plot drawn imperatively on a 2D context over `box` (CSS px). `renderTo` draws the current
 * state onto another context and box (a clip frame, a still, an SVG), leaving the on-screen
 * canvas and its size untouched.
 */
export abstract class CanvasView {
  readonly box: CanvasBox = { width: 0, height: 0, dpr: 1 };

  constructor(protected ctx: CanvasRenderingContext2D) {}

  /** Draws the plot on `ctx` over `box`; returns what the view counts (points, dots). */
  abstract draw(): number;

  renderTo(ctx: CanvasRenderingContext2D, box: CanvasBox): void {
    const own = this.ctx;
    const saved = { ...this.box };
    this.ctx = ctx;
    Object.assign(this.box, box);
    try {
      this.draw();
    } finally {
      this.ctx = own;
      Object.assign(this.box, saved);
    }
  }
}
