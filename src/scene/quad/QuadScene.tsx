import { Canvas } from '@react-three/fiber';
import { useEffect, useMemo, type RefObject } from 'react';
import { Spherical } from 'three';
import type { QuadRuntime } from '../../app/quadRuntime';
import { BrushRing } from './BrushRing';
import { FollowCamera, HOME_ORBIT } from './FollowCamera';
import { PushArrow } from './PushArrow';
import { QuadPointer } from './QuadPointer';
import { QuadRig } from './QuadRig';
import { QuadView } from './quadView';
import { TerrainMesh } from './TerrainMesh';
import { ShadowFollow } from './ShadowFollow';

const SKY = '#101620';

/**
 * The quadruped's 3D stage: the terrain mesh (the physics' own triangles), the robot posed from
 * the snapshot stream, a camera that follows it, the push arrow and the brush ring. The frame
 * loop runs only while the quadruped is on stage (`active`); nothing renders through React per
 * frame.
 */
export function QuadScene({
  quad,
  active,
  label,
}: {
  quad: QuadRuntime;
  active: boolean;
  label: RefObject<HTMLDivElement | null>;
}) {
  const view = useMemo(() => new QuadView(), []);
  const orbit = useMemo(
    () => new Spherical(HOME_ORBIT.radius, HOME_ORBIT.phi, HOME_ORBIT.theta),
    [],
  );

  // Every push the worker applied (dragged or scripted) flashes its arrow.
  useEffect(
    () =>
      quad.snapshots.onSnapshot((s) => {
        if (s.tick < view.lastPushTick) view.lastPushTick = -1;
        if (s.push && s.push.tick > view.lastPushTick) {
          view.lastPushTick = s.push.tick;
          view.showPush(s.push.impulse, performance.now());
        }
      }),
    [quad, view],
  );

  return (
    <Canvas
      data-testid="quad-scene"
      style={{ width: '100%', height: '100%' }}
      frameloop={active ? 'always' : 'never'}
      shadows="percentage"
      dpr={[1, 2]}
      gl={{ preserveDrawingBuffer: true, antialias: true }}
      camera={{ position: [-1.5, 1.2, 1.6], fov: 45, near: 0.05, far: 80 }}
    >
      <color attach="background" args={[SKY]} />
      <fog attach="fog" args={[SKY, 9, 26]} />
      <hemisphereLight args={['#c8d6ea', '#2a2418', 1.5]} />
      <ShadowFollow view={view} />
      <directionalLight position={[-4, 3, -2]} intensity={0.45} color="#9fb4d0" />
      <FollowCamera snapshots={quad.snapshots} view={view} orbit={orbit} />
      <TerrainMesh model={quad.terrain} />
      <QuadRig snapshots={quad.snapshots} />
      <PushArrow view={view} />
      <BrushRing view={view} model={quad.terrain} />
      <QuadPointer quad={quad} view={view} orbit={orbit} label={label} />
    </Canvas>
  );
}
