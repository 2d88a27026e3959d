import type { QuadWorld } from './quadWorld';
import type { Vec3 } from './quat';

/** Why an episode ended. */
export type QuadFaultReason = 'non-finite' | 'below-terrain' | 'fell-height' | 'fell-tilt';

export interface QuadFault {
  reason: QuadFaultReason;
  /** Body index (0 trunk, 1 + 3·leg + joint for links) or foot (−1 − leg); −1 when not a body. */
  body: number;
  /** Physics step count of the world when detected. */
  step: number;
  message: string;
}

/** Watchdog thresholds. */
export const WATCHDOG = {
  /** A foot or trunk centre this far below the surface at its (x, z) has tunnelled, m. */
  belowTerrain: 0.05,
  /** Trunk centre closer than this to the ground under it: fallen, m. */
  minTrunkHeight: 0.12,
  /** Trunk up axis tilted more than this from world up: fallen, rad (60°). */
  maxTilt: Math.PI / 3,
  /** Any body faster than this is treated as blown up, m/s. */
  maxSpeed: 50,
};

const foot: Vec3 = { x: 0, y: 0, z: 0 };

/**
 * Checks that every body is finite (and not absurdly fast) and that the trunk centre and the
 * feet are not below the terrain. Off the grid there is no ground: a robot that walks off the
 * edge falls and ends as below-terrain (heights there read as the nearest edge's). Cheap enough for every physics step; run it after each step
 * and before stepping a world that outside code may have touched.
 */
export function checkPhysical(w: QuadWorld): QuadFault | null {
  for (let i = 0; i < w.bodies.length; i++) {
    const b = w.bodies[i]!;
    const t = b.translation();
    const r = b.rotation();
    const v = b.linvel();
    const a = b.angvel();
    const sum = t.x + t.y + t.z + r.x + r.y + r.z + r.w + v.x + v.y + v.z + a.x + a.y + a.z;
    if (!Number.isFinite(sum) || Math.hypot(v.x, v.y, v.z) > WATCHDOG.maxSpeed) {
      return fault(w, 'non-finite', i, `body ${i} left a finite state`);
    }
  }
  const t = w.trunk.translation();
  if (t.y < w.terrain.heightAt(t.x, t.z) - WATCHDOG.belowTerrain) {
    return fault(
      w,
      'below-terrain',
      0,
      `trunk centre below the terrain at (${fmt(t.x)}, ${fmt(t.z)})`,
    );
  }
  for (let leg = 0; leg < 4; leg++) {
    w.footPosition(leg, foot);
    if (foot.y < w.terrain.heightAt(foot.x, foot.z) - WATCHDOG.belowTerrain) {
      return fault(w, 'below-terrain', -1 - leg, `foot ${leg} below the terrain`);
    }
  }
  return null;
}

/** Checks for a fall: trunk too low above the ground under it, or tilted past WATCHDOG.maxTilt. */
export function checkFall(w: QuadWorld): QuadFault | null {
  const t = w.trunk.translation();
  const r = w.trunk.rotation();
  // World y of the body's up axis: R[1][1].
  const upY = 1 - 2 * (r.x * r.x + r.z * r.z);
  if (upY < Math.cos(WATCHDOG.maxTilt)) {
    return fault(
      w,
      'fell-tilt',
      0,
      `trunk tilted ${fmt((Math.acos(Math.max(-1, upY)) * 180) / Math.PI)}°`,
    );
  }
  const clearance = t.y - w.terrain.heightAt(t.x, t.z);
  if (clearance < WATCHDOG.minTrunkHeight) {
    return fault(w, 'fell-height', 0, `trunk ${fmt(clearance)} m above the ground`);
  }
  return null;
}

function fault(w: QuadWorld, reason: QuadFaultReason, body: number, what: string): QuadFault {
  return {
    reason,
    body,
    step: w.stepCount,
    message: `[quad] ${reason}: ${what} at physics step ${w.stepCount}`,
  };
}

function fmt(x: number): string {
  return x.toFixed(3);
}
