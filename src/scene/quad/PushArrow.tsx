import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { Color, MeshStandardMaterial, Vector3, type Group } from 'three';
import { PUSH_FLASH_MS, type QuadView } from './quadView';

/** Arrow length per N s, m (40 N s draws 0.8 m). */
const M_PER_NS = 0.02;
const HEAD = 0.08;
const UP = new Vector3(0, 1, 0);
const dir = new Vector3();
const DRAG = { color: new Color('#ffe08a'), emissive: new Color('#5a4a14') };
const APPLIED = { color: new Color('#ff9b3d'), emissive: new Color('#6a3006') };

/**
 * The push arrow at the trunk: while dragging, the impulse that will be applied (pale yellow);
 * after a push (dragged or scripted), the impulse applied, fading out (orange). Length ∝ impulse;
 * drawn over everything so terrain never hides it.
 */
export function PushArrow({ view }: { view: QuadView }) {
  const group = useRef<Group>(null);
  const shaft = useRef<Group>(null);
  const head = useRef<Group>(null);
  const material = useMemo(
    () => new MeshStandardMaterial({ transparent: true, depthTest: false, roughness: 0.4 }),
    [],
  );
  useEffect(() => () => material.dispose(), [material]);

  useFrame(() => {
    const g = group.current;
    if (!g || !shaft.current || !head.current) return;
    const v = view.dragging ? view.drag : view.flash;
    const fade = view.dragging
      ? 1
      : Math.max(0, (view.flashUntil - performance.now()) / PUSH_FLASH_MS);
    const len = v.length() * M_PER_NS;
    g.visible = fade > 0 && len > 0.01;
    if (!g.visible) return;
    g.position.copy(view.trunk).addScaledVector(UP, 0.12);
    g.quaternion.setFromUnitVectors(UP, dir.copy(v).normalize());
    const body = Math.max(0.001, len - HEAD);
    shaft.current.scale.set(1, body, 1);
    head.current.position.y = body;
    const look = view.dragging ? DRAG : APPLIED;
    material.color.copy(look.color);
    material.emissive.copy(look.emissive);
    material.opacity = 0.3 + 0.65 * fade;
  });

  return (
    <group ref={group} visible={false} renderOrder={10}>
      <group ref={shaft}>
        <mesh position={[0, 0.5, 0]} material={material} renderOrder={10}>
          <cylinderGeometry args={[0.016, 0.016, 1, 12]} />
        </mesh>
      </group>
      <group ref={head}>
        <mesh position={[0, HEAD / 2, 0]} material={material} renderOrder={10}>
          <coneGeometry args={[0.045, HEAD, 18]} />
        </mesh>
      </group>
    </group>
  );
}
