import { useEffect } from 'react';
import { SHIPPED_CONTROLLERS } from '../app/controllers';
import type { Runtime } from '../app/runtime';
import { uiStore, useUi } from '../state/uiStore';

/**
 * One button per shipped controller family. A click (or the keys 1-4, for a speaker at a
 * keyboard) switches the running arm to it at the next control tick (no reset); the pressed button
 * is the controller that runs.
 */
export function ControllerPicker({ runtime }: { runtime: Runtime }) {
  const controller = useUi((s) => s.controller);
  const switching = useUi((s) => s.switching);
  const status = useUi((s) => s.status);
  const exporting = useUi((s) => s.recording.kind === 'export');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || t?.closest('input, select, textarea')) return;
      const c = SHIPPED_CONTROLLERS[Number(e.key) - 1];
      const s = uiStore.getState();
      if (!c || s.status !== 'ready' || s.switching !== undefined || s.controller === c.id) return;
      if (s.recording.kind === 'export') return;
      void runtime.selectController(c.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runtime]);

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
          title={`${c.blurb} (key ${SHIPPED_CONTROLLERS.indexOf(c) + 1})`}
          disabled={status !== 'ready' || switching !== undefined || exporting}
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
