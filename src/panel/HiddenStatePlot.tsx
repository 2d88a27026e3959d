import type { PolicyCard } from '../control/policyCard';
import type { SnapshotBuffer } from '../state/snapshotBuffer';

/** Placeholder until the panel lands (being written now). */
export function HiddenStatePlot(_props: { snapshots: SnapshotBuffer; card?: PolicyCard }) {
  return <canvas />;
}
