import { useRef, type KeyboardEvent } from 'react';
import type { QuadRuntime } from '../app/quadRuntime';
import { COMMAND_LIMITS } from '../sim/quadruped/quadRun';
import { QuadScene } from '../scene/quad/QuadScene';
import { uiStore, useUi } from '../state/uiStore';
import { FaultBanner } from './FaultBanner';

/** Speed and yaw-rate change per key press, m/s and rad/s. */
const VX_STEP = 0.1;
const YAW_STEP = 0.15;

const clamp = (v: number, [lo, hi]: readonly [number, number]) =>
  Math.round(Math.min(hi, Math.max(lo, v)) * 100) / 100;

/**
 * The quadruped's stage: the 3D view, keyboard steering while it has focus (↑/W faster,
 * ↓/S slower, ←/A turn left, →/D turn right, X straight on), the push size at the cursor, the
 * fault banner and the boot overlay.
 */
export function QuadStage({ quad, active }: { quad: QuadRuntime; active: boolean }) {
  const label = useRef<HTMLDivElement>(null);
  const status = useUi((s) => s.quad.status);

  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const { vx, yawRate } = uiStore.getState().quad.run.command;
    let next: { vx: number; yawRate: number } | undefined;
    switch (e.key) {
      case 'ArrowUp':
      case 'w':
      case 'W':
        next = { vx: vx + VX_STEP, yawRate };
        break;
      case 'ArrowDown':
      case 's':
      case 'S':
        next = { vx: vx - VX_STEP, yawRate };
        break;
      case 'ArrowLeft':
      case 'a':
      case 'A':
        next = { vx, yawRate: yawRate + YAW_STEP };
        break;
      case 'ArrowRight':
      case 'd':
      case 'D':
        next = { vx, yawRate: yawRate - YAW_STEP };
        break;
      case 'x':
      case 'X':
        next = { vx, yawRate: 0 };
        break;
    }
    if (!next) return;
    e.preventDefault();
    void quad.setCommand({
      vx: clamp(next.vx, COMMAND_LIMITS.vx),
      yawRate: clamp(next.yawRate, COMMAND_LIMITS.yawRate),
    });
  };

  return (
    <div
      className="quad-stage"
      tabIndex={0}
      role="application"
      aria-label="Quadruped view. Arrow keys or W A S D steer, X goes straight; drag to orbit, drag the robot to push it."
      data-testid="quad-stage"
      onKeyDown={onKey}
    >
      <QuadScene quad={quad} active={active} label={label} />
      <div ref={label} className="push-label" data-testid="push-label" hidden />
      <FaultBanner snapshots={quad.snapshots} />
      {status !== 'ready' && <div className="boot">Loading the quadruped…</div>}
      <div className="stage-hint">
        drag: orbit · drag the robot (or Ctrl-drag): push · ↑↓←→ / WASD: steer · double-click: reset
        view
      </div>
    </div>
  );
}
