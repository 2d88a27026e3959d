import { useState } from 'react';
import { summariseEigenvalues } from '../analysis/eigenSummary';
import type { PolicyCard } from '../control/policyCard';
import { SHIPPED_CONTROLLERS } from '../app/controllers';
import { scaleEigenvalue } from './labMath';
import type { PlaygroundState } from './labLink';
import { CONTROLS, type LabState } from './labState';
import { Plot, Slider, UnitCircle } from './Plot';

type Set = (patch: Partial<LabState>) => void;

export interface PolicyView {
  card?: PolicyCard;
  loadError?: string;
  /** The playground's state when it runs this policy and a message came within 3 s. */
  live?: PlaygroundState;
  /** What the playground runs, when it is another controller. */
  otherRunning?: string;
  linkError?: string;
}

/** The eigenvalues section 4 shows: live from the playground, else the card's with the preview. */
export function policyEigenvalues(s: LabState, v: PolicyView): number[] {
  if (v.live) return v.live.eig;
  if (!v.card) return [];
  const out: number[] = [];
  const hasKnobs = v.card.knobs.length > 0;
  for (const e of v.card.eigenvalues) {
    const [re, im] = hasKnobs ? scaleEigenvalue(e, s.rs, s.ps) : e;
    out.push(re, im);
  }
  return out;
}

/**
 * Section 4: the running policy's eigenvalues, linked to the playground. With a playground tab
 * that runs the same controller, the sliders drive its eigenvalue surgery (through the model's
 * knob inputs) and the plot shows the eigenvalues the model reports live; without one they
 * preview the surgery on the card's trained eigenvalues.
 */
