import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import type { Group } from 'three';
import { ARM } from '../sim/armModel';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import { applyBodyPose, restPoses } from './poseLerp';

const REST = restPoses();
const HALF_PI = Math.PI / 2;
/** Link capsules as in ArmWorld: upper arm r 0.03 over [0, l1]; forearm r 0.022 centered l2/2 − 0.02. */
const UPPER_R = 0.03;
const FORE_R = 0.022;
const FORE_CENTER = ARM.l2 / 2 - 0.02;
const FORE_LEN = ARM.l2 - 0.06;
/** The turret stands on a fixed base from the table top (y = 0) to its own bottom (y = 0.03). */
const BASE_TOP = ARM.shoulder.y - 0.22;

const LINK = { color: '#c8d0da', metalness: 0.25, roughness: 0.42 } as const;
const JOINT = { color: '#4d5a6b', metalness: 0.35, roughness: 0.5 } as const;

/**
 * The arm: fixed base, turret, upper arm and forearm with the hand, each body a group whose
 * transform the frame loop sets from the last two snapshots (interpolated; no React renders).
 * Shows the center posture until the first snapshot.
 */
export function ArmRig({ snapshots }: { snapshots: SnapshotBuffer }) {
  const turret = useRef<Group>(null);
  const upper = useRef<Group>(null);
  const fore = useRef<Group>(null);

  useFrame(() => {
    const latest = snapshots.latest;
    const next = latest?.poses ?? REST;
    const prevPoses = snapshots.prev?.poses;
    const prev = prevPoses && prevPoses.length === next.length ? prevPoses : next;
    const alpha = snapshots.alpha(performance.now());
    if (turret.current) applyBodyPose(turret.current, prev, next, 0, alpha);
    if (upper.current) applyBodyPose(upper.current, prev, next, 1, alpha);
    if (fore.current) applyBodyPose(fore.current, prev, next, 2, alpha);
  });

  return (
    <>
      <mesh position={[ARM.shoulder.x, BASE_TOP / 2, ARM.shoulder.z]} castShadow receiveShadow>
        <cylinderGeometry args={[0.075, 0.085, BASE_TOP, 40]} />
        <meshStandardMaterial {...JOINT} />
      </mesh>

      {/* Turret: cylinder r 0.05, half-height 0.1 at local y −0.12; the shoulder axle on top. */}
      <group ref={turret}>
        <mesh position={[0, -0.12, 0]} castShadow receiveShadow>
          <cylinderGeometry args={[0.05, 0.05, 0.2, 40]} />
          <meshStandardMaterial color="#7d8a9a" metalness={0.3} roughness={0.45} />
        </mesh>
        <mesh rotation={[HALF_PI, 0, 0]} castShadow>
          <cylinderGeometry args={[0.04, 0.04, 0.1, 32]} />
          <meshStandardMaterial {...JOINT} />
        </mesh>
      </group>

      {/* Upper arm: link along local +x from the shoulder. */}
      <group ref={upper}>
        <mesh position={[ARM.l1 / 2, 0, 0]} rotation={[0, 0, -HALF_PI]} castShadow>
          <capsuleGeometry args={[UPPER_R, ARM.l1 - 2 * UPPER_R, 8, 24]} />
          <meshStandardMaterial {...LINK} />
        </mesh>
      </group>

      {/* Forearm: frame at the elbow, link along local +x, the hand sphere at its tip. */}
      <group ref={fore}>
        <mesh rotation={[HALF_PI, 0, 0]} castShadow>
          <cylinderGeometry args={[0.032, 0.032, 0.075, 32]} />
          <meshStandardMaterial {...JOINT} />
        </mesh>
        <mesh position={[FORE_CENTER, 0, 0]} rotation={[0, 0, -HALF_PI]} castShadow>
          <capsuleGeometry args={[FORE_R, FORE_LEN, 8, 24]} />
          <meshStandardMaterial {...LINK} />
        </mesh>
        <mesh position={[ARM.l2, 0, 0]} castShadow>
          <sphereGeometry args={[ARM.handRadius, 32, 24]} />
          <meshStandardMaterial
            color="#f3efe6"
            emissive="#3a3128"
            metalness={0.05}
            roughness={0.35}
          />
        </mesh>
      </group>
    </>
  );
}
