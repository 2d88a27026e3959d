import { LEG_NAMES } from './a1Model';
import type { QuadWorld } from './quadWorld';
import { WATCHDOG, type QuadFault } from './watchdog';

const LINK_NAMES = ['hip', 'thigh', 'calf'] as const;

/** A fault's body index (watchdog.ts convention) as words: "trunk", "FL calf", "RR foot". */
export function bodyName(body: number): string {
  if (body === 0) return 'trunk';
  if (body < 0) return `${LEG_NAMES[-1 - body] ?? '?'} foot`;
  const k = body - 1;
  return `${LEG_NAMES[Math.floor(k / 3)] ?? '?'} ${LINK_NAMES[k % 3]}`;
}

/**
 * One line for people, from the fault and the world as it was when the watchdog fired (call it
 * before the episode resets): "Fell: trunk tilt 64° > 60°", "Fell: trunk 9 cm above the ground
 * < 12 cm", "Walked off the edge of the terrain", "Fell through the terrain: FL foot",
 * "Physics blew up: RR calf left a finite state".
 */
export function faultLabel(f: QuadFault, w: QuadWorld): string {
  const t = w.trunk.translation();
  switch (f.reason) {
    case 'fell-tilt': {
      const r = w.trunk.rotation();
      const upY = 1 - 2 * (r.x * r.x + r.z * r.z);
      const deg = (Math.acos(Math.max(-1, Math.min(1, upY))) * 180) / Math.PI;
      return `Fell: trunk tilt ${deg.toFixed(0)}° > ${((WATCHDOG.maxTilt * 180) / Math.PI).toFixed(0)}°`;
    }
    case 'fell-height': {
      const cm = 100 * (t.y - w.terrain.heightAt(t.x, t.z));
      return `Fell: trunk ${cm.toFixed(0)} cm above the ground < ${(100 * WATCHDOG.minTrunkHeight).toFixed(0)} cm`;
    }
    case 'below-terrain': {
      // Off the grid there is no ground: the body that sank tells whether it left the grid.
      const p = f.body < 0 ? w.footPosition(-1 - f.body) : (w.bodies[f.body]?.translation() ?? t);
      const g = w.terrain;
      const off = p.x < g.x0 || p.x > g.x0 + g.sizeX || p.z < g.z0 || p.z > g.z0 + g.sizeZ;
      return off
        ? 'Walked off the edge of the terrain'
        : `Fell through the terrain: ${bodyName(f.body)}`;
    }
    case 'non-finite':
      return `Physics blew up: ${bodyName(f.body)} left a finite state`;
  }
}
