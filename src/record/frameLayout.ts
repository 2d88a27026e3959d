/**
 * Where things go in a clip frame of W × H pixels: the 3D view on the left, the dynamics panel
 * (plots stacked, then readouts) in a column on the right, an optional title bar across the top
 * and the clip time in the view's corner. Pure arithmetic, so it is tested without a canvas.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FrameLayout {
  /** Scale of text and strokes relative to a 720-pixel-high frame. */
  scale: number;
  title: Rect | undefined;
  scene: Rect;
  panel: Rect;
  /** One per plot: its heading line and its drawing area below it. */
  plots: { heading: Rect; area: Rect }[];
  readouts: Rect;
  time: Rect;
}

/** Share of the frame width given to the panel column. */
const PANEL_SHARE = 0.3;

export function frameLayout(
  width: number,
  height: number,
  plotCount: number,
  withTitle: boolean,
): FrameLayout {
  const scale = height / 720;
  const gap = Math.round(10 * scale);
  const titleH = withTitle ? Math.round(44 * scale) : 0;
  const title = withTitle ? { x: 0, y: 0, w: width, h: titleH } : undefined;
  const panelW = Math.round(width * PANEL_SHARE);
  const scene = { x: 0, y: titleH, w: width - panelW, h: height - titleH };
  const panel = { x: width - panelW, y: titleH, w: panelW, h: height - titleH };
  const headingH = Math.round(20 * scale);
  const readoutH = Math.round(86 * scale);
  const inner = panel.w - 2 * gap;
  // Plots share the height left after the readouts, each at most square.
  const avail = panel.h - readoutH - gap * (plotCount + 2);
  const each = plotCount > 0 ? Math.min(inner, Math.floor(avail / plotCount) - headingH) : 0;
  const plots: FrameLayout['plots'] = [];
  let y = panel.y + gap;
  for (let i = 0; i < plotCount; i++) {
    plots.push({
      heading: { x: panel.x + gap, y, w: inner, h: headingH },
      area: { x: panel.x + gap, y: y + headingH, w: inner, h: Math.max(0, each) },
    });
    y += headingH + Math.max(0, each) + gap;
  }
  const readouts = { x: panel.x + gap, y, w: inner, h: panel.y + panel.h - y - gap };
  const timeW = Math.round(150 * scale);
  const timeH = Math.round(30 * scale);
  const time = { x: scene.x + scene.w - timeW - gap, y: scene.y + gap, w: timeW, h: timeH };
  return { scale, title, scene, panel, plots, readouts, time };
}
