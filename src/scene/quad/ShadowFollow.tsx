import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import type { DirectionalLight } from 'three';
import type { QuadView } from './quadView';

/** Half size of the shadow box around the robot, m. */
const HALF = 2.2;

/**
 * The sun: a shadow-casting directional light whose small shadow box travels with the robot
 * (a box over the whole 28 m terrain would blur the legs' shadows to nothing).
 */
export function ShadowFollow({ view }: { view: QuadView }) {
  const light = useRef<DirectionalLight>(null);
  useFrame(() => {
    const l = light.current;
    if (!l) return;
    const t = view.target;
    l.position.set(t.x + 2.5, t.y + 5, t.z + 1.8);
    l.target.position.copy(t);
    l.target.updateMatrixWorld();
  });
  return (
    <directionalLight
      ref={light}
      intensity={2.3}
      castShadow
      shadow-mapSize={[1024, 1024]}
      shadow-bias={-0.0005}
      shadow-normalBias={0.02}
      shadow-camera-left={-HALF}
      shadow-camera-right={HALF}
      shadow-camera-top={HALF}
      shadow-camera-bottom={-HALF}
      shadow-camera-near={0.5}
      shadow-camera-far={12}
    />
  );
}
