import { useThree } from '@react-three/fiber';
import { useEffect, type RefObject } from 'react';
import { Raycaster, Spherical, Vector2 } from 'three';
import type { QuadRuntime } from '../../app/quadRuntime';
import { uiStore } from '../../state/uiStore';
import { HOME_ORBIT } from './FollowCamera';
import { pickPlane, pickTerrain, rayNear, type Ray3 } from './terrainPick';
import { dragImpulse, type QuadView } from './quadView';

/** Orbit speed, rad per CSS px dragged; zoom per wheel delta unit. */
const RAD_PER_PX = 0.006;
const ZOOM_PER_DELTA = 0.001;
/** A press within this distance of the trunk centre grabs the robot, m. */
const GRAB_RADIUS = 0.32;
/** Brush dabs while dragging, at most one per this many ms. */
const DAB_MS = 40;
/** Pushes smaller than this are a click, not a push, N s. */
const MIN_PUSH = 0.5;

/**
 * Everything the mouse does on the quadruped's view, decided at press time:
 *  - brush mode on: press or drag raises the terrain under the mouse, Shift lowers it;
 *  - press on the robot (or anywhere with Ctrl, Alt or ⌘): drag out an arrow; release pushes
 *    the trunk with PUSH_PER_M N s per metre dragged (at most MAX_DRAG_PUSH), its size shown at
 *    the cursor;
 *  - otherwise: drag orbits the camera around the robot; wheel zooms; double-click returns to
 *    the starting view.
 * Terrain picking marches the physics' height grid (terrainPick.ts), not the mesh's triangles.
 */
export function QuadPointer({
  quad,
  view,
  orbit,
  label,
}: {
  quad: QuadRuntime;
  view: QuadView;
  orbit: Spherical;
  label: RefObject<HTMLDivElement | null>;
}) {
  const camera = useThree((s) => s.camera);
  const el = useThree((s) => s.gl.domElement);

  useEffect(() => {
    const raycaster = new Raycaster();
    const ndc = new Vector2();
    const ray: Ray3 = { ox: 0, oy: 0, oz: 0, dx: 0, dy: -1, dz: 0 };
    let mode: 'none' | 'orbit' | 'push' | 'sculpt' = 'none';
    let pointer = -1;
    let lastX = 0;
    let lastY = 0;
    let lastDab = 0;

    const aim = (e: PointerEvent | MouseEvent) => {
      const r = el.getBoundingClientRect();
      ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      raycaster.setFromCamera(ndc, camera);
      const { origin: o, direction: d } = raycaster.ray;
      ray.ox = o.x;
      ray.oy = o.y;
      ray.oz = o.z;
      ray.dx = d.x;
      ray.dy = d.y;
      ray.dz = d.z;
    };
    /** Puts the brush ring where the mouse meets the terrain; false when it misses. */
    const hover = (e: PointerEvent) => {
      const grid = quad.terrain.grid;
      const t = grid ? pickTerrain(grid, ray, quad.terrain.top + 0.5) : -1;
      view.brushVisible = t >= 0;
      view.brushLower = e.shiftKey;
      if (t >= 0) view.brush.set(ray.ox + ray.dx * t, ray.oy + ray.dy * t, ray.oz + ray.dz * t);
      return t >= 0;
    };
    const dab = (e: PointerEvent) => {
      if (!hover(e)) return;
      lastDab = performance.now();
      quad.sculptAt(view.brush.x, view.brush.z, e.shiftKey);
    };
    const drag = (e: PointerEvent) => {
      const t = pickPlane(ray, view.trunk.y);
      if (t < 0) return;
      dragImpulse(
        ray.ox + ray.dx * t - view.trunk.x,
        ray.oz + ray.dz * t - view.trunk.z,
        view.drag,
      );
      const box = label.current;
      if (!box) return;
      const r = el.getBoundingClientRect();
      box.hidden = false;
      box.textContent = `${view.drag.length().toFixed(1)} N·s`;
      box.style.left = `${e.clientX - r.left + 14}px`;
      box.style.top = `${e.clientY - r.top - 10}px`;
    };

    const down = (e: PointerEvent) => {
      if (e.button !== 0 || pointer >= 0) return;
      aim(e);
      if (uiStore.getState().quad.brush.active) {
        mode = 'sculpt';
        dab(e);
      } else if (
        e.ctrlKey ||
        e.altKey ||
        e.metaKey ||
        rayNear(ray, view.trunk.x, view.trunk.y, view.trunk.z, GRAB_RADIUS)
      ) {
        mode = 'push';
        view.dragging = true;
        view.drag.set(0, 0, 0);
        el.style.cursor = 'grabbing';
      } else {
        mode = 'orbit';
      }
      pointer = e.pointerId;
      lastX = e.clientX;
      lastY = e.clientY;
      el.setPointerCapture(e.pointerId);
    };
    const move = (e: PointerEvent) => {
      aim(e);
      const brush = uiStore.getState().quad.brush.active;
      if (brush && mode !== 'orbit') hover(e);
      else view.brushVisible = false;
      if (e.pointerId !== pointer) {
        // Hovering: show that the robot can be grabbed.
        if (!brush)
          el.style.cursor = rayNear(ray, view.trunk.x, view.trunk.y, view.trunk.z, GRAB_RADIUS)
            ? 'grab'
            : '';
        return;
      }
      if (mode === 'orbit') {
        orbit.theta -= (e.clientX - lastX) * RAD_PER_PX;
        orbit.phi -= (e.clientY - lastY) * RAD_PER_PX;
      } else if (mode === 'push') drag(e);
      else if (mode === 'sculpt' && performance.now() - lastDab >= DAB_MS) dab(e);
      lastX = e.clientX;
      lastY = e.clientY;
    };
    const up = (e: PointerEvent) => {
      if (e.pointerId !== pointer) return;
      if (mode === 'push') {
        const j = view.drag;
        if (j.length() >= MIN_PUSH && e.type === 'pointerup') void quad.push([j.x, 0, j.z]);
        view.dragging = false;
        if (label.current) label.current.hidden = true;
        el.style.cursor = '';
      }
      mode = 'none';
      pointer = -1;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      orbit.radius *= Math.exp(e.deltaY * ZOOM_PER_DELTA);
    };
    const home = () => orbit.set(HOME_ORBIT.radius, HOME_ORBIT.phi, HOME_ORBIT.theta);
    const leave = () => void (view.brushVisible = false);

    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('pointerleave', leave);
    el.addEventListener('wheel', wheel, { passive: false });
    el.addEventListener('dblclick', home);
    el.style.touchAction = 'none';
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('pointerleave', leave);
      el.removeEventListener('wheel', wheel);
      el.removeEventListener('dblclick', home);
    };
  }, [camera, el, quad, view, orbit, label]);

  return null;
}
