import { useEffect, useMemo } from 'react';
import { createWoodTexture } from './woodTexture';

/** Table top as in ArmWorld: box centered (0.3, −0.025, 0), half-extents (0.6, 0.025, 0.6). */
const TOP = { x: 0.3, y: -0.025, z: 0, hx: 0.6, hy: 0.025, hz: 0.6 } as const;
/** Floor height, m: the table top stands 0.72 m above it. */
export const FLOOR_Y = -0.72;
const LEG = 0.05;
const LEG_INSET = 0.07;
const LEG_TOP = TOP.y - TOP.hy;
const LEG_LEN = LEG_TOP - FLOOR_Y;
const LEGS = [-1, 1].flatMap((sx) =>
  [-1, 1].map(
    (sz) =>
      [
        TOP.x + sx * (TOP.hx - LEG_INSET),
        LEG_TOP - LEG_LEN / 2,
        TOP.z + sz * (TOP.hz - LEG_INSET),
      ] as const,
  ),
);

/** The table (wood-grain top on four legs), the floor and a faint grid on it. */
export function TableSet() {
  const wood = useMemo(() => createWoodTexture(), []);
  useEffect(() => () => wood.dispose(), [wood]);

  return (
    <>
      <mesh position={[TOP.x, TOP.y, TOP.z]} receiveShadow castShadow>
        <boxGeometry args={[2 * TOP.hx, 2 * TOP.hy, 2 * TOP.hz]} />
        <meshStandardMaterial map={wood} roughness={0.72} metalness={0} />
      </mesh>
      {LEGS.map((p, i) => (
        <mesh key={i} position={p} castShadow>
          <boxGeometry args={[LEG, LEG_LEN, LEG]} />
          <meshStandardMaterial color="#4e3a2a" roughness={0.8} />
        </mesh>
      ))}
      <mesh position={[0.3, FLOOR_Y, 0]} rotation={[-Math.PI / 2, 0, 0]} receiveShadow>
        <planeGeometry args={[12, 12]} />
        <meshStandardMaterial color="#131920" roughness={0.95} />
      </mesh>
      <gridHelper args={[12, 60, '#243040', '#1a222c']} position={[0.3, FLOOR_Y + 0.001, 0]} />
    </>
  );
}
