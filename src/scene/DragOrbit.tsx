import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Spherical, Vector3 } from 'three';

/** Polar angle limits, rad from straight down the +y axis: never under the table. */
const PHI_MIN = 0.12;
const PHI_MAX = 1.45;
const RADIUS_MIN = 0.35;
const RADIUS_MAX = 3;
/** Orbit speed, rad per CSS px dragged; zoom speed per wheel delta unit. */
const RAD_PER_PX = 0.006;
const ZOOM_PER_DELTA = 0.001;

const offset = new Vector3();

/**
 * A minimal orbit control (there is no drei here): drag to orbit the camera around `target`,
 * wheel to dolly, double-click to return to the starting view. Aims the camera at `target` on mount.
 */
export function DragOrbit({ target }: { target: readonly [number, number, number] }) {
  const camera = useThree((s) => s.camera);
  const element = useThree((s) => s.gl.domElement);
  const [tx, ty, tz] = target;

  useEffect(() => {
    const center = new Vector3(tx, ty, tz);
    const home = camera.position.clone();
    const sph = new Spherical();
    const apply = () => {
      sph.phi = Math.min(PHI_MAX, Math.max(PHI_MIN, sph.phi));
      sph.radius = Math.min(RADIUS_MAX, Math.max(RADIUS_MIN, sph.radius));
      camera.position.setFromSpherical(sph).add(center);
      camera.lookAt(center);
    };
    sph.setFromVector3(offset.copy(camera.position).sub(center));
    apply();

    let dragging = -1;
    let lastX = 0;
    let lastY = 0;
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      dragging = e.pointerId;
      lastX = e.clientX;
      lastY = e.clientY;
      element.setPointerCapture(e.pointerId);
    };
    const move = (e: PointerEvent) => {
      if (e.pointerId !== dragging) return;
      sph.theta -= (e.clientX - lastX) * RAD_PER_PX;
      sph.phi -= (e.clientY - lastY) * RAD_PER_PX;
      lastX = e.clientX;
      lastY = e.clientY;
      apply();
    };
    const up = (e: PointerEvent) => {
      if (e.pointerId !== dragging) return;
      dragging = -1;
      element.releasePointerCapture(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      sph.radius *= Math.exp(e.deltaY * ZOOM_PER_DELTA);
      apply();
    };
    const reset = () => {
      sph.setFromVector3(offset.copy(home).sub(center));
      apply();
    };
    element.addEventListener('pointerdown', down);
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', up);
    element.addEventListener('pointercancel', up);
    element.addEventListener('wheel', wheel, { passive: false });
    element.addEventListener('dblclick', reset);
    return () => {
      element.removeEventListener('pointerdown', down);
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', up);
      element.removeEventListener('wheel', wheel);
      element.removeEventListener('dblclick', reset);
    };
  }, [camera, element, tx, ty, tz]);

  return null;
}
