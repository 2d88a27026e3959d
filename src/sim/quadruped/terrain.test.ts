import type { World } from '@dimforge/rapier3d-compat';
import { afterEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../lib/random';
import { loadRapier } from '../rapier';
import { createTerrain, TERRAIN_KINDS, type TerrainSpec } from './terrain';
import { createTerrainCollider } from './terrainCollider';
import type { TerrainGrid } from './terrainGrid';

/** A non-square grid: 97 samples along x, 61 along z. */
const GRID = { sizeX: 9.6, sizeZ: 6, cell: 0.1, originX: -3 };

const worlds: World[] = [];
afterEach(() => {
  for (const w of worlds.splice(0)) w.free();
});

/** Height of the drawn mesh at (x, z): barycentric interpolation on the triangle containing it. */
function meshHeight(g: TerrainGrid, x: number, z: number): number {
  const ix = Math.min(Math.floor((x - g.x0) / g.dx), g.nx - 2);
  const iz = Math.min(Math.floor((z - g.z0) / g.dz), g.nz - 2);
  const cell = iz * (g.nx - 1) + ix;
  for (let t = 0; t < 2; t++) {
    const v = [0, 1, 2].map((k) => g.indices[cell * 6 + t * 3 + k]! * 3);
    const [ax, az, bx, bz, cx, cz] = v.flatMap((i) => [g.positions[i]!, g.positions[i + 2]!]);
    const det = (bz! - cz!) * (ax! - cx!) + (cx! - bx!) * (az! - cz!);
    const l1 = ((bz! - cz!) * (x - cx!) + (cx! - bx!) * (z - cz!)) / det;
    const l2 = ((cz! - az!) * (x - cx!) + (ax! - cx!) * (z - cz!)) / det;
    const l3 = 1 - l1 - l2;
    if (l1 >= -1e-9 && l2 >= -1e-9 && l3 >= -1e-9) {
      return (
        l1 * g.positions[v[0]! + 1]! + l2 * g.positions[v[1]! + 1]! + l3 * g.positions[v[2]! + 1]!
      );
    }
  }
  throw new Error(`(${x}, ${z}) is in neither triangle of cell ${cell}`);
}

/** Largest |ray hit height − mesh height| over n random points, m. */
async function rayVsMesh(g: TerrainGrid, n: number, seed: number): Promise<number> {
  const R = await loadRapier();
  const world = new R.World({ x: 0, y: -9.81, z: 0 });
  worlds.push(world);
  createTerrainCollider(R, world, g, 0.8, 0xffffffff);
  world.step(); // builds the query structures
  const rng = new SeededRandom(seed);
  let worst = 0;
  for (let k = 0; k < n; k++) {
    const x = rng.uniform(g.x0 + 0.01, g.x0 + g.sizeX - 0.01);
    const z = rng.uniform(g.z0 + 0.01, g.z0 + g.sizeZ - 0.01);
    const hit = world.castRay(new R.Ray({ x, y: 50, z }, { x: 0, y: -1, z: 0 }), 100, true);
    expect(hit, `no hit at (${x}, ${z})`).not.toBeNull();
    const y = 50 - hit!.timeOfImpact;
    worst = Math.max(worst, Math.abs(y - meshHeight(g, x, z)), Math.abs(y - g.heightAt(x, z)));
  }
  return worst;
}

describe('terrain: heightfield collider and render mesh agree', () => {
  it.each(TERRAIN_KINDS)(
    'casts 400 rays on a 97 × 61 %s grid within 1 mm of the mesh',
    async (kind) => {
      const g = createTerrain({ kind, difficulty: 0.8, seed: 4, ...GRID });
      expect([g.nx, g.nz]).toEqual([97, 61]);
      expect(g.indices.length).toBe(96 * 60 * 6);
      expect(await rayVsMesh(g, 400, 1)).toBeLessThan(1e-3);
    },
  );

  it('still agrees after sculpting a bump and a dent (collider rebuilt from the same grid)', async () => {
    const g = createTerrain({ kind: 'rough', difficulty: 0.5, seed: 9, ...GRID });
    const before = g.heightAt(1, 0.5);
    const dirty = g.sculpt(1, 0.5, 0.6, 0.25);
    g.sculpt(-1.2, -1, 0.8, -0.3);
    expect(dirty).not.toBeNull();
    expect(g.heightAt(1, 0.5) - before).toBeCloseTo(0.25, 3);
    expect(await rayVsMesh(g, 400, 2)).toBeLessThan(1e-3);
  });

  it('has mesh normals pointing up (counter-clockwise from above)', () => {
    const g = createTerrain({ kind: 'flat', difficulty: 0, seed: 1, ...GRID });
    for (let t = 0; t < g.indices.length; t += 3) {
      const [a, b, c] = [0, 1, 2].map((k) => g.indices[t + k]! * 3) as [number, number, number];
      const e1x = g.positions[b]! - g.positions[a]!;
      const e1z = g.positions[b + 2]! - g.positions[a + 2]!;
      const e2x = g.positions[c]! - g.positions[a]!;
      const e2z = g.positions[c + 2]! - g.positions[a + 2]!;
      expect(e1z * e2x - e1x * e2z).toBeGreaterThan(0); // y of e1 × e2
    }
  });
});

describe('terrain generators', () => {
  const spec = (kind: TerrainSpec['kind'], difficulty: number, seed = 3): TerrainSpec => ({
    kind,
    difficulty,
    seed,
    ...GRID,
  });
  const spread = (g: TerrainGrid) => Math.max(...g.heights) - Math.min(...g.heights);

  it.each(TERRAIN_KINDS)('keeps a flat spawn pad at the origin (%s)', (kind) => {
    const g = createTerrain(spec(kind, 1));
    for (const [x, z] of [
      [0, 0],
      [0.5, 0],
      [-0.5, 0.3],
      [0, -0.5],
    ] as const) {
      expect(Math.abs(g.heightAt(x, z))).toBeLessThan(1e-6);
    }
  });

  it.each(['rough', 'hills', 'slope', 'stairs', 'stones'] as const)(
    'makes %s harder as the difficulty dial goes 0 → 1',
    (kind) => {
      expect(spread(createTerrain(spec(kind, 1)))).toBeGreaterThan(
        spread(createTerrain(spec(kind, 0))),
      );
    },
  );

  it('is a pure function of the seed', () => {
    const a = createTerrain(spec('rough', 0.5, 8)).heights;
    expect(createTerrain(spec('rough', 0.5, 8)).heights).toEqual(a);
    expect(createTerrain(spec('rough', 0.5, 9)).heights).not.toEqual(a);
  });

  it('rejects a difficulty outside [0, 1] and an unknown kind with the value in the message', () => {
    expect(() => createTerrain(spec('hills', 1.5))).toThrow(/1.5/);
    expect(() => createTerrain({ ...spec('flat', 0), kind: 'lava' as 'flat' })).toThrow(/lava/);
  });
});
