import type { Runtime } from '../app/runtime';
import type { Robot } from '../record/scenario';
import { useUi } from '../state/uiStore';

const ROBOTS: { id: Robot; label: string; title: string }[] = [
  { id: 'arm', label: 'Arm', title: '3-joint arm, center-out reaches, trained controllers' },
  {
    id: 'quadruped',
    label: 'Quadruped',
    title: 'A1-like quadruped on terrain, driven by the CPG expert',
  },
];

/**
 * The top-level robot toggle: a two-button radio group (Tab and Enter/Space, like any button).
 * A click swaps the stage and the panel without a reload; the robot leaving is paused.
 */
export function RobotSwitch({ runtime }: { runtime: Runtime }) {
  const robot = useUi((s) => s.robot);
  const exporting = useUi((s) => s.recording.kind === 'export');
  return (
    <div className="robot-switch" role="radiogroup" aria-label="Robot">
      {ROBOTS.map((r) => (
        <button
          key={r.id}
          type="button"
          role="radio"
          aria-checked={robot === r.id}
          data-testid={`robot-${r.id}`}
          title={r.title}
          disabled={exporting}
          onClick={() => void runtime.setRobot(r.id)}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
