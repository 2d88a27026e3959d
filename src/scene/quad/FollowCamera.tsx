import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Spherical, Vector3 } from 'three';
import type { QuadSnapshot } from '../../../workers/quadContracts';
import type { SnapshotBuffer } from '../../state/snapshotBuffer';
import type { QuadView } from './quadView';

/** Polar angle limits from straight up, rad, and distance limits, m. */
const PHI_MIN = 0.15;
const PHI_MAX = 1.5;
const RADIUS_MIN = 0.6;
const RADIUS_MAX = 12;
/** The view the camera starts from and returns to on double-click: from the right, behind. */
export const HOME_ORBIT = { radius: 2, phi: 1.15, theta: -0.85 } as const;
/** Time constant of the target following the trunk, s (smooths the trot's bob). */
const FOLLOW_S = 0.35;

const p0 = new Vector3();
const p1 = new Vector3();
const offset = new Vector3();

/**
 * The follow camera: orbits the robot (spherical coordinates in `orbit`, which the pointer
 * handler turns and zooms) around a target that trails the drawn trunk position. Writes
 * `view.trunk` each frame (the interpolated trunk centre) for the arrow and the picking.
 */
export function FollowCamera({
  snapshots,
  view,
  orbit,
}: {
  snapshots: SnapshotBuffer<QuadSnapshot>;
  view: QuadView;
  orbit: Spherical;
}) {
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    orbit.set(HOME_ORBIT.radius, HOME_ORBIT.phi, HOME_ORBIT.theta);
  }, [orbit]);

  useFrame((_, dt) => {
    const next = snapshots.latest;
    if (next) {
      const prev = snapshots.prev?.episode === next.episode ? snapshots.prev : next;
      const a = snapshots.alpha(performance.now());
      p0.fromArray(prev!.poses, 0);
      p1.fromArray(next.poses, 0);
      const jumped = p0.distanceToSquared(p1) > 1 || view.target.distanceToSquared(p1) > 9;
      view.trunk.lerpVectors(p0, p1, a);
      // A new episode starts far away: cut there instead of flying.
      if (jumped) view.target.copy(view.trunk);
    }
    // Unclamped dt: on a slow renderer (a frame every 0.3 s) the target must still keep up.
    view.target.lerp(view.trunk, 1 - Math.exp(-Math.min(dt, 2) / FOLLOW_S));
    orbit.phi = Math.min(PHI_MAX, Math.max(PHI_MIN, orbit.phi));
    orbit.radius = Math.min(RADIUS_MAX, Math.max(RADIUS_MIN, orbit.radius));
    camera.position.copy(view.target).add(offset.setFromSpherical(orbit));
    camera.lookAt(view.target);
  });
  return null;
}
