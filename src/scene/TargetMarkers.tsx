import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import { Color, type Group, type MeshBasicMaterial } from 'three';
import { DIRECTION_COUNT, directionColor } from '../panel/palette';
import { centerOutTarget, REACH } from '../sim/reachTask';
import type { SnapshotBuffer } from '../state/snapshotBuffer';

const FLAT: [number, number, number] = [-Math.PI / 2, 0, 0];
/** Target plane height (the reach center's y) and a hair above the table top for decals. */
const PLANE_Y = REACH.center.y;
const TABLE_Y = 0.0015;
const R = REACH.successRadius;
const TARGETS = Array.from({ length: DIRECTION_COUNT }, (_, k) => centerOutTarget(k));

// Parsed once: the frame loop only copies colors.
const COLORS = Array.from(
  { length: DIRECTION_COUNT + 1 },
  (_, k) => new Color(directionColor(k - 1)),
);
const colorOf = (k: number) => COLORS[k + 1] ?? COLORS[0]!;

/** Opacities of the current target's parts while the target is shown (delay) and on go (move). */
const LOOK = {
  delay: { halo: 0.1, ring: 0.55, dot: 0.6 },
  move: { halo: 0.32, ring: 1, dot: 1 },
} as const;

/**
 * The reach targets: the eight center-out positions as faint rings at target height (with a
 * guide circle on the table below), the center, and the current target with its 1 cm success
 * ring, dim during the delay, bright after the go cue, hidden during the hold. The current
 * target draws over the hand so it stays visible when the hand reaches it.
 */
export function TargetMarkers({ snapshots }: { snapshots: SnapshotBuffer }) {
  const ringsRef = useRef<Group>(null);
  const currentRef = useRef<Group>(null);
  const haloRef = useRef<MeshBasicMaterial>(null);
  const ringRef = useRef<MeshBasicMaterial>(null);
  const dotRef = useRef<MeshBasicMaterial>(null);
  const shadowRef = useRef<MeshBasicMaterial>(null);
  const shown = useRef({ phase: '', direction: -2 });

  useFrame(() => {
    const s = snapshots.latest;
    const cur = currentRef.current;
    if (!cur) return;
    if (ringsRef.current) ringsRef.current.visible = !s || s.direction >= 0;
    if (!s || s.phase === 'hold') {
      cur.visible = false;
      shown.current.phase = '';
      return;
    }
    cur.visible = true;
    cur.position.set(s.target[0], 0, s.target[2]);
    // Materials change only when the phase or direction does.
    if (shown.current.phase === s.phase && shown.current.direction === s.direction) return;
    shown.current.phase = s.phase;
    shown.current.direction = s.direction;
    const look = LOOK[s.phase];
    const color = colorOf(s.direction);
    const set = (m: MeshBasicMaterial | null, opacity: number) => {
      if (!m) return;
      m.color.copy(color);
      m.opacity = opacity;
    };
    set(haloRef.current, look.halo);
    set(ringRef.current, look.ring);
    set(dotRef.current, look.dot);
    set(shadowRef.current, look.halo);
  });

  return (
    <>
      <group ref={ringsRef}>
        {TARGETS.map((t, k) => (
          <mesh key={k} position={[t.x, PLANE_Y, t.z]} rotation={FLAT}>
            <ringGeometry args={[0.011, 0.0135, 40]} />
            <meshBasicMaterial
              color={directionColor(k)}
              transparent
              opacity={0.38}
              depthWrite={false}
            />
          </mesh>
        ))}
        <mesh position={[REACH.center.x, TABLE_Y, REACH.center.z]} rotation={FLAT}>
          <ringGeometry args={[REACH.targetDistance - 0.0008, REACH.targetDistance + 0.0008, 96]} />
          <meshBasicMaterial color="#d8c8b0" transparent opacity={0.22} depthWrite={false} />
        </mesh>
        {TARGETS.map((t, k) => (
          <mesh key={k} position={[t.x, TABLE_Y, t.z]} rotation={FLAT}>
            <circleGeometry args={[0.004, 16]} />
            <meshBasicMaterial
              color={directionColor(k)}
              transparent
              opacity={0.45}
              depthWrite={false}
            />
          </mesh>
        ))}
      </group>

      {/* Center: where each trial starts and the hold happens. */}
      <mesh position={[REACH.center.x, PLANE_Y, REACH.center.z]} rotation={FLAT}>
        <ringGeometry args={[0.007, 0.0095, 32]} />
        <meshBasicMaterial color="#e8edf3" transparent opacity={0.55} depthWrite={false} />
      </mesh>
      <mesh position={[REACH.center.x, TABLE_Y, REACH.center.z]} rotation={FLAT}>
        <circleGeometry args={[0.005, 16]} />
        <meshBasicMaterial color="#e8edf3" transparent opacity={0.3} depthWrite={false} />
      </mesh>

      <group ref={currentRef} visible={false}>
        <mesh position={[0, PLANE_Y, 0]} rotation={FLAT} renderOrder={10}>
          <circleGeometry args={[0.022, 40]} />
          <meshBasicMaterial ref={haloRef} transparent depthTest={false} depthWrite={false} />
        </mesh>
        <mesh position={[0, PLANE_Y, 0]} rotation={FLAT} renderOrder={11}>
          <ringGeometry args={[R - 0.0009, R + 0.0009, 48]} />
          <meshBasicMaterial ref={ringRef} transparent depthTest={false} depthWrite={false} />
        </mesh>
        <mesh position={[0, PLANE_Y, 0]} rotation={FLAT} renderOrder={11}>
          <circleGeometry args={[0.0035, 20]} />
          <meshBasicMaterial ref={dotRef} transparent depthTest={false} depthWrite={false} />
        </mesh>
        <mesh position={[0, TABLE_Y, 0]} rotation={FLAT}>
          <circleGeometry args={[0.014, 32]} />
          <meshBasicMaterial ref={shadowRef} transparent depthWrite={false} />
        </mesh>
      </group>
    </>
  );
}
