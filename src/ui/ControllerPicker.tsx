import { SHIPPED_CONTROLLERS } from '../app/controllers';
import type { Runtime } from '../app/runtime';
import { useUi } from '../state/uiStore';

/**
 * One button per shipped controller family. A click switches the running arm to it at the next
 * control tick (no reset); the pressed button is the controller that runs.
 */
export function ControllerPicker({ runtime }: { runtime: Runtime }) {
  const controller = useUi((s) => s.controller);
  const switching = useUi((s) => s.switching);
  const status = useUi((s) => s.status);
  return (
    <section className="controller-picker" role="radiogroup" aria-label="Controller">
      {SHIPPED_CONTROLLERS.map((c) => (
        <button
          key={c.id}
          type="button"
          role="radio"
          aria-checked={controller === c.id}
          data-testid={`controller-${c.id}`}
          data-loading={switching === c.id || undefined}
          title={c.blurb}
          disabled={status !== 'ready' || switching !== undefined}
          onClick={() => void (controller !== c.id && runtime.selectController(c.id))}
        >
          {c.label}
        </button>
      ))}
      {controller === 'custom' && (
        <span className="custom-tag" data-testid="controller-custom">
          your policy
        </span>
      )}
    </section>
  );
}
