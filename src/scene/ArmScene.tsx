import { Canvas } from '@react-three/fiber';
import { REACH } from '../sim/reachTask';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import { ArmRig } from './ArmRig';
import { DragOrbit } from './DragOrbit';
import { TableSet } from './TableSet';
import { TargetMarkers } from './TargetMarkers';
import { SceneCaptureHandle } from './sceneCapture';

const BACKGROUND = '#0e1116';
/**
 * The camera looks down at about 50° from the +z side, aimed between the shoulder and the reach
 * center: the whole arm is in view, and on screen +x is right and −z is up, so direction k points
 * where the panel's legend arrow k does.
 */
const CAMERA = {
  position: [0.14, 1.22, 0.98] as [number, number, number],
  fov: 34,
  near: 0.02,
  far: 20,
};
const LOOK_AT = [REACH.center.x - 0.15, REACH.center.y + 0.1, REACH.center.z - 0.02] as const;
/** One shadow-casting light; its shadow box covers the table and a margin of floor. */
const SHADOW_HALF = 1.1;

/**
 * The 3D stage: the table, the arm posed from the snapshot stream and the reach targets. The
 * frame loop interpolates the last two snapshots, so no React render happens per frame.
 * `preserveDrawingBuffer` lets screenshots capture the canvas.
 */
export function ArmScene({
  snapshots,
  active = true,
}: {
  snapshots: SnapshotBuffer;
  /** False while the quadruped is on stage: the frame loop stops. */
  active?: boolean;
}) {
  return (
    <Canvas
      data-testid="arm-scene"
      style={{ width: '100%', height: '100%' }}
      frameloop={active ? 'always' : 'never'}
      shadows="percentage"
      dpr={[1, 2]}
      gl={{ preserveDrawingBuffer: true, antialias: true }}
      camera={CAMERA}
    >
      <color attach="background" args={[BACKGROUND]} />
      <fog attach="fog" args={[BACKGROUND, 2.4, 6]} />
      <hemisphereLight args={['#c4d2e4', '#3a2e24', 1.6]} />
      <directionalLight
        position={[0.9, 1.7, 0.8]}
        intensity={2.4}
        castShadow
        shadow-mapSize={[1024, 1024]}
        shadow-bias={-0.0004}
        shadow-normalBias={0.01}
        shadow-camera-left={-SHADOW_HALF}
        shadow-camera-right={SHADOW_HALF}
        shadow-camera-top={SHADOW_HALF}
        shadow-camera-bottom={-SHADOW_HALF}
        shadow-camera-near={0.5}
        shadow-camera-far={4.5}
      />
      <directionalLight position={[-1, 0.8, 0.6]} intensity={0.5} color="#9fb4d0" />
      <DragOrbit target={LOOK_AT} />
      <TableSet />
      <TargetMarkers snapshots={snapshots} />
      <ArmRig snapshots={snapshots} />
      <SceneCaptureHandle />
    </Canvas>
  );
}
