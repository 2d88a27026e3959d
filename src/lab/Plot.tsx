import type { ReactNode } from 'react';

/** Evenly spaced "nice" ticks (steps of 1, 2 or 5 × 10^k) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [min];
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

export interface Axis {
  min: number;
  max: number;
  /** log10 axis: min and max are the values, not their logs. */
  log?: boolean;
  label: string;
}

export type Scale = (v: number) => number;

const M = { left: 46, right: 10, top: 10, bottom: 34 };

function fmtTick(v: number, log: boolean): string {
  if (log) return `1e${Math.round(Math.log10(v))}`;
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(0) : String(v);
}

/**
 * An SVG plot frame: axes with ticks and labels, a clip rectangle, and `children(sx, sy)` drawn
 * inside with data → pixel scales. `equal` makes one unit the same length on both axes (phase
 * portraits, the complex plane), widening the shorter domain around its center.
 */
export function Plot({
  x,
  y,
  width = 340,
  height = 260,
  equal = false,
  label,
  testid,
  children,
}: {
  x: Axis;
  y: Axis;
  width?: number;
  height?: number;
  equal?: boolean;
  /** Accessible description of what the plot shows now. */
  label: string;
  testid: string;
  children: (sx: Scale, sy: Scale) => ReactNode;
}) {
  const w = width - M.left - M.right;
  const h = height - M.top - M.bottom;
  let [x0, x1, y0, y1] = [x.min, x.max, y.min, y.max];
  if (equal) {
    const ppu = Math.min(w / (x1 - x0), h / (y1 - y0));
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    [x0, x1] = [cx - w / ppu / 2, cx + w / ppu / 2];
    [y0, y1] = [cy - h / ppu / 2, cy + h / ppu / 2];
  }
  const lx = (v: number) => (x.log ? Math.log10(v) : v);
  const ly = (v: number) => (y.log ? Math.log10(v) : v);
  const [ax0, ax1, ay0, ay1] = [lx(x0), lx(x1), ly(y0), ly(y1)];
  const sx: Scale = (v) => M.left + ((lx(v) - ax0) / (ax1 - ax0)) * w;
  const sy: Scale = (v) => M.top + h - ((ly(v) - ay0) / (ay1 - ay0)) * h;
  const ticks = (lo: number, hi: number, log = false) =>
    log
      ? niceTicks(Math.ceil(Math.log10(lo)), Math.floor(Math.log10(hi)), 6)
          .filter(Number.isInteger)
          .map((e) => 10 ** e)
      : niceTicks(lo, hi, equal ? 4 : 5);
  const clip = `clip-${testid}`;
  return (
    <svg
      className="plot"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testid}
    >
      <defs>
        <clipPath id={clip}>
          <rect x={M.left} y={M.top} width={w} height={h} />
        </clipPath>
      </defs>
      <rect className="plot-bg" x={M.left} y={M.top} width={w} height={h} />
      {ticks(x0, x1, x.log).map((v) => (
        <g key={`x${v}`} className="tick">
          <line x1={sx(v)} x2={sx(v)} y1={M.top} y2={M.top + h} />
          <text x={sx(v)} y={M.top + h + 13} textAnchor="middle">
            {fmtTick(v, !!x.log)}
          </text>
        </g>
      ))}
      {ticks(y0, y1, y.log).map((v) => (
        <g key={`y${v}`} className="tick">
          <line x1={M.left} x2={M.left + w} y1={sy(v)} y2={sy(v)} />
          <text x={M.left - 4} y={sy(v) + 3.5} textAnchor="end">
            {fmtTick(v, !!y.log)}
          </text>
        </g>
      ))}
      <text className="axis-label" x={M.left + w / 2} y={height - 4} textAnchor="middle">
        {x.label}
      </text>
      <text
        className="axis-label"
        transform={`translate(11 ${M.top + h / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {y.label}
      </text>
      <g clipPath={`url(#${clip})`}>{children(sx, sy)}</g>
    </svg>
  );
}

/** SVG path through points (x[i], y[i]); non-finite points break the line. */
export function pathOf(xs: ArrayLike<number>, ys: ArrayLike<number>, sx: Scale, sy: Scale): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const px = sx(xs[i]!);
    const py = sy(ys[i]!);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    // Keep far-off points inside what SVG renders reliably; the clip hides them anyway.
    const cx = Math.max(-1e5, Math.min(1e5, px));
    const cy = Math.max(-1e5, Math.min(1e5, py));
    d += `${pen ? 'L' : 'M'}${cx.toFixed(2)} ${cy.toFixed(2)}`;
    pen = true;
  }
  return d;
}

/** The unit circle (and optionally the axes through 0) in complex-plane plots. */
export function UnitCircle({ sx, sy }: { sx: Scale; sy: Scale }) {
  const r = sx(1) - sx(0);
  return (
    <g>
      <circle className="unit-circle" cx={sx(0)} cy={sy(0)} r={Math.abs(r)} />
    </g>
  );
}

/** One labelled slider: a native range input (arrows, Page Up/Down, Home/End from the keyboard). */
export function Slider({
  id,
  label,
  value,
  min,
  max,
  step,
  digits,
  onChange,
  disabled = false,
  title,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  digits: number;
  onChange: (v: number) => void;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <label className="slider" title={title}>
      <span className="slider-label">{label}</span>
      <input
        type="range"
        data-testid={`ctl-${id}`}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-valuetext={value.toFixed(digits)}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output data-testid={`ctl-${id}-value`}>{value.toFixed(digits)}</output>
    </label>
  );
}
