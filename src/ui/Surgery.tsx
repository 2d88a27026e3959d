import type { Runtime } from '../app/runtime';
import { useUi } from '../state/uiStore';

/** Labels for the knobs the shipped recurrent controllers export as model inputs. */
const KNOB_LABEL: Record<string, string> = {
  radius_scale: '|λ| × ',
  phase_scale: 'arg λ × ',
};

/**
 * Eigenvalue surgery: one slider per knob input of the running model (LRU and LinOSS export
 * radius_scale and phase_scale, which rescale the recurrence's eigenvalues inside the graph).
 * Changes apply at the next control tick while the arm runs; "trained" restores the card's values.
 * Controllers without knobs say why there is nothing to cut.
 */
export function Surgery({ runtime }: { runtime: Runtime }) {
  const card = useUi((s) => s.card);
  const knobs = useUi((s) => s.knobs);
  const status = useUi((s) => s.status);
  if (!card) return null;
  if (card.knobs.length === 0)
    return (
      <section className="surgery" data-testid="surgery" data-knobs="0">
        <p className="surgery-none">
          {card.family === 'transformer'
            ? 'No eigenvalue surgery: attention has no recurrence whose eigenvalues could be scaled.'
            : card.variant === 'selective'
              ? 'No eigenvalue surgery: this model’s eigenvalues exp(Δ·A) are recomputed from each input.'
              : 'This model exports no knobs.'}
        </p>
      </section>
    );
  const changed = Object.keys(knobs).length > 0;
  return (
    <section className="surgery" data-testid="surgery" data-knobs={card.knobs.length}>
      <div className="surgery-head">
        <span title="Scales the eigenvalues of the recurrence itself (model inputs), while the arm runs">
          Eigenvalue surgery
        </span>
        <button
          type="button"
          data-testid="surgery-restore"
          disabled={!changed || status !== 'ready'}
          onClick={() => void runtime.restoreKnobs()}
        >
          trained values
        </button>
      </div>
      {card.knobs.map((k) => {
        const value = knobs[k.name] ?? k.default;
        const step = k.max - k.min <= 0.5 ? 0.01 : 0.05;
        return (
          <label key={k.name} className="knob" title={k.description}>
            <span className="knob-name">{KNOB_LABEL[k.name] ?? `${k.name} `}</span>
            <input
              type="range"
              data-testid={`knob-${k.name}`}
              min={k.min}
              max={k.max}
              step={step}
              value={value}
              aria-valuetext={value.toFixed(2)}
              disabled={status !== 'ready'}
              onChange={(e) => void runtime.setKnob(k.name, Number(e.target.value))}
            />
            <output
              data-testid={`knob-${k.name}-value`}
              className={value !== k.default ? 'cut' : ''}
            >
              {value.toFixed(2)}
            </output>
          </label>
        );
      })}
    </section>
  );
}
