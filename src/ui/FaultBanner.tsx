import { useEffect, useState } from 'react';
import type { QuadFaultInfo, QuadSnapshot } from '../../workers/quadContracts';
import type { SnapshotBuffer } from '../state/snapshotBuffer';

/** How long the banner stays, ms. */
const SHOW_MS = 2000;

/**
 * The watchdog made visible: when the quadruped falls (or its physics fails) the reason shows
 * over the view for two seconds while the episode restarts; reaching the terrain's edge shows
 * the same way in a calmer colour (it is not a fall). React state changes only when an episode
 * ends, never per frame.
 */
export function FaultBanner({ snapshots }: { snapshots: SnapshotBuffer<QuadSnapshot> }) {
  const [shown, setShown] = useState<{ fault: QuadFaultInfo; falls: number } | null>(null);
  useEffect(() => {
    let seen = snapshots.latest?.fault?.tick ?? -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = snapshots.onSnapshot((s) => {
      const f = s.fault;
      if (f && f.tick !== seen) {
        setShown({ fault: f, falls: s.faults });
        clearTimeout(timer);
        timer = setTimeout(() => setShown(null), SHOW_MS);
      }
      seen = f?.tick ?? -1;
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [snapshots]);
  if (!shown) return null;
  const edge = shown.fault.reason === 'edge';
  return (
    <div
      className={edge ? 'fault-banner edge' : 'fault-banner'}
      role="status"
      data-testid="fault-banner"
      data-reason={shown.fault.reason}
    >
      <strong>{shown.fault.label}</strong>
      <span>
        {edge ? 'restarting at the start' : `fall ${shown.falls} · restarting at the start`}
      </span>
    </div>
  );
}
