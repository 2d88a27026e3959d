import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import type { Group } from 'three';
import type { QuadSnapshot } from '../../../workers/quadContracts';
import { A1, LEG_NAMES, LEG_SIDE, QUAD_BODY_COUNT } from '../../sim/quadruped/a1Model';
import { linkPoses } from '../../sim/quadruped/quadPose';
import type { SnapshotBuffer } from '../../state/snapshotBuffer';
import { applyBodyPose, POSE_STRIDE } from '../poseLerp';

const HALF_PI = Math.PI / 2;
const [HX, HY, HZ] = A1.trunkHalf;

/** Standing pose (home joint angles, trunk 0.3 m up): what shows before the first snapshot. */
const REST = (() => {
  const out = new Float32Array(QUAD_BODY_COUNT * POSE_STRIDE);
  const q = LEG_NAMES.flatMap(() => [...A1.home]);
  linkPoses({ x: 0, y: 0.3, z: 0 }, { x: 0, y: 0, z: 0, w: 1 }, q, (i, p, r) => {
    out.set([p.x, p.y, p.z, r.x, r.y, r.z, r.w], i * POSE_STRIDE);
  });
  return out;
})();

const SHELL = { color: '#3a414c', metalness: 0.35, roughness: 0.4 } as const;
const TRIM = { color: '#c9ced6', metalness: 0.2, roughness: 0.35 } as const;
const MOTOR = { color: '#171a1f', metalness: 0.5, roughness: 0.45 } as const;
const THIGH = { color: '#b9c0ca', metalness: 0.25, roughness: 0.4 } as const;
const CALF = { color: '#3d444f', metalness: 0.3, roughness: 0.5 } as const;
const FOOT = { color: '#0f1114', metalness: 0, roughness: 0.9 } as const;

/**
 * The quadruped: trunk box (the collision box, with a sensor head at the front so the heading
 * reads at a glance), and per leg the hip motor, the thigh and calf as capsules (the collision
 * capsules' radii) and the foot sphere. Each body is a group whose transform the frame loop sets
 * from the last two snapshots (interpolated; no React renders).
 */
export function QuadRig({ snapshots }: { snapshots: SnapshotBuffer<QuadSnapshot> }) {
  const bodies = useRef<(Group | null)[]>([]);

  useFrame(() => {
    const next = snapshots.latest?.poses ?? REST;
    const prevPoses = snapshots.prev?.poses;
    // Never blend across a new episode: the robot jumps back to the start in one frame.
    const sameEpisode = snapshots.prev?.episode === snapshots.latest?.episode;
    const prev = prevPoses && sameEpisode ? prevPoses : next;
    const alpha = snapshots.alpha(performance.now());
    for (let i = 0; i < QUAD_BODY_COUNT; i++) {
      const g = bodies.current[i];
      if (g) applyBodyPose(g, prev, next, i, alpha);
    }
  });

  const set = (i: number) => (g: Group | null) => void (bodies.current[i] = g);
  return (
    <>
      <group ref={set(0)}>
        <mesh castShadow>
          <boxGeometry args={[2 * HX, 2 * HY, 2 * HZ]} />
          <meshStandardMaterial {...SHELL} />
        </mesh>
        {/* Light top plate and a sensor head at the front (+x). */}
        <mesh position={[0, HY + 0.004, 0]} castShadow>
          <boxGeometry args={[2 * HX - 0.05, 0.008, 2 * HZ - 0.03]} />
          <meshStandardMaterial {...TRIM} />
        </mesh>
        <mesh position={[HX + 0.012, 0.005, 0]} castShadow>
          <boxGeometry args={[0.024, 0.07, 0.1]} />
          <meshStandardMaterial {...MOTOR} />
        </mesh>
        {[-0.025, 0.025].map((z) => (
          <mesh key={z} position={[HX + 0.025, 0.01, z]} rotation={[0, 0, HALF_PI]}>
            <cylinderGeometry args={[0.012, 0.012, 0.006, 20]} />
            <meshStandardMaterial color="#5fd3ff" emissive="#1f7fa8" roughness={0.2} />
          </mesh>
        ))}
      </group>
      {LEG_NAMES.map((name, leg) => {
        const out = -LEG_SIDE[leg]! * A1.thighOffset; // body z of the thigh joint from the hip
        return (
          <group key={name}>
            {/* Hip: the abduction motor (axis x) and the bracket out to the thigh joint. */}
            <group ref={set(1 + 3 * leg)}>
              <mesh rotation={[0, 0, HALF_PI]} castShadow>
                <cylinderGeometry args={[0.034, 0.034, 0.07, 24]} />
                <meshStandardMaterial {...MOTOR} />
              </mesh>
              <mesh position={[0, 0, out / 2]} castShadow>
                <boxGeometry args={[0.04, 0.04, Math.abs(out)]} />
                <meshStandardMaterial {...SHELL} />
              </mesh>
            </group>
            {/* Thigh: motor (axis z) at the joint, the link down to the knee. */}
            <group ref={set(2 + 3 * leg)}>
              <mesh rotation={[HALF_PI, 0, 0]} castShadow>
                <cylinderGeometry args={[0.036, 0.036, 0.05, 24]} />
                <meshStandardMaterial {...MOTOR} />
              </mesh>
              <mesh position={[0, -A1.thighLength / 2, 0]} castShadow>
                <capsuleGeometry args={[0.022, A1.thighLength - 0.044, 6, 16]} />
                <meshStandardMaterial {...THIGH} />
              </mesh>
            </group>
            {/* Calf: knee, the link and the foot. */}
            <group ref={set(3 + 3 * leg)}>
              <mesh rotation={[HALF_PI, 0, 0]} castShadow>
                <cylinderGeometry args={[0.02, 0.02, 0.036, 20]} />
                <meshStandardMaterial {...MOTOR} />
              </mesh>
              <mesh position={[0, -A1.calfLength / 2, 0]} castShadow>
                <capsuleGeometry args={[0.013, A1.calfLength - 0.04, 6, 12]} />
                <meshStandardMaterial {...CALF} />
              </mesh>
              <mesh position={[0, -A1.calfLength, 0]} castShadow>
                <sphereGeometry args={[A1.footRadius, 20, 14]} />
                <meshStandardMaterial {...FOOT} />
              </mesh>
            </group>
          </group>
        );
      })}
    </>
  );
}
