import type { SnapshotBuffer } from '../state/snapshotBuffer';

/** Placeholder until the R3F scene lands (being written now). */
export function ArmScene(_props: { snapshots: SnapshotBuffer }) {
  return <div />;
}
