import { describe, expect, it } from 'vitest';
import { createTerrain } from '../../sim/quadruped/terrain';
import { grow, wholeGrid, writeColors, writeNormals } from './terrainShading';

describe('terrain shading', () => {
  it('gives a slope the normal of its plane, and flat ground straight up', () => {
    const g = createTerrain({ kind: 'slope', difficulty: 1, seed: 1, sizeX: 6, sizeZ: 2 });
    const n = new Float32Array(g.positions.length);
    writeNormals(g, n, wholeGrid(g));
    const angle = (25 * Math.PI) / 180; // slope at difficulty 1: 3° + 22°
    const k = 3 * (Math.floor(g.nz / 2) * g.nx + (g.nx - 10)); // far up the ramp
    expect(n[k]).toBeCloseTo(-Math.sin(angle), 5);
    expect(n[k + 1]).toBeCloseTo(Math.cos(angle), 5);
    expect(n[k + 2]).toBeCloseTo(0, 6);
    expect([n[1], n[4]]).toEqual([1, 1]);
  });

  it('writes colours only inside the range it is given, brighter up high', () => {
    const g = createTerrain({ kind: 'hills', difficulty: 0.6, seed: 4, sizeX: 6, sizeZ: 4 });
    const n = new Float32Array(g.positions.length);
    const c = new Float32Array(g.positions.length).fill(-1);
    writeNormals(g, n, wholeGrid(g));
    const r = grow(g, { ix0: 10, ix1: 12, iz0: 5, iz1: 6 });
    expect(r).toEqual({ ix0: 9, ix1: 13, iz0: 4, iz1: 7 });
    writeColors(g, n, c, r, -0.5, 0.5);
    expect(c[0]).toBe(-1);
    const at = (iz: number, ix: number) => c[3 * (iz * g.nx + ix) + 1]!;
    expect(at(4, 9)).toBeGreaterThan(0);
    expect(at(3, 9)).toBe(-1);
  });
});