export function PolicySection({
  s,
  set,
  view,
  onSurgery,
  onRestore,
}: {
  s: LabState;
  set: Set;
  view: PolicyView;
  onSurgery: (rs: number, ps: number) => void;
  onRestore: () => void;
}) {
  const [zoom, setZoom] = useState(true);
  const card = view.card;
  const eig = policyEigenvalues(s, view);
  const trained = card?.eigenvalues ?? [];
  const hz = card?.control_hz ?? s.hz;
  const sum = eig.length ? summariseEigenvalues(eig, hz, 'parametric') : undefined;
  const knobs = card?.knobs ?? [];
  const playgroundUrl = `./?controller=${encodeURIComponent(s.policy)}`;
  let status: string;
  if (!s.policy) status = 'Pick a controller to see its eigenvalues.';
  else if (view.live)
    status = `Linked: the playground runs ${view.live.policyName}. ${knobs.length ? 'These sliders drive its eigenvalue surgery while the arm moves.' : ''}`;
  else if (view.otherRunning)
    status = `The playground runs ${view.otherRunning}, not ${s.policy}: showing the trained eigenvalues; the sliders preview here only.`;
  else
    status = `No playground is running ${s.policy}: showing the trained eigenvalues${knobs.length ? '; the sliders preview the surgery here only' : ''}.`;
  return (
    <section className="lab-section" aria-labelledby="pol-title" data-testid="policy">
      <h2 id="pol-title">4 · A trained controller’s eigenvalues</h2>
      <div className="lab-grid">
        <div className="controls-col">
          <label className="select">
            <span>Controller</span>
            <select
              data-testid="policy-select"
              value={s.policy}
              onChange={(e) => set({ policy: e.target.value, rs: 1, ps: 1 })}
            >
              <option value="">none</option>
              {SHIPPED_CONTROLLERS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <p className="note" data-testid="link-status" data-linked={view.live ? 'true' : 'false'}>
            {status}{' '}
            {s.policy && !view.live && (
              <a href={playgroundUrl} target="eigenplay-playground" data-testid="open-playground">
                Open the playground with it ↗
              </a>
            )}
          </p>
          {view.otherRunning && (
            <button
              type="button"
              data-testid="follow-playground"
              onClick={() => set({ policy: view.otherRunning!, rs: 1, ps: 1 })}
            >
              show {view.otherRunning} instead
            </button>
          )}
          {view.loadError && (
            <p className="error" role="alert">
              {view.loadError}
            </p>
          )}
          {view.linkError && (
            <p className="error" role="alert" data-testid="link-error">
              {view.linkError}
            </p>
          )}
          {card && knobs.length > 0 && (
            <div className="surgery-lab" data-testid="lab-surgery">
              {(['rs', 'ps'] as const).map((k) => (
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
                    const next = { rs: s.rs, ps: s.ps, [k]: v };
                    set({ [k]: v });
                    onSurgery(next.rs, next.ps);
                  }}
                />
              ))}
              <button
                type="button"
                data-testid="lab-restore"
                disabled={s.rs === 1 && s.ps === 1}
                onClick={() => {
                  set({ rs: 1, ps: 1 });
                  onRestore();
                }}
              >
                trained values
              </button>
            </div>
          )}
          {card && knobs.length === 0 && (
            <p className="note">
              {card.family === 'transformer'
                ? 'The Transformer has no recurrence of its own: its memory is a window of past steps, and there are no eigenvalues to move.'
                : 'This controller’s eigenvalues are recomputed from every input (exp(Δ_t·A)); they move with the task, live from the playground, and have no knobs.'}
            </p>
          )}
          {sum && (
            <dl className="facts" data-testid="policy-facts">
              <dt>Eigenvalues</dt>
              <dd data-testid="policy-count">{sum.n}</dd>
              <dt>max |λ|</dt>
              <dd data-testid="policy-max">{sum.modulus.max.toFixed(4)}</dd>
              <dt>median half-life at {hz} Hz</dt>
              <dd>
                {Number.isFinite(sum.medianHalfLifeMs)
                  ? `${sum.medianHalfLifeMs.toFixed(0)} ms`
                  : '∞'}
              </dd>
              <dt>median rotation</dt>
              <dd>
                {Number.isFinite(sum.freqHz.median)
                  ? `${sum.freqHz.median.toFixed(2)} Hz`
                  : 'none (real)'}
              </dd>
            </dl>
          )}
        </div>
        <div className="plot-col">
          <label className="zoom-toggle">
            <input
              type="checkbox"
              data-testid="policy-zoom"
              checked={zoom}
              onChange={(e) => setZoom(e.target.checked)}
            />{' '}
            zoom near 1 (where trained recurrences live)
          </label>
          <Plot
            testid="policy-circle"
            label={`${eig.length / 2} eigenvalues of ${s.policy || 'no controller'}`}
            x={
              zoom ? { min: 0.5, max: 1.1, label: 'Re λ' } : { min: -1.1, max: 1.1, label: 'Re λ' }
            }
            y={
              zoom
                ? { min: -0.55, max: 0.55, label: 'Im λ' }
                : { min: -1.1, max: 1.1, label: 'Im λ' }
            }
            equal
          >
            {(sx, sy) => (
              <>
                <UnitCircle sx={sx} sy={sy} />
                <line className="zero" x1={sx(-2)} x2={sx(2)} y1={sy(0)} y2={sy(0)} />
                {(s.rs !== 1 || s.ps !== 1) &&
                  trained.map(([re, im], i) => (
                    <circle
                      key={`t${i}`}
                      className="trained-ring"
                      cx={sx(re)}
                      cy={sy(im)}
                      r={3.2}
                    />
                  ))}
                <g
                  data-testid="policy-dots"
                  data-n={eig.length / 2}
                  data-max={sum?.modulus.max.toFixed(5) ?? ''}
                >
                  {Array.from({ length: eig.length / 2 }, (_, i) => {
                    const re = eig[2 * i]!;
                    const im = eig[2 * i + 1]!;
                    return (
                      <circle
                        key={i}
                        className={`eig-dot small${Math.hypot(re, im) > 1 ? ' outside' : ''}`}
                        cx={sx(re)}
                        cy={sy(im)}
                        r={2.6}
                      />
                    );
                  })}
                </g>
                {card && eig.length === 0 && (
                  <text className="annot" x={sx(0)} y={sy(0.1)} textAnchor="middle">
                    {card.family === 'transformer'
                      ? 'no recurrence of its own'
                      : 'eigenvalues arrive from a running playground'}
                  </text>
                )}
              </>
            )}
          </Plot>
        </div>
      </div>
    </section>
  );
}
