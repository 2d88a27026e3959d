import { isShippedController } from '../app/controllers';
import { labSearch, defaultLabState } from '../lab/labState';
import { useUi } from '../state/uiStore';

/**
 * "Open in lab": the Eigenvalue Lab in its own tab (named, so a second click reuses it), showing
 * the running controller's eigenvalues; its surgery sliders drive this playground over a
 * BroadcastChannel (src/lab/labLink.ts).
 */
export function OpenInLab() {
  const controller = useUi((s) => s.controller);
  const knobs = useUi((s) => s.knobs);
  const shipped = isShippedController(controller);
  const state = {
    ...defaultLabState(),
    ...(shipped
      ? {
          policy: controller,
          spectrum: 'policy' as const,
          rs: knobs.radius_scale ?? 1,
          ps: knobs.phase_scale ?? 1,
        }
      : {}),
  };
  const href = `${import.meta.env.BASE_URL}lab.html${labSearch(state)}`;
  return (
    <a
      className="open-lab"
      href={href}
      target="eigenplay-lab"
      data-testid="open-lab"
      title={
        shipped
          ? 'The Eigenvalue Lab in a new tab, with this controller’s eigenvalues; its sliders drive this arm'
          : 'The Eigenvalue Lab in a new tab (your own policy is not linked to it)'
      }
    >
      Open in lab ↗
    </a>
  );
}
