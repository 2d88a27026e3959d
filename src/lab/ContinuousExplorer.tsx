import { useMemo } from 'react';
import { continuousToDiscrete, trajectory2 } from './labMath';
import { CONTROLS, PRESETS, type LabState } from './labState';
import { pathOf, Plot, Slider, UnitCircle } from './Plot';

type Set = (patch: Partial<LabState>) => void;

const fmt = (v: number, d = 3) =>
  !Number.isFinite(v)
    ? '∞'
    : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)
      ? v.toExponential(2)
      : v.toFixed(d);

/**
 * dx/dt = A x with eigenvalues Re λ ± i·Im λ, solved exactly (e^{At}, labMath.expm2): the phase
 * portrait, both components over time, and the eigenvalue pair in the complex plane against the
 * imaginary axis (continuous stability boundary) and the unit circle (discrete).
 */
export function ContinuousExplorer({ s, set }: { s: LabState; set: Set }) {
  const traj = useMemo(
    () => trajectory2(s.re, s.im, [s.x0, s.y0], s.T),
    [s.re, s.im, s.x0, s.y0, s.T],
  );
  let extent = 0;
  for (let i = 0; i < traj.x.length; i++)
    extent = Math.max(extent, Math.abs(traj.x[i]!), Math.abs(traj.y[i]!));
  extent = Math.max(extent * 1.08, 0.5);
  const last = traj.x.length - 1;
  const dt = 1 / s.hz;
  const ld = continuousToDiscrete([s.re, s.im], dt);
  const active = PRESETS.find((p) =>
    Object.entries(p.values).every(([k, v]) => s[k as keyof LabState] === v),
  );
  const stability =
    s.re < 0 ? 'decays (stable)' : s.re === 0 ? 'neither grows nor decays' : 'grows (unstable)';
  return (
    <section className="lab-section" aria-labelledby="ct-title" data-testid="continuous">
      <h2 id="ct-title">1 · Continuous time: dx/dt = A x</h2>
      <p className="lede">
        A 2-D linear system whose eigenvalues are Re λ ± i·Im λ. Im λ turns the state, Re λ shrinks
        or grows it; the solution is exact (the matrix exponential), not integrated.
      </p>
      <div className="presets" role="group" aria-label="Presets">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            data-testid={`preset-${p.id}`}
            aria-pressed={active?.id === p.id}
            title={p.note}
            onClick={() => set(p.values)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {active && (
        <p className="note" data-testid="preset-note">
          {active.note}
        </p>
      )}
      <div className="lab-grid">
        <div className="controls-col">
          {(['re', 'im', 'x0', 'y0', 'T'] as const).map((k) => (
            <Slider
              key={k}
              id={k}
              label={k === 'T' ? `${CONTROLS[k].label} (s)` : CONTROLS[k].label}
              value={s[k]}
              min={CONTROLS[k].min}
              max={CONTROLS[k].max}
              step={CONTROLS[k].step}
              digits={CONTROLS[k].digits}
              onChange={(v) => set({ [k]: v })}
            />
          ))}
          <dl className="facts" data-testid="ct-facts">
            <dt>Eigenvalues</dt>
            <dd data-testid="ct-eig">
              {s.re.toFixed(2)} ± {s.im.toFixed(2)}i: {stability}
            </dd>
            <dt>Period 2π / Im λ</dt>
            <dd data-testid="ct-period">
              {s.im > 0 ? `${fmt((2 * Math.PI) / s.im, 2)} s` : 'no rotation'}
            </dd>
            <dt>Time constant 1 / |Re λ|</dt>
            <dd data-testid="ct-tau">{s.re !== 0 ? `${fmt(1 / Math.abs(s.re), 2)} s` : '∞'}</dd>
            <dt>Radius after time T: e^(Re λ·T)</dt>
            <dd data-testid="ct-growth">× {fmt(Math.exp(s.re * s.T), 4)}</dd>
            <dt>
              At {s.hz} Hz: λ<sub>d</sub> = e^(λ·Δt)
            </dt>
            <dd data-testid="ct-discrete">
              {fmt(ld[0], 5)} ± {fmt(Math.abs(ld[1]), 5)}i, |λ<sub>d</sub>| ={' '}
              {fmt(Math.hypot(...ld), 5)}
            </dd>
          </dl>
        </div>
        <Plot
          testid="ct-phase"
          label={`Phase portrait from (${s.x0}, ${s.y0}) over ${s.T} s`}
          x={{ min: -extent, max: extent, label: 'x' }}
          y={{ min: -extent, max: extent, label: 'y' }}
          equal
        >
          {(sx, sy) => (
            <>
              <path className="curve c0" d={pathOf(traj.x, traj.y, sx, sy)} />
              <circle
                className="dot-start"
                data-testid="ct-start"
                cx={sx(traj.x[0]!)}
                cy={sy(traj.y[0]!)}
                r={4.5}
              />
              <circle
                className="dot-end"
                data-testid="ct-end"
                data-x={traj.x[last]!.toPrecision(6)}
                data-y={traj.y[last]!.toPrecision(6)}
                cx={sx(traj.x[last]!)}
                cy={sy(traj.y[last]!)}
                r={4.5}
              />
            </>
          )}
        </Plot>
        <Plot
          testid="ct-time"
          label="Both components over time"
          x={{ min: 0, max: s.T, label: 'time (s)' }}
          y={{ min: -extent, max: extent, label: 'x(t), y(t)' }}
        >
          {(sx, sy) => (
            <>
              <line className="zero" x1={sx(0)} x2={sx(s.T)} y1={sy(0)} y2={sy(0)} />
              <path className="curve c0" d={pathOf(traj.t, traj.x, sx, sy)} />
              <path className="curve c1" d={pathOf(traj.t, traj.y, sx, sy)} />
              <text className="legend c0" x={sx(s.T) - 40} y={sy(extent) + 14}>
                x(t)
              </text>
              <text className="legend c1" x={sx(s.T) - 40} y={sy(extent) + 28}>
                y(t)
              </text>
            </>
          )}
        </Plot>
        <Plot
          testid="ct-complex"
          label={`Eigenvalues ${s.re} ± ${s.im}i in the complex plane`}
          x={{ min: -2.2, max: 1.2, label: 'Re λ' }}
          y={{ min: -3.3, max: 3.3, label: 'Im λ' }}
          height={300}
          equal
        >
          {(sx, sy) => (
            <>
              <rect
                className="unstable-half"
                x={sx(0)}
                y={sy(10)}
                width={sx(10) - sx(0)}
                height={sy(-10) - sy(10)}
              />
              <line className="imag-axis" x1={sx(0)} x2={sx(0)} y1={sy(-10)} y2={sy(10)} />
              <line className="zero" x1={sx(-10)} x2={sx(10)} y1={sy(0)} y2={sy(0)} />
              <UnitCircle sx={sx} sy={sy} />
              <text className="annot" x={sx(0) - 4} y={sy(3.0)} textAnchor="end">
                Re λ = 0: continuous boundary
              </text>
              <text className="annot dim" x={sx(-1.08)} y={sy(-1.0)} textAnchor="end">
                |λ| = 1: discrete
              </text>
              {[1, -1].map((sign) => (
                <circle
                  key={sign}
                  className="eig-dot"
                  data-testid={sign > 0 ? 'ct-eig-dot' : undefined}
                  data-re={s.re}
                  data-im={sign * s.im}
                  cx={sx(s.re)}
                  cy={sy(sign * s.im)}
                  r={5}
                />
              ))}
            </>
          )}
        </Plot>
      </div>
    </section>
  );
}
