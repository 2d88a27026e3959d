import { Vector3 } from 'three';

/** Impulse per metre dragged, N s/m, and the largest drag push, N s. */
export const PUSH_PER_M = 30;
export const MAX_DRAG_PUSH = 40;
/** How long an applied push's arrow stays on screen, ms. */
export const PUSH_FLASH_MS = 700;

/**
 * Per-frame state the quadruped scene's parts share, outside React: the drawn trunk position,
 * the camera target following it, the push being dragged, the last push applied (its arrow
 * fades out) and the brush under the mouse. Written by the frame loop and pointer handlers.
 */
export class QuadView {
  /** Trunk centre as drawn this frame (interpolated), world, m. */
  readonly trunk = new Vector3(0, 0.3, 0);
  /** Where the camera looks: the trunk, smoothed. */
  readonly target = new Vector3(0, 0.3, 0);
  /** The push being dragged: impulse (N s, world, horizontal) while `dragging`. */
  dragging = false;
  readonly drag = new Vector3();
  /** The last push applied (dragged or scripted): impulse, and when it stops showing (ms). */
  readonly flash = new Vector3();
  flashUntil = 0;
  /** Brush ring under the mouse: visible, centre (world) and whether it lowers. */
  brushVisible = false;
  readonly brush = new Vector3();
  brushLower = false;
  /** The run tick of the last scripted push already flashed. */
  lastPushTick = -1;

  showPush(impulse: readonly number[], now: number): void {
    this.flash.set(impulse[0]!, impulse[1]!, impulse[2]!);
    this.flashUntil = now + PUSH_FLASH_MS;
  }
}

/** A drag of `dx`, `dz` metres as an impulse (N s): PUSH_PER_M × drag, clamped to MAX_DRAG_PUSH. */
export function dragImpulse(dx: number, dz: number, out: Vector3): Vector3 {
  out.set(dx * PUSH_PER_M, 0, dz * PUSH_PER_M);
  const m = out.length();
  if (m > MAX_DRAG_PUSH) out.multiplyScalar(MAX_DRAG_PUSH / m);
  return out;
}
