import { useThree, type RootState } from '@react-three/fiber';
import { useEffect } from 'react';
import { PerspectiveCamera, Vector3 } from 'three';
import type { Vec3 } from '../record/scenario';

let current: (() => RootState) | undefined;

/** Mounted inside the scene's `<Canvas>`: hands its R3F store to `SceneCapture`. */
export function SceneCaptureHandle() {
  const get = useThree((s) => s.get);
  useEffect(() => {
    current = get;
    return () => {
      if (current === get) current = undefined;
    };
  }, [get]);
  return null;
}

const lookTarget = new Vector3();

/**
 * Offline rendering of the 3D view for clip export and stills: stops R3F's own frame loop, sizes
 * the drawing buffer to exactly `width` × `height` device pixels (the page layout does not move:
 * the CSS size is kept), and renders one frame per `render` call, independent of
 * requestAnimationFrame, so it works in a background tab. `end()` restores the loop, the size and
 * the camera the user left.
 */
export class SceneCapture {
  private readonly state: RootState;
  private readonly saved: {
    dpr: number;
    frameloop: RootState['frameloop'];
    position: Vector3;
    quaternion: PerspectiveCamera['quaternion'];
    aspect: number;
  };
  private ended = false;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!current) throw new Error('[record] the 3D view is not mounted; nothing to capture');
    if (!(width >= 16 && height >= 16 && width <= 8192 && height <= 8192))
      throw new Error(`[record] capture size ${width}×${height} is outside 16..8192 px`);
    this.state = current();
    const { gl, camera, frameloop } = this.state;
    const cam = camera as PerspectiveCamera;
    this.saved = {
      dpr: gl.getPixelRatio(),
      frameloop,
      position: cam.position.clone(),
      quaternion: cam.quaternion.clone(),
      aspect: cam.aspect,
    };
    this.state.setFrameloop('never');
    gl.setPixelRatio(1);
    gl.setSize(width, height, false);
    cam.aspect = width / height;
    cam.updateProjectionMatrix();
  }

  /**
   * Renders one frame at `timeMs` (the frame loop's clock, for anything animated by time) with the
   * camera at `view` (or where the user left it) and returns the canvas holding it.
   */
  render(timeMs: number, view?: { position: Vec3; target: Vec3 }): HTMLCanvasElement {
    if (this.ended) throw new Error('[record] render after end()');
    const cam = this.state.camera;
    if (view) {
      cam.position.set(...view.position);
      cam.lookAt(lookTarget.set(...view.target));
    }
    this.state.advance(timeMs, true);
    return this.state.gl.domElement;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const { gl, size } = this.state;
    const cam = this.state.camera as PerspectiveCamera;
    gl.setPixelRatio(this.saved.dpr);
    gl.setSize(size.width, size.height, false);
    cam.position.copy(this.saved.position);
    cam.quaternion.copy(this.saved.quaternion);
    cam.aspect = this.saved.aspect;
    cam.updateProjectionMatrix();
    this.state.setFrameloop(this.saved.frameloop);
  }
}

/** The current camera pose (position and a point 1 m ahead on its view axis), for camera keys. */
export function currentCameraPose(): { position: Vec3; target: Vec3 } | undefined {
  if (!current) return undefined;
  const cam = current().camera;
  const dir = cam.getWorldDirection(new Vector3());
  const p = cam.position;
  return { position: [p.x, p.y, p.z], target: [p.x + dir.x, p.y + dir.y, p.z + dir.z] };
}

/** The on-screen 3D canvas (what the user sees), for real-time recording. */
export function sceneCanvas(): HTMLCanvasElement | undefined {
  return current?.().gl.domElement;
}
