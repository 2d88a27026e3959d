import { describe, expect, it } from 'vitest';
import { createTerrain } from '../../sim/quadruped/terrain';
import { pickPlane, pickTerrain, rayNear } from './terrainPick';

const grid = createTerrain({ kind: 'hills', difficulty: 0.5, seed: 3 });
let hi = -Infinity;
for (const h of grid.heights) hi = Math.max(hi, h);

describe('picking the terrain under the mouse', () => {
  it('meets the physics surface (heightAt) straight down, to 0.1 mm', () => {
    const t = pickTerrain(grid, { ox: 2.3, oy: 5, oz: -1.7, dx: 0, dy: -1, dz: 0 }, hi);
    expect(5 - t).toBeCloseTo(grid.heightAt(2.3, -1.7), 4);
  });

  it('meets it on a slanted ray at a point that lies on the surface', () => {
    const d = [0.6, -0.5, 0.3];
    const n = Math.hypot(...d);
    const r = { ox: -2, oy: 3, oz: -1, dx: d[0]! / n, dy: d[1]! / n, dz: d[2]! / n };
    const t = pickTerrain(grid, r, hi);
    expect(t).toBeGreaterThan(0);
    const x = r.ox + r.dx * t;
    const z = r.oz + r.dz * t;
    expect(r.oy + r.dy * t).toBeCloseTo(grid.heightAt(x, z), 3);
  });

  it('misses when the ray looks up or leaves the grid', () => {
    expect(pickTerrain(grid, { ox: 0, oy: 2, oz: 0, dx: 0, dy: 1, dz: 0 }, hi)).toBe(-1);
    expect(pickTerrain(grid, { ox: 0, oy: 2, oz: 0, dx: 0, dy: -0.01, dz: 1 }, hi)).toBe(-1);
  });

  it('crosses planes and tells a ray passing near a point from one passing far', () => {
    expect(pickPlane({ ox: 0, oy: 2, oz: 0, dx: 0, dy: -1, dz: 0 }, 0.5)).toBeCloseTo(1.5, 12);
    const r = { ox: 0, oy: 0, oz: 0, dx: 1, dy: 0, dz: 0 };
    expect(rayNear(r, 3, 0.2, 0, 0.25)).toBe(true);
    expect(rayNear(r, 3, 0.3, 0, 0.25)).toBe(false);
    expect(rayNear(r, -3, 0, 0, 0.25)).toBe(false);
  });
});
