import { useMemo } from 'react';
import {
  continuousToDiscrete,
  discreteToContinuous,
  gradientNorms,
  halfLifeSteps,
  powerAfter,
  TABLE_MODULI,
} from './labMath';
import { CONTROLS, snap, SPECTRA, type LabState, type Spectrum } from './labState';
import { pathOf, Plot, Slider, UnitCircle } from './Plot';

type Set = (patch: Partial<LabState>) => void;

export const fmtPow = (v: number): string =>
  v === 1
    ? '1'
    : !Number.isFinite(v)
      ? '∞'
      : v >= 1e4 || v < 1e-3
        ? v.toExponential(3)
        : v.toPrecision(4);

const SPECTRUM_LABEL: Record<Spectrum, string> = {
  single: 'this λ',
  ring: 'the LRU ring (section 3)',
  policy: 'the policy (section 4)',
};

/**
 * h_t = λ h_{t−1}: |λ|^t on a log scale, the |λ|^T table, the gradient norm through T steps for a
 * chosen spectrum, and the conversion λ_d = exp(λ_c·Δt) to and from the continuous explorer.
 */
export function DiscreteExplorer({
  s,
  set,
  ringModuli,
  policyModuli,
}: {
  s: LabState;
  set: Set;
  ringModuli: number[];
  policyModuli: number[] | undefined;
}) {
  const T = s.steps;
  const ts = useMemo(() => Array.from({ length: T + 1 }, (_, t) => t), [T]);
  const pow = ts.map((t) => powerAfter(s.mod, t));
  const end = pow[T]!;
  // y range: the curve's end and the reference curves' ends, within [1e-12, 1e12], at least 1e±2.
  const lo = Math.max(1e-12, Math.min(1e-2, end, powerAfter(0.9, T)));
  const hi = Math.min(1e12, Math.max(1e2, end, powerAfter(1.1, T)));
  const spectrum: number[] =
    s.spectrum === 'ring'
      ? ringModuli
      : s.spectrum === 'policy' && policyModuli?.length
        ? policyModuli
        : [s.mod];
  const grad = gradientNorms(spectrum, ts);
  const gLo = Math.max(1e-12, Math.min(1e-2, ...grad.rms.slice(-1)));
  const gHi = Math.min(1e12, Math.max(10, grad.spectral[T]!));
  const below = grad.spectral.findIndex((g) => g < 1e-3);
  const dt = 1 / s.hz;
  const lc = discreteToContinuous([s.mod * Math.cos(s.phase), s.mod * Math.sin(s.phase)], dt);
  const fromCt = continuousToDiscrete([s.re, s.im], dt);
  const steps = ts.filter((t) => t <= Math.min(T, 400));
  const hx = steps.map((t) => powerAfter(s.mod, t) * Math.cos(s.phase * t));
  const hy = steps.map((t) => powerAfter(s.mod, t) * Math.sin(s.phase * t));
  const hExt = Math.max(1.2, ...hx.map(Math.abs), ...hy.map(Math.abs)) * 1.05;
  return (
    <section className="lab-section" aria-labelledby="dt-title" data-testid="discrete">
      <h2 id="dt-title">2 · Discrete time: h_t = λ h_(t−1)</h2>
      <p className="lede">
        After T steps the state is multiplied by λ^T, and so is the gradient that flows back through
        those steps. Below 1 it vanishes, above 1 it explodes, exponentially in T: only near |λ| = 1
        does a recurrent network remember, and train.
      </p>
      <div className="lab-grid">
        <div className="controls-col">
          {(['mod', 'phase', 'steps', 'hz'] as const).map((k) => (
            <Slider
              key={k}
              id={k}
              label={CONTROLS[k].label}
              value={s[k]}
              min={CONTROLS[k].min}
              max={CONTROLS[k].max}
              step={CONTROLS[k].step}
              digits={CONTROLS[k].digits}
              onChange={(v) => set({ [k]: v })}
            />
          ))}
          <table className="pow-table" data-testid="pow-table">
            <caption>|λ|^T at T = {T}</caption>
            <thead>
              <tr>
                <th>|λ|</th>
                <th>|λ|^T</th>
                <th>half-life</th>
              </tr>
            </thead>
            <tbody>
              {[...TABLE_MODULI, s.mod]
                .filter((m, i, a) => a.indexOf(m) === i)
                .sort((a, b) => a - b)
                .map((m) => (
                  <tr key={m} className={m === s.mod ? 'current' : ''} data-mod={m}>
                    <td>{m}</td>
                    <td data-testid={`pow-${m}`}>{fmtPow(powerAfter(m, T))}</td>
                    <td>
                      {m < 1 ? `${halfLifeSteps(m).toFixed(1)} steps` : m === 1 ? '∞' : 'grows'}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          <div className="conversion" data-testid="conversion">
            <p>
              λ<sub>d</sub> = e^(λ<sub>c</sub>·Δt), Δt = 1/{s.hz} s:
            </p>
            <p data-testid="conv-d2c">
              this λ = {s.mod}·e^(i·{s.phase}) ⇔ λ<sub>c</sub> = {lc[0].toFixed(3)} +{' '}
              {lc[1].toFixed(3)}i s⁻¹
            </p>
            <p data-testid="conv-c2d">
              section 1’s λ<sub>c</sub> = {s.re} + {s.im}i ⇔ λ<sub>d</sub> ={' '}
              {Math.hypot(...fromCt).toFixed(5)}·e^(i·
              {Math.atan2(fromCt[1], fromCt[0]).toFixed(5)})
            </p>
            <div className="row">
              <button
                type="button"
                data-testid="use-continuous"
                title="Set |λ| and arg λ from section 1's eigenvalue at this control rate"
                onClick={() =>
                  set({
                    mod: snap(CONTROLS.mod, Math.hypot(...fromCt)),
                    phase: snap(CONTROLS.phase, Math.atan2(fromCt[1], fromCt[0])),
                  })
                }
              >
                ↓ take section 1’s λ
              </button>
              <button
                type="button"
                data-testid="send-continuous"
                title="Set section 1's Re λ and Im λ from this λ at this control rate (clamped to its ranges)"
                onClick={() =>
                  set({ re: snap(CONTROLS.re, lc[0]), im: snap(CONTROLS.im, Math.abs(lc[1])) })
                }
              >
                ↑ send this λ to section 1
              </button>
            </div>
          </div>
        </div>
        <Plot
          testid="dt-power"
          label={`|λ|^t for |λ| = ${s.mod} up to t = ${T}: ${fmtPow(end)} at the end`}
          x={{ min: 0, max: T, label: 'step t' }}
          y={{ min: lo, max: hi, log: true, label: '|λ|^t (log)' }}
        >
          {(sx, sy) => (
            <>
              {[0.9, 1.1].map((m) => (
                <path
                  key={m}
                  className="curve ref"
                  d={pathOf(
                    ts,
                    ts.map((t) => powerAfter(m, t)),
                    sx,
                    sy,
                  )}
                />
              ))}
              <line className="imag-axis" x1={sx(0)} x2={sx(T)} y1={sy(1)} y2={sy(1)} />
              <path className="curve c0" data-testid="dt-power-curve" d={pathOf(ts, pow, sx, sy)} />
              <text
                className="annot dim"
                x={sx(T) - 4}
                y={sy(Math.min(hi, powerAfter(1.1, T))) + 12}
                textAnchor="end"
              >
                1.1
              </text>
              <text
                className="annot dim"
                x={sx(T) - 4}
                y={sy(Math.max(lo, powerAfter(0.9, T))) - 4}
                textAnchor="end"
              >
                0.9
              </text>
              <text className="readout-in" data-testid="dt-power-end" x={sx(0) + 6} y={sy(hi) + 14}>
                |λ|^{T} = {fmtPow(end)}
              </text>
            </>
          )}
        </Plot>
        <Plot
          testid="dt-orbit"
          label={`h_t = λ^t h_0 for λ = ${s.mod}·e^(i·${s.phase}), first ${steps.length} steps`}
          x={{ min: -hExt, max: hExt, label: 'Re h' }}
          y={{ min: -hExt, max: hExt, label: 'Im h' }}
          equal
        >
          {(sx, sy) => (
            <>
              <UnitCircle sx={sx} sy={sy} />
              <path className="curve c0 thin" d={pathOf(hx, hy, sx, sy)} />
              {hx.map((x, i) =>
                i % Math.max(1, Math.floor(hx.length / 60)) === 0 ? (
                  <circle key={i} className="orbit-dot" cx={sx(x)} cy={sy(hy[i]!)} r={1.8} />
                ) : null,
              )}
              <circle className="dot-start" cx={sx(1)} cy={sy(0)} r={4} />
            </>
          )}
        </Plot>
        <div className="plot-col">
          <fieldset className="spectrum" data-testid="spectrum">
            <legend>Gradient norm through T steps, for</legend>
            {SPECTRA.map((sp) => (
              <label key={sp}>
                <input
                  type="radio"
                  name="spectrum"
                  value={sp}
                  data-testid={`spectrum-${sp}`}
                  checked={s.spectrum === sp}
                  disabled={sp === 'policy' && !policyModuli?.length}
                  onChange={() => set({ spectrum: sp })}
                />
                {SPECTRUM_LABEL[sp]}
                {sp !== 'single' &&
                  ` (${sp === 'ring' ? ringModuli.length : (policyModuli?.length ?? 0)} eigenvalues)`}
              </label>
            ))}
          </fieldset>
          <Plot
            testid="dt-grad"
            label={`Gradient norm over ${T} steps for ${SPECTRUM_LABEL[s.spectrum]}`}
            x={{ min: 0, max: T, label: 'steps back T' }}
            y={{ min: gLo, max: gHi, log: true, label: '‖∂h_T/∂h_0‖ (log)' }}
          >
            {(sx, sy) => (
              <>
                <line className="imag-axis" x1={sx(0)} x2={sx(T)} y1={sy(1)} y2={sy(1)} />
                <line className="zero" x1={sx(0)} x2={sx(T)} y1={sy(1e-3)} y2={sy(1e-3)} />
                <path className="curve c0" d={pathOf(ts, grad.spectral, sx, sy)} />
                <path className="curve c1" d={pathOf(ts, grad.rms, sx, sy)} />
                <text className="legend c0" x={sx(T) - 4} y={sy(gHi) + 14} textAnchor="end">
                  max |λ_i|^T (2-norm)
                </text>
                <text className="legend c1" x={sx(T) - 4} y={sy(gHi) + 28} textAnchor="end">
                  RMS over modes
                </text>
              </>
            )}
          </Plot>
          <p className="note" data-testid="grad-readout">
            ‖∂h_T/∂h_0‖ = max |λ_i|^T = {fmtPow(grad.spectral[T]!)} at T = {T};{' '}
            {below >= 0 ? `below 10⁻³ after ${below} steps` : `still above 10⁻³ after ${T} steps`}.
          </p>
        </div>
      </div>
    </section>
  );
}
