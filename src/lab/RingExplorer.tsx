import { halfLifeSteps, histogram, ringDensity, ringMoments } from './labMath';
import { CONTROLS, type LabState } from './labState';
import { Plot, Slider, UnitCircle } from './Plot';

type Set = (patch: Partial<LabState>) => void;

const BINS = 20;

export const fmtMs = (steps: number, hz: number, unit = true): string =>
  Number.isFinite(steps) ? `${((steps / hz) * 1000).toFixed(0)}${unit ? ' ms' : ''}` : '∞';

/**
 * The LRU's initialisation: eigenvalues uniform on the annulus r_min ≤ |λ| ≤ r_max (by area) with
 * phases up to max_phase, on the unit circle; the radii's histogram against the analytic density
 * 2ρ/(r_max² − r_min²); each eigenvalue's memory half-life in steps and in ms at the control rate.
 */
export function RingExplorer({
  s,
  set,
  ring,
}: {
  s: LabState;
  set: Set;
  ring: { r: number[]; theta: number[] };
}) {
  const { rmin, rmax, hz } = s;
  const counts = histogram(ring.r, rmin, rmax, BINS);
  const bw = (rmax - rmin) / BINS;
  const expected = (rho: number) => ring.r.length * bw * ringDensity(rho, rmin, rmax);
  const yMax = Math.max(...counts, expected(rmax)) * 1.15;
  const m = ringMoments(rmin, rmax);
  const sorted = [...ring.r].sort((a, b) => a - b);
  const sampleMedian = sorted[Math.floor(sorted.length / 2)]!;
  const sampleMean = ring.r.reduce((a, b) => a + b, 0) / ring.r.length;
  const rows = ring.r.map((r, i) => ({ r, theta: ring.theta[i]!, i })).sort((a, b) => b.r - a.r);
  const densityPts = Array.from({ length: 41 }, (_, i) => rmin + ((rmax - rmin) * i) / 40);
  return (
    <section className="lab-section" aria-labelledby="ring-title" data-testid="ring">
      <h2 id="ring-title">3 · The LRU ring: where a trainable recurrence starts</h2>
      <p className="lede">
        The Linear Recurrent Unit draws its eigenvalues uniformly on an annulus near the unit circle
        (|λ|² uniform in [r_min², r_max²]) with phases up to a maximum, so every mode starts with a
        long memory and a slow rotation.
      </p>
      <div className="lab-grid">
        <div className="controls-col">
          {(['rmin', 'rmax', 'maxphase', 'n', 'seed'] as const).map((k) => (
            <Slider
              key={k}
              id={k}
              label={CONTROLS[k].label}
              value={s[k]}
              min={CONTROLS[k].min}
              max={CONTROLS[k].max}
              step={CONTROLS[k].step}
              digits={CONTROLS[k].digits}
              onChange={(v) => {
                // Keep r_min < r_max: moving one past the other drags it along.
                if (k === 'rmin' && v >= rmax)
                  set({ rmin: v, rmax: Math.min(1, +(v + 0.001).toFixed(3)) });
                else if (k === 'rmax' && v <= rmin)
                  set({ rmax: v, rmin: Math.max(0, +(v - 0.001).toFixed(3)) });
                else set({ [k]: v });
              }}
            />
          ))}
          <dl className="facts" data-testid="ring-facts">
            <dt>Median radius √((r_min² + r_max²)/2)</dt>
            <dd data-testid="ring-median">
              {m.median.toFixed(7)} (sample {sampleMedian.toFixed(4)})
            </dd>
            <dt>Mean radius ⅔(r_max³ − r_min³)/(r_max² − r_min²)</dt>
            <dd data-testid="ring-mean">
              {m.mean.toFixed(7)} (sample {sampleMean.toFixed(4)})
            </dd>
            <dt>Half-life at r_min / r_max ({hz} Hz)</dt>
            <dd data-testid="ring-halflife">
              {fmtSteps(halfLifeSteps(rmin))} / {fmtSteps(halfLifeSteps(rmax))} steps ={' '}
              {fmtMs(halfLifeSteps(rmin), hz)} / {fmtMs(halfLifeSteps(rmax), hz)}
            </dd>
          </dl>
        </div>
        <Plot
          testid="ring-circle"
          label={`${ring.r.length} eigenvalues on the annulus ${rmin} to ${rmax}, phases up to ${s.maxphase} rad`}
          x={{ min: -1.1, max: 1.1, label: 'Re λ' }}
          y={{ min: -1.1, max: 1.1, label: 'Im λ' }}
          equal
        >
          {(sx, sy) => {
            const px = sx(1) - sx(0);
            return (
              <>
                <circle
                  className="annulus"
                  cx={sx(0)}
                  cy={sy(0)}
                  r={((rmin + rmax) / 2) * px}
                  strokeWidth={Math.max(1, (rmax - rmin) * px)}
                />
                <UnitCircle sx={sx} sy={sy} />
                <line className="zero" x1={sx(-2)} x2={sx(2)} y1={sy(0)} y2={sy(0)} />
                <line
                  className="phase-ray"
                  x1={sx(0)}
                  y1={sy(0)}
                  x2={sx(1.08 * Math.cos(s.maxphase))}
                  y2={sy(1.08 * Math.sin(s.maxphase))}
                />
                {ring.r.map((r, i) => (
                  <circle
                    key={i}
                    className="eig-dot small"
                    cx={sx(r * Math.cos(ring.theta[i]!))}
                    cy={sy(r * Math.sin(ring.theta[i]!))}
                    r={2.6}
                  >
                    <title>
                      |λ| = {r.toFixed(4)}, arg λ = {ring.theta[i]!.toFixed(3)} rad, half-life{' '}
                      {halfLifeSteps(r).toFixed(1)} steps
                    </title>
                  </circle>
                ))}
              </>
            );
          }}
        </Plot>
        <Plot
          testid="ring-hist"
          label={`Histogram of ${ring.r.length} radii against the analytic density`}
          x={{ min: rmin, max: rmax, label: '|λ|' }}
          y={{ min: 0, max: yMax, label: 'count' }}
        >
          {(sx, sy) => (
            <>
              {counts.map((c, i) => (
                <rect
                  key={i}
                  className="bar"
                  data-count={c}
                  x={sx(rmin + i * bw) + 0.5}
                  width={Math.max(0.5, sx(rmin + (i + 1) * bw) - sx(rmin + i * bw) - 1)}
                  y={sy(c)}
                  height={sy(0) - sy(c)}
                />
              ))}
              <path
                className="curve c1"
                data-testid="ring-density"
                d={densityPts
                  .map(
                    (rho, i) =>
                      `${i ? 'L' : 'M'}${sx(rho).toFixed(2)} ${sy(expected(rho)).toFixed(2)}`,
                  )
                  .join('')}
              />
              <text className="legend c1" x={sx(rmin) + 6} y={sy(yMax) + 14}>
                n·bin·2ρ/(r_max² − r_min²)
              </text>
            </>
          )}
        </Plot>
        <div className="table-wrap" data-testid="ring-table">
          <table>
            <caption>Each eigenvalue&apos;s memory at {hz} Hz</caption>
            <thead>
              <tr>
                <th>|λ|</th>
                <th>arg λ</th>
                <th>half-life (steps)</th>
                <th>(ms)</th>
                <th>rotation</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ r, theta, i }) => (
                <tr key={i}>
                  <td>{r.toFixed(4)}</td>
                  <td>{theta.toFixed(3)}</td>
                  <td>{halfLifeSteps(r).toFixed(1)}</td>
                  <td>{fmtMs(halfLifeSteps(r), hz, false)}</td>
                  <td>{((wrapAngle(theta) * hz) / (2 * Math.PI)).toFixed(2)} Hz</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/** An angle in (−π, π]: the turn per step a sampled rotation actually shows (|f| ≤ Nyquist). */
function wrapAngle(a: number): number {
  const w = a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
  return w <= -Math.PI ? w + 2 * Math.PI : w;
}

/** Steps with two decimals, or ∞ (|λ| = 1 never halves). */
function fmtSteps(steps: number): string {
  return Number.isFinite(steps) ? steps.toFixed(2) : '∞';
}
